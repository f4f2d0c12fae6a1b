"""A yes/no question in a modal dialog; Escape gives the safe answer."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True for ``yes``, False for ``no``; ``safe`` is focused and what Escape picks."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "safe", "Cancel")]

    def __init__(self, question: str, *, yes: str, no: str, safe: bool = False, title: str = "") -> None:
        super().__init__()
        self.question, self.yes, self.no, self.safe, self.title = question, yes, no, safe, title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.title or None
            yield Label(self.question, id="question", markup=False)
            with Horizontal(id="buttons"):
                yield Button(self.no, id="no", variant="primary" if not self.safe else "default")
                yield Button(self.yes, id="yes", variant="primary" if self.safe else "error")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.safe else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_safe(self) -> None:
        self.dismiss(self.safe)
