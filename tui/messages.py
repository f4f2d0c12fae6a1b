"""Messages the TUI's widgets and workers post to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from linter import Finding, Report

if TYPE_CHECKING:
    from linter.grammar.session import GrammarOutcome


class Linted(Message):
    """A lint run finished; ``generation`` tells whether the text changed since it started."""

    def __init__(self, report: Report, text: str, generation: int) -> None:
        super().__init__()
        self.report, self.text, self.generation = report, text, generation


class GrammarChecked(Message):
    """LanguageTool answered for ``text`` (posted from its worker thread); the app decides if it is stale."""

    def __init__(self, text: str, outcome: GrammarOutcome) -> None:
        super().__init__()
        self.text, self.outcome = text, outcome


class FindingHighlighted(Message):
    """The user moved to a finding in the list (or None: nothing to show)."""

    def __init__(self, finding: Finding | None) -> None:
        super().__init__()
        self.finding = finding


class FindingChosen(Message):
    """The user chose a finding: move the cursor to its span."""

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.finding = finding


class PartChosen(Message):
    """The user chose an anatomy part: insert a sentence for it."""

    def __init__(self, part: str) -> None:
        super().__init__()
        self.part = part
