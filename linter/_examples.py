"""Running a rule's own fail/pass examples (used by the tests and ``check-rules``)."""

from __future__ import annotations

from ._engine import Linter
from .kinds import Rule


def example_failures(linter: Linter, rule: Rule) -> list[str]:
    """One line per example that does not behave as the rule file says; empty when all do."""
    problems: list[str] = []
    for outcome in ("fail", "pass"):
        for text, platform in rule.examples[outcome]:
            report = linter.lint(text, lang=rule.lang, platform=platform)
            fired = any(f.rule == rule.id for f in report.findings)
            if fired != (outcome == "fail"):
                expected = "should fire but did not" if outcome == "fail" else "should not fire but did"
                problems.append(f"{rule.lang}/{rule.id}: {outcome} example {expected}: {text[:120]!r}")
    return problems
