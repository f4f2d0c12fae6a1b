"""Reviewed SVG snapshots of the TUI at 100x32 (pytest-textual-snapshot).

Update after a reviewed change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("pytest_textual_snapshot")

from textual.pilot import Pilot

from tui import recovery
from tui.app import create_app
from tui.editor import DraftEditor

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
SnapCompare = Callable[..., bool]
"""pytest-textual-snapshot's fixture: compare a screenshot of an app with the stored one."""
SIZE = (100, 32)


@pytest.fixture(autouse=True)
def _stable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same title and no recovery dialog on every machine."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(recovery, "recovery_dir", lambda: tmp_path / "recovery")


async def settled(pilot: Pilot) -> None:
    """No blinking cursor, and the lint worker has delivered."""
    pilot.app.query_one("#editor", DraftEditor).cursor_blink = False
    await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def draft(tmp_path: Path, example: str) -> Path:
    return Path(shutil.copy(EXAMPLES / example, tmp_path / "entwurf.txt"))


def test_bad_german_draft(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Findings underlined in the editor, listed below, the first one explained; most parts missing."""
    app = create_app(draft(tmp_path, "bad-request-de.txt"), lint_delay=0.01)
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_good_draft_too_long_for_linkedin(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """All seven parts ticked, but over LinkedIn's 300 characters: counter red, overflow underlined."""
    app = create_app(draft(tmp_path, "good-request-de.txt"), platform="linkedin", lint_delay=0.01)
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


@pytest.mark.slow
def test_quit_with_unsaved_changes_asks(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """The quit dialog over an edited draft; "Keep editing" is focused."""
    app = create_app(draft(tmp_path, "good-request-de.txt"), lint_delay=0.01)

    async def edit_and_quit(pilot: Pilot) -> None:
        await pilot.press("ctrl+end", *"PS: Grüße aus Köln!")
        await settled(pilot)
        await pilot.press("ctrl+q")

    assert snap_compare(app, terminal_size=SIZE, run_before=edit_and_quit)


def test_help_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Every key with what it does, then the panels and how recovery works."""
    app = create_app(None, lint_delay=0.01)
    assert snap_compare(app, terminal_size=SIZE, press=["f1"], run_before=settled)
