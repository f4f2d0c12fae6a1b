"""The optional recipient fields: who the request goes to, how you met, what you offer."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from linter import Recipient

FIELDS = (
    ("salutation", "Salutation", "Frau / Herr / Ms / Mr"),
    ("first_name", "First name", ""),
    ("last_name", "Last name", ""),
    ("company", "Company", ""),
    ("met", "How we met", "e.g. Barcamp Köln, März"),
    ("offer", "What I offer", "e.g. our test results"),
)


def describe(recipient: Recipient) -> str:
    """One line for the sidebar."""
    name = " ".join(p for p in (recipient.salutation, *recipient.names) if p)
    parts = [p for p in (name, recipient.company) if p]
    return ", ".join(parts) or ("(details only)" if recipient != Recipient() else "")


class RecipientScreen(ModalScreen[Recipient | None]):
    """Edit the recipient; dismisses with the new Recipient, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, recipient: Recipient) -> None:
        super().__init__()
        self.recipient = recipient

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Recipient (optional)"
            with Grid(id="recipient-fields"):
                for name, label, placeholder in FIELDS:
                    yield Label(label)
                    yield Input(getattr(self.recipient, name), placeholder=placeholder, id=name, compact=True)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Apply", id="apply", variant="primary")

    def _result(self) -> Recipient:
        values = {name: self.query_one(f"#{name}", Input).value.strip() for name, _, _ in FIELDS}
        return replace(self.recipient, **values)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self._result())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self._result() if event.button.id == "apply" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
