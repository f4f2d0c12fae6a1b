"""Literal prefixes of patterns, so built-in rules only run a regex where a match can start.

A rule's alternation of 20–40 phrases costs the regex engine a few hundred
nanoseconds per character of the draft; 30 rules would cost ~1 ms a draft.
Most phrases start with literal words ("\\bich\\s+habe …", "\\bSynergie…"),
so a match can only start where a *folded* copy of the draft — lower case,
every run of whitespace one space — contains one of those literals. One
Aho-Corasick pass over the folded draft finds those places for every rule at
once; each alternative is then tried only there (``Matcher.match_at``).

The same pass looks for literals further inside the patterns:
"\\bbei\\s+(?:\\w+\\s+)?passenden\\s+Stellen" may start at every "bei ", but it
can only match a draft that also contains "passenden ". An alternative none
of whose inner literals occurs is not tried at all (``inner_literals``).

Prefixes come from Python's own regex parser (``re._parser``), whose syntax
the ``regex`` module extends. Anything it cannot parse, or an alternative that
does not start with a literal, means "no prefilter": the rule scans the whole
text. Only built-in rules use this, and a test checks that it finds exactly
what a full scan finds.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple, cast

ParsedItem = tuple[Any, Any]
"""One (opcode, argument) item of ``re._parser``'s parse tree: private, so untyped."""

MAX_PREFIXES = 1000
"""Beyond this many alternatives an expansion stops (shorter prefixes: less selective, never wrong)."""

MAX_PREFIX_LENGTH = 24
"""Long enough to tell "ich habe ihr profil" from "ich habe ihren vortrag"."""

MAX_GATED_PREFIX = 8
"""Only alternatives with a prefix this short ("ich ", "unser", "sie haben") get inner literals."""

MIN_INNER_LENGTH = 5
"""Shorter inner literals ("bin ", "neue") occur in too many drafts to rule much out."""

GATES = ""
"""The key under which ``PrefixIndex.candidates`` collects inner literals, and the gate of an
alternative that requires none: ``ALWAYS``, which every draft opens everywhere, holds it."""

ALWAYS: Mapping[str, int] = MappingProxyType({GATES: sys.maxsize})
"""Gates a text opens, each with the last position where it opens: only ``GATES``, everywhere."""

BOUNDARY = "\x00"
"""Marks a prefix that the pattern precedes with ``\\b``."""

# Exactly the characters the regex module's \s matches (a test keeps this honest).
SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
         "\u2028\u2029\u202f\u205f\u3000"

# Characters where str.lower() and the regex module's case-insensitive matching
# disagree (long s, Kelvin sign, dotted I, Greek and Cherokee specials), and
# the separators str.split() treats as whitespace but \s does not. A text with
# one of them is scanned without the prefilter (a test checks the case part
# against every Unicode character).
# Word boundaries on the fast path are re's (the single patterns, the hit loop
# and ``Matcher.count_at`` all use re's \w); they differ from a full scan by
# regex only where a character the two modules classify differently (combining
# marks, joiners, variation selectors, superscript digits) touches a word.
# Refusing those would send every draft with a "❤️" to the ten times slower scan.
# (The stdlib re scans this class five times faster than regex. On a text
# without \x1c-\x1f, re's \s is exactly regex's \s, so re splits, too.)
UNSAFE = re.compile(r"[\x1c-\x1f\u017f\u0130\u212a\u212b\u0345\u0370-\u03ff\u1e9b\u1fbe\u13a0-\u13ff\uab70-\uabbf]")
_LONG_RUN = re.compile(r"\s\s+")  # the same runs as \s{2,}, found faster by re
_WORD_CHAR = re.compile(r"\w")
_PROPERTY = r"\\[pP](?:\{[^}]*\}|[A-Za-z])"
_ZERO_WIDTH = {"AT", "ASSERT", "ASSERT_NOT"}
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


