"""The drafting TUI, driven through Textual's Pilot as a user would: keys in, screen state out."""

from __future__ import annotations

import asyncio
import codecs
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")

from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from linter import ANATOMY_PARTS, lint_text
from tui import recovery
from tui.anatomy import AnatomyList
from tui.app import LintRequestApp, create_app
from tui.confirm import ConfirmScreen
from tui.findings import FindingsList
from tui.path_prompt import PathScreen
from tui.score import LengthCounter

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
BAD = "Sie haben mein Profil besucht."
GOOD = (EXAMPLES / "good-request-de.txt").read_text(encoding="utf-8")
SIZE = (100, 32)
DELAY = 0.01


def drive(app: LintRequestApp, scenario: Callable[[Pilot], Awaitable[None]]) -> None:
    """Run ``scenario`` against ``app`` in a headless terminal of SIZE."""

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await scenario(pilot)

    asyncio.run(main())


async def settle(pilot: Pilot) -> None:
    """Wait until the debounce timer fired and the lint worker delivered its report."""
    await pilot.pause(DELAY * 5)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` key by key (Pilot needs ~50 ms a key: keep it short)."""
    await pilot.press(*("enter" if ch == "\n" else ch for ch in text))
    await settle(pilot)


async def paste(pilot: Pilot, text: str) -> None:
    """Paste ``text`` as a terminal's bracketed paste does (the app hands it to the focused widget)."""
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


@pytest.fixture(autouse=True)
def _own_recovery_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own recovery files (the rule cache stays shared: it is slow to rebuild)."""
    monkeypatch.setattr(recovery, "recovery_dir", lambda: tmp_path / "recovery")


def rules(app: LintRequestApp) -> list[str]:
    return [f.rule for f in app.query_one(FindingsList).findings]


def make(path: Path | None = None, **kwargs: Any) -> LintRequestApp:  # create_app's keyword arguments
    return create_app(path, lint_delay=DELAY, **kwargs)


@pytest.mark.slow
def test_typing_a_bad_draft_shows_findings_and_fixing_it_clears_them(tmp_path: Path) -> None:
    app = make(tmp_path / "new.txt")

    async def scenario(pilot: Pilot) -> None:
        assert app.focused is app.editor, "typing must go straight into the draft"
        await type_text(pilot, BAD)
        assert app.text == BAD
        found = rules(app)
        assert "profile-visit" in found and "no-connection" in found
        assert not app.query_one(AnatomyList).anatomy["greeting"]
        # The engine agrees with what the app shows.
        assert sorted(found) == sorted(f.rule for f in lint_text(BAD).findings)

        await pilot.press("f7")  # the editor's select-all
        await paste(pilot, GOOD)
        assert app.text == GOOD
        assert "profile-visit" not in rules(app) and "no-connection" not in rules(app)
        assert app.query_one(AnatomyList).anatomy == dict.fromkeys(ANATOMY_PARTS, True)
        assert app.report is not None and app.report.score >= 90

    drive(app, scenario)


def test_choosing_a_finding_moves_the_cursor_to_its_span(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Hallo Frau Berger,\n\n" + BAD + "\n", encoding="utf-8")
    app = make(draft)

    async def scenario(pilot: Pilot) -> None:
        findings = app.query_one(FindingsList)
        index = [f.rule for f in findings.findings].index("profile-visit")
        findings.focus()
        await pilot.press("home", *["down"] * index, "enter")
        await pilot.pause()
        span = findings.findings[index].span
        assert app.focused is app.editor
        assert app.editor.selected_text == app.text[span.start:span.end] == "Sie haben mein Profil besucht"
        assert app.editor.selection.start == (2, 0)

    drive(app, scenario)


@pytest.mark.slow
def test_platform_switch_changes_the_counter_limit(tmp_path: Path) -> None:
    app = make(None)

    async def scenario(pilot: Pilot) -> None:
        await type_text(pilot, "Hallo Frau Berger")
        counter = app.query_one(LengthCounter)
        assert "17/800 chars" in str(counter.content)
        await pilot.press("f3")  # generic -> XING
        await settle(pilot)
        assert app.platform == "xing" and "17/600 chars" in str(counter.content)
        await pilot.press("f3", "f3")  # -> LinkedIn -> LinkedIn free
        await settle(pilot)
        assert "17/200 chars" in str(counter.content)
        await pilot.press("f3")  # -> e-mail, counted in words
        await settle(pilot)
        assert "3/200 words" in str(counter.content)

    drive(app, scenario)


def test_counter_and_length_rule_agree_on_the_limit(tmp_path: Path) -> None:
    app = make(None, platform="linkedin-free")

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, "Hallo " * 34)  # 203 characters without the trailing space
        assert "203/200 chars" in str(app.query_one(LengthCounter).content)
        assert "too-long" in rules(app)

    drive(app, scenario)


@pytest.mark.slow
def test_ctrl_s_keeps_encoding_and_newlines(tmp_path: Path) -> None:
    draft = tmp_path / "windows.txt"
    draft.write_bytes("Hallo Frau Müller,\r\nGrüße\r\n".encode("cp1252"))
    app = make(draft)

    async def scenario(pilot: Pilot) -> None:
        assert app.text == "Hallo Frau Müller,\nGrüße\n"
        await pilot.press("ctrl+end", *" aus Köln", "ctrl+s")
        await pilot.pause()
        assert not app.modified
        assert draft.read_bytes() == "Hallo Frau Müller,\r\nGrüße\r\n aus Köln".encode("cp1252")

    drive(app, scenario)


@pytest.mark.slow
@pytest.mark.parametrize("encoding, bom", [("utf-8-sig", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_ctrl_s_keeps_byte_order_marks(tmp_path: Path, encoding: str, bom: bytes) -> None:
    draft = tmp_path / "bom.txt"
    draft.write_bytes(bom + "Grüße\n".encode(encoding))
    app = make(draft)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("ctrl+end", "ä", "ctrl+s")
        await pilot.pause()
        assert draft.read_bytes() == bom + "Grüße\nä".encode(encoding)

    drive(app, scenario)


@pytest.mark.slow
def test_new_draft_without_path_is_saved_through_save_as(tmp_path: Path) -> None:
    app = make(None)
    target = tmp_path / "neu.txt"

    async def scenario(pilot: Pilot) -> None:
        await type_text(pilot, "Grüß Gott")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "Grüß Gott"
        assert app.file.path == target and not app.modified

    drive(app, scenario)


@pytest.mark.slow
def test_a_failed_save_keeps_the_buffer_and_says_why(tmp_path: Path) -> None:
    draft = tmp_path / "no-such-folder" / "d.txt"
    app = make(draft)

    async def scenario(pilot: Pilot) -> None:
        await type_text(pilot, "Wichtiger Text")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.text == "Wichtiger Text" and app.modified
        assert any("cannot save" in n.message for n in app._notifications)
        assert not draft.exists()

    drive(app, scenario)


@pytest.mark.slow
def test_disk_full_keeps_the_old_file_and_the_buffer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("alt", encoding="utf-8")
    app = make(draft, autosave_interval=3600)  # no recovery folder beside the draft on a slow machine

    def full(fd: int) -> None:
        raise OSError(28, os.strerror(28))

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("ctrl+end", *" und neu")
        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", full)
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert draft.read_text(encoding="utf-8") == "alt"
        assert app.text == "alt und neu" and app.modified
        assert any(os.strerror(28) in n.message for n in app._notifications)
        assert [p.name for p in tmp_path.iterdir()] == ["d.txt"], "no temporary file left behind"

    drive(app, scenario)


@pytest.mark.slow
def test_ctrl_q_with_unsaved_changes_asks_and_defaults_to_keeping_them(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    app = make(draft)

    async def scenario(pilot: Pilot) -> None:
        await type_text(pilot, "Entwurf")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.focused is app.screen.query_one("#no", Button)
        await pilot.press("enter")  # the focused, safe answer
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen) and app.is_running and app.text == "Entwurf"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("escape")  # Escape is the safe answer too
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert not app.is_running

    drive(app, scenario)
    assert recovery.read(draft) is None, "an explicit discard removes the recovery copy"


def test_quit_without_changes_does_not_ask(tmp_path: Path) -> None:
    app = make(None)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running

    drive(app, scenario)


@pytest.mark.slow
def test_recovery_after_a_crash(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Gespeichert.", encoding="utf-8")
    first = make(draft, autosave_interval=0.05)

    async def crash(pilot: Pilot) -> None:
        await pilot.press("ctrl+end", *" Grüße!")
        await pilot.pause(0.2)
        saved = recovery.read(draft)
        assert saved is not None  # written by the timer, not at exit
        assert saved.text == "Gespeichert. Grüße!"

    drive(first, crash)  # leaves without quitting, as a crash would
    assert draft.read_text(encoding="utf-8") == "Gespeichert."

    second = make(draft)

    async def recover(pilot: Pilot) -> None:
        assert isinstance(second.screen, ConfirmScreen)
        await pilot.press("enter")  # "Recover" is focused
        await settle(pilot)
        assert second.text == "Gespeichert. Grüße!" and second.modified
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert recovery.read(draft) is None, "a successful save removes the recovery copy"

    drive(second, recover)
    assert draft.read_text(encoding="utf-8") == "Gespeichert. Grüße!"


def test_recovery_can_be_discarded(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Gespeichert.", encoding="utf-8")
    recovery.write(draft, "Verworfen.")
    app = make(draft)

    async def scenario(pilot: Pilot) -> None:
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#no")
        await pilot.pause()
        assert app.text == "Gespeichert." and recovery.read(draft) is None

    drive(app, scenario)


def test_unnamed_drafts_have_their_own_recovery_slot() -> None:
    recovery.write(None, "Ohne Namen")
    app = make(None)

    async def scenario(pilot: Pilot) -> None:
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.text == "Ohne Namen"

    drive(app, scenario)
    recovery.remove(None)


@pytest.mark.slow
def test_ctrl_f_applies_the_safe_fix_of_the_selected_finding(tmp_path: Path) -> None:
    app = make(None)

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, "Hallo Frau Berger,\n\nich hoffe, daß wir  uns sehen.")
        findings = app.query_one(FindingsList)
        index = [f.rule for f in findings.findings].index("spelling")
        findings.focus()
        await pilot.press("home", *["down"] * index, "enter")  # choose it: the cursor goes to "daß"
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert app.text == "Hallo Frau Berger,\n\nich hoffe, dass wir  uns sehen."
        assert "spelling" not in rules(app) and "double-space" in rules(app)
        await pilot.press("ctrl+z")  # one undo step brings the original back
        assert "daß" in app.text

    drive(app, scenario)


def test_ctrl_f_on_a_finding_without_fix_changes_nothing(tmp_path: Path) -> None:
    app = make(None)

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, BAD)
        await pilot.press("ctrl+f")  # the highlighted finding is profile-visit: no automatic fix
        await settle(pilot)
        assert app.text == BAD
        assert any("no automatic fix" in n.message for n in app._notifications)

    drive(app, scenario)


@pytest.mark.slow
def test_ctrl_t_inserts_the_sentence_of_the_selected_part_and_selects_its_gap(tmp_path: Path) -> None:
    app = make(None)

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, "wir haben uns letzte Woche auf dem Barcamp in Köln kennengelernt.")
        await pilot.press("ctrl+home")
        findings = app.query_one(FindingsList)
        index = [f.rule for f in findings.findings].index("missing-greeting")
        findings.focus()
        await pilot.press("home", *["down"] * index, "ctrl+t")
        await pilot.pause()
        assert app.text.startswith("Hallo [Frau/Herr Nachname],\n\nwir haben uns")
        assert app.focused is app.editor and app.editor.selected_text == "[Frau/Herr Nachname]"
        await type_text(pilot, "Frau Berger")  # typing replaces the gap
        assert app.text.startswith("Hallo Frau Berger,\n\nwir haben uns")
        assert app.query_one(AnatomyList).anatomy["greeting"]
        assert "missing-greeting" not in rules(app)

    drive(app, scenario)


@pytest.mark.slow
def test_recipient_fields_feed_the_inserted_sentences(tmp_path: Path) -> None:
    app = make(None)

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, "Ich schreibe Ihnen wegen Ihres Vortrags.")
        await pilot.press("ctrl+r")
        await pilot.pause()
        for field, value in (("salutation", "Frau"), ("first_name", "Anna"), ("last_name", "Berger")):
            app.screen.query_one(f"#{field}", Input).focus()
            await pilot.press(*value)
        await pilot.click("#apply")
        await settle(pilot)
        assert app.recipient.last_name == "Berger"
        assert "Frau Anna Berger" in str(app.query_one("#recipient-summary", Static).content)
        await pilot.press("ctrl+home")
        app.query_one(AnatomyList).focus()
        await pilot.press("home", "enter")  # the first part, the greeting: Enter inserts it
        await settle(pilot)
        assert app.text.startswith("Hallo Frau Berger,\n\nIch schreibe")

    drive(app, scenario)


@pytest.mark.slow
def test_ctrl_s_offers_utf8_when_the_file_encoding_cannot_hold_a_character(tmp_path: Path) -> None:
    draft = tmp_path / "alt.txt"
    draft.write_bytes("Grüße".encode("cp1252"))
    app = make(draft)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("ctrl+end", *" Łódź", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and draft.read_bytes() == "Grüße".encode("cp1252")
        await pilot.click("#yes")
        await pilot.pause()
        assert draft.read_text(encoding="utf-8") == "Grüße Łódź" and not app.modified

    drive(app, scenario)


def test_help_lists_every_key_and_explains_the_grammar_findings() -> None:
    from textual.widgets import Static

    from tui.help import HelpScreen, key_label

    app = create_app(None, lint_delay=DELAY)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("f1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        shown = "\n".join(str(s.render()) for s in screen.query(Static))
        keys = {key_label(b.key) for b in screen.app_bindings}
        assert {"Ctrl+S", "Ctrl+T", "Ctrl+F", "Ctrl+Q"} <= keys   # the app's own bindings
        assert "Grammar: with LanguageTool configured" in shown and "LT:" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)

    drive(app, scenario)
