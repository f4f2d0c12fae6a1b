"""The opening of a request ("Sehr geehrter Herr Dr. Schmidt,") taken apart, and compared with its recipient.

Used by the ``recipient`` rule kind (recipient-mismatch) and by ``lint-request
batch`` to tell a signature from a template's greeting.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from ._model import Recipient, Span

GREETING_WITHIN = 300
"""A greeting is looked for in the first characters only: further down, "Hallo X" is not the opening."""

GREETING_WORDS = frozenset(
    "hallo hallöchen hi hey hej hoi liebe lieber liebes sehr geehrte geehrter guten tag morgen abend moin "
    "servus grüezi grüß grüss gott dich salü salut tach hello hiya howdy greetings dear good afternoon "
    "evening day".split()
)
HONORIFICS = {
    "de": {"frau": "f", "herr": "m", "herrn": "m"},
    "en": {"mrs": "f", "ms": "f", "miss": "f", "mr": "m", "mx": "n"},
}
HONORIFIC_FOR = {"de": {"f": "Frau", "m": "Herr"}, "en": {"f": "Ms", "m": "Mr"}}
NEUTRAL_GREETING = {"de": "Guten Tag", "en": "Hello"}
TITLES = frozenset("dr prof professor professorin mag ing dipl pfarrer pfarrerin".split())
# German greeting words agree with the recipient's gender: "Lieber Jan", "Liebe Anna".
GENDERED = {"geehrte": "f", "geehrter": "m", "liebe": "f", "lieber": "m"}
AGREE = {("geehrte", "m"): "geehrter", ("geehrter", "f"): "geehrte", ("liebe", "m"): "lieber",
         ("lieber", "f"): "liebe", ("liebes", "m"): "lieber", ("liebes", "f"): "liebe"}
SALUTATION_WORDS = {
    "f": frozenset("frau fr w weiblich female f mrs ms miss liebe geehrte".split()),
    "m": frozenset("herr herrn hr m männlich maennlich male mr lieber geehrter".split()),
    "n": frozenset("divers d x mx diverse neutral nonbinary".split()),
}
SALUTATION_LABEL = {"de": {"f": "Frau", "m": "Herr", "n": "divers"}, "en": {"f": "Ms", "m": "Mr", "n": "Mx"}}
_WORD = re.compile(r"\w+")
_CUT = re.compile(r"[,!:;?()\n]")


@functools.lru_cache(maxsize=1024)
def gender_of(salutation: str) -> str:
    """``f``, ``m`` or ``n`` (neither) for a salutation cell such as "Frau", "Mr." or "divers"; "" if unknown."""
    words = set(_WORD.findall(salutation.casefold()))
    for gender, known in SALUTATION_WORDS.items():
        if words & known:
            return gender
    return ""


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """Fold a name so "Müller", "Mueller" and "MULLER" compare equal."""
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return plain.replace("ae", "a").replace("oe", "o").replace("ue", "u")


@functools.lru_cache(maxsize=8192)
def name_keys(*names: str) -> frozenset[str]:
    return frozenset(name_key(part) for name in names for part in _WORD.findall(name) if len(part) > 1)


def same_person(named: Iterable[str], recipient: Recipient) -> bool:
    """Whether a greeting name is one of the recipient's own names, or a short form of the first name.

    Only the person's names count: a company name ("Frau Müller" to someone at Müller Logistik) or a
    surname that merely starts like the real one ("Frau Berg" to Frau Bergmann) greets someone else.
    Short forms ("Alex" for "Alexander") exist for first names only.
    """
    first, last = name_keys(recipient.first_name), name_keys(recipient.last_name)
    for key in named:
        if key in first or key in last:
            return True
        if any(min(len(key), len(other)) >= 3 and (key.startswith(other) or other.startswith(key))
               for other in first):
            return True
    return False


class Greeting(NamedTuple):
    """The opening "Sehr geehrter Herr Dr. Schmidt" taken apart."""

    span: Span
    words: tuple[str, ...]   # "Sehr", "geehrter"
    honorific: str           # "Herr", "" when the name follows the greeting words directly
    gender: str              # what the greeting implies: f, m, n or "" (also for several people)
    names: tuple[str, ...]   # "Schmidt"
    named: str               # the names as written: "Schmidt", "Anna und Jan"


def parse_greeting(text: str, start: int, lang: str) -> Greeting | None:
    """Split the greeting that starts at ``start`` into greeting words, honorific, titles and names."""
    cut = _CUT.search(text, start)
    found = _parse_greeting(text[start:cut.start() if cut else len(text)], lang)
    if found is None or not start:
        return found
    return found._replace(span=Span(found.span.start + start, found.span.end + start))


@functools.lru_cache(maxsize=4096)
def _parse_greeting(segment: str, lang: str) -> Greeting | None:
    """``parse_greeting`` of a greeting line cut at its first comma (cached: in a batch such lines repeat)."""
    words: list[str] = []
    names: list[str] = []
    honorific = ""
    first = end = names_start = -1
    several = False
    honorifics = HONORIFICS.get(lang, {})
    for token in re.finditer(r"\S+", segment):
        word = token.group()
        bare = word.rstrip(".").casefold()
        if first < 0:
            first = token.start()
        if not names and not honorific and bare in GREETING_WORDS:
            words.append(word)
        elif not names and bare in honorifics:
            honorific = word
        elif not names and (bare in TITLES or bare.startswith("dipl")):
            continue
        elif word[:1].isupper():
            names.append(word.rstrip("."))
            end = token.start() + len(names[-1])
            if names_start < 0:
                names_start = token.start()
            if len(names) == 6:
                break
        elif names and bare in ("und", "and", "&"):  # "Hallo Anna und Jan" greets both
            several = True
        else:
            break
    if not names:
        return None
    gender = honorifics.get(honorific.rstrip(".").casefold(), "")
    if not gender and lang == "de":
        gender = next((GENDERED[w.casefold()] for w in words if w.casefold() in GENDERED), "")
    return Greeting(Span(first, end), tuple(words), honorific, "" if several else gender, tuple(names),
                    segment[names_start:end])


def _agree(word: str, gender: str) -> str:
    """The greeting word in the form that fits ``gender`` ("Lieber" → "Liebe" for f)."""
    swapped = AGREE.get((word.casefold(), gender))
    if swapped is None:
        return word
    return swapped.capitalize() if word[:1].isupper() else swapped


def better_greeting(greeting: Greeting, recipient: Recipient, gender: str, lang: str) -> str:
    """The opening the draft should have for this row, in the draft's own style."""
    full = " ".join(recipient.names)
    gendered_words = any(w.casefold() in GENDERED or w.casefold() == "liebes" for w in greeting.words)
    if greeting.honorific or not recipient.first_name:
        if gender in ("f", "m") and recipient.last_name:
            honorific = HONORIFIC_FOR[lang][gender]
            if lang == "en" and greeting.honorific.endswith("."):
                honorific += "."
            words = [_agree(w, gender) for w in greeting.words]
            return " ".join([*words, honorific, recipient.last_name]) + ","
        return f"{NEUTRAL_GREETING[lang]} {full or recipient.last_name},"
    if gendered_words and gender not in ("f", "m"):
        return f"{NEUTRAL_GREETING[lang]} {full},"
    words = [_agree(w, gender) for w in greeting.words] if gender in ("f", "m") else list(greeting.words)
    return " ".join([*words, recipient.first_name]) + ","
