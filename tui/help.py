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

PANELS = """\
Draft: type or paste the request; findings are underlined in their severity's colour
  (red error, yellow warning, blue info) and update while you type.
Anatomy: the seven parts of a request that gets accepted; Enter on a missing part
  inserts a sentence for it at the cursor.
Findings: rule id and message; Enter moves the cursor to the text. The panel beside
  it explains why the finding hurts and what to write instead.
Counter: characters (words for e-mail) against the platform's limit.
Recipient: optional details (name, company, how you met, what you offer) used by the
  checks and the inserted sentences.

Your text is never lost: quitting with unsaved changes asks first, and the buffer is
copied to a recovery file every few seconds. After a crash, starting lint-request tui
with the same file offers the copy. A failed save shows why and keeps the buffer."""


def key_label(key: str) -> str:
    """``ctrl+s`` -> ``Ctrl+S``, ``f1`` -> ``F1``."""
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in key.split("+"))


class HelpScreen(ModalScreen[None]):
    """Lists the app's bindings (so the help cannot drift from the keys) and the panels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss_help", "Close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold")
        keys.add_column()
        keys.add_row("Tab / Shift+Tab", "move between draft, anatomy, findings and settings")
        for binding in self.bindings:
            keys.add_row(key_label(binding.key), binding.description)
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = "lint-request — help (Escape closes)"
            yield Static(keys)
            yield Static(Text("\n" + PANELS))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
