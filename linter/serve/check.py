"""One ``/v2/check``: lint, recipient checks from ``metaData``, LanguageTool's matches merged, the answer.

Every finding appears once across the browser extension's two calls: lint-request's
whole-text rules (missing parts, length, Sie/du mix, ratio, recipient) answer
``mode=textLevelOnly``, all others ``allButTextLevelOnly``; ``mode`` goes on to LanguageTool,
which splits its own rules the same way. A LanguageTool match on a span one of our findings
already covers is dropped in both calls, so merging never depends on the mode.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, NamedTuple

from .._engine import Linter
from .._model import PLATFORMS, Finding, finding_order
from .._version import __version__
from .languages import Chosen, LanguageError, choose
from .matches import (
    CATEGORY_ID,
    TEXT_LEVEL_KINDS,
    Sentences,
    Utf16,
    anchor_of,
    context_of,
    own_match,
    placed,
    sentence_at,
)
from .metadata import parties
from .protocol import CheckRequest, RequestError
from .proxy import Forwarded

BUILD_DATE = "2026-12-02 00:00:00 +0000"
SOFTWARE = {"name": "lint-request", "version": __version__, "buildDate": BUILD_DATE, "apiVersion": 1,
            "premium": False, "status": ""}
OUR_CATEGORIES = frozenset(CATEGORY_ID.values())
RECENT = 64
"""Texts whose lint results the checker keeps (small: only repeats in quick succession should hit)."""


class Prepared(NamedTuple):
    """The part of a check that needs no LanguageTool, and what to ask LanguageTool (None: nothing)."""

    request: CheckRequest
    chosen: Chosen
    findings: list[Finding]
    """Our findings in every mode, after the rule and category selection."""
    lt_params: dict[str, str] | None
    known_words: tuple[str, ...]


class ServeChecker:
    """The server's linter and everything derived from its rules, built once."""

    def __init__(self, linter: Linter, platform: str = "generic") -> None:
        self.linter = linter
        self.platform = platform
        self.ids = linter.ruleset.ids()
        self._kinds: dict[str, dict[str, str]] = {}
        # The browser extension sends every text twice (one call per mode): lint it once.
        self._recent: OrderedDict[tuple[Any, ...], tuple[Chosen, tuple[Finding, ...], tuple[str, ...]]] = OrderedDict()

    def kinds(self, lang: str) -> dict[str, str]:
        if lang not in self._kinds:
            self._kinds[lang] = {rule.id: rule.kind for rule in self.linter.ruleset.for_lang(lang)}
        return self._kinds[lang]

    def text_level(self, rule: str, lang: str) -> bool:
        """Whether a finding judges the whole text (the greeting against the recipient does)."""
        kind = self.kinds(lang).get(rule)
        return kind in TEXT_LEVEL_KINDS

    def prepare(self, request: CheckRequest) -> Prepared:
        """Lint the request's text; raises RequestError for a bad language."""
        platform = request.platform if request.platform in PLATFORMS else self.platform
        key = (request.text.plain, request.language, request.preferred_variants, platform,
               tuple(sorted(request.meta.items())))
        linted = self._recent.get(key)
        if linted is None:
            linted = self._lint(request, platform)
            self._recent[key] = linted
            if len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        chosen, found, known_words = linted
        findings = [f for f in found if _wanted(f, request)]
        return Prepared(request, chosen, findings, self._lt_params(request), known_words)

    def _lint(self, request: CheckRequest, platform: str) -> tuple[Chosen, tuple[Finding, ...], tuple[str, ...]]:
        plain = request.text.plain
        try:
            chosen = choose(plain, request.language, request.preferred_variants)
        except LanguageError as exc:
            raise RequestError(str(exc)) from None
        who = parties(request.meta)
        findings: list[Finding] = []
        if chosen.lint is not None:
            # With a recipient, the engine also checks that the greeting names them (recipient-mismatch).
            findings = list(self.linter.lint(plain, lang=chosen.lint, platform=platform,
                                             recipient=who.recipient).findings)
            if who.sender_names:
                findings = [f for f in findings if not _greets_the_sender(f, plain, chosen.lint, who.sender_names)]
            anchor = anchor_of(plain) if any(f.span.end <= f.span.start for f in findings) else None
            findings = [placed(f, plain, anchor) for f in findings]
            if not plain.strip():
                findings = [f for f in findings if f.span.end > f.span.start]
            findings.sort(key=finding_order)
        return chosen, tuple(findings), who.known_words

    def _lt_params(self, request: CheckRequest) -> dict[str, str] | None:
        """The parameters LanguageTool gets: the client's, less what selects lint-request's own rules."""
        params = {"mode": request.mode}
        if request.level != "default":
            params["level"] = request.level
        if request.mother_tongue:
            params["motherTongue"] = request.mother_tongue
        lists = {
            "enabledRules": [r for r in request.enabled_rules if r not in self.ids],
            "disabledRules": [r for r in request.disabled_rules if r not in self.ids],
            "enabledCategories": [c for c in request.enabled_categories if c not in OUR_CATEGORIES],
            "disabledCategories": [c for c in request.disabled_categories if c not in OUR_CATEGORIES],
        }
        if request.enabled_only:
            if not (lists["enabledRules"] or lists["enabledCategories"]):
                return None  # only our rules were asked for
            params["enabledOnly"] = "true"
        params.update({key: ",".join(values) for key, values in lists.items() if values})
        return params

    def answer(self, prepared: Prepared, forwarded: Forwarded, base_url: str = "") -> dict[str, Any]:
        """LanguageTool's JSON for the prepared check plus what LanguageTool sent."""
        request, chosen = prepared.request, prepared.chosen
        text = request.text
        offsets = Utf16(text.original)
        sentences = Sentences(text.plain)
        contexts: dict[tuple[int, int], dict[str, Any]] = {}
        lang = chosen.lint or "en"
        taken = {(f.span.start, f.span.end) for f in prepared.findings}
        entries: list[tuple[int, int, int, dict[str, Any]]] = []
        for finding in prepared.findings:
            if request.mode != "all" and self.text_level(finding.rule, lang) != (request.mode == "textLevelOnly"):
                continue
            match = own_match(finding, text, lang, offsets, sentences, base_url, contexts)
            entries.append((match["offset"], -finding.severity, 0, match))
        for start, end, raw in forwarded.matches:
            if (start, end) in taken:
                continue
            taken.add((start, end))
            match = _their_match(raw, text, start, end, offsets)
            entries.append((match["offset"], 0, 1, match))
        entries.sort(key=lambda e: (e[0], e[1], e[2]))
        warnings: dict[str, Any] = {"incompleteResults": False}
        if forwarded.warning:
            warnings = {"incompleteResults": True,
                        "incompleteResultsReason":
                            f"Results are incomplete: grammar check skipped: {forwarded.warning}"}
        return {
            "software": SOFTWARE,
            "warnings": warnings,
            "language": {
                "name": chosen.name,
                "code": chosen.code,
                "detectedLanguage": {"name": chosen.detected_name, "code": chosen.detected_code,
                                     "confidence": chosen.confidence},
            },
            "matches": [entry[3] for entry in entries],
        }


