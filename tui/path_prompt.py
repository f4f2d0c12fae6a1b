"""Asks for a file path (open, save as) in a modal dialog."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class PathScreen(ModalScreen[Path | None]):
    """Dismisses with the absolute path typed (``~`` expanded), or None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, initial: str = "") -> None:
        super().__init__()
        self.title, self.initial = title, initial

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.title
            yield Input(self.initial, placeholder="path/to/draft.txt", id="path")
            yield Label("Enter to confirm, Escape to cancel. A new name creates a new file.", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if value:
            self.dismiss(Path(os.path.abspath(os.path.expanduser(value))))

    def action_cancel(self) -> None:
        self.dismiss(None)
