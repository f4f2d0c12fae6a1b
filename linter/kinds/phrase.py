"""Kind ``phrase``: any listed phrase occurs (unless a named anatomy part is present)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from .._context import Context
from .._model import Finding, Span
from .base import Rule, matcher

if TYPE_CHECKING:
    from .._schema import RuleFileBase

WHAT = {
    "en": "Flags every occurrence of phrases that make recipients decline.",
    "de": "Markiert jede Stelle, an der eine Formulierung steht, bei der Empfänger ablehnen.",
}


class PhraseRule(Rule):
    """Any listed pattern occurs (unless one of ``unless_parts`` is present)."""

    kind: ClassVar[str] = "phrase"
    __slots__ = ("pattern", "unless_parts")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.pattern = matcher(spec, "patterns")
        self.unless_parts: tuple[str, ...] = tuple(spec.get("unless_parts", ()))

    @staticmethod
    def pattern_fields(spec: dict[str, Any]) -> dict[str, list[Any]]:
        return {"patterns": spec["patterns"]}

    def check(self, ctx: Context) -> list[Finding]:
        found = self.pattern.matches(ctx.scan)  # usually empty: the prefilter rules the text out
        if not found or (self.unless_parts and any(ctx.anatomy.get(part) for part in self.unless_parts)):
            return []
        return [self.finding(Span(*m.span()), m.group()) for m in found]


@functools.cache
def schema() -> type[RuleFileBase]:
    from typing import Literal

    from pydantic import Field

    from .._schema import Part, Pattern, RuleFileBase

    class PhraseRuleFile(RuleFileBase):
        """Flags every occurrence of any pattern, unless an anatomy part is present."""

        kind: Literal["phrase"]
        patterns: list[Pattern] = Field(min_length=1)
        unless_parts: list[Part] = Field(default_factory=list)
        template_fields: ClassVar[frozenset[str]] = frozenset({"match"})

    return PhraseRuleFile
