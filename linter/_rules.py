"""Runtime rules: one small class per rule kind, built from validated rule data.

Patterns compile lazily (see ``_matcher``). A user's rule always scans with a
timeout, so a pathological pattern costs at most ``timeout`` seconds per rule
and text and never hangs the linter. Built-in rules, which the test suite
checks on 10 MB drafts, run without a timeout and, on drafts of normal size,
try their patterns only where the prefilter found one of their literal prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from ._matcher import Match, Matcher
from ._model import Finding, Recipient, Severity, Span
from ._prefilter import ALWAYS, Folded, PrefixIndex, fold

PREFILTER_LENGTH = 100_000
"""Up to this many characters the prefilter is used (its position lists grow with the text)."""

WORD = r"\w+(?:[-'’]\w+)*"  # compiled by re's own cache on first use (rare: word limits only)
HAS_WORD = re.compile(r"\w")
_NONE_FOUND: dict[int, frozenset[int]] = {}  # shared, never written to: the candidates of an absent matcher


class _Ellipsis(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


class Context:
    """The text under lint plus what rules learned about it so far."""

    __slots__ = ("text", "platform", "recipient", "timeout", "anatomy", "signals", "notes", "index", "fast",
                 "gates", "_words", "_word_count", "_folded", "_candidates")

    def __init__(self, text: str, platform: str = "generic", recipient: Recipient | None = None,
                 timeout: float = 1.0, index: PrefixIndex | None = None) -> None:
        self.text = text
        self.platform = platform
        self.recipient = recipient
        self.timeout = timeout
        self.index = index
        self.anatomy: dict[str, bool] = {}
        self.signals: dict[str, bool] = {}  # missing-rule id -> whether a signal occurs
        self.notes: list[str] = []
        # Whether built-in rules may use the prefilter (a draft of normal size).
        self.fast = len(text) < PREFILTER_LENGTH
        self.gates = ALWAYS  # the inner-literal sets the text contains, known with the candidates
        self._words: list[re.Match[str]] | None = None
        self._word_count: int | None = None
        self._folded: Folded | bool | None = None
        self._candidates: dict[str, dict[int, frozenset[int]]] | None = None

    @property
    def words(self) -> list[re.Match[str]]:
        """Every word with its position (costly on long texts: use ``word_count`` first)."""
        if self._words is None:
            self._words = list(re.finditer(WORD, self.text))
        return self._words

    @property
    def word_count(self) -> int:
        """Whitespace-separated tokens, 0 when there is no letter or digit at all (fast)."""
        if self._word_count is None:
            tokens = self.tokens()
            if tokens is None:
                tokens = self.text.split()
            self._word_count = len(tokens) if tokens and HAS_WORD.search(self.text) else 0
        return self._word_count

    def tokens(self) -> list[str] | None:
        """The text lower-cased and split at whitespace, when the prefilter applies (else None: not computed)."""
        folded = self.folded if self.fast else None
        return folded.tokens if folded is not None else None

    def candidates(self, matcher: Matcher) -> dict[int, frozenset[int]] | None:
        """Where each alternative of ``matcher`` can match, or None when the prefilter does not apply."""
        if self.index is None or not self.fast or matcher.prefixes is None:
            return None
        if self._candidates is None:
            folded = self.folded
            if folded is None:
                return None
            self._candidates, self.gates = self.index.candidates(folded)
        return self._candidates.get(matcher.key, _NONE_FOUND)

    @property
    def folded(self) -> Folded | None:
        """The text folded for the prefilter (see ``_prefilter.fold``), None where that is unsafe."""
        if self._folded is None:
            self._folded = fold(self.text) or False
        return self._folded or None


def pattern_lists(spec: dict[str, Any]) -> dict[str, list[str]]:
    """Every list of alternative patterns in a rule spec, by field name."""
    kind = spec["kind"]
    if kind in ("phrase", "placeholder"):
        return {"patterns": spec["patterns"]}
    if kind == "missing":
        return {"signals": spec["signals"]}
    if kind == "substitution":
        return {"replace": [item["pattern"] for item in spec["replace"]]}
    if kind == "consistency":
        return {f"forms.{name}": patterns for name, patterns in spec["forms"].items()}
    if kind == "ratio":
        return {"numerator": spec["numerator"], "denominator": spec["denominator"]}
    return {}


def _matcher(spec: dict[str, Any], field_name: str) -> Matcher:
    patterns = pattern_lists(spec)[field_name]
    return Matcher(patterns, spec["case_sensitive"], spec.get("_prefixes", {}).get(field_name),
                   trusted=spec.get("_builtin", False), key=matcher_key(spec, field_name),
                   words=spec.get("_words", {}).get(field_name), inner=spec.get("_inner", {}).get(field_name))


def matcher_key(spec: dict[str, Any], field_name: str) -> str:
    return f"{spec['lang']}/{spec['id']}/{field_name}"


class Rule:
    """Common data of every rule kind; subclasses implement ``check``."""

    kind = "?"
    __slots__ = ("id", "lang", "severity", "message", "suggestion", "why", "source", "examples", "path",
                 "_message_plain", "_suggestion_plain")

    def __init__(self, spec: dict[str, Any]) -> None:
        self.id: str = spec["id"]
        self.lang: str = spec["lang"]
        self.severity = Severity.parse(spec["severity"])
        self.message: str = spec["message"]
        self.suggestion: str = spec["suggestion"]
        self.why: str = spec["why"]
        self.source: str = spec.get("source", "")
        examples = spec.get("examples") or {}
        # Each example is (text, platform); "fail" ones must trigger the rule, "pass" ones must not.
        self.examples: dict[str, list[tuple[str, str]]] = {
            outcome: [(item["text"], item["platform"]) for item in examples.get(outcome, [])]
            for outcome in ("fail", "pass")
        }
        self.path: str = spec.get("_path", "")
        # Templates without braces need no formatting (a finding is built per match: this is hot).
        self._message_plain = not any(brace in self.message for brace in "{}")
        self._suggestion_plain = not any(brace in self.suggestion for brace in "{}")

    def check(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def describe(self, template: str) -> str:
        """A message or suggestion with its ``{placeholders}`` shown as "…" (for rule listings)."""
        return template.format_map(_Ellipsis())

    def finding(self, span: Span, match: str = "", *, severity: Severity | None = None,
                replacements: tuple[str, ...] = (), **fields: object) -> Finding:
        """Build a finding, filling ``{placeholders}`` in message and suggestion."""
        values = {"match": match, **fields}
        message = self.message if self._message_plain else self.message.format_map(values)
        suggestion = self.suggestion if self._suggestion_plain else self.suggestion.format_map(values)
        # Positional: the field order of Finding (rule, severity, message, span, match, suggestion, replacements).
        return Finding(self.id, severity or self.severity, message, span, match, suggestion, replacements)

    def _finditer(self, matcher: Matcher, ctx: Context) -> Iterator[Match]:
        """Iterate non-empty, non-overlapping matches; a user rule's timeout ends it with a note."""
        if matcher.trusted:
            # Built-in patterns are tested on 10 MB drafts, so they need no timeout;
            # on drafts of normal size they only run where the prefilter allows.
            candidates = ctx.candidates(matcher)
            if candidates is None:
                if matcher.required and not any(literal in ctx.text for literal in matcher.required):
                    return
                yield from (m for m in matcher.combined.finditer(ctx.text) if m.end() > m.start())
            elif candidates:
                yield from matcher.match_at(ctx.text, candidates, ctx.gates)
            return
        try:
            for m in matcher.combined.finditer(ctx.text, timeout=ctx.timeout):
                if m.end() > m.start():
                    yield m
        except TimeoutError:
            ctx.notes.append(f"rule {self.id} timed out after {ctx.timeout:g} s and was skipped ({self.path})")

    def _count(self, matcher: Matcher, ctx: Context) -> int:
        if matcher.words is not None and (candidates := ctx.candidates(matcher)) is not None:
            return matcher.count_at(ctx.text, candidates)
        return sum(1 for _ in self._finditer(matcher, ctx))


