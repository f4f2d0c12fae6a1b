"""A rule's patterns as one matcher: full scans for untrusted or huge texts, prefiltered matching otherwise."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._prefilter import ALWAYS, GATES, Folded, PrefixIndex, fold, gate_name

if TYPE_CHECKING:
    from ._wordlist import WordList

PREFILTER_LENGTH = 100_000
"""Up to this many characters a text is folded in one piece; longer ones are folded chunk by chunk."""

CHUNK = 65_536
"""Characters per chunk of a long text (plus an overlap that holds any prefix starting in the chunk)."""

_NONE_FOUND: dict[int, frozenset[int]] = {}  # shared, never written to: the candidates of an absent matcher

_WORD = re.compile(r"\w+")  # the word runs that the single patterns' \b (compiled with re) see

Pattern = Any  # a compiled re.Pattern or regex.Pattern: both offer match/finditer/lastgroup
Match = Any


class Scan:
    """One text as the matchers see it: the text, its folded copy and the prefilter's candidates.

    Built once per linted text; every matcher asks it where its alternatives
    may start. ``timeout`` and ``notes`` serve untrusted (user) patterns, which
    always scan the whole text with a time limit.
    """

    __slots__ = ("text", "index", "fast", "timeout", "notes", "gates", "_folded", "_candidates", "_searched")

    def __init__(self, text: str, index: PrefixIndex | None = None, timeout: float = 1.0) -> None:
        self.text = text
        self.index = index
        self.timeout = timeout
        self.notes: list[str] = []
        # Whether built-in rules may use the prefilter (a draft of normal size).
        self.fast = len(text) < PREFILTER_LENGTH
        # The inner-literal sets the text contains, each with its last position, known with the candidates.
        self.gates: Mapping[str, int] = ALWAYS
        self._folded: Folded | bool | None = None
        self._candidates: dict[str, dict[int, frozenset[int]]] | None = None
        self._searched: set[str] = set()  # matchers whose alternatives without prefixes were searched

    @property
    def folded(self) -> Folded | None:
        """The text folded for the prefilter (see ``_prefilter.fold``), None where that is unsafe."""
        if self._folded is None:
            self._folded = fold(self.text) or False
        return self._folded if isinstance(self._folded, Folded) else None

    def tokens(self) -> list[str] | None:
        """The text lower-cased and split at whitespace, when the prefilter applies (else None: not computed)."""
        folded = self.folded if self.fast else None
        return folded.tokens if folded is not None else None

    def candidates(self, matcher: Matcher) -> dict[int, frozenset[int]] | None:
        """Where each alternative of ``matcher`` can match, or None when the prefilter does not apply."""
        if self.index is None or matcher.prefixes is None:
            return None
        if self._candidates is None:
            if self.fast:
                folded = self.folded
                found = self.index.candidates(folded) if folded is not None else None
            else:
                found = self._chunked_candidates(self.index)
            if found is None:
                self.index = None  # a character the prefilter cannot fold: scan the whole text
                return None
            self._candidates, self.gates = found
        candidates = self._candidates.get(matcher.key, _NONE_FOUND)
        if matcher.unindexed and matcher.key not in self._searched:
            self._searched.add(matcher.key)
            candidates = self._candidates[matcher.key] = self._add_unindexed(matcher, candidates)
        return candidates

    def _add_unindexed(self, matcher: Matcher, candidates: dict[int, frozenset[int]]) -> dict[int, frozenset[int]]:
        """``candidates`` plus every position where an alternative without prefixes matches.

        Every start, not only non-overlapping ones: the alternation may skip past an
        earlier start of this alternative while taking another one.
        """
        merged = dict(candidates)
        text = self.text
        for index in matcher.unindexed:
            pattern, alone = matcher.single(index), frozenset((index,))
            pos = 0
            while (m := pattern.search(text, pos)) is not None:
                at = m.start()
                if not matcher.vetoed(index, text, at):
                    merged[at] = merged[at] | alone if at in merged else alone
                pos = at + 1
        return merged

    def _chunked_candidates(self, index: PrefixIndex) -> tuple[defaultdict[str, dict[int, frozenset[int]]],
                                                                 Mapping[str, int]] | None:
        """``index.candidates`` for a long text, folding one chunk at a time to keep memory flat.

        Each chunk starts after whitespace (so a word boundary holds before it)
        and is folded with an overlap of ``MAX_PREFIX_LENGTH`` visible
        characters: a prefix that starts in the chunk ends inside the overlap.
        Hits that start in the overlap belong to the next chunk.
        """
        import gc

        length = len(self.text)
        found: defaultdict[str, dict[int, frozenset[int]]] = defaultdict(dict)
        gates: dict[str, int] = dict(ALWAYS)
        start = 0
        # Hundreds of thousands of positions are stored here and none of them is garbage:
        # the cyclic collector would walk the growing dicts again and again for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            while start < length:
                start = self._fold_chunk(index, start, found, gates)
                if start < 0:
                    return None
        finally:
            if collecting:
                gc.enable()
        return found, gates

    def _fold_chunk(self, index: PrefixIndex, start: int, found: defaultdict[str, dict[int, frozenset[int]]],
                    gates: dict[str, int]) -> int:
        """Collect the candidates of the chunk at ``start``; the next chunk's start, or -1 if it cannot fold."""
        from ._prefilter import MAX_PREFIX_LENGTH

        text, length = self.text, len(self.text)
        end = min(length, start + CHUNK)
        while end < length and not text[end - 1].isspace():
            end += 1  # the next chunk starts after whitespace
        stop, visible = end, 0
        while stop < length and visible <= MAX_PREFIX_LENGTH:
            visible += not text[stop].isspace()
            stop += 1
        folded = fold(text[start:stop])
        if folded is None:
            return -1
        _, opened = index.candidates(folded, found, start, end - start)
        for name, last in opened.items():
            gates[name] = max(last, gates.get(name, -1))
        return end


