"""The help screen: every key, what the panels show, and how recovery works."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

EDITOR_KEYS = (
    ("Tab / Shift+Tab", "Move between draft, anatomy, findings and settings"),
    ("Ctrl+Z / Ctrl+Y", "Undo / redo in the draft"),
    ("F7", "Select the whole draft"),
    ("Ctrl+Home / Ctrl+End", "Start / end of the draft"),
    ("Enter", "In the findings: go to the finding's text. In the anatomy: insert a sentence for that part"),
)

PANELS = (
    ("Draft: type or paste the request. Findings are underlined in their severity's colour (red error, "
    "yellow warning, blue info) and update while you type."),
    "Anatomy: the seven parts of a request that gets accepted, ticked when the draft has them.",
    ("Findings: rule id and message. Details: why the finding hurts, what to write instead, and the keys "
    "that act on it."),
    ("Counter: characters (words for e-mail) against the chosen platform's limit; the score is 100 minus "
    "25 per error rule, 8 per warning rule and 2 per info rule."),
    "Recipient: optional details used by the checks and by the inserted sentences.",
    ("Grammar: with LanguageTool configured, its spelling and grammar findings (LT: ids) join the list, "
     "checked in the background; the draft's border shows its status. They never change the score, and "
     "the recipient's names are never typos."),
    ("Your text is never lost: quitting with unsaved changes asks first, and the unsaved text is copied "
    "to a recovery file every few seconds. After a crash, lint-request tui offers that copy the next "
    "time the same file (or a new, unnamed draft) is opened. A failed save says why and keeps the text."),
)


def key_label(key: str) -> str:
    """``ctrl+s`` -> ``Ctrl+S``, ``f1`` -> ``F1``."""
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in key.split("+"))


class HelpScreen(ModalScreen[None]):
    """Lists the app's bindings (so the help cannot drift from the keys) and the panels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss_help", "Close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.app_bindings = bindings

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold")
        keys.add_column()
        for binding in self.app_bindings:
            keys.add_row(Text(key_label(binding.key)), Text(binding.tooltip or binding.description))
        for key, what in EDITOR_KEYS:
            keys.add_row(Text(key), Text(what))
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = "lint-request — help (Escape closes)"
            yield Static(keys)
            yield Static(Text("\n" + "\n\n".join(PANELS)))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
