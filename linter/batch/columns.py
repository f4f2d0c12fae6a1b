"""Which column holds what: named by flags or config, otherwise recognised by common German and English headers."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .._io import InputError

FIELDS = ("message", "first_name", "last_name", "salutation", "company", "met", "address", "platform")
"""Fields a flag (``--message-column`` …) or config key (``message-column`` …) can name."""

# Normalised header names (lower case, letters and digits only), best first.
HEADERS: dict[str, tuple[str, ...]] = {
    "message": ("nachricht", "message", "note", "notiz", "nachrichtentext", "anschreiben", "kontaktanfrage",
                "anfrage", "anfragetext", "einladungstext", "einladung", "invitationnote", "invitationmessage",
                "invitation", "connectionnote", "connectionmessage", "messagetext", "messagebody", "body",
                "mailtext", "emailtext", "emailbody", "text", "inhalt", "content", "entwurf", "draft"),
    "first_name": ("vorname", "firstname", "first", "givenname", "fname", "forename", "rufname"),
    "last_name": ("nachname", "lastname", "last", "surname", "familyname", "familienname", "lname", "zuname"),
    "salutation": ("anrede", "salutation", "geschlecht", "gender", "honorific", "prefix"),
    "company": ("firma", "company", "unternehmen", "companyname", "firmenname", "organisation", "organization",
                "arbeitgeber", "employer", "account", "accountname"),
    "met": ("kennengelernt", "kennengelerntauf", "kennengelerntbei", "woher", "kontext", "met", "metat", "howwemet",
            "treffpunkt", "anlass", "veranstaltung", "event"),
    "address": ("dusie", "siedu", "duzen", "ansprache", "anredeform", "formofaddress", "address", "register"),
    "platform": ("plattform", "platform", "kanal", "channel", "netzwerk", "network"),
}
FULL_NAME = ("name", "fullname", "vollername", "kontakt", "kontaktname", "contact", "contactname", "empfanger",
             "empfaenger", "recipient")
"""One column with the whole name: split into first and last name when there are no such columns."""
LABELS = {field: field.replace("_", "-") for field in FIELDS}


def normalise(header: str) -> str:
    folded = header.casefold().replace("ß", "ss").replace("ä", "a").replace("ö", "o").replace("ü", "u")
    return re.sub(r"[\W_]+", "", folded)


class ColumnMap(NamedTuple):
    """Field → column position (CSV, XLSX) or key (JSONL); ``full_name`` when only a whole-name column exists."""

    keys: dict[str, int | str]
    names: dict[str, str]     # field → header as written in the file
    full_name: int | str | None = None
    notes: tuple[str, ...] = ()  # e.g. which of two columns with the same header was used


def _listing(columns: Sequence[str]) -> str:
    shown = [repr(c) for c in columns if c]
    return ", ".join(shown) if shown else "(none)"


def _find(columns: Sequence[str], wanted: str, option: str) -> int:
    if wanted in columns:
        return columns.index(wanted)
    norm = [normalise(c) for c in columns]
    if normalise(wanted) in norm:
        return norm.index(normalise(wanted))
    raise InputError(f"{option} {wanted!r}: no such column; the file has: {_listing(columns)}")


def map_columns(columns: Sequence[str], chosen: Mapping[str, str | None], *, by_key: bool = False) -> ColumnMap:
    """Map fields to columns: ``chosen`` (from flags/config) first, then recognised headers.

    ``by_key``: rows are objects (JSONL), so the map holds keys instead of positions.
    Raises InputError when no message column is named or recognised.
    """
    taken: dict[str, int] = {}
    for field in FIELDS:
        wanted = chosen.get(field)
        if wanted:
            taken[field] = _find(columns, wanted, f"--{LABELS[field]}-column")
    norm = [normalise(c) for c in columns]
    used = set(taken.values())
    for field in FIELDS:
        if field in taken:
            continue
        for candidate in HEADERS[field]:
            hits = [i for i, n in enumerate(norm) if n == candidate and i not in used]
            if hits:
                taken[field] = hits[0]
                used.add(hits[0])
                break
    full: int | None = None
    whole = next((i for i, n in enumerate(norm) if n in FULL_NAME and i not in used), None)
    if whole is not None:
        if "first_name" in taken and "last_name" not in taken:
            taken["last_name"] = whole  # "Vorname" + "Name": Name is the last name
        elif "first_name" not in taken and "last_name" not in taken:
            full = whole
    if "message" not in taken:
        raise InputError(
            f"no message column found (looked for headers such as Nachricht, Message, Note, Text); "
            f"the file has: {_listing(columns)}; name it with --message-column"
        )
    keys: dict[str, int | str] = {f: (columns[i] if by_key else i) for f, i in taken.items()}
    full_key = None if full is None else (columns[full] if by_key else full)
    names = {f: columns[i] for f, i in taken.items()}
    if full is not None:
        names["name"] = columns[full]
        taken["name"] = full
    return ColumnMap(keys, names, full_key, _duplicates(columns, taken))


def _duplicates(columns: Sequence[str], taken: Mapping[str, int]) -> tuple[str, ...]:
    """A note for each used column whose header the file has more than once: which one was read."""
    norm = [normalise(c) for c in columns]
    notes = []
    for field, i in taken.items():
        same = [j + 1 for j, n in enumerate(norm) if n == norm[i]]
        if len(same) > 1:
            numbers = ", ".join(map(str, same[:-1])) + f" and {same[-1]}"
            notes.append(f"{len(same)} columns are named {columns[i]!r} (columns {numbers}); the "
                         f"{field.replace('_', ' ')} is read from column {i + 1} (rename a header to use another)")
    return tuple(notes)
