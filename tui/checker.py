"""The TUI's one door to the engine: linting, LanguageTool, rule explanations and platform limits.

Widgets never lint; the app asks a ``Checker``. ``lint`` is the rule-based lint (fast,
in the lint worker); ``grammar`` is the LanguageTool session, asked in the background
(``tui.grammar``), whose findings ``with_grammar`` folds into the rule-based report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter import Finding, Linter, Recipient, Report
from linter.grammar.mapping import SOURCE as LANGUAGETOOL
from linter.kinds import LengthRule, MissingRule, Rule

if TYPE_CHECKING:
    from linter.grammar.session import GrammarSession
    from linter.grammar.settings import GrammarSettings

LIMIT_RULE = "too-long"
PLATFORM_NAMES = {
    "generic": "Generic",
    "xing": "XING",
    "linkedin": "LinkedIn",
    "linkedin-free": "LinkedIn free",
    "email": "E-mail",
}
"""Every platform the engine knows, in the order the app offers them."""

PART_LABELS = {
    "greeting": "Greeting with name",
    "connection": "How we know each other",
    "reason": "Why now",
    "offer": "What I offer",
    "ask": "The ask",
    "courtesy": "Please / thanks",
    "signoff": "Sign-off",
}


@dataclass(frozen=True, slots=True)
class Limit:
    """A platform's length limit: ``count`` of ``unit`` ("characters" or "words")."""

    count: int
    unit: str

    def __str__(self) -> str:
        return f"{self.count} words" if self.unit == "words" else str(self.count)


@dataclass(frozen=True, slots=True)
class Counts:
    """What the counter shows, counted the way the length rule counts."""

    chars: int
    words: int

    @classmethod
    def of(cls, text: str) -> Counts:
        return cls(chars=len(text.rstrip()), words=len(text.split()))

    def against(self, limit: Limit | None) -> tuple[int, bool]:
        """The count in the limit's unit and whether it is over the limit."""
        value = self.words if limit and limit.unit == "words" else self.chars
        return value, bool(limit and value > limit.count)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What the details panel explains about a rule."""

    why: str = ""
    part: str | None = None


def _session(settings: GrammarSettings | None) -> GrammarSession | None:
    """A LanguageTool session for ``settings``, or None when grammar is off (nothing is imported then)."""
    if settings is None:
        return None
    from linter.grammar.settings import plan

    chosen = plan(settings)
    if chosen.mode == "off":
        return None
    from linter.grammar.session import GrammarSession

    return GrammarSession(settings, chosen)  # connects lazily, in the worker, on the first check


class Checker:
    """Lints drafts and looks up what the UI explains; build once per app, ``close()`` at the end."""

    def __init__(self, linter: Linter | None = None, grammar: GrammarSettings | None = None) -> None:
        self.linter = linter or Linter()
        self.grammar = _session(grammar)
        """The LanguageTool session, or None when grammar is off."""

    def lint(self, text: str, *, lang: str = "auto", platform: str = "generic",
             recipient: Recipient | None = None) -> Report:
        """The rule-based report for ``text`` (LanguageTool's findings come later: ``with_grammar``)."""
        return self.linter.lint(text, lang=lang, platform=platform, recipient=recipient)

    def with_grammar(self, report: Report, findings: tuple[Finding, ...]) -> Report:
        """``report`` plus the LanguageTool findings the rule selection keeps; one finding per span, same score."""
        if not findings:
            return report
        from linter.grammar.merge import merge_findings

        return merge_findings(report, (f for f in findings if self.linter.is_selected(f.rule)))

    def close(self) -> None:
        """Close the LanguageTool session (and stop a local LanguageTool it started)."""
        if self.grammar is not None:
            self.grammar.close()

    def _rule(self, rule_id: str, lang: str) -> Rule | None:
        return next((r for r in self.linter.ruleset.for_lang(lang) if r.id == rule_id), None)

    def rule_info(self, rule_id: str, lang: str) -> RuleInfo:
        rule = self._rule(rule_id, lang)
        if rule is None:
            return RuleInfo()
        return RuleInfo(why=rule.why, part=rule.part if isinstance(rule, MissingRule) else None)

    def limit(self, platform: str, lang: str) -> Limit | None:
        """The platform's length limit, read from the length rule so counter and rule agree."""
        rule = self._rule(LIMIT_RULE, lang)
        found = rule.limit_for(platform) if isinstance(rule, LengthRule) else None
        return Limit(*found) if found else None

    def sentence(self, part: str, report: Report, text: str, recipient: Recipient | None = None,
                 variant: int = 0) -> str:
        """A sentence for a missing ``part``, in the draft's language and register (du/Sie)."""
        from linter.suggest import register_of, sentence_for

        key = part
        if part == "courtesy":
            # As `lint-request suggest` does: write the half of please/thanks that is missing.
            fired = {f.rule for f in report.findings}
            thanks, please = "missing-thanks" in fired, "missing-please" in fired
            key = "thanks" if thanks and not please else "please" if please and not thanks else "courtesy"
        return sentence_for(key, report.lang, register=register_of(text, report.lang, recipient),
                            recipient=recipient, variant=variant)

    @staticmethod
    def first_gap(sentence: str) -> tuple[int, int] | None:
        """Where the first [gap] for the sender to fill is in ``sentence``."""
        from linter.suggest import GAP

        match = GAP.search(sentence)
        return match.span() if match else None

    @staticmethod
    def fixed(text: str, finding: Finding) -> str | None:
        """``text`` with the finding's fix applied, or None when it has none.

        A rule's safe fix, or LanguageTool's first replacement: the user picks that one
        finding on screen, unlike ``lint-request fix``, which only applies safe fixes unasked.
        """
        from linter.fix import apply_fixes, fixable

        if finding.source == LANGUAGETOOL and finding.replacements:
            return text[:finding.span.start] + finding.replacements[0] + text[finding.span.end:]
        return apply_fixes(text, [finding]) if fixable([finding]) else None

    def platform_label(self, platform: str, lang: str = "de") -> str:
        limit = self.limit(platform, lang)
        name = PLATFORM_NAMES.get(platform, platform)
        return f"{name} ({limit})" if limit else name