class Folded(NamedTuple):
    """A text lower-cased with whitespace runs collapsed, and the way back to original offsets."""

    text: str
    tokens: list[str]  # lower-cased, split at whitespace
    starts: list[int]  # where each segment starts in ``text`` (a new one after each collapsed run)
    origins: list[int]  # where the same segment starts in the original

    def original(self, pos: int) -> int:
        segment = bisect.bisect_right(self.starts, pos) - 1
        return self.origins[segment] + pos - self.starts[segment]


def fold(text: str) -> Folded | None:
    """Fold ``text`` for prefix search, or None when its offsets could not be mapped back safely."""
    if UNSAFE.search(text):
        return None
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    # Without \x1c-\x1f (UNSAFE) str.split() splits exactly at regex's \s, and in C.
    tokens = lowered.split()
    if not tokens:
        return Folded(" " if lowered else "", [], [0], [0])
    head = " " if lowered[0].isspace() else ""
    tail = " " if lowered[-1].isspace() else ""
    folded = head + " ".join(tokens) + tail
    # Only runs of two or more whitespace characters shift offsets: one segment after each.
    starts, origins, shift = [0], [0], 0
    if len(folded) != len(lowered):
        for begin, end in _long_runs(lowered, len(lowered) - len(folded)):
            shift += end - begin - 1
            starts.append(end - shift)
            origins.append(end)
    return Folded(folded, tokens, starts, origins)


def _long_runs(text: str, shrink: int) -> list[tuple[int, int]]:
    """Start and end of each run of two or more whitespace characters in ``text``.

    ``shrink`` is what collapsing the runs saves: the sum of their lengths
    minus one each. A run of n >= 2 characters holds at most n - 1
    non-overlapping blank lines ("\\n\\n"), and exactly n - 1 only when it is
    one. So when the text holds ``shrink`` of them, every long run is a single
    blank line: the usual case, found with ``str.find`` instead of a regex scan.
    """
    if text.count("\n\n") != shrink:
        return [run.span() for run in _LONG_RUN.finditer(text)]
    runs = []
    at = text.find("\n\n")
    while at >= 0:
        runs.append((at, at + 2))
        at = text.find("\n\n", at + 2)
    return runs


def _char(code: int) -> str:
    c = chr(code).lower()
    return " " if c in SPACES else c


def _join(head: str, tail: str) -> str:
    # A boundary marker only means something at the very start of a prefix,
    # and in the folded text a run of whitespace is a single space.
    if head and tail.startswith(BOUNDARY):
        tail = tail[1:]
    if head.endswith(" ") and tail.startswith(" "):
        tail = tail[1:]
    return head + tail


def _set_chars(items: list[ParsedItem]) -> list[str] | None:
    """The characters a small character class matches, or None for a class too wide to expand."""
    chars: set[str] = set()
    for op, av in items:
        if str(op) == "LITERAL":
            chars.add(_char(av))
        elif str(op) == "CATEGORY" and str(av) == "CATEGORY_SPACE":
            chars.add(" ")
        else:
            return None
    return sorted(chars) if len(chars) <= 8 else None