class Matcher:
    r"""An ordered list of alternative patterns, compiled lazily.

    ``combined`` joins them into one alternation for a plain scan. ``single(i)``
    compiles alternative ``i`` alone, for trying it only where its literal
    prefix occurs. Compiling lazily matters: compiling the whole catalogue of
    one language costs ~150 ms, while one draft needs only a fraction of it.
    Every alternative is wrapped in a named group, so ``alternative(m)`` tells
    which one matched on either path.

    An alternative with a veto (a phrase's ``unless``) is, alone, its phrase and
    then its veto where the phrase matched: the joined pattern would match the
    phrase twice (see ``join_veto``).

    A trusted (built-in) matcher compiles its single alternatives with the
    standard library's ``re`` where it can: ``re`` compiles 2.5 times faster,
    which matters for the CLI's start-up, and an anchored ``match`` is as fast.
    Full scans (``combined``) use ``regex``, which scans alternations several
    times faster and offers the timeout that user patterns need; so do
    patterns that only ``regex`` understands (``\p{..}``, variable look-behind):
    the built-in rules avoid those, so a draft of normal size seldom needs ``regex`` at all.
    """

    __slots__ = ("key", "sources", "case_sensitive", "trusted", "prefixes", "unindexed", "words", "required", "gates",
                 "owner", "origin", "_parts", "_vetoes", "_combined", "_singles")

    def __init__(self, sources: Sequence[str], case_sensitive: bool,
                 prefixes: Sequence[tuple[str, ...] | None] | None = None, *, trusted: bool = False,
                 key: str = "", words: Sequence[WordList] | None = None,
                 inner: Sequence[Sequence[str] | None] | None = None,
                 vetoes: Sequence[Sequence[str] | None] | None = None, owner: str = "", origin: str = "") -> None:
        self.owner, self.origin = owner, origin  # rule id and file, named when a user pattern times out
        self.key = key  # stable across processes ("de/profile-visit/patterns"), for the cached prefix index
        self.sources = tuple(sources)
        self.case_sensitive = case_sensitive
        self.trusted = trusted
        # Per alternative, the whole words it matches (see ``_wordlist``): ``count_at`` checks those
        # at the prefilter's candidates, which only built-in rules use.
        self.words: tuple[WordList, ...] | None = (
            tuple(words) if trusted and words is not None and len(words) == len(self.sources) and all(words)
            else None)
        # The prefilter needs a prefix set for every alternative, or it could miss matches.
        # The prefilter finds where the alternatives with prefixes can start; those without one
        # ("*vortrag", "{Name} ...") are searched alone (``Scan.candidates``). With no prefix at all,
        # the matcher scans.
        known = prefixes is not None and len(prefixes) == len(self.sources) and any(prefixes)
        self.prefixes: tuple[tuple[str, ...] | None, ...] | None = (
            tuple(p or None for p in prefixes) if known and prefixes is not None else None)
        self.unindexed: tuple[int, ...] = tuple(i for i, p in enumerate(self.prefixes or ()) if p is None)
        # Per alternative, the gate that a text must open for it to be tried at a candidate:
        # one of its inner literals occurs (see ``_prefilter.inner_literals``); GATES opens always.
        self.gates: tuple[str, ...] = (
            tuple(gate_name(literals) if literals else GATES for literals in inner)
            if inner is not None and len(inner) == len(self.sources) else (GATES,) * len(self.sources))
        # Without prefixes, a literal that every match starts with still lets a plain
        # ``in`` test skip the scan of a draft that lacks it. (A rule that wants "at the
        # start of a line" says so with a look-behind, ``(?<![^\n])\b…``, and keeps its
        # prefixes: see the greeting rules.)
        self.required: tuple[str, ...] | None = None
        if trusted and self.prefixes is None:
            from ._prefilter import leading_literal

            literals = [leading_literal(source, case_sensitive) for source in self.sources]
            if all(literals):
                self.required = tuple(literal for literal in literals if literal)
        # Per alternative, (phrase, veto) when the source joins the two (``join_veto``), else None.
        self._parts: tuple[Sequence[str] | None, ...] | None = (
            tuple(vetoes) if vetoes is not None and len(vetoes) == len(self.sources) else None)
        # Per alternative, its compiled veto, or None (all None until ``single`` compiles them).
        self._vetoes: list[Pattern | None] = [None] * len(self.sources)
        self._combined: Pattern | None = None
        self._singles: list[Pattern | None] = [None] * len(self.sources)

    @staticmethod
    def wrap(source: str, index: int) -> str:
        return f"(?P<_a{index}>{source})"

    @classmethod
    def combined_source(cls, sources: Sequence[str]) -> str:
        return "|".join(cls.wrap(s, i) for i, s in enumerate(sources))

    def _compile(self, source: str, *, prefer_re: bool = False) -> Pattern:
        if prefer_re and self.trusted:
            try:
                return re.compile(source, 0 if self.case_sensitive else re.IGNORECASE)
            except re.error:
                pass
        import regex

        return regex.compile(source, regex.UNICODE | (0 if self.case_sensitive else regex.IGNORECASE))

    @property
    def combined(self) -> Pattern:
        if self._combined is None:
            self._combined = self._compile(self.combined_source(self.sources))
        return self._combined

    def single(self, index: int) -> Pattern:
        """Alternative ``index`` alone; with a veto, its phrase only (``vetoed`` tells the rest)."""
        pattern = self._singles[index]
        if pattern is None:
            parts = self._parts[index] if self._parts is not None else None
            source = self.sources[index]
            if parts is not None:
                source = parts[0]
                self._vetoes[index] = self._compile(parts[1], prefer_re=True)
            pattern = self._singles[index] = self._compile(self.wrap(source, index), prefer_re=True)
        return pattern

    def vetoed(self, index: int, text: str, pos: int) -> bool:
        """Whether the veto of alternative ``index`` (compiled by ``single``) rules out its match at ``pos``."""
        veto = self._vetoes[index]
        return veto is not None and veto.match(text, pos) is not None

    @staticmethod
    def alternative(match: Match) -> int:
        """Index of the alternative that produced ``match``."""
        return int(match.lastgroup[2:])

    def match_at(self, text: str, candidates: dict[int, frozenset[int]], gates: Mapping[str, int]) -> Iterator[Match]:
        """What ``combined.finditer`` yields (non-empty matches), trying each alternative only at its candidates
        and only where the text opens its gate at or after the candidate.

        At one position the alternation takes the first alternative that
        matches; alternatives whose prefix is absent there, or none of whose
        inner literals occurs from there on, cannot match, so trying the
        others in order gives the same result.
        """
        end = 0
        singles, vetoes, needs = self._singles, self._vetoes, self.gates
        for pos in sorted(candidates):
            if pos < end:
                continue
            indices = candidates[pos]
            for index in sorted(indices) if len(indices) > 1 else indices:
                if gates.get(needs[index], -1) < pos:
                    continue  # none of its inner literals starts here or later
                m = (singles[index] or self.single(index)).match(text, pos)
                if m is not None and not (vetoes[index] is not None and self.vetoed(index, text, pos)):
                    stop = m.end()
                    if stop > pos:  # a match at pos starts at pos: only empty ones are skipped
                        end = stop
                        yield m
                    break

    def count_at(self, text: str, candidates: dict[int, frozenset[int]]) -> int:
        """How many matches ``match_at`` would yield, for a matcher whose alternatives are all word lists.

        A candidate is the start of a word (the prefilter checked the ``\\b``
        before it), so an alternative matches there exactly when that whole
        word is in its list; words never overlap, so every such place counts.
        """
        total = 0
        lists = self.words or ()
        word_at = _WORD.match
        for pos, indices in candidates.items():
            found = word_at(text, pos)
            if found is None:
                continue
            word = found.group()
            lowered = word.lower()
            for index in indices:
                words, caseless = lists[index]
                if (lowered if caseless else word) in words:
                    total += 1
                    break
        return total

    def matches_somewhere(self, text: str, candidates: dict[int, frozenset[int]], gates: Mapping[str, int]) -> bool:
        """Whether ``match_at`` would yield anything; cheaper, as order does not matter for a yes/no."""
        singles, vetoes, needs = self._singles, self._vetoes, self.gates
        for pos, indices in candidates.items():
            for index in sorted(indices) if len(indices) > 1 else indices:
                if gates.get(needs[index], -1) < pos:
                    continue  # none of its inner literals starts here or later
                m = (singles[index] or self.single(index)).match(text, pos)
                if m is not None and not (vetoes[index] is not None and self.vetoed(index, text, pos)):
                    if m.end() > pos:
                        return True
                    break  # the alternation takes this empty match here, as match_at does
        return False

    # ---- what rules ask: matches, presence, counts ---------------------------------------------

    def finditer(self, scan: Scan) -> Iterator[Match]:
        """Non-empty, non-overlapping matches in text order; a user pattern's timeout ends them with a note."""
        if self.trusted:
            # Built-in patterns are tested on 10 MB drafts, so they need no timeout;
            # on drafts of normal size they only run where the prefilter allows.
            candidates = scan.candidates(self)
            if candidates is None:
                if self.required and not any(literal in scan.text for literal in self.required):
                    return
                yield from (m for m in self.combined.finditer(scan.text) if m.end() > m.start())
            elif candidates:
                yield from self.match_at(scan.text, candidates, scan.gates)
            return
        try:
            for m in self.combined.finditer(scan.text, timeout=scan.timeout):
                if m.end() > m.start():
                    yield m
        except TimeoutError:
            scan.notes.append(f"rule {self.owner} timed out after {scan.timeout:g} s and was skipped ({self.origin})")

    def matches(self, scan: Scan) -> list[Match]:
        """All of ``finditer``; the empty list at once when the prefilter rules the text out (the usual case)."""
        if self.trusted:
            candidates = scan.candidates(self)
            if candidates is not None:
                return list(self.match_at(scan.text, candidates, scan.gates)) if candidates else []
        return list(self.finditer(scan))

    def found(self, scan: Scan) -> bool:
        """Whether anything matches."""
        candidates = scan.candidates(self) if self.trusted else None
        if candidates is None:
            return next(self.finditer(scan), None) is not None
        return self.matches_somewhere(scan.text, candidates, scan.gates)

    def count(self, scan: Scan) -> int:
        """How many matches there are (word lists are counted without a regex)."""
        if self.words is not None and (candidates := scan.candidates(self)) is not None:
            return self.count_at(scan.text, candidates)
        return sum(1 for _ in self.finditer(scan))