class PhraseRule(Rule):
    """Any listed pattern occurs (unless one of ``unless_parts`` is present)."""

    kind = "phrase"
    __slots__ = ("pattern", "unless_parts")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.pattern = _matcher(spec, "patterns")
        self.unless_parts: tuple[str, ...] = tuple(spec.get("unless_parts", ()))

    def check(self, ctx: Context) -> Iterable[Finding]:
        matcher = self.pattern
        candidates = ctx.candidates(matcher) if matcher.trusted else None
        if candidates is not None and not candidates:
            return ()  # the commonest case by far: no literal prefix of this rule in the draft
        if self.unless_parts and any(ctx.anatomy.get(part) for part in self.unless_parts):
            return ()
        if candidates is None:
            matches: Iterable[Match] = self._finditer(matcher, ctx)
        else:
            matches = matcher.match_at(ctx.text, candidates, ctx.gates)
        return [self.finding(Span(*m.span()), m.group()) for m in matches]


class PlaceholderRule(PhraseRule):
    kind = "placeholder"
    __slots__ = ()


class MissingRule(Rule):
    """None of the signal patterns occurs; the signals also define an anatomy part."""

    kind = "missing"
    __slots__ = ("pattern", "part", "_finding")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.pattern = _matcher(spec, "signals")
        self.part: str | None = spec.get("part")
        # The commonest findings of all, always the same: build the frozen value once.
        self._finding = self.finding(Span(0, 0))

    def present(self, ctx: Context) -> bool:
        """Whether a signal occurs; computed once per text and shared via ``ctx``."""
        found = ctx.signals.get(self.id)
        if found is None:
            matcher = self.pattern
            candidates = ctx.candidates(matcher) if matcher.trusted else None
            if candidates is None:
                found = next(self._finditer(matcher, ctx), None) is not None
            else:
                found = matcher.matches_somewhere(ctx.text, candidates, ctx.gates)
            ctx.signals[self.id] = found
        return found

    def check(self, ctx: Context) -> Iterable[Finding]:
        return () if self.present(ctx) else (self._finding,)


