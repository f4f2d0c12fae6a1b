"""The details panel: what is wrong with the chosen finding, why it hurts, what to write instead."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from linter import Finding

from .checker import LANGUAGETOOL
from .findings import SEVERITY_STYLE


class FindingDetail(VerticalScroll):
    """Message, explanation, suggestion and the keys that act on the finding."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-text")

    def show(self, finding: Finding | None, *, line: int = 0, why: str = "",
             actions: tuple[tuple[str, str], ...] = ()) -> None:
        """Show ``finding``; ``actions`` are (key, what it does) pairs."""
        text = Text()
        if finding is None:
            text.append("Nothing to explain: the checks found nothing.", style="green")
            text.append("\n\nThe anatomy list on the right shows which parts the request has.", style="dim")
        else:
            text.append(finding.rule, style="bold")
            text.append(f"  {finding.severity.label}", style=SEVERITY_STYLE[finding.severity])
            if line:
                text.append(f"  line {line}", style="dim")
            if finding.source == LANGUAGETOOL:
                text.append("  LanguageTool", style="dim")
            text.append(f"\n{finding.message}\n")
            if why:
                text.append("\nWhy: ", style="bold")
                text.append(why)
            if finding.suggestion:
                text.append("\nInstead: ", style="bold")
                text.append(finding.suggestion)
            for key, what in actions:
                text.append(f"\n{key}", style="bold reverse")
                text.append(f" {what}")
        self.query_one("#detail-text", Static).update(text)
        self.scroll_home(animate=False)
