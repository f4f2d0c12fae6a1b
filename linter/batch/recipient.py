"""Checks that need the row and its columns: Sie/du against the row's address column, merge fields named
after columns.

The Sie and du forms are those of the engine's ``address-mix`` rule, and
placeholder findings are built by its ``placeholder`` rule, so wording and
patterns stay in one place. Whether the greeting names the recipient is the
engine's own ``recipient-mismatch`` rule (it knows the row's recipient).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._engine import Linter
from .._model import Finding, Recipient, Severity, Span
from .._recipient import register_from_address
from ..kinds import ConsistencyRule, Rule
from . import messages

ADDRESS_MIX = "address-mix"
PLACEHOLDER = "placeholder"

REGISTER_TEXT = {
    "du": ("duzen", "siezt", "per du", "„dich“, „dir“, „dein“ statt „Sie“, „Ihnen“, „Ihr“"),
    "sie": ("siezen", "duzt", "per Sie", "„Sie“, „Ihnen“, „Ihr“ statt „du“, „dir“, „dein“"),
}
_WORD = re.compile(r"\w+")


class RecipientChecks:
    """The row-aware checks for one language, built from the engine's rules of that language."""

    def __init__(self, linter: Linter, lang: str, columns: Sequence[str] = (), address_column: str = "") -> None:
        rules = {rule.id: rule for rule in linter.ruleset.for_lang(lang)}
        # Decided once: the selection is the same for every row.
        self.register_selected = lang == "de" and linter.is_selected(ADDRESS_MIX)
        self.merge_fields_selected = linter.is_selected(PLACEHOLDER)
        self.lang = lang
        self.address_column = address_column
        address = rules.get(ADDRESS_MIX)
        self.forms = address.forms if isinstance(address, ConsistencyRule) else {}
        placeholder = rules.get(PLACEHOLDER)
        self.placeholder: Rule | None = placeholder
        self.merge_field = merge_field_pattern(columns)

    def check(self, text: str, recipient: Recipient, found: Sequence[Finding]) -> list[Finding]:
        """Findings about this row beyond what the engine ``found`` already; only the linter's selected rules run."""
        out: list[Finding] = []
        if self.register_selected and recipient.address:
            register = self.register_mismatch(text, recipient)
            if register:
                out.append(register)
        if self.merge_fields_selected and self.merge_field is not None:
            out.extend(self.merge_fields(text, found))
        return out

    def register_mismatch(self, text: str, recipient: Recipient) -> Finding | None:
        """A draft that says "Sie" to someone the row says to address with "du" (or the other way round)."""
        wanted = register_from_address(recipient.address)
        if not wanted or len(self.forms) != 2:
            return None
        hits = {name.casefold(): list(matcher.combined.finditer(text)) for name, matcher in self.forms.items()}
        other = "sie" if wanted == "du" else "du"
        wrong, right = hits.get(other, []), hits.get(wanted, [])
        if not wrong or len(wrong) < len(right):
            return None
        first = wrong[0]
        verb, used, form, example = REGISTER_TEXT[wanted]
        name = " ".join(recipient.names) or "diese Person"
        return self._finding(ADDRESS_MIX, Severity.WARNING, Span(first.start(), first.end()), first.group(),
                             "register", column=self.address_column or "Sie/du", wanted=verb, name=name,
                             used=used, match=first.group(), form=form, example=example)

    def merge_fields(self, text: str, found: Sequence[Finding]) -> list[Finding]:
        """Unfilled merge fields named after a column ("«Vorname»", "{Firma}") the engine did not flag."""
        if self.merge_field is None or self.placeholder is None:
            return []
        if not any(char in text for char in _OPENING_CHARS):  # most drafts: no bracket of any kind, no scan
            return []
        taken = [f.span for f in found if f.rule == PLACEHOLDER]
        out = []
        for m in self.merge_field.finditer(text):
            if any(s.start < m.end() and m.start() < s.end for s in taken):
                continue
            out.append(self.placeholder.finding(Span(m.start(), m.end()), m.group()))
        return out

    def _finding(self, rule: str, severity: Severity, span: Span, matched: str, key: str,
                 **fields: object) -> Finding:
        said = messages.text(self.lang, key, **fields)
        return Finding(rule=rule, severity=severity, message=said.message, span=span, match=matched,
                       suggestion=said.suggestion)


_OPENING = ("«", "<<", "{{", "{", "[", "<", "%", "${")
_CLOSING = ("»", ">>", "}}", "}", "]", ">", "%")
_OPENING_CHARS = frozenset(mark[0] for mark in _OPENING)


def merge_field_pattern(columns: Sequence[str]) -> re.Pattern[str] | None:
    """Merge-field syntax (Word «…», {…}, {{…}}, […], <…>, %…%) around any of the file's column names."""
    names = sorted({c.strip() for c in columns if len(c.strip()) > 1}, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    opening, closing = ("|".join(map(re.escape, marks)) for marks in (_OPENING, _CLOSING))
    return re.compile(rf"(?:{opening})\s*(?:{alternatives})\s*(?:{closing})", re.IGNORECASE)

