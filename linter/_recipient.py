"""Build a Recipient from what a user types: ``--name "Frau Anna Berger"`` and friends."""

from __future__ import annotations

import functools
import re

from ._model import Recipient

SALUTATIONS = frozenset({"frau", "herr", "herrn", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."})
REGISTER_WORDS = {
    "du": frozenset("du duzen informal informell locker".split()),
    "sie": frozenset("sie siezen formal formell förmlich foermlich".split()),
}
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=256)
def register_from_address(address: str) -> str:
    """``sie`` or ``du`` for an address field such as "per Du", "Sie" or "formal"; "" if unknown."""
    words = set(_WORD.findall(address.casefold()))
    for register, known in REGISTER_WORDS.items():
        if words & known:
            return register
    return ""


def split_name(name: str) -> tuple[str, str, str]:
    """``(salutation, first, last)`` of a typed name; one word alone is a first name unless a salutation precedes it."""
    words = name.split()
    salutation = ""
    if words and words[0].lower() in SALUTATIONS:
        salutation = "Herr" if words[0].lower() == "herrn" else words.pop(0)
    if not words:
        return salutation, "", ""
    if len(words) == 1:
        return (salutation, "", words[0]) if salutation else ("", words[0], "")
    return salutation, " ".join(words[:-1]), words[-1]


def recipient_from(name: str = "", *, salutation: str = "", company: str = "", met: str = "", offer: str = "",
                   address: str = "") -> Recipient:
    """A Recipient from free-form fields; an explicit ``salutation`` wins over one inside ``name``."""
    said, first, last = split_name(name)
    return Recipient(first_name=first, last_name=last, salutation=salutation or said, company=company.strip(),
                     met=met.strip(), offer=offer.strip(), address=address.strip())


def known_words(*fields: str) -> tuple[str, ...]:
    """Words a spelling check must accept: each field and its words ("Datenwerk eG" vouches for "Datenwerk")."""
    return tuple(dict.fromkeys(w for field in fields if field for w in (field, *_WORD.findall(field))))
