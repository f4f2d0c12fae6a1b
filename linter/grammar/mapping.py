"""LanguageTool's /v2/check JSON → lint-request Findings with exact positions in the user's text."""

from __future__ import annotations

from typing import Any

from .._model import Finding, Severity, Span
from .errors import GrammarUnavailable
from .offsets import Utf16Index

SOURCE = "languagetool"
RULE_PREFIX = "LT:"
MAX_REPLACEMENTS = 5

# LanguageTool's issue types (ITS 2.0 localization-quality types). Misspellings and grammar make
# a sender look careless, so they are warnings; the rest is polish. None is an error: LanguageTool
# does not know names and company names, and a false alarm must not fail a run at the default --fail-on.
_WARNING_TYPES = frozenset({"misspelling", "grammar", "duplication", "inconsistency"})

_DID_YOU_MEAN = {"de": "Meinten Sie „{}“?", "en": "Did you mean “{}”?"}


class ProtocolError(GrammarUnavailable):
    """A /v2/check answer that is valid JSON but not shaped like LanguageTool's."""


def severity_of(issue_type: str) -> Severity:
    return Severity.WARNING if issue_type.lower() in _WARNING_TYPES else Severity.INFO


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _finding(match: Any, text: str, index: Utf16Index, lang: str) -> Finding:
    rule = match.get("rule")
    offset, length, message = match.get("offset"), match.get("length"), match.get("message")
    if not (isinstance(rule, dict) and isinstance(rule.get("id"), str) and rule["id"]
            and type(offset) is int and type(length) is int and isinstance(message, str)):
        raise ProtocolError("a match lacks rule.id, offset, length or message")
    try:
        start, end = index.span(offset, length)
    except ValueError as exc:
        raise ProtocolError(f"a match lies outside the text: {exc}") from None
    category = rule.get("category")
    replacements = tuple(
        r["value"] for r in match.get("replacements") or () if isinstance(r, dict) and isinstance(r.get("value"), str)
    )[:MAX_REPLACEMENTS]
    if replacements:
        suggestion = _DID_YOU_MEAN.get(lang.split("-")[0], _DID_YOU_MEAN["en"]).format(replacements[0])
    else:
        suggestion = _text(match.get("shortMessage")) or _text(rule.get("description"))
    return Finding(
        rule=RULE_PREFIX + rule["id"],
        severity=severity_of(_text(rule.get("issueType"))),
        message=message,
        span=Span(start, end),
        match=text[start:end],
        suggestion=suggestion,
        replacements=replacements,
        source=SOURCE,
        category=_text(category.get("id")) if isinstance(category, dict) else "",
    )


def findings_from_response(data: Any, text: str, lang: str) -> tuple[Finding, ...]:
    """Map a /v2/check response for ``text`` to findings sorted by position.

    Offsets and lengths arrive in UTF-16 code units and leave as code-point spans of ``text``.
    Raises ProtocolError (a GrammarUnavailable) for anything not shaped like LanguageTool's answer,
    so that a broken server never yields half a result.
    """
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise ProtocolError("the answer has no list of matches")
    index = Utf16Index(text)
    findings = []
    for match in data["matches"]:
        if not isinstance(match, dict):
            raise ProtocolError("a match is not an object")
        findings.append(_finding(match, text, index, lang))
    return tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end, f.rule)))

