"""``suggest --met``: where you met, as the words that follow "Gespräch" or "we met".

What users type is a label, not a phrase: "Barcamp Köln, März", "die Jobmesse",
"DevOps meetup in Leeds", "PyCon 2024, 12 May". The first comma-separated part is
the occasion and gets a preposition (and in German the dative article its noun
needs); further parts are a date ("im März", "am 12. März", "on 12 May") or a
place ("in Köln"). Words the user already began with a preposition stay as typed.
The word lists live in ``rulesets/phrasings/{lang}.toml`` under ``[met]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

Table = Mapping[str, Sequence[str]]

# German articles and possessives as typed (nominative, accusative or already dative) → their dative
# form, per gender of the noun: "das Barcamp" → "dem Barcamp", "eine Messe" → "einer Messe".
_DE_ARTICLES = {
    "der": ("dem", "der"), "die": ("dem", "der"), "das": ("dem", "der"), "dem": ("dem", "der"),
    "den": ("dem", "der"), "ein": ("einem", "einer"), "eine": ("einem", "einer"), "einen": ("einem", "einer"),
    "einem": ("einem", "einer"), "einer": ("einem", "einer"),
}
_DE_POSSESSIVES = ("mein", "dein", "sein", "ihr", "unser", "euer", "eur")
_DIGITS = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")


def met_phrase(value: str, lang: str, table: Table) -> str:
    """The occasion ``value`` as an adverbial phrase in ``lang`` ("de" or "en")."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts:
        return value.strip()
    if lang == "de":
        return " ".join([_de_occasion(parts[0], table), *(_extra(p, table, _de_time) for p in parts[1:])])
    out = [_en_occasion(parts[0], table)]
    for previous, part in pairwise(parts):
        if _YEAR.fullmatch(part) and _en_time(previous, table):
            out[-1] += f", {part}"  # "on March 12, 2024"
        else:
            out.append(_extra(part, table, _en_time))
    return " ".join(out)


def _de_time(part: str, table: Table) -> str | None:
    """A German date or time as an adverbial ("im März", "am 12. März", "Ende Mai"), or None."""
    words = part.split()
    first = words[0].casefold().rstrip(".")
    if part[:1].islower():
        return part  # "letzte Woche", "gestern", "im Mai": already an adverbial
    if first in ("anfang", "mitte", "ende"):
        return part
    if first in table["months"] or first in table["seasons"]:
        return f"im {part}"
    if first in table["weekdays"]:
        return f"am {part}"
    if _YEAR.fullmatch(part):
        return part
    if part[:1].isdigit():
        return f"am {part}"  # "12. März", "12.03.2024"
    return None


def _de_gender(words: Sequence[str], table: Table) -> str:
    """``m``, ``f`` or ``n`` of the first word that ends in a known event noun; "" when none does."""
    nouns = [(noun, gender) for gender, key in (("m", "masculine"), ("f", "feminine"), ("n", "neuter"))
             for noun in table[key]]
    nouns.sort(key=lambda item: -len(item[0]))  # "netzwerktreffen" before "treffen"
    for word in words:
        bare = word.casefold().strip(".:;!?\"'„“”()")
        for noun, gender in nouns:
            if bare.endswith(noun):
                return gender
    return ""


def _de_adjective(word: str) -> str:
    """A German adjective in its dative form after an article: "große" / "kleines" → "großen"."""
    for ending in ("en", "er", "es", "em", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + "en"
    return word


def _de_occasion(part: str, table: Table) -> str:
    words = part.split()
    first = words[0].casefold().rstrip(".")
    if first in table["prepositions"]:
        return part
    if part[:1].isdigit() or first in (*table["months"], *table["seasons"], *table["weekdays"], "anfang", "mitte",
                                        "ende"):
        return _de_time(part, table) or part
    article = ""
    if first in _DE_ARTICLES or any(first.startswith(p) for p in _DE_POSSESSIVES):
        article, words = first, words[1:]
    adjectives = []
    while words and words[0].isalpha() and words[0].islower():  # "jährliche Konferenz", "das große Sommerfest"
        adjectives.append(words.pop(0))
    gender = _de_gender(words, table)
    if not gender and not article:
        # "letzte Woche", "gestern" are already adverbials; a name such as "re:publica" or
        # "Google" is used without an article in German.
        return part if adjectives else f"bei {part}"
    feminine = gender == "f" or (not gender and article in ("der", "die", "eine", "einer"))
    rest = " ".join([*map(_de_adjective, adjectives), *words])
    if not article:
        return f"bei der {rest}" if feminine else f"beim {rest}"
    if article in _DE_ARTICLES:
        dative = _DE_ARTICLES[article][1 if feminine else 0]
        return f"beim {rest}" if dative == "dem" else f"bei {dative} {rest}"
    stem = next(p for p in _DE_POSSESSIVES if article.startswith(p))
    stem = "eur" if stem == "euer" else stem
    return f"bei {stem}{'er' if feminine else 'em'} {rest}"


def _en_time(part: str, table: Table) -> str | None:
    """An English date or time as an adverbial ("in March", "on 12 May", "last week"), or None."""
    words = part.split()
    first = words[0].casefold().rstrip(".,")
    second = words[1].casefold().rstrip(".,") if len(words) > 1 else ""
    if first in table["times"] or (first in ("last", "this", "next") and (
            second in table["times"] or second in table["weekdays"] or second in table["months"]
            or second in table["seasons"])):
        return part  # "yesterday", "last week", "this morning"
    if first in table["weekdays"]:
        return f"on {part}"
    if first in table["months"]:
        return f"on {part}" if (_DIGITS.search(part) and not _YEAR.fullmatch(words[-1])) or len(words) > 2 \
            else f"in {part}"
    if first in table["seasons"]:
        return f"in {part}"
    if _YEAR.fullmatch(part):
        return f"in {part}"
    if part[:1].isdigit():
        return f"on {part}"  # "12 May", "12/05/2024"
    return None


def _en_occasion(part: str, table: Table) -> str:
    words = part.split()
    first = words[0].casefold()
    if first in table["prepositions"]:
        return part
    time = _en_time(part, table)
    if time is not None and (part[:1].islower() or part[:1].isdigit() or first in (
            *table["months"], *table["weekdays"], *table["seasons"])):
        return time
    if first in table["determiners"] or first.endswith(("'s", "’s")):
        return f"at {part}"  # "the PyCon sprint", "yesterday's workshop"
    # A name is written in capitals ("PyCon 2024", "Web Summit"); a lower-case word before any
    # "in"/"at" makes it a description ("DevOps meetup in Leeds"), which takes "the".
    name = re.split(r"\s+(?:in|at|on|near|during)\s+", part, maxsplit=1)[0]
    described = any(w[:1].islower() for w in name.split() if w[:1].isalpha())
    return f"at the {part}" if described else f"at {part}"


def _extra(part: str, table: Table, time_of: Callable[[str, Table], str | None]) -> str:
    """A further part: as typed after a preposition, a date ("im März", "on 12 May"), else a place ("in Köln")."""
    if part.split()[0].casefold() in table["prepositions"]:
        return part
    time = time_of(part, table)
    return f"in {part}" if time is None else time