def _only_space(items: Sequence[ParsedItem]) -> bool:
    """Whether ``items`` is one item that matches whitespace only (``\\s``, ``[ \\t]``, a space)."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if str(op) == "LITERAL":
        return _char(av) == " "
    return str(op) == "IN" and _set_chars(av) == [" "]


def _expand(items: Sequence[ParsedItem], acc: set[str]) -> tuple[set[str], bool]:
    """Extend every prefix in ``acc`` by what ``items`` must match; True when all items were literal."""
    for index, (op, av) in enumerate(items):
        name = str(op)
        complete = True
        if name == "AT":
            if str(av) == "AT_BOUNDARY":
                acc = {a or BOUNDARY for a in acc}
            continue
        if name in _ZERO_WIDTH:
            continue
        if name == "LITERAL":
            new = {_join(a, _char(av)) for a in acc}
        elif name == "IN" and (chars := _set_chars(av)) is not None:
            new = {_join(a, c) for a in acc for c in chars}
        elif name == "SUBPATTERN":
            sub, complete = _expand(av[-1], {""})
            new = {_join(a, s) for a in acc for s in sub}
        elif name == "BRANCH":
            results = [_expand(branch, {""}) for branch in av[1]]
            new = {_join(a, s) for a in acc for sub, _ in results for s in sub}
            complete = all(done for _, done in results)
        elif name in _REPEATS and _only_space(av[2]):
            # Any run of whitespace is one space in the folded text.
            rest = list(items[index + 1:])
            if av[0] == 0:
                spaced, done_a = _expand(rest, {_join(a, " ") for a in acc})
                plain, done_b = _expand(rest, acc)
                new, complete = spaced | plain, done_a and done_b
            else:
                new, complete = _expand(rest, {_join(a, " ") for a in acc})
            return (new, complete) if len(new) <= MAX_PREFIXES else (acc, False)
        elif name in _REPEATS and av[0] == 0:
            # Optional item: the prefix continues either through it or past it.
            # After an item that may repeat, what follows is unknown, so stop there.
            rest = list(items[index + 1:])
            if av[1] == 1:
                with_item, _ = _expand(list(av[2]) + rest, acc)
            else:
                with_item, _ = _expand(av[2], acc)
            without, _ = _expand(rest, acc)
            new = with_item | without
            return (new, False) if len(new) <= MAX_PREFIXES else (acc, False)
        elif name in _REPEATS:
            sub, _ = _expand(av[2], {""})
            new, complete = {_join(a, s) for a in acc for s in sub}, False
        else:
            return acc, False
        if len(new) > MAX_PREFIXES:
            return acc, False
        acc = new
        if not complete or all(len(a) >= MAX_PREFIX_LENGTH for a in acc):
            return acc, False
    return acc, True


def _parse(pattern: str) -> Any:
    """``pattern`` parsed by Python's own regex parser (its errors propagate)."""
    from re import _parser  # type: ignore[attr-defined]  # private module, not in typeshed

    # The parser lacks \p{..}; any class stops a literal anyway, so \w stands in.
    return _parser.parse(re.sub(_PROPERTY, r"\\w", pattern), 0)


def literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    """Folded literals one of which starts every match of ``pattern``, or None if there is no such set."""
    try:
        prefixes, _ = _expand(list(_parse(pattern)), {""})
    except Exception:  # noqa: BLE001 - any parser complaint just means "no prefilter"
        return None
    # A prefix must start with a visible character: a leading space could stand
    # for any part of a whitespace run, so its position would be ambiguous.
    if not prefixes or any(p.lstrip(BOUNDARY)[:1] in ("", " ") for p in prefixes):
        return None
    return _shortest(prefixes)


def _shortest(literals: Iterable[str]) -> tuple[str, ...]:
    """``literals`` without those that start with another one, in an order that does not depend on hashing."""
    # "ab" makes "abc" redundant: every position of "abc" is a position of "ab".
    kept: list[str] = []
    for p in sorted(literals, key=lambda literal: (len(literal), literal)):
        if not any(p.startswith(k) or p.lstrip(BOUNDARY).startswith(k) for k in kept):
            kept.append(p)
    return tuple(kept)


def inner_literals(pattern: str) -> tuple[str, ...] | None:
    """Folded literals one of which every match of ``pattern`` contains after its start, or None.

    Every required item of the pattern's top level (not an assertion, not
    optional) starts a candidate set: the literals ``_expand`` says the rest
    of a match begins with there. The set whose shortest literal is longest
    wins, as the most selective; on a tie, the later one. A pattern that is one
    alternation ("(wir ... getroffen|uns ... gesehen)") gets the union of its
    branches' sets, when every branch has one.
    """
    # A rare prefix ("synergie") finds few candidates: indexing inner literals as well would cost more.
    prefixes = literal_prefixes(pattern)
    if prefixes is None or min(len(p.lstrip(BOUNDARY)) for p in prefixes) > MAX_GATED_PREFIX:
        return None
    items = [item for item in _parse(pattern) if not _zero_width(item)]  # parsed before: no error
    branches = _top_branches(items)
    if branches is None:
        best = _inner_set(items)
    else:
        sets = [_inner_set([item for item in branch if not _zero_width(item)]) for branch in branches]
        best = set().union(*sets) if sets and all(sets) else None  # type: ignore[arg-type]  # all() checked
    return None if best is None else _shortest(best)


