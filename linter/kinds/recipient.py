"""Kind ``recipient``: the greeting names someone other than the recipient, or uses the wrong form of address.

Needs to know who the request goes to: a row of ``lint-request batch``, the
TUI's recipient fields, the server's ``metaData``, or ``lint_text(recipient=…)``.
Without a recipient it has nothing to compare and stays silent.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from .._context import Context
from .._greeting import (
    GREETING_WITHIN,
    SALUTATION_LABEL,
    better_greeting,
    gender_of,
    name_keys,
    parse_greeting,
    same_person,
)
from .._model import Finding, Recipient, Span
from .base import Rule, matcher

if TYPE_CHECKING:
    from .._schema import RuleFileBase

WHAT = {
    "en": "Compares the greeting with the recipient (batch rows, the TUI's recipient, the server's metaData): "
          "flags a greeting that names someone else or uses the wrong form of address.",
    "de": "Vergleicht die Anrede mit dem Empfänger (Zeilen von batch, Empfänger in der TUI, metaData des Servers): "
          "meldet eine Anrede, die jemand anderen nennt oder die falsche Form wählt.",
}


class RecipientRule(Rule):
    """The opening greeting does not fit the recipient's names or salutation."""

    kind: ClassVar[str] = "recipient"
    __slots__ = ("greeting", "form_message", "form_suggestion")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.greeting = matcher(spec, "greeting")
        self.form_message: str = spec["form_message"]
        self.form_suggestion: str = spec["form_suggestion"]

    @staticmethod
    def pattern_fields(spec: dict[str, Any]) -> dict[str, list[Any]]:
        return {"greeting": spec["greeting"]}

    def check(self, ctx: Context) -> tuple[Finding, ...]:
        recipient = ctx.recipient
        if recipient is None or not (recipient.first_name or recipient.last_name or recipient.salutation):
            return ()
        found = self.mismatch(ctx, recipient)
        return (found,) if found is not None else ()

    def mismatch(self, ctx: Context, recipient: Recipient) -> Finding | None:
        opening = next(self.greeting.finditer(ctx.scan), None)
        if opening is None or opening.start() >= GREETING_WITHIN:
            return None  # further down, "Hallo X" is not the opening
        greeting = parse_greeting(ctx.text, opening.start(), self.lang)
        if greeting is None:
            return None
        span = greeting.span
        used = ctx.text[span.start:span.end]
        gender = gender_of(recipient.salutation)
        named = name_keys(*greeting.names)
        if name_keys(*recipient.names) and named and not same_person(named, recipient):
            return self.finding(span, used, named=greeting.named, recipient=" ".join(recipient.names),
                                greeting=better_greeting(greeting, recipient, gender, self.lang))
        if gender and greeting.gender and gender != greeting.gender:
            fields = {"match": used, "used": used,
                      "salutation": recipient.salutation.strip() or SALUTATION_LABEL[self.lang][gender],
                      "greeting": better_greeting(greeting, recipient, gender, self.lang)}
            return Finding(self.id, self.severity, self.form_message.format_map(fields), Span(span.start, span.end),
                           used, self.form_suggestion.format_map(fields))
        return None


@functools.cache
def schema() -> type[RuleFileBase]:
    import string
    from typing import Literal

    from pydantic import Field, model_validator

    from .._schema import Pattern, RuleFileBase

    class RecipientRuleFile(RuleFileBase):
        """The greeting names someone else (``message``) or uses the wrong form of address (``form_message``)."""

        kind: Literal["recipient"]
        greeting: list[Pattern] = Field(min_length=1, description="Where the opening greeting starts.")
        form_message: str = Field(min_length=1)
        form_suggestion: str = Field(min_length=1)
        template_fields: ClassVar[frozenset[str]] = frozenset({"match", "named", "recipient", "greeting"})
        form_fields: ClassVar[frozenset[str]] = frozenset({"match", "used", "salutation", "greeting"})

        @model_validator(mode="after")
        def _form_templates_use_known_fields(self) -> RecipientRuleFile:
            for name in ("form_message", "form_suggestion"):
                for _, field_name, _, _ in string.Formatter().parse(getattr(self, name)):
                    if field_name is not None and field_name not in self.form_fields:
                        raise ValueError(f"{name} uses unknown placeholder {{{field_name}}}; "
                                         f"this field allows: {', '.join(sorted(self.form_fields))}")
            return self

    return RecipientRuleFile
