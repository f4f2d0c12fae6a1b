"""The `local` mode through language-tool-python's own server management, with a stand-in for Java.

The real LanguageTool download is not reachable from CI, so a fake ``java`` on PATH answers
``java -version`` like OpenJDK 17 and, when language-tool-python starts
``java -cp languagetool-server.jar org.languagetool.server.HTTPServer -p PORT``, serves the
loopback LanguageTool from languagetool_fake.py on that port.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from linter.cli import EXIT_ERROR, EXIT_OK, main

TESTS = Path(__file__).resolve().parent

FAKE_JAVA = f"""#!{sys.executable}
import sys
args = sys.argv[1:]
if args == ["-version"]:
    print('openjdk version "17.0.15" 2025-04-15', file=sys.stderr)
    sys.exit(0)
assert "org.languagetool.server.HTTPServer" in args, args
sys.path.insert(0, {str(TESTS)!r})
from languagetool_fake import FakeLanguageTool
FakeLanguageTool(port=int(args[args.index("-p") + 1])).serve_forever()
"""


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A LanguageTool 6.8 "installation" where language-tool-python looks, and the fake java on PATH."""
    ltp = tmp_path / "ltp"
    (ltp / "LanguageTool-6.8").mkdir(parents=True)
    (ltp / "LanguageTool-6.8" / "languagetool-server.jar").write_bytes(b"")
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text(FAKE_JAVA, encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setenv("LTP_PATH", str(ltp))
    monkeypatch.setenv("PATH", f"{java.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return ltp


def test_auto_uses_an_installed_local_languagetool_and_stops_it(capsys: pytest.CaptureFixture[str],
                                                                installed: Path, tmp_path: Path) -> None:
    from language_tool_python.server import RUNNING_SERVER_PROCESSES

    draft = tmp_path / "d.txt"
    draft.write_text("Grüße 😀 – meine Anfrge ist kurz: ein Frage.", encoding="utf-8")
    code = main(["--format", "json", "--exit-zero", str(draft)])
    out, err = capsys.readouterr()
    findings = json.loads(out)["files"][0]["findings"]
    assert code == EXIT_OK and err == ""
    assert [(f["rule"], f["match"]) for f in findings if f["source"] == "languagetool"] == [
        ("LT:GERMAN_SPELLER_RULE", "Anfrge"), ("LT:DE_AGREEMENT", "ein Frage")]
    assert RUNNING_SERVER_PROCESSES == []           # the session's close() stopped "Java"

    assert main(["grammar", "status"]) == EXIT_OK
    status = capsys.readouterr().out
    assert f"local:      LanguageTool 6.8 in {installed} (Java 17)" in status
    assert "uses:       local LanguageTool 6.8" in status


def test_local_mode_without_installation_warns_and_points_to_setup(capsys: pytest.CaptureFixture[str],
                                                                    installed: Path, tmp_path: Path) -> None:
    (installed / "LanguageTool-6.8" / "languagetool-server.jar").unlink()
    draft = tmp_path / "d.txt"
    draft.write_text("Meine Anfrge ist kurz.", encoding="utf-8")
    code = main(["--grammar", "local", str(draft)])
    err = capsys.readouterr().err
    assert err == ("lint-request: warning: grammar check skipped: the local LanguageTool is not installed; "
                   "run `lint-request grammar setup`\n")
    assert main(["--grammar", "local", "--grammar-required", str(draft)]) == EXIT_ERROR
    assert code != EXIT_ERROR
