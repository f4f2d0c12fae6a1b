"""The findings list: one line per finding, coloured by severity; picking one moves the cursor.

LanguageTool's findings carry their ``LT:`` rule id, in italics.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from linter import Finding, Severity
from linter._position import LineIndex

from .checker import LANGUAGETOOL
from .messages import FindingChosen, FindingHighlighted

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
SEVERITY_MARK = {Severity.ERROR: "E", Severity.WARNING: "W", Severity.INFO: "I"}


def _in_text(finding: Finding) -> bool:
    """Whether the finding marks text (a missing part marks none)."""
    return finding.span.end > finding.span.start


def _key(finding: Finding) -> tuple[str, str]:
    """What identifies a finding across re-lints, when offsets have moved."""
    return finding.rule, finding.match


class FindingsList(OptionList):
    """Findings of the last lint; Enter (or a click) chooses one."""

    def __init__(self, **kwargs: Any) -> None:  # OptionList's name, id, classes, …
        super().__init__(**kwargs)
        self.findings: tuple[Finding, ...] = ()

    def show(self, text: str, findings: tuple[Finding, ...]) -> None:
        """Replace the list, keeping the highlight on the same finding where it still exists."""
        old = self.selected_finding
        self.findings = findings
        if not findings:
            self.set_options([Option(Text("No findings. Ready to send.", style="green"), disabled=True)])
            self.post_message(FindingHighlighted(None))
            return
        # Findings in the text first, in reading order; then the missing parts, worst first.
        findings = tuple(sorted(findings, key=lambda f: (not _in_text(f), 0 if _in_text(f) else -f.severity)))
        self.findings = findings
        index = LineIndex(text)
        options = []
        for f in findings:
            line, col = index.line_col(f.span.start)
            prompt = Text(no_wrap=True, overflow="ellipsis")
            prompt.append(f"{SEVERITY_MARK[f.severity]} ", style=SEVERITY_STYLE[f.severity])
            prompt.append(f"{line}:{col} ".ljust(7) if _in_text(f) else "—".ljust(7), style="dim")
            prompt.append(f.rule, style="bold italic" if f.source == LANGUAGETOOL else "bold")
            prompt.append(f"  {f.message}")
            options.append(Option(prompt))
        keys = [_key(f) for f in findings]
        highlight = keys.index(_key(old)) if old and _key(old) in keys else 0
        self.set_options(options)
        self.highlighted = highlight
        self.post_message(FindingHighlighted(findings[highlight]))

    @property
    def selected_finding(self) -> Finding | None:
        if self.highlighted is None or self.highlighted >= len(self.findings):
            return None
        return self.findings[self.highlighted]

    def highlight_at(self, offset: int) -> None:
        """Highlight the finding whose span holds ``offset`` (the editor's cursor), if any."""
        current = self.selected_finding
        if current is not None and current.span.start <= offset < current.span.end:
            return
        for i, f in enumerate(self.findings):
            if f.span.start <= offset < f.span.end and self.highlighted != i:
                self.highlighted = i
                return

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(FindingHighlighted(self.selected_finding))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.selected_finding
        if finding is not None:
            self.post_message(FindingChosen(finding))
