"""What the batch checks say, in the language of the draft they are about.

The rules carry their texts in the rule files (recipient-mismatch, mass-template
and near-duplicate too); what is left here is the Sie/du note that compares a
draft with the row's address column, which only German has.
"""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    message: str
    suggestion: str


TEXTS: dict[str, dict[str, Text]] = {
    "de": {
        "register": Text(
            "Laut Spalte „{column}“ {wanted} Sie {name}, die Anfrage {used} aber: „{match}“.",
            "Schreiben Sie durchgehend {form}, z. B. {example}.",
        ),
    },
}


def text(lang: str, key: str, **fields: object) -> Text:
    """The message and suggestion ``key`` in ``lang``, filled in."""
    template = TEXTS[lang][key]
    return Text(template.message.format(**fields), template.suggestion.format(**fields))
