"""Every example in every built-in rule file behaves as the file says."""

from __future__ import annotations

import pytest

from linter import Linter
from linter._examples import example_failures
from linter.kinds import Rule

LINTER = Linter()
RULES = LINTER.ruleset.all()


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.lang}/{r.id}" for r in RULES])
def test_examples(rule: Rule) -> None:
    assert example_failures(LINTER, rule) == []


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.lang}/{r.id}" for r in RULES])
def test_enough_examples(rule: Rule) -> None:
    assert len(rule.examples["fail"]) >= 3, "at least three fail examples"
    assert len(rule.examples["pass"]) >= 3, "at least three pass examples (near-misses included)"
