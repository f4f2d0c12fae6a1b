"""``lint-request suggest`` and ``lint-request fix`` through the real command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from linter import lint_text
from linter.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main
from linter.suggest import fill_gaps

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
BAD_DE = EXAMPLES / "bad-request-de.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_suggest_writes_the_outline_to_stdout_and_the_commentary_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "suggest", str(BAD_DE))
    assert code == EXIT_OK
    assert "Profil besucht" not in out and "[" in out
    assert "Profil besucht" in err and "profile-visit" in err and "Score 0 →" in err
    # The outline alone is what lands in better.txt: it lints clean once its gaps are filled.
    assert not [f for f in lint_text(fill_gaps(out, "de")).findings if f.severity.label == "error"]


def test_suggest_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "suggest", "--format", "json", "--name", "Frau Anna Berger", "--company", "ACME",
                       "--met", "Barcamp Köln, März", "--offer", "unsere Testergebnisse", str(BAD_DE))
    data = json.loads(out)
    assert code == EXIT_OK
    assert {"outline", "removed", "inserted", "score_before", "score_after"} <= data.keys()
    assert data["outline"].startswith(("Hallo Frau Berger,", "Guten Tag Frau Berger,"))
    assert "beim Barcamp Köln im März" in data["outline"] and "unsere Testergebnisse" in data["outline"]
    assert all({"text", "rules"} <= r.keys() for r in data["removed"])
    assert data["inserted"][0]["part"] == "greeting"
    assert data["score_before"] < data["score_after"]


def test_suggest_variant_is_reproducible_and_changes_phrasings(capsys: pytest.CaptureFixture[str]) -> None:
    outs = {run(capsys, "suggest", "--variant", str(n), str(BAD_DE))[1] for n in range(4)}
    again = run(capsys, "suggest", "--variant", "1", str(BAD_DE))[1]
    assert len(outs) > 1 and again in outs


def test_suggest_reads_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hi there, I visited your profile.")))
    code, out, _ = run(capsys, "suggest", "-")
    assert code == EXIT_OK and out.startswith("Hi [first name],")


def test_suggest_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    for path in (str(tmp_path / "missing.txt"), str(binary)):
        code, out, err = run(capsys, "suggest", path)
        assert code == EXIT_ERROR and out == "" and len(err.strip().splitlines()) == 1


def _draft(tmp_path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path = tmp_path / "draft.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def test_fix_applies_safe_fixes_keeping_encoding_and_newlines(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    path = _draft(tmp_path, "Hallo Frau Müller\n\nich freue mich, daß wir uns  getroffen haben.\n", "cp1252", "\r\n")
    code, _, err = run(capsys, "fix", str(path))
    assert code == EXIT_OK and "fixed 3" in err
    data = path.read_bytes()
    assert data == "Hallo Frau Müller,\r\n\r\nich freue mich, dass wir uns getroffen haben.\r\n".encode("cp1252")
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]  # no temp file left behind


def test_fix_keeps_a_utf16_bom(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes("\ufeffEs ist nähmlich so.".encode("utf-16-be"))
    assert run(capsys, "fix", str(path))[0] == EXIT_OK
    assert path.read_bytes() == "\ufeffEs ist nämlich so.".encode("utf-16-be")


def test_fix_never_touches_content_sentences(capsys: pytest.CaptureFixture[str]) -> None:
    original = BAD_DE.read_bytes()
    code, out, _ = run(capsys, "fix", "--diff", str(BAD_DE))
    assert code == EXIT_OK and out == "" and BAD_DE.read_bytes() == original


def test_fix_diff_previews_without_writing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _draft(tmp_path, "Das ist bei uns Standart.\n")
    code, out, _ = run(capsys, "fix", "--diff", str(path))
    assert code == EXIT_FINDINGS
    assert "-Das ist bei uns Standart." in out and "+Das ist bei uns Standard." in out
    assert path.read_text() == "Das ist bei uns Standart.\n"


def test_fix_respects_ignore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _draft(tmp_path, "Das ist  bei uns Standart.\n")
    run(capsys, "fix", "--ignore", "spelling", str(path))
    assert path.read_text() == "Das ist bei uns Standart.\n"


def test_fix_failed_write_keeps_the_file_and_says_why(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = _draft(tmp_path, "Das ist bei uns Standart.\n")

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    code, _, err = run(capsys, "fix", str(path))
    assert code == EXIT_ERROR and "cannot write" in err and "No space left" in err
    assert path.read_text() == "Das ist bei uns Standart.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


def test_fix_stdin_writes_stdout(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Ein bißchen Zeit.\n".encode())))
    code, out, _ = run(capsys, "fix", "-")
    assert code == EXIT_OK and out == "Ein bisschen Zeit.\n"
