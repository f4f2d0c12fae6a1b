"""The engine: run the compiled rules over one text and build its Report."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from ._context import Context
from ._langdetect import detect_language
from ._model import ANATOMY_PARTS, LANGS, PLATFORMS, Finding, Recipient, Report, Severity, finding_order
from ._prefilter import PrefixIndex
from ._ruleset import Ruleset, load_ruleset
from .kinds import LengthRule, MissingRule, Rule

DEFAULT_TIMEOUT = 1.0
"""Seconds one rule may spend per started megabyte of text before it is skipped with a note."""

PENALTY = {Severity.ERROR: 25, Severity.WARNING: 8, Severity.INFO: 2}
SCORE_RULE = "100, minus 25 per error rule, 8 per warning rule and 2 per info rule that fired, never below 0"


def score(findings: Iterable[Finding], *, empty: bool = False) -> int:
    """100 minus a penalty per distinct rule by its worst severity; an empty request scores 0."""
    if empty:
        return 0
    worst: dict[str, Severity] = {}
    for f in findings:
        if f.severity > worst.get(f.rule, Severity.INFO - 1):
            worst[f.rule] = f.severity
    return max(0, 100 - sum(PENALTY[s] for s in worst.values()))


def matches_any(rule_id: str, selectors: Iterable[str]) -> bool:
    """Ruff-style selection: a selector matches its exact id or any id it is a prefix of."""
    return any(rule_id == s or rule_id.startswith(s) for s in selectors)


@functools.lru_cache(maxsize=8)
def _ruleset(paths: tuple[str, ...]) -> Ruleset:
    return load_ruleset([Path(p) for p in paths])


class Linter:
    """Compiled rules plus a selection; build once, then ``lint`` many texts."""

    def __init__(self, *, rulesets: Sequence[str | Path] = (), select: Sequence[str] = (),
                 ignore: Sequence[str] = (), timeout: float = DEFAULT_TIMEOUT) -> None:
        self.rulesets = tuple(str(p) for p in rulesets)  # the user's, as given (batch workers rebuild from them)
        self.ruleset = _ruleset(self.rulesets)
        self.select, self.ignore, self.timeout = tuple(select), tuple(ignore), timeout
        self._active: dict[str, tuple[Rule, ...]] = {}
        self._signal_rules: dict[str, tuple[MissingRule, ...]] = {}
        self._index: dict[str, PrefixIndex] = {}

    def _rules_for(self, lang: str) -> tuple[tuple[Rule, ...], tuple[MissingRule, ...]]:
        """Selected rules and anatomy-signal rules of one language (compiled on first use)."""
        if lang not in self._active:
            rules = self.ruleset.for_lang(lang)
            self._active[lang] = tuple(r for r in rules if self.is_selected(r.id))
            self._signal_rules[lang] = tuple(r for r in rules if isinstance(r, MissingRule) and r.part)
            self._index[lang] = self.ruleset.prefix_index(lang)
        return self._active[lang], self._signal_rules[lang]

    def is_selected(self, rule_id: str) -> bool:
        if self.select and not matches_any(rule_id, self.select):
            return False
        return not matches_any(rule_id, self.ignore)

    def lint(self, text: str, *, lang: str | None = None, platform: str | None = None,
             recipient: Recipient | None = None) -> Report:
        """Lint one text; ``lang`` None or "auto" detects German or English."""
        return self.lint_context(Context(text, platform=platform or "generic", recipient=recipient), lang=lang)

    def lint_context(self, ctx: Context, *, lang: str | None = None) -> Report:
        """``lint`` for a Context the caller built, to reuse what it derived, such as ``ctx.tokens()``."""
        text = ctx.text
        if lang in (None, "auto"):
            lang = detect_language(text, words=ctx.tokens())
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; choose one of auto, {', '.join(LANGS)}")
        if ctx.platform not in PLATFORMS:
            raise ValueError(f"unknown platform {ctx.platform!r}; choose one of {', '.join(PLATFORMS)}")
        active, signal_rules = self._rules_for(lang)
        # The budget grows with the text, so honest patterns finish on a 10 MB draft
        # while a runaway one is still cut off.
        ctx.scan.timeout = self.timeout * max(1.0, len(text) / 1_000_000)
        ctx.scan.index = self._index[lang]
        empty = ctx.word_count == 0
        if empty:
            # Nothing to read: only the length rules (empty-request) have something to say.
            rules: Iterable[Rule] = (r for r in active if isinstance(r, LengthRule))
        else:
            for signal in signal_rules:
                if signal.part and signal.present(ctx):
                    ctx.anatomy[signal.part] = True
            rules = active
        findings: list[Finding] = []
        for rule in rules:
            findings += rule.check(ctx)  # extend in C: most rules return () or a short list
        findings.sort(key=finding_order)
        return Report(
            lang=lang,
            findings=tuple(findings),
            anatomy={part: ctx.anatomy.get(part, False) for part in ANATOMY_PARTS},
            score=score(findings, empty=empty),
            notes=tuple(ctx.notes),
        )


@functools.lru_cache(maxsize=1)
def default_linter() -> Linter:
    return Linter()


def lint_text(text: str, *, lang: str | None = None, platform: str | None = None,
              recipient: Recipient | None = None) -> Report:
    """Lint ``text`` with every built-in rule; rules are compiled once per process."""
    return default_linter().lint(text, lang=lang, platform=platform, recipient=recipient)