def _zero_width(item: ParsedItem) -> bool:
    """Whether a parsed item matches no text: an assertion, or a group or alternation of assertions only
    (a phrase's line start)."""
    op, av = item
    name = str(op)
    if name in _ZERO_WIDTH:
        return True
    if name == "SUBPATTERN":
        return all(_zero_width(i) for i in av[-1])
    return name == "BRANCH" and all(all(_zero_width(i) for i in branch) for branch in av[1])


def _top_branches(items: Sequence[ParsedItem]) -> list[list[ParsedItem]] | None:
    """The alternatives of a pattern that is a single alternation (in a group or not), else None."""
    if len(items) != 1:
        return None
    op, av = items[0]
    if str(op) == "SUBPATTERN":
        return _top_branches([i for i in av[-1] if not _zero_width(i)])
    return [list(branch) for branch in av[1]] if str(op) == "BRANCH" else None


def _inner_set(items: Sequence[ParsedItem]) -> set[str] | None:
    """The most selective set of literals that a match of ``items`` contains after its start."""
    best: set[str] | None = None
    best_length = MIN_INNER_LENGTH
    # Past the first item that consumes text: a set starting earlier would be the prefixes again.
    for index in range(1, len(items)):
        op, av = items[index]
        name = str(op)
        if name in _REPEATS and av[0] == 0:
            continue
        if name == "LITERAL" and str(items[index - 1][0]) == "LITERAL":
            continue  # inside a word: the set that starts with its first letter is longer
        literals = {literal.lstrip(BOUNDARY) for literal in _expand(items[index:], {""})[0]}
        # Visible first characters only (see literal_prefixes); an empty literal would mean "anything".
        if any(literal[:1] in ("", " ") for literal in literals):
            continue
        shortest = min(map(len, literals))
        if shortest >= best_length:
            best, best_length = literals, shortest
    return best


def gate_name(literals: Sequence[str]) -> str:
    """The name under which ``PrefixIndex`` reports that one of ``literals`` occurs (never ``GATES``)."""
    return "\n".join(literals)  # folded literals hold no line breaks


def leading_literal(pattern: str, case_sensitive: bool) -> str | None:
    """Text that every match of ``pattern`` starts with, exactly as it appears in the draft, or None.

    For patterns the prefilter cannot index (``"  +"`` starts with a space), a
    plain ``in`` test for this literal rules most drafts out before a regex scan.
    """
    try:
        parsed = _parse(pattern)
    except Exception:  # noqa: BLE001 - unparsable here means "no literal"
        return None
    case_sensitive = case_sensitive and not parsed.state.flags & re.IGNORECASE  # a leading "(?i)"
    literal = ""
    for op, av in parsed:
        if str(op) == "LITERAL":
            literal += chr(av)
            continue
        if str(op) in _REPEATS and av[0] >= 1 and len(av[2]) == 1 and str(av[2][0][0]) == "LITERAL":
            literal += chr(av[2][0][1]) * av[0]
        break
    # A case-insensitive pattern's literal would need case folding: only caseless text qualifies.
    if not literal or (not case_sensitive and literal.lower() != literal.upper()):
        return None
    return literal


Owners = tuple[tuple[str, frozenset[Any]], ...]
"""Per matcher key (or ``GATES``), the alternatives (or gate names) a literal stands for."""


