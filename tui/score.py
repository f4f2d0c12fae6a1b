"""The score line and the length counter under it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from .checker import Counts, Limit


class ScoreLine(Static):
    """``Score 72/100`` with a ten-cell bar, green, yellow or red."""

    def show(self, score: int, lang: str) -> None:
        style = "green" if score >= 80 else "yellow" if score >= 50 else "red"
        filled = round(score / 10)
        text = Text("Score ", style="bold")
        text.append(f"{score:>3}/100 ", style=f"bold {style}")
        text.append("█" * filled, style=style)
        text.append("░" * (10 - filled), style="dim")
        text.append(f"  [{lang}]", style="dim")
        self.update(text)


class LengthCounter(Static):
    """Characters and words against the platform's limit; red when over it."""

    def show(self, counts: Counts, limit: Limit | None) -> None:
        value, over = counts.against(limit)
        text = Text()
        # "chars", not "characters": the line must fit the sidebar even for long drafts over the limit.
        if limit is None:
            text.append(f"{counts.chars} chars")
        else:
            unit = "words" if limit.unit == "words" else "chars"
            text.append(f"{value}/{limit.count} {unit}", style="bold red" if over else "bold")
        other = f"{counts.words} words" if not limit or limit.unit == "characters" else f"{counts.chars} chars"
        if over and limit is not None:  # only a limit can be exceeded
            text.append(f" +{value - limit.count}", style="bold red")
        text.append(f" · {other}", style="dim")
        self.update(text)
