"""Kind ``substitution``: a form with a better equivalent; the replacement is a safe fix."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from .._context import Context
from .._matcher import Matcher
from .._model import Finding, Span
from .base import Rule, matcher

if TYPE_CHECKING:
    from .._schema import RuleFileBase

WHAT = {
    "en": "Flags a form that has a better one, with a safe automatic fix (lint-request fix).",
    "de": "Markiert eine Schreibweise, für die es eine bessere gibt, mit sicherer Korrektur (lint-request fix).",
}


class SubstitutionRule(Rule):
    """A form with a better equivalent; the replacement is a safe fix."""

    kind: ClassVar[str] = "substitution"
    __slots__ = ("pattern", "replacements")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.replacements = [item["replacement"] for item in spec["replace"]]
        self.pattern = matcher(spec, "replace")

    @staticmethod
    def pattern_fields(spec: dict[str, Any]) -> dict[str, list[Any]]:
        return {"replace": [item["pattern"] for item in spec["replace"]]}

    def check(self, ctx: Context) -> Iterator[Finding]:
        for m in self.pattern.finditer(ctx.scan):
            text = m.group()
            # "{match}" in a replacement stands for the matched text, e.g. "{match}," adds a comma.
            fixed = _match_case(text, self.replacements[Matcher.alternative(m)].replace("{match}", text))
            yield self.finding(Span(m.start(), m.end()), text, replacements=(fixed,), replacement=fixed)


def _match_case(original: str, replacement: str) -> str:
    """Capitalise the replacement when the original starts a sentence with a capital."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@functools.cache
def schema() -> type[RuleFileBase]:
    from typing import Literal

    from pydantic import Field

    from .._schema import Pattern, RuleFileBase, Strict

    class Replacement(Strict):
        pattern: Pattern
        replacement: str

    class SubstitutionRuleFile(RuleFileBase):
        """Flags a form that has a better one and offers the replacement as a safe fix."""

        kind: Literal["substitution"]
        replace: list[Replacement] = Field(min_length=1)
        template_fields: ClassVar[frozenset[str]] = frozenset({"match", "replacement"})

    return SubstitutionRuleFile
