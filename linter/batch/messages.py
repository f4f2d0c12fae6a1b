"""What the batch checks say, in the language of the draft they are about.

The engine's own rules carry their texts in the rule files; these checks need
the row or the whole batch, so their texts live here, one table per language.
"""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    message: str
    suggestion: str


TEXTS: dict[str, dict[str, Text]] = {
    "de": {
        "wrong-name": Text(
            "Die Anrede nennt „{named}“, diese Zeile geht aber an {recipient}.",
            "Prüfen Sie, ob Nachrichten und Empfänger um eine Zeile verrutscht sind, und beginnen Sie mit "
            "„{greeting}“.",
        ),
        "wrong-form": Text(
            "Die Anrede „{used}“ passt nicht zur Anrede dieser Zeile ({salutation}).",
            "Schreiben Sie „{greeting}“.",
        ),
        "register": Text(
            "Laut Spalte „{column}“ {wanted} Sie {name}, die Anfrage {used} aber: „{match}“.",
            "Schreiben Sie durchgehend {form}, z. B. {example}.",
        ),
        "mass-template": Text(
            "Derselbe Text geht an {count} Empfänger (Vorlage {cluster}); nur Name oder Firma sind ausgetauscht.",
            "Schreiben Sie jeder Person einen eigenen Text: woher Sie sich kennen, warum Sie gerade ihr jetzt "
            "schreiben und was Sie ihr anbieten.",
        ),
        "near-duplicate": Text(
            "Fast derselbe Text geht an {count} Empfänger (Gruppe {cluster}, mindestens {percent} % ähnlich).",
            "Machen Sie jede Anfrage persönlich: ein gemeinsamer Anlass, ein konkreter Grund, ein Angebot "
            "gerade für diese Person.",
        ),
    },
    "en": {
        "wrong-name": Text(
            "The greeting names “{named}”, but this row goes to {recipient}.",
            "Check whether messages and recipients have shifted by a row, and open with “{greeting}”.",
        ),
        "wrong-form": Text(
            "The greeting “{used}” does not match this row's salutation ({salutation}).",
            "Write “{greeting}”.",
        ),
        "mass-template": Text(
            "The same text goes to {count} recipients (template {cluster}); only the name or company differs.",
            "Write each person their own text: how you know each other, why you write to them now and what "
            "you offer them.",
        ),
        "near-duplicate": Text(
            "Almost the same text goes to {count} recipients (group {cluster}, at least {percent}% similar).",
            "Make each request personal: a shared occasion, a concrete reason, an offer for this person.",
        ),
    },
}


def text(lang: str, key: str, **fields: object) -> Text:
    """The message and suggestion ``key`` in ``lang`` (English where there is no such text), filled in."""
    template = TEXTS.get(lang, {}).get(key) or TEXTS["en"][key]
    return Text(template.message.format(**fields), template.suggestion.format(**fields))
