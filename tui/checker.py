"""The TUI's one door to the engine: linting, rule explanations and platform limits.

Widgets never lint; the app asks a ``Checker``. A grammar source (LanguageTool)
plugs in at ``Checker.lint`` and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter import Finding, Linter, Recipient, Report
from linter._rules import LengthRule, MissingRule

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


class Checker:
    """Lints drafts and looks up what the UI explains; build once per app."""

    def __init__(self, linter: Linter | None = None) -> None:
        self.linter = linter or Linter()

    def lint(self, text: str, *, lang: str = "auto", platform: str = "generic",
             recipient: Recipient | None = None) -> Report:
        """The report the UI shows for ``text``."""
        return self.linter.lint(text, lang=lang, platform=platform, recipient=recipient)

    def _rule(self, rule_id: str, lang: str):  # type: ignore[no-untyped-def]
        return next((r for r in self.linter.ruleset.for_lang(lang) if r.id == rule_id), None)

    def rule_info(self, rule_id: str, lang: str) -> RuleInfo:
        rule = self._rule(rule_id, lang)
        if rule is None:
            return RuleInfo()
        return RuleInfo(why=rule.why, part=rule.part if isinstance(rule, MissingRule) else None)

    def limit(self, platform: str, lang: str) -> Limit | None:
        """The platform's length limit, read from the length rule so counter and rule agree."""
        rule = self._rule(LIMIT_RULE, lang)
        if not isinstance(rule, LengthRule):
            return None
        limit = rule.limits.get(platform) or rule.limits["generic"]
        if limit.get("max_chars") is not None:
            return Limit(int(limit["max_chars"]), "characters")
        if limit.get("max_words") is not None:
            return Limit(int(limit["max_words"]), "words")
        return None

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
        """``text`` with the finding's safe fix applied, or None when it has none."""
        from linter.fix import apply_fixes, fixable

        return apply_fixes(text, [finding]) if fixable([finding]) else None

    def platform_label(self, platform: str, lang: str = "de") -> str:
        limit = self.limit(platform, lang)
        name = PLATFORM_NAMES.get(platform, platform)
        return f"{name} ({limit})" if limit else name