class PrefixIndex:
    """The prefixes of many matchers in one Aho-Corasick automaton: one pass over a folded
    text finds, for every matcher, which alternatives can start where.

    Built from plain data (matcher key → prefixes and inner literals per
    alternative), so it can be cached on disk with the validated rules:
    building it costs ~15 ms.
    """

    def __init__(self, entries: Iterable[tuple[str, Sequence[Sequence[str] | None], Sequence[Sequence[str] | None]]],
                 ) -> None:
        import ahocorasick

        # literal -> (matcher key, needs \b) -> alternative indices (gate names under GATES)
        by_literal: dict[str, dict[tuple[str, bool], set[int | str]]] = {}
        for key, alternatives, inner in entries:
            for index, prefixes in enumerate(alternatives):
                for prefix in prefixes or ():  # an alternative without prefixes is scanned instead
                    literal = prefix.lstrip(BOUNDARY)
                    # \b before a word character: a word character right before it rules a position out.
                    needs_boundary = prefix.startswith(BOUNDARY) and _WORD_CHAR.match(literal) is not None
                    by_literal.setdefault(literal, {}).setdefault((key, needs_boundary), set()).add(index)
            for literals in inner:
                if not literals:
                    continue
                gate = gate_name(literals)
                for literal in literals:
                    by_literal.setdefault(literal, {}).setdefault((GATES, False), set()).add(gate)
        self._automaton = ahocorasick.Automaton()
        # What a hit reports, once per distinct value: the automaton holds an index into this list.
        # Far fewer values than literals, and plain ints unpickle fast, which matters at start-up.
        self._payloads: list[tuple[int, Owners, Owners]] = []
        numbers: dict[tuple[int, Owners, Owners], int] = {}
        for literal, owners in by_literal.items():
            every = tuple((key, frozenset(indices)) for (key, _), indices in owners.items())
            unbounded = tuple((key, frozenset(indices)) for (key, needs), indices in owners.items() if not needs)
            # Owners that need a \b stay in ``every`` only: a hit after a word character skips them.
            payload = (len(literal) - 1, every, unbounded)  # start = end - the first
            number = numbers.setdefault(payload, len(self._payloads))
            if number == len(self._payloads):
                self._payloads.append(payload)
            self._automaton.add_word(literal, number)
        self.empty = not by_literal
        if not self.empty:
            self._automaton.make_automaton()

    def candidates(self, folded: Folded, found: defaultdict[str, dict[int, frozenset[int]]] | None = None,
                   offset: int = 0, limit: int | None = None,
                   ) -> tuple[defaultdict[str, dict[int, frozenset[int]]], Mapping[str, int]]:
        """Per matcher key: original start position → alternatives that may match there;
        and the gates the text opens (``gate_name`` of each inner-literal set it contains, and ``GATES``),
        each with the last start of one of its literals: a match that starts later cannot contain one.

        For one chunk of a long text: ``found`` collects across chunks, ``offset`` is where the chunk
        starts, and only hits starting before ``limit`` (the chunk without its overlap) count.
        """
        if found is None:
            found = defaultdict(dict)
        if self.empty:
            return found, ALWAYS
        text, starts, origins = folded.text, folded.starts, folded.origins
        cutoff = sys.maxsize if limit is None else limit
        # Folded position -> its shift back to the original text, per character: one
        # list index per hit instead of a bisection (a draft has a few segments only).
        shift: list[int] | None = None
        if len(starts) > 1:
            shift = []
            for index, begin in enumerate(starts):
                stop = starts[index + 1] if index + 1 < len(starts) else len(text)
                shift += [origins[index] - begin] * (stop - begin)
        # The hot loop of the linter: ~60 hits per draft, so everything is inlined.
        payloads = self._payloads
        for end, number in self._automaton.iter(text):
            back, every, unbounded = payloads[number]
            start = end - back
            owners = every
            if start:
                # re's word-character test (see UNSAFE): a \b before the hit fails.
                before = text[start - 1]
                if before != " " and (before.isalnum() or before == "_"):
                    if not unbounded:
                        continue
                    owners = unbounded
            origin = start if shift is None else start + shift[start]
            if origin >= cutoff:
                continue  # in the overlap: the next chunk's
            origin += offset
            for key, indices in owners:
                at = found[key]
                known = at.setdefault(origin, indices)  # one lookup in the usual case: a new position
                if known is not indices:
                    at[origin] = known | indices
        # Under GATES the sets hold gate names, not alternative indices (see __init__).
        hits = cast("dict[int, frozenset[str]] | None", found.pop(GATES, None))
        if not hits:
            return found, ALWAYS
        opened = dict(ALWAYS)
        for origin, names in hits.items():
            for name in names:
                if opened.get(name, -1) < origin:
                    opened[name] = origin
        return found, opened
