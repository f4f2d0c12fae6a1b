"""`lint-request tui` at the command line, and the TUI's file and recovery layer on real files."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from linter.cli import EXIT_ERROR, main
from tui import files, recovery

RECOVERY_DIR = recovery.recovery_dir


@pytest.fixture(autouse=True)
def _own_recovery_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery, "recovery_dir", lambda: tmp_path / "recovery")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.mkdir() or p, "is a directory"),
    (lambda p: p.write_bytes(b"\x00\x01binary") and p, "binary file"),
])
def test_unreadable_path_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                make: Callable[[Path], object], reason: str) -> None:
    path = make(tmp_path / "x")
    code, err = run(capsys, "tui", str(path))
    assert code == EXIT_ERROR
    assert err.count("\n") == 1 and err.startswith("lint-request: error:") and reason in err


def test_without_a_terminal_it_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err = run(capsys, "tui", str(tmp_path / "new.txt"))  # pytest's stdin is no terminal
    assert code == EXIT_ERROR and "needs a terminal" in err and err.count("\n") == 1


def test_missing_textual_says_what_to_install(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "textual", None)  # makes `import textual` fail
    code, err = run(capsys, "tui")
    assert code == EXIT_ERROR and "pip install textual" in err and err.count("\n") == 1


def test_tui_is_a_command_not_a_draft(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["tui", "--help"])
    out = capsys.readouterr().out
    assert code == 0 and "PATH" in out and "--platform" in out


def test_check_path_does_not_import_textual() -> None:
    code = "import linter.cli, sys; print(sorted(m for m in sys.modules if m.startswith(('textual', 'tui'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_tui_knows_every_part_platform_and_recipient_field() -> None:
    from dataclasses import fields

    from linter import ANATOMY_PARTS, PLATFORMS, Recipient
    from tui.checker import PART_LABELS, PLATFORM_NAMES
    from tui.recipient import FIELDS

    assert tuple(PART_LABELS) == ANATOMY_PARTS
    assert set(PLATFORM_NAMES) == set(PLATFORMS)
    assert {name for name, _, _ in FIELDS} <= {f.name for f in fields(Recipient)}


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\n"), ("utf-8-sig", b"", "\r\n"), ("cp1252", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"), ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
])
def test_load_and_save_round_trip_bytes(tmp_path: Path, encoding: str, bom: bytes, newline: str) -> None:
    path = tmp_path / "d.txt"
    original = bom + f"Hallo Frau Öztürk,{newline}Grüße{newline}".encode(encoding)
    path.write_bytes(original)
    file, text = files.load(path)
    assert text == "Hallo Frau Öztürk,\nGrüße\n"
    files.save(text, file)
    assert path.read_bytes() == original


def test_missing_file_is_a_new_utf8_draft(tmp_path: Path) -> None:
    file, text = files.load(tmp_path / "neu.txt")
    assert (text, file.exists, file.encoding, file.newline) == ("", False, "utf-8", "\n")
    saved = files.save("Grüße", file)
    assert saved.exists and (tmp_path / "neu.txt").read_bytes() == "Grüße".encode()


def test_save_keeps_permissions_and_writes_through_symlinks(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("alt", encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    file, _ = files.load(link)
    files.save("neu", file)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "neu"
    assert target.stat().st_mode & 0o777 == 0o640


def test_unencodable_character_names_line_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes("Grüße".encode("cp1252"))
    file, _ = files.load(path)
    with pytest.raises(files.EncodingProblem, match=r"'ő' \(line 2\) cannot be written as cp1252"):
        files.save("Grüße\nSchőn", file)
    assert path.read_bytes() == "Grüße".encode("cp1252")


# ---------------------------------------------------------------- recovery


def test_recovery_slots_are_per_path_and_removable(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    assert recovery.write(a, "A") and recovery.write(b, "B") and recovery.write(None, "unbenannt")
    saved = recovery.read(a), recovery.read(b), recovery.read(None)
    assert [r.text if r else None for r in saved] == ["A", "B", "unbenannt"]
    recovery.remove(a)
    assert recovery.read(a) is None and recovery.read(b) is not None


def test_corrupt_or_foreign_recovery_file_is_ignored(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    recovery.slot(a).parent.mkdir(parents=True)
    recovery.slot(a).write_text("{not json", encoding="utf-8")
    assert recovery.read(a) is None
    recovery.write(tmp_path / "other.txt", "x")
    recovery.slot(tmp_path / "other.txt").rename(recovery.slot(a))  # a copy that claims another path
    assert recovery.read(a) is None


def test_recovery_lives_in_the_user_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(recovery, "recovery_dir", RECOVERY_DIR)  # the real one, not the fixture's
    monkeypatch.setenv("LINT_REQUEST_CACHE_DIR", str(tmp_path / "cache"))
    assert recovery.recovery_dir() == tmp_path / "cache" / "recovery"
    monkeypatch.setenv("LINT_REQUEST_NO_CACHE", "1")  # switches the rule cache off, not recovery
    assert recovery.recovery_dir() == tmp_path / "cache" / "recovery"
