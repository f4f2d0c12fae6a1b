"""LanguageTool counts offsets in UTF-16 code units (Java strings); Python counts code points."""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Converts UTF-16 offsets into code-point offsets of one text.

    Only characters outside the Basic Multilingual Plane (emoji, some CJK) take two UTF-16
    units; umlauts and ß take one, like in Python. A text without such characters maps 1:1.
    """

    __slots__ = ("_astral_u16", "_length", "_u16_length")

    def __init__(self, text: str) -> None:
        # UTF-16 position of every astral character, in ascending order.
        self._astral_u16 = [m.start() + i for i, m in enumerate(_ASTRAL.finditer(text))]
        self._length = len(text)
        self._u16_length = len(text) + len(self._astral_u16)

    @property
    def utf16_length(self) -> int:
        return self._u16_length

    def to_index(self, u16: int, *, round_up: bool = False) -> int:
        """The code-point offset of UTF-16 offset ``u16``.

        An offset in the middle of a surrogate pair is moved to the character's start, or,
        with ``round_up``, past its end, so a span never cuts a character in half.
        """
        if not 0 <= u16 <= self._u16_length:
            raise ValueError(f"offset {u16}, but the text is {self._u16_length} UTF-16 units long")
        before = bisect.bisect_left(self._astral_u16, u16)  # astral characters starting before u16
        if before and self._astral_u16[before - 1] + 1 == u16:  # inside the pair
            return u16 - before + (1 if round_up else 0)
        return u16 - before

    def span(self, offset: int, length: int) -> tuple[int, int]:
        """Code-point ``(start, end)`` of a LanguageTool ``offset``/``length`` pair."""
        if length < 0:
            raise ValueError(f"negative length {length}")
        return self.to_index(offset), self.to_index(offset + length, round_up=True)
