"""Bad input gets one clear line and a defined exit code, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter import Linter, lint_text
from linter.cli import EXIT_ERROR, EXIT_FINDINGS, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.txt"))
    assert code == EXIT_ERROR
    assert err.strip().splitlines() == [f"lint-request: error: {tmp_path / 'nope.txt'}: no such file or directory"]


def test_missing_file_does_not_stop_the_others(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Sie haben mein Profil besucht.", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path / "nope.txt"), str(good))
    assert code == EXIT_ERROR and "profile-visit" in out and "nope.txt" in err


def test_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can read files without permission bits")
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    code, _, err = run(capsys, str(path))
    assert code == EXIT_ERROR and "permission denied" in err


def test_binary_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, _, err = run(capsys, str(path))
    assert code == EXIT_ERROR and "binary" in err and len(err.strip().splitlines()) == 1


def test_cp1252_is_read_with_a_note(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    text = "Sehr geehrter Herr Müller, ich habe Ihr Profil gesehen. Grüße – Jörg"
    path.write_bytes(text.encode("cp1252"))
    code, out, err = run(capsys, str(path))
    assert code == EXIT_FINDINGS
    assert "profile-visit" in out and "Müller" not in err
    assert "cp1252" in err and "note" in err
    code, out, _ = run(capsys, "--format", "json", str(path))
    file = json.loads(out)["files"][0]
    assert file["encoding"] == "cp1252" and any("cp1252" in n for n in file["notes"])
    match = next(f for f in file["findings"] if f["rule"] == "profile-visit")["match"]
    assert match == "ich habe Ihr Profil gesehen"


def test_utf8_bom_and_crlf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHallo Frau Öz,\r\nSie haben mein Profil besucht.\r\n".encode())
    _, out, _ = run(capsys, "--format", "json", str(path))
    finding = next(f for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "profile-visit")
    assert (finding["line"], finding["column"]) == (2, 1)


@pytest.mark.parametrize("content", [b"", b"   \n\n  ", "…!?".encode()])
def test_empty_draft_is_empty_request(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    code, out, _ = run(capsys, "--format", "json", str(path))
    file = json.loads(out)["files"][0]
    assert code == EXIT_FINDINGS
    assert [f["rule"] for f in file["findings"]] == ["empty-request"]
    assert file["score"] == 0


@pytest.mark.slow
def test_ten_megabyte_draft_finishes_without_timeouts() -> None:
    paragraph = ("Hallo Frau Berger, wir haben uns auf dem Barcamp in Köln unterhalten. Ich habe Ihr Profil "
                 "gesehen und vielleicht ergeben sich Synergien. Viele Grüße, Jonas. ")
    text = paragraph * (10_000_000 // len(paragraph))
    report = Linter().lint(text, lang="de")
    assert report.notes == ()
    assert sum(f.rule == "profile-visit" for f in report.findings) == text.count("Ich habe Ihr Profil gesehen")


def test_catastrophic_user_pattern_is_bounded(tmp_path: Path) -> None:
    rule = tmp_path / "de" / "evil.toml"
    rule.parent.mkdir()
    rule.write_text(
        "id = 'evil'\nkind = 'phrase'\nseverity = 'error'\nmessage = 'm'\nsuggestion = 's'\nwhy = 'w'\n"
        "patterns = [{ regex = '''(x+x+)+y''' }]\n",  # the explicit raw-regex escape hatch
        encoding="utf-8",
    )
    linter = Linter(rulesets=[str(tmp_path)], timeout=0.2)
    text = "x" * 5_000 + " Sie haben mein Profil besucht."
    started = time.perf_counter()
    report = linter.lint(text, lang="de")
    elapsed = time.perf_counter() - started
    # Backtracking (x+x+)+y over 5,000 x is astronomically slow; the timeout ends it.
    assert elapsed < 10
    assert any("evil" in note and "timed out" in note for note in report.notes)
    assert any(f.rule == "profile-visit" for f in report.findings)


def test_timeout_note_reaches_the_user(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rules = tmp_path / "rules" / "de"
    rules.mkdir(parents=True)
    (rules / "evil.toml").write_text(
        "id = 'evil'\nkind = 'phrase'\nseverity = 'error'\nmessage = 'm'\nsuggestion = 's'\nwhy = 'w'\n"
        "patterns = [{ regex = '''(x+x+)+y''' }]\n",  # the explicit raw-regex escape hatch
        encoding="utf-8",
    )
    draft = tmp_path / "d.txt"
    draft.write_text("Hallo, " + "x" * 3_000, encoding="utf-8")
    _, _, err = run(capsys, "--ruleset", str(tmp_path / "rules"), str(draft))
    assert "rule evil timed out" in err


@pytest.mark.slow
def test_installed_console_script_never_prints_a_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    cases = [[str(tmp_path / "missing.txt")], [str(binary)], ["--lang", "fr", "x.txt"], ["--bogus"],
             ["rule", "nope"], ["check-rules", str(tmp_path / "missing")]]
    for argv in cases:
        proc = subprocess.run([sys.executable, "-m", "linter", *argv], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=60)
        assert proc.returncode == EXIT_ERROR, (argv, proc.stderr)
        assert "Traceback" not in proc.stderr + proc.stdout, argv


def test_lint_text_rejects_unknown_language_and_platform() -> None:
    with pytest.raises(ValueError, match="choose one of"):
        lint_text("Hallo", lang="fr")
    with pytest.raises(ValueError, match="choose one of"):
        lint_text("Hallo", platform="myspace")