class SubstitutionRule(Rule):
    """A form with a better equivalent; the replacement is a safe fix."""

    kind = "substitution"
    __slots__ = ("pattern", "replacements")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.replacements = [item["replacement"] for item in spec["replace"]]
        self.pattern = _matcher(spec, "replace")

    def check(self, ctx: Context) -> Iterator[Finding]:
        for m in self._finditer(self.pattern, ctx):
            text = m.group()
            # "{match}" in a replacement stands for the matched text, e.g. "{match}," adds a comma.
            fixed = _match_case(text, self.replacements[Matcher.alternative(m)].replace("{match}", text))
            yield self.finding(Span(m.start(), m.end()), text, replacements=(fixed,), replacement=fixed)


def _match_case(original: str, replacement: str) -> str:
    """Capitalise the replacement when the original starts a sentence with a capital."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class LengthRule(Rule):
    """Too few words, or more characters/words than the platform allows."""

    kind = "length"
    __slots__ = ("min_words", "limits", "units")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.min_words: int | None = spec.get("min_words")
        default = {"max_chars": spec.get("max_chars"), "max_words": spec.get("max_words"), "severity": None}
        self.limits: dict[str, dict[str, Any]] = {"generic": default}
        for platform, limit in (spec.get("platforms") or {}).items():
            self.limits[platform] = limit
        self.units: dict[str, str] = {"chars": "characters", "words": "words", **(spec.get("units") or {})}

    def check(self, ctx: Context) -> Iterator[Finding]:
        count = ctx.word_count
        if self.min_words is not None and count < self.min_words:
            yield self.finding(Span(0, len(ctx.text)), count=count, limit=self.min_words,
                               unit=self.units["words"], platform=ctx.platform)
            return
        limit = self.limits.get(ctx.platform) or self.limits["generic"]
        severity = Severity.parse(limit["severity"]) if limit.get("severity") else None
        body = ctx.text.rstrip()
        max_chars, max_words = limit.get("max_chars"), limit.get("max_words")
        if max_chars is not None and len(body) > max_chars:
            fields = {"count": len(body), "limit": max_chars, "unit": self.units["chars"], "platform": ctx.platform}
            found = self.finding(Span(max_chars, len(body)), severity=severity, **fields)
        elif max_words is not None and count > max_words and len(ctx.words) > max_words:
            words = ctx.words
            fields = {"count": len(words), "limit": max_words, "unit": self.units["words"], "platform": ctx.platform}
            found = self.finding(Span(words[max_words].start(), len(body)), severity=severity, **fields)
        else:
            return
        # A platform's own message, e.g. that LinkedIn's limit is hard rather than a recommendation.
        yield replace(found, message=limit["message"].format_map(fields)) if limit.get("message") else found


class ConsistencyRule(Rule):
    """Two exclusive forms are mixed; every occurrence of the rarer form is flagged."""

    kind = "consistency"
    __slots__ = ("forms", "_cheapest_first")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.forms = {name: _matcher(spec, f"forms.{name}") for name in spec["forms"]}
        self._cheapest_first = sorted(self.forms.items(), key=lambda item: item[1].words is None)

    def check(self, ctx: Context) -> Iterator[Finding]:
        # Most drafts use one form only: find that out cheaply (word lists first) before collecting matches.
        used: list[str] = []
        for index, (name, matcher) in enumerate(self._cheapest_first):
            if len(used) + len(self._cheapest_first) - index < 2:
                return
            if self._occurs(matcher, ctx):
                used.append(name)
        if len(used) < 2:
            return
        hits = {name: list(self._finditer(matcher, ctx)) for name, matcher in self.forms.items() if name in used}
        # The form used most often (first on a tie) is taken as the intended one.
        majority = max(hits, key=lambda name: len(hits[name]))
        for name, found in hits.items():
            if name == majority:
                continue
            for m in found:
                yield self.finding(Span(m.start(), m.end()), m.group(), form=name, other=majority)

    def _occurs(self, matcher: Matcher, ctx: Context) -> bool:
        if matcher.words is not None:
            return self._count(matcher, ctx) > 0
        return next(iter(self._finditer(matcher, ctx)), None) is not None


class RatioRule(Rule):
    """One kind of word far outnumbers another, e.g. ich/wir against Sie."""

    kind = "ratio"
    __slots__ = ("numerator", "denominator", "max_ratio", "min_count")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.numerator = _matcher(spec, "numerator")
        self.denominator = _matcher(spec, "denominator")
        self.max_ratio: float = spec["max_ratio"]
        self.min_count: int = spec["min_count"]

    def check(self, ctx: Context) -> Iterator[Finding]:
        count = self._count(self.numerator, ctx)
        if count < self.min_count:
            return
        other = self._count(self.denominator, ctx)
        if count > self.max_ratio * max(other, 1):
            first = next(iter(self._finditer(self.numerator, ctx)))
            yield self.finding(Span(first.start(), first.end()), first.group(), count=count, other=other)


KIND_CLASSES: dict[str, type[Rule]] = {
    cls.kind: cls
    for cls in (PhraseRule, PlaceholderRule, MissingRule, SubstitutionRule, LengthRule, ConsistencyRule, RatioRule)
}


def compile_rule(spec: dict[str, Any]) -> Rule:
    """Build the runtime rule for one validated rule spec."""
    return KIND_CLASSES[spec["kind"]](spec)
