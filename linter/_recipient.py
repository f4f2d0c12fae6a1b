"""Build a Recipient from what a user types: ``--name "Frau Anna Berger"`` and friends."""

from __future__ import annotations

from ._model import Recipient

SALUTATIONS = frozenset({"frau", "herr", "herrn", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."})


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
