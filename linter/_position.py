"""Mapping absolute character offsets to 1-based line and column numbers."""

from __future__ import annotations

import bisect


class LineIndex:
    """Line starts of a text, for O(log n) offset → (line, column) lookups."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        index = text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of ``offset``."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
