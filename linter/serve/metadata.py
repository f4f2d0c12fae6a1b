"""What a client's ``metaData`` tells about the recipient and the sender.

LanguageTool's API documents ``EmailToAddress`` (the address the user writes to, e.g. from
Gmail's "To" field, optionally as ``Anna Berger <anna.berger@datenwerk.de>``) and ``FullName``
(the *user's* own name). The first feeds the recipient checks; the second only ever
protects the sender's name: it is never taken for the recipient and never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from .._model import Recipient
from .._recipient import known_words, split_name

# Mailbox providers: their domain says nothing about the recipient's company.
FREEMAIL = frozenset(
    ["gmail", "googlemail", "gmx", "web", "t-online", "outlook", "hotmail", "live", "msn", "yahoo", "icloud", "me",
     "mac", "aol", "posteo", "mailbox", "protonmail", "proton", "freenet", "arcor", "email", "mail", "yandex", "zoho",
     "hey", "fastmail", "tutanota", "tuta"]
)
ROLE_ADDRESSES = frozenset(["info", "kontakt", "contact", "hello", "hallo", "mail", "office", "post", "team", "service",
                            "support", "sales", "jobs", "hr", "bewerbung", "karriere", "careers", "noreply", "no-reply",
                            "admin", "webmaster"])
_ADDRESS = re.compile(r"^\s*(?:\"?([^\"<]*?)\"?\s*)?<?([^<>@\s]+)@([^<>@\s]+?)>?\s*$")


class Parties(NamedTuple):
    recipient: Recipient | None
    """From ``EmailToAddress``; None when it names nobody."""
    sender_names: tuple[str, ...]
    """The user's own name parts from ``FullName``."""
    known_words: tuple[str, ...]
    """Words LanguageTool must not call typos: both names and the recipient's company."""


def _title(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word.islower() or word.isupper() else word


def recipient_from_address(value: str) -> Recipient | None:
    """``Anna Berger <anna@x.de>`` → Anna Berger; ``anna.berger@datenwerk.de`` → Anna Berger at Datenwerk."""
    first = value.split(",")[0]  # several recipients: the first one is greeted first
    m = _ADDRESS.match(first)
    if m is None:
        return None
    display, local, domain = (m.group(1) or "").strip(), m.group(2).lower(), m.group(3).lower()
    labels = domain.split(".")
    company = labels[-2] if len(labels) >= 2 and labels[-2] not in FREEMAIL else ""
    company = _title(company) if company else ""
    if display and "@" not in display:
        salutation, first_name, last_name = split_name(display.replace(",", " "))
        if "," in display:  # "Berger, Anna"
            parts = [p.strip() for p in display.split(",", 1)]
            salutation, first_name, last_name = "", parts[1], parts[0]
        return Recipient(first_name=first_name, last_name=last_name, salutation=salutation, company=company)
    words = [w for w in re.split(r"[._\-+]", local) if w]
    if local in ROLE_ADDRESSES or len(words) != 2 or not all(w.isalpha() and len(w) > 1 for w in words):
        return Recipient(company=company) if company else None
    return Recipient(first_name=_title(words[0]), last_name=_title(words[1]), company=company)


def parties(meta: Mapping[str, str]) -> Parties:
    sender = tuple(re.findall(r"\w+", meta.get("FullName", "")))
    recipient = recipient_from_address(meta["EmailToAddress"]) if meta.get("EmailToAddress") else None
    fields = [*sender]
    if recipient is not None:
        fields += [recipient.first_name, recipient.last_name, recipient.company]
    return Parties(recipient, sender, known_words(*fields))
