"""lint-request's findings as LanguageTool matches: the JSON shape, UTF-16 offsets, context, sentence.

Field by field as LanguageTool's ``RuleMatchesAsJsonSerializer`` writes a match: ``message``,
``shortMessage``, ``replacements[{value}]``, ``offset``/``length`` in UTF-16 code units of the
whole (annotated) text, ``context{text,offset,length}`` with 40 characters either side and
"..." where cut, ``sentence``, ``type{typeName}``, ``rule{id,description,issueType,urls,
category{id,name}}``, ``ignoreForIncompleteSentence`` and ``contextForSureMatch``.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from .._model import Finding, Severity, Span
from .annotation import AnnotatedText

CONTEXT_SIZE = 40
"""Characters of context either side, as LanguageTool's server uses."""

MAX_REPLACEMENTS = 5

# Clients colour by issue type: misspelling red, grammar yellow, style blue (the browser
# extension, Obsidian's and LTeX's plug-ins alike), so each severity gets one of the three.
ISSUE_TYPE = {Severity.ERROR: "misspelling", Severity.WARNING: "grammar", Severity.INFO: "style"}
TYPE_NAME = {Severity.ERROR: "Other", Severity.WARNING: "Other", Severity.INFO: "Hint"}
CATEGORY_ID = {Severity.ERROR: "LINT_REQUEST_DECLINED", Severity.WARNING: "LINT_REQUEST_WEAK",
               Severity.INFO: "LINT_REQUEST_POLISH"}
CATEGORY_NAME = {
    "de": {Severity.ERROR: "Kontaktanfrage: wird abgelehnt", Severity.WARNING: "Kontaktanfrage: schwächt sie",
           Severity.INFO: "Kontaktanfrage: Feinschliff"},
    "en": {Severity.ERROR: "Contact request: gets declined", Severity.WARNING: "Contact request: weakens it",
           Severity.INFO: "Contact request: polish"},
}
SHORT_MESSAGE = {
    "de": {Severity.ERROR: "Führt zur Ablehnung", Severity.WARNING: "Schwächt die Anfrage",
           Severity.INFO: "Feinschliff"},
    "en": {Severity.ERROR: "Gets declined", Severity.WARNING: "Weakens the request", Severity.INFO: "Polish"},
}

TEXT_LEVEL_KINDS = frozenset({"missing", "length", "consistency", "ratio", "recipient", "batch"})
"""Rule kinds that judge the whole text, LanguageTool's text-level rules (``mode=textLevelOnly``)."""

_FIRST_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”“»«)\]]*(?=\s)|\n")  # a request's lines are sentences of their own


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16:
    """UTF-16 offsets of code-point offsets in one text (only characters beyond U+FFFF count twice)."""

    __slots__ = ("_astral",)

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []

    def __call__(self, index: int) -> int:
        if not self._astral:
            return index
        return index + bisect.bisect_left(self._astral, index)


class Sentences:
    """Where the sentences of one text end, found once for all its matches."""

    __slots__ = ("_ends", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends = [m.end() for m in _SENTENCE_END.finditer(text)]

    def at(self, start: int, end: int) -> str:
        """The sentence around ``[start, end)``, trimmed (LanguageTool sends the sentence of each match)."""
        ends = self._ends
        before = bisect.bisect_right(ends, start) - 1
        begin = ends[before] if before >= 0 else 0
        last = max(start, end - 1)
        after = bisect.bisect_right(ends, last)
        stop = ends[after] if after < len(ends) else len(self.text)
        return self.text[begin:stop].strip()


def utf16_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def placed(finding: Finding, text: str, anchor: Span | None) -> Finding:
    """A whole-text finding (span 0..0) moved onto ``anchor``, so clients underline something small."""
    if finding.span.end > finding.span.start or anchor is None:
        return finding
    return Finding(finding.rule, finding.severity, finding.message, anchor, text[anchor.start:anchor.end],
                   finding.suggestion, finding.replacements, finding.source, finding.category)


def anchor_of(text: str) -> Span | None:
    """Where missing-part findings go: the greeting line if the draft has one, else its first word."""
    from .._segments import greeting_piece

    greeting = greeting_piece(text)
    if greeting is not None:
        line = text[greeting.start:greeting.end].rstrip(",! \t")
        if line:
            return Span(greeting.start, greeting.start + len(line))
    m = _FIRST_WORD.search(text)
    if m is None:
        return None
    word = m.group().rstrip(",.;:!?")
    return Span(m.start(), m.start() + (len(word) or len(m.group())))


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``[start, end)`` of ``text`` (for one match; many use :class:`Sentences`)."""
    return Sentences(text).at(start, end)


def context_of(original: str, start: int, end: int) -> dict[str, Any]:
    """LanguageTool's ``context``: the match with up to 40 characters either side, newlines as spaces."""
    left = max(0, start - CONTEXT_SIZE)
    right = min(len(original), end + CONTEXT_SIZE)
    prefix = "..." if left > 0 else ""
    postfix = "..." if right < len(original) else ""
    before = original[left:start]
    return {
        "text": prefix + original[left:right].replace("\n", " ") + postfix,
        "offset": len(prefix) + utf16_len(before),
        "length": utf16_len(original[start:end]),
    }


def own_match(finding: Finding, text: AnnotatedText, lang: str, offsets: Utf16,
              sentences: Sentences | None = None, base_url: str = "",
              contexts: dict[tuple[int, int], dict[str, Any]] | None = None) -> dict[str, Any]:
    """One of lint-request's findings (span in the linted text) as a LanguageTool match.

    ``rule.urls`` points at ``{base_url}/rule/ID`` (no ``urls`` without a base URL, as LanguageTool
    leaves it out for rules without one); ``contexts`` shares the context of findings on one span.
    """
    labels = "de" if lang == "de" else "en"
    severity = finding.severity
    message, rule = _static(finding.rule, severity, finding.message, finding.suggestion, finding.match, labels,
                            base_url)
    start, end = text.to_original(finding.span.start, finding.span.end)
    offset = offsets(start)
    context = contexts.get((start, end)) if contexts is not None else None
    if context is None:
        context = context_of(text.original, start, end)
        if contexts is not None:
            contexts[(start, end)] = context
    return {
        "message": message,
        "shortMessage": SHORT_MESSAGE[labels][severity],
        "replacements": [{"value": value} for value in finding.replacements[:MAX_REPLACEMENTS]],
        "offset": offset,
        "length": offsets(end) - offset,
        "context": context,
        "sentence": (sentences or Sentences(text.plain)).at(finding.span.start, finding.span.end),
        "type": {"typeName": TYPE_NAME[severity]},
        "rule": rule,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


@functools.lru_cache(maxsize=4096)
def _static(rule_id: str, severity: Severity, message: str, suggestion: str, matched: str, labels: str,
            base_url: str) -> tuple[str, dict[str, Any]]:
    """The parts of a match that depend on the rule and its wording only (shared, never mutated)."""
    full = f"{message} {suggestion}" if suggestion and suggestion not in message else message
    # The rule's one-line description: its message without the matched words.
    description = message.replace(matched, "…") if matched and len(matched) > 2 and message != suggestion \
        else message
    rule: dict[str, Any] = {"id": rule_id, "description": description, "issueType": ISSUE_TYPE[severity]}
    if base_url:
        rule["urls"] = [{"value": f"{base_url}/rule/{rule_id}?lang={labels}"}]
    rule["category"] = {"id": CATEGORY_ID[severity], "name": CATEGORY_NAME[labels][severity]}
    return full, rule
