"""A rule's patterns as one matcher: full scans for untrusted or huge texts, prefiltered matching otherwise."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex


class Matcher:
    """An ordered list of alternative patterns, compiled lazily.

    ``combined`` joins them into one alternation for a plain scan. ``single(i)``
    compiles alternative ``i`` alone, for trying it only where its literal
    prefix occurs. Compiling lazily matters: compiling the whole catalogue of
    one language costs ~150 ms, while one draft needs only a fraction of it.
    Every alternative is wrapped in a named group, so ``alternative(m)`` tells
    which one matched on either path.
    """

    __slots__ = ("sources", "flags", "prefixes", "_combined", "_singles")

    def __init__(self, sources: Sequence[str], case_sensitive: bool,
                 prefixes: Sequence[tuple[str, ...] | None] | None = None) -> None:
        self.sources = tuple(sources)
        self.flags = regex.UNICODE | (0 if case_sensitive else regex.IGNORECASE)
        # The prefilter needs a prefix set for every alternative, or it could miss matches.
        known = prefixes is not None and len(prefixes) == len(self.sources) and all(p for p in prefixes)
        self.prefixes: tuple[tuple[str, ...], ...] | None = tuple(prefixes) if known else None  # type: ignore[arg-type]
        self._combined: regex.Pattern[str] | None = None
        self._singles: list[regex.Pattern[str] | None] = [None] * len(self.sources)

    @staticmethod
    def wrap(source: str, index: int) -> str:
        return f"(?P<_a{index}>{source})"

    @classmethod
    def combined_source(cls, sources: Sequence[str]) -> str:
        return "|".join(cls.wrap(s, i) for i, s in enumerate(sources))

    @property
    def combined(self) -> regex.Pattern[str]:
        if self._combined is None:
            self._combined = regex.compile(self.combined_source(self.sources), self.flags)
        return self._combined

    def single(self, index: int) -> regex.Pattern[str]:
        pattern = self._singles[index]
        if pattern is None:
            pattern = self._singles[index] = regex.compile(self.wrap(self.sources[index], index), self.flags)
        return pattern

    @staticmethod
    def alternative(match: regex.Match[str]) -> int:
        """Index of the alternative that produced ``match``."""
        return int(match.lastgroup[2:])  # type: ignore[index]

    def match_at(self, text: str, candidates: dict[int, set[int]]) -> Iterator[regex.Match[str]]:
        """What ``combined.finditer`` yields (non-empty matches), trying each alternative only at its candidates.

        At one position the alternation takes the first alternative that
        matches; alternatives whose prefix is absent there cannot match, so
        trying the others in order gives the same result.
        """
        end = 0
        for pos in sorted(candidates):
            if pos < end:
                continue
            indices = candidates[pos]
            for index in sorted(indices) if len(indices) > 1 else indices:
                m = self.single(index).match(text, pos)
                if m is not None:
                    if m.end() > m.start():
                        end = m.end()
                        yield m
                    break
