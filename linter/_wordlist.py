r"""Patterns that are plain lists of whole words, so a match can be checked without a regex.

Ratio and consistency rules count pronouns ("ich", "wir", "Sie", "I", "you"):
some 25 places per draft where the prefilter found one. A pattern like
``\b(?i:ich|mich|wir)\b`` matches at such a place exactly when the run of
word characters starting there is one of its words, which a set lookup
tells faster than running the pattern (``Matcher.count_at``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

MAX_WORDS = 200
"""A longer enumeration is not worth a set (and is not a pronoun list)."""

WordList = tuple[frozenset[str], bool]
"""A word list's words and whether it ignores case (then the words are lower-cased)."""


def _strings(items: Sequence[tuple[object, Any]], caseless: bool, modes: set[bool]) -> set[str] | None:
    """Every string ``items`` can match, or None when that is not a small finite set.

    ``items`` are ``re._parser`` items: (opcode, argument), the argument's type depending on the
    opcode (a code point for LITERAL, a list of items for IN, a tuple for BRANCH and SUBPATTERN).
    ``modes`` collects, for every character, whether it is matched ignoring case.
    """
    found = {""}
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            options: set[str] = {chr(av)}
            modes.add(caseless)
        elif name == "IN" and all(str(o) == "LITERAL" for o, _ in av):
            options = {chr(v) for _, v in av}
            modes.add(caseless)
        elif name == "BRANCH":
            options = set()
            for branch in av[1]:
                sub = _strings(branch, caseless, modes)
                if sub is None:
                    return None
                options |= sub
        elif name == "SUBPATTERN":
            _, add, remove, body = av
            inner = (caseless or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            sub = _strings(body, inner, modes)
            if sub is None:
                return None
            options = sub
        else:
            return None
        found = {head + tail for head in found for tail in options}
        if len(found) > MAX_WORDS:
            return None
    return found


def word_list(pattern: str, case_sensitive: bool) -> WordList | None:
    r"""For ``\b(?:word|word…)\b``: its words (lower-cased when case is ignored) and whether case is ignored.

    None for any other pattern, and for words with anything but letters in them.
    """
    from re import _parser  # type: ignore[attr-defined]  # private module, not in typeshed

    try:
        parsed = _parser.parse(pattern, 0)
    except Exception:  # noqa: BLE001 - not parsable here: not a plain word list
        return None
    items = list(parsed)
    if len(items) < 3 or any(str(op) != "AT" or str(av) != "AT_BOUNDARY" for op, av in (items[0], items[-1])):
        return None
    modes: set[bool] = set()
    words = _strings(items[1:-1], not case_sensitive or bool(parsed.state.flags & re.IGNORECASE), modes)
    if not words or len(modes) != 1 or not all(w.isalpha() for w in words):
        return None  # also when part of a word ignores case and part does not
    caseless = modes.pop()
    return (frozenset(w.lower() for w in words) if caseless else frozenset(words)), caseless
