"""The anatomy checklist: the seven parts of a request, ticked when the draft has them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from linter import ANATOMY_PARTS

from .checker import PART_LABELS
from .messages import PartChosen


class AnatomyList(OptionList):
    """One line per part; choosing a part asks the app to insert a sentence for it."""

    def __init__(self, **kwargs: Any) -> None:  # OptionList's name, id, classes, …
        super().__init__(*self._prompts({}), **kwargs)
        self.anatomy: dict[str, bool] = {}

    @staticmethod
    def _prompts(anatomy: dict[str, bool]) -> list[Option]:
        options = []
        for part in ANATOMY_PARTS:
            present = anatomy.get(part, False)
            prompt = Text("✓ " if present else "✗ ", style="bold green" if present else "bold red")
            prompt.append(PART_LABELS[part], style="" if present else "dim")
            options.append(Option(prompt, id=part))
        return options

    def show(self, anatomy: dict[str, bool]) -> None:
        if anatomy == self.anatomy:
            return
        self.anatomy = dict(anatomy)
        highlighted = self.highlighted
        self.set_options(self._prompts(anatomy))
        self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(PartChosen(event.option.id))
