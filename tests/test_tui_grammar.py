"""LanguageTool in the TUI, driven through Pilot against the loopback fake server."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

pytest.importorskip("textual")

from languagetool_fake import FakeLanguageTool, closed_port_url
from textual.pilot import Pilot

from linter import Finding, Recipient, Severity, Span, lint_text
from linter.cli import EXIT_ERROR, main
from linter.grammar import GrammarSettings, resolve_settings
from tui import recovery
from tui.app import LintRequestApp, create_app
from tui.findings import FindingsList
from tui.grammar import carry_over

SIZE = (100, 32)
DELAY = 0.01
TYPO = "Hallo Frau Berger,\n\nich hoffe, daß Sie meine Anfrge lesen."


@pytest.fixture(autouse=True)
def _own_recovery_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery, "recovery_dir", lambda: tmp_path / "recovery")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[list[tuple[str, str]]]:
    """Every list of (rule, matched text) the findings panel was given, in order."""
    calls: list[list[tuple[str, str]]] = []
    original = FindingsList.show

    def spy(self: FindingsList, text: str, findings: tuple[Finding, ...]) -> None:
        calls.append([(f.rule, f.match) for f in findings])
        original(self, text, findings)

    monkeypatch.setattr(FindingsList, "show", spy)
    return calls


def server(url: str, timeout: float = 5.0) -> GrammarSettings:
    return resolve_settings({"mode": "server", "url": url}, env={})._replace(timeout=timeout)


def make(grammar: GrammarSettings | None) -> LintRequestApp:
    return create_app(None, grammar=grammar, lint_delay=DELAY)


def drive(app: LintRequestApp, scenario: Callable[[Pilot], Awaitable[None]]) -> None:
    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(DELAY * 5)
            await scenario(pilot)

    asyncio.run(main())


async def until(pilot: Pilot, condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Let the app run until ``condition`` holds (LanguageTool answers from its own thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.02)


async def paste(pilot: Pilot, text: str) -> None:
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await pilot.pause(DELAY * 5)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rules(app: LintRequestApp) -> list[tuple[str, str]]:
    return [(f.rule, f.match) for f in app.query_one(FindingsList).findings]


def status(app: LintRequestApp) -> str:
    return str(app.editor.border_subtitle or "")


@pytest.mark.slow
def test_a_typo_gets_a_languagetool_finding_marked_in_the_editor(fake: FakeLanguageTool) -> None:
    app = make(server(fake.url))

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, TYPO)
        await until(pilot, lambda: ("LT:GERMAN_SPELLER_RULE", "Anfrge") in rules(app), "the LanguageTool finding")
        assert status(app) == "Grammar: ok"
        own = lint_text(TYPO)
        # "daß" is flagged by both the spelling rule and LanguageTool: shown once, as the own rule.
        assert [r for r in rules(app) if r[1] == "daß"] == [("spelling", "daß")]
        assert sorted(rules(app)) == sorted([(f.rule, f.match) for f in own.findings]
                                            + [("LT:GERMAN_SPELLER_RULE", "Anfrge")])
        assert app.report is not None and app.report.score == own.score   # grammar never moves the score
        line = app.editor.get_line(2)                                      # the typo is underlined
        start = line.plain.index("Anfrge")
        assert any(s.start <= start and s.end >= start + 6 and "underline" in str(s.style) for s in line.spans)

        # Ctrl+F on it applies LanguageTool's replacement; the next check finds nothing there.
        findings = app.query_one(FindingsList)
        findings.focus()
        await pilot.press("home", *["down"] * [f.match for f in findings.findings].index("Anfrge"), "ctrl+f")
        await until(pilot, lambda: "Anfrage" in app.text and app.grammar is not None
                    and app.grammar.checked is not None and app.grammar.checked[0] == app.text, "the re-check")
        await pilot.pause()
        assert not [r for r in rules(app) if r[0].startswith("LT:")]
        assert [c["language"] for c in fake.checks] == ["de-DE", "de-DE"]

    drive(app, scenario)


@pytest.mark.slow
def test_an_answer_for_text_that_changed_is_never_shown(fake: FakeLanguageTool,
                                                        shown: list[list[tuple[str, str]]]) -> None:
    fake.gate = gate = threading.Event()   # LanguageTool answers only when the test says so
    app = make(server(fake.url))

    async def scenario(pilot: Pilot) -> None:
        assert app.grammar is not None
        await paste(pilot, TYPO)
        await until(pilot, lambda: len(fake.checks) == 1, "the check to reach LanguageTool")
        assert status(app) == "Grammar: checking…"
        app.lint_delay = 60                # the edit below is not re-linted, so its check is not sent yet
        start = app.text.index("Anfrge")
        app.editor.select_span(start, start + len("Anfrge"))
        await pilot.press(*"Anfrage")
        assert "Anfrge" not in app.text
        gate.set()                         # now the answer for the old text arrives …
        await until(pilot, lambda: app.grammar is not None and app.grammar.stale == 1, "the stale answer")
        await pilot.pause()
        assert status(app) == "Grammar: checking…"

        app.lint_delay = DELAY
        await pilot.press("end", "!")      # … and the next pause in typing sends the new text
        await until(pilot, lambda: app.grammar is not None and app.grammar.checked is not None
                    and app.grammar.checked[0] == app.text,
                    "the answer for the new text")
        await pilot.pause()
        assert status(app) == "Grammar: ok" and len(fake.checks) == 2
        assert shown and not [s for s in shown if ("LT:GERMAN_SPELLER_RULE", "Anfrge") in s]

    drive(app, scenario)


@pytest.mark.slow
def test_languagetool_down_is_one_notification_and_the_rules_go_on() -> None:
    app = make(server(closed_port_url()))

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, "Sie haben mein Profil besucht.")
        await until(pilot, lambda: status(app).startswith("Grammar: unavailable: "), "the failure")
        assert "is not reachable (connection refused)" in status(app)
        assert "profile-visit" in [r for r, _ in rules(app)]
        for key in "Hallo":                # more typing, more checks: no more notifications
            await pilot.press("end", key)
            await pilot.pause(DELAY * 5)
            await pilot.app.workers.wait_for_complete()
            await until(pilot, lambda: app.grammar is not None and app.grammar.pending is None, "the check")
        notes = [n for n in app._notifications if n.title == "Grammar check unavailable"]
        assert len(notes) == 1 and "connection refused" in notes[0].message
        assert "profile-visit" in [r for r, _ in rules(app)] and app.text.endswith("Hallo")

    drive(app, scenario)


def test_the_session_is_closed_on_quit(fake: FakeLanguageTool) -> None:
    app = make(server(fake.url))
    closed = []

    async def scenario(pilot: Pilot) -> None:
        assert app.checker.grammar is not None
        session_close = app.checker.grammar.close

        def close_and_record() -> None:
            closed.append(True)
            session_close()

        app.checker.grammar.close = close_and_record  # type: ignore[method-assign]  # a spy on the real close
        await paste(pilot, TYPO)
        await until(pilot, lambda: any(r[0].startswith("LT:") for r in rules(app)), "the LanguageTool finding")
        await pilot.press("ctrl+q")        # nothing to save: quits at once
        await pilot.pause()

    drive(app, scenario)
    assert closed == [True] and not app.is_running


def test_grammar_off_asks_nobody_and_shows_no_status() -> None:
    app = make(GrammarSettings(mode="off"))

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, TYPO)
        assert app.grammar is None and app.checker.grammar is None and not status(app)
        assert ("spelling", "daß") in rules(app)

    drive(app, scenario)


def test_tui_command_line_grammar_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tui", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--grammar" in out and "--languagetool-url" in out and "--grammar-language" in out
    assert main(["tui", "--grammar", "server"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("lint-request: error: --grammar: grammar mode 'server' needs the server's URL")
    assert err.count("\n") == 1


def _finding(start: int, end: int, text: str) -> Finding:
    return Finding("LT:X", Severity.WARNING, "m", Span(start, end), text[start:end], "", ())


@pytest.mark.parametrize("old, new, kept", [
    ("ein Anfrge hier", "ein Anfrge hier!", ["Anfrge"]),             # typed after it
    ("ein Anfrge hier", "Oh, ein Anfrge hier", ["Anfrge"]),          # typed before it: shifted
    ("ein Anfrge hier", "ein Anfrage hier", []),                      # the word itself was edited
    ("ein Anfrge hier", "ein Anfrgex hier", []),                      # typed right at its end
    ("ein Anfrge hier", "ein xAnfrge hier", []),                      # … or right before it
    ("ein Anfrge hier", "ein Anfrge hier", ["Anfrge"]),              # no edit at all
    ("Anfrge", "", []),                                               # everything deleted
])
def test_carry_over_keeps_only_findings_outside_the_edit(old: str, new: str, kept: list[str]) -> None:
    start = old.index("Anfrge")
    carried = carry_over((_finding(start, start + 6, old),), old, new)
    assert [new[f.span.start:f.span.end] for f in carried] == kept
    assert all(f.match == new[f.span.start:f.span.end] for f in carried)


def test_the_recipients_name_is_no_typo(fake: FakeLanguageTool) -> None:
    # LanguageTool does not know the name (the fake calls "Anfrge" a typo); the recipient vouches for it.
    app = create_app(None, grammar=server(fake.url), lint_delay=DELAY,
                     recipient=Recipient(first_name="Anna", last_name="Anfrge"))

    async def scenario(pilot: Pilot) -> None:
        await paste(pilot, TYPO)
        await until(pilot, lambda: app.grammar is not None and app.grammar.checked is not None, "the check")
        await pilot.pause()
        assert app.grammar is not None
        assert app.grammar.findings and not [r for r in rules(app) if r[0].startswith("LT:")]
        assert ("spelling", "daß") in rules(app)           # the own rules are not filtered

    drive(app, scenario)
