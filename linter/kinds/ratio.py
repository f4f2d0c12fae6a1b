"""Kind ``ratio``: one kind of word far outnumbers another (ich/wir against Sie)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from .._context import Context
from .._model import Finding, Span
from .base import Rule, matcher

if TYPE_CHECKING:
    from .._schema import RuleFileBase

WHAT = {
    "en": "Flags a request that talks far more about the sender than about the recipient.",
    "de": "Meldet eine Anfrage, die weit mehr vom Absender spricht als vom Empfänger.",
}


class RatioRule(Rule):
    """One kind of word far outnumbers another, e.g. ich/wir against Sie."""

    kind: ClassVar[str] = "ratio"
    __slots__ = ("numerator", "denominator", "max_ratio", "min_count")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.numerator = matcher(spec, "numerator")
        self.denominator = matcher(spec, "denominator")
        self.max_ratio: float = spec["max_ratio"]
        self.min_count: int = spec["min_count"]

    @staticmethod
    def pattern_fields(spec: dict[str, Any]) -> dict[str, list[Any]]:
        return {"numerator": spec["numerator"], "denominator": spec["denominator"]}

    def check(self, ctx: Context) -> Iterator[Finding]:
        count = self.numerator.count(ctx.scan)
        if count < self.min_count:
            return
        other = self.denominator.count(ctx.scan)
        if count > self.max_ratio * max(other, 1):
            first = next(iter(self.numerator.finditer(ctx.scan)))
            yield self.finding(Span(first.start(), first.end()), first.group(), count=count, other=other)


@functools.cache
def schema() -> type[RuleFileBase]:
    from typing import Literal

    from pydantic import Field

    from .._schema import Pattern, RuleFileBase

    class RatioRuleFile(RuleFileBase):
        """Flags a text where one kind of word far outnumbers another (I/we vs. you)."""

        kind: Literal["ratio"]
        numerator: list[Pattern] = Field(min_length=1)
        denominator: list[Pattern] = Field(min_length=1)
        max_ratio: float = Field(gt=0)
        min_count: int = Field(default=1, ge=1)
        template_fields: ClassVar[frozenset[str]] = frozenset({"match", "count", "other"})

    return RatioRuleFile
