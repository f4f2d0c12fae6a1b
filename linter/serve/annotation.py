"""LanguageTool's ``data`` parameter: text with markup, linted without it, reported against all of it.

``{"annotation": [{"text": "Hallo "}, {"markup": "<b>"}, {"text": "Anna"}, {"markup": "<p>",
"interpretAs": "\\n\\n"}]}`` is linted as ``"Hallo Anna\\n\\n"`` (markup skipped, ``interpretAs``
read in its place), while offsets in the answer count in the whole annotated text, markup
included, as LanguageTool's own server does.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of the annotated text: where it lies in the linted and in the original text."""

    plain_start: int
    plain_end: int
    original_start: int
    original_end: int
    is_text: bool


class AnnotatedText:
    """The linted (plain) text, the original text with markup, and the map between them."""

    __slots__ = ("_ends", "_identity", "_parts", "_starts", "original", "plain")

    def __init__(self, pieces: list[tuple[str, str | None]]) -> None:
        """``pieces``: ``(text, None)`` for text, ``(markup, interpretAs or "")`` for markup."""
        plain: list[str] = []
        original: list[str] = []
        parts: list[Part] = []
        p = o = 0
        for content, interpret_as in pieces:
            linted = content if interpret_as is None else interpret_as
            if linted:  # markup read as nothing takes no room in the linted text
                parts.append(Part(p, p + len(linted), o, o + len(content), interpret_as is None))
            plain.append(linted)
            original.append(content)
            p += len(linted)
            o += len(content)
        self.plain = "".join(plain)
        self.original = "".join(original)
        self._parts = parts
        self._starts = [part.plain_start for part in parts]
        self._ends = [part.plain_end for part in parts]
        self._identity = self.plain == self.original

    @classmethod
    def of_text(cls, text: str) -> AnnotatedText:
        return cls([(text, None)])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the plain span ``[start, end)``.

        A span that starts or ends inside ``interpretAs`` content widens to that whole markup;
        at a boundary it keeps to the text, so it never swallows a neighbouring tag.
        """
        if self._identity:
            return start, end
        first = self._start(start)
        return (first, first) if end <= start else (first, self._end(end))

    def _start(self, position: int) -> int:
        index = bisect.bisect_right(self._starts, position) - 1  # the part with start <= position < end
        if index < 0 or position >= self._ends[index]:
            return len(self.original)
        part = self._parts[index]
        return part.original_start + position - part.plain_start if part.is_text else part.original_start

    def _end(self, position: int) -> int:
        index = bisect.bisect_left(self._ends, position)  # the part with start < position <= end
        if index >= len(self._parts):
            return len(self.original)
        part = self._parts[index]
        return part.original_start + position - part.plain_start if part.is_text else part.original_end