def _wanted(finding: Finding, request: CheckRequest) -> bool:
    """LanguageTool's rule selection applied to one of our findings."""
    category = CATEGORY_ID[finding.severity]
    if finding.rule in request.disabled_rules or category in request.disabled_categories:
        return False
    if request.enabled_only:
        return finding.rule in request.enabled_rules or category in request.enabled_categories
    return True


def _their_match(raw: dict[str, Any], text: Any, start: int, end: int, offsets: Callable[[int], int]) -> dict[str, Any]:
    """LanguageTool's match as it sent it, with offset, length and context moved into the annotated text."""
    first, last = text.to_original(start, end)
    match = dict(raw)
    match["offset"] = offsets(first)
    match["length"] = offsets(last) - match["offset"]
    match["context"] = context_of(text.original, first, last)
    if "sentence" not in match:
        match["sentence"] = sentence_at(text.plain, start, end)
    return match


def _greets_the_sender(finding: Finding, text: str, lang: str, sender: tuple[str, ...]) -> bool:
    """A recipient-mismatch whose greeting names the sender's own name (metaData's FullName): never flagged."""
    if finding.rule != "recipient-mismatch":
        return False
    from .._greeting import name_keys, parse_greeting

    greeting = parse_greeting(text, finding.span.start, lang)
    return greeting is not None and bool(name_keys(*greeting.names) & name_keys(*sender))
