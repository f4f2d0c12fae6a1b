"""The text under lint plus what rules learned about it so far."""

from __future__ import annotations

import re

from ._matcher import Scan
from ._model import Recipient

WORD = r"\w+(?:[-'’]\w+)*"  # compiled by re's own cache on first use (rare: word limits only)
HAS_WORD = re.compile(r"\w")


class Context:
    """One text being linted: its platform and recipient, the anatomy found so far, and its ``scan``."""

    __slots__ = ("text", "platform", "recipient", "anatomy", "signals", "scan", "_words", "_word_count")

    def __init__(self, text: str, platform: str = "generic", recipient: Recipient | None = None) -> None:
        self.text = text
        self.platform = platform
        self.recipient = recipient
        self.anatomy: dict[str, bool] = {}
        self.signals: dict[str, bool] = {}  # missing-rule id -> whether a signal occurs
        self.scan = Scan(text)  # what the matchers share; the engine gives it the prefilter index
        self._words: list[re.Match[str]] | None = None
        self._word_count: int | None = None

    @property
    def notes(self) -> list[str]:
        return self.scan.notes

    @property
    def words(self) -> list[re.Match[str]]:
        """Every word with its position (costly on long texts: use ``word_count`` first)."""
        if self._words is None:
            self._words = list(re.finditer(WORD, self.text))
        return self._words

    @property
    def word_count(self) -> int:
        """Whitespace-separated tokens, 0 when there is no letter or digit at all (fast)."""
        if self._word_count is None:
            tokens = self.scan.tokens()
            if tokens is None:
                tokens = self.text.split()
            self._word_count = len(tokens) if tokens and HAS_WORD.search(self.text) else 0
        return self._word_count

    def tokens(self) -> list[str] | None:
        """The text lower-cased and split at whitespace, when the prefilter applies (else None)."""
        return self.scan.tokens()
