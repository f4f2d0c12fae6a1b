"""The text output reads like the draft: what it says in text order, then the parts it lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.cli import main


def test_phrase_findings_come_first_then_missing_parts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Hallo,\nich habe Ihr Profil gesehen. Vielleicht ergeben sich Synergien.\n", encoding="utf-8")
    main(["--lang", "de", "-q", str(draft)])
    rows = [line.split(": ", 1)[0].split(":")[-2:] for line in capsys.readouterr().out.splitlines()]
    positions = [(int(line), int(col)) for line, col in rows]
    first_missing = positions.index((1, 1))
    assert first_missing > 0, "a phrase finding must come before the missing parts"
    assert positions[:first_missing] == sorted(positions[:first_missing])
    assert all(p == (1, 1) for p in positions[first_missing:])
    assert positions[0] == (2, 1)
