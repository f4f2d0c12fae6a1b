"""Kind ``missing``: none of the signals occurs; the signals also define an anatomy part."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from .._context import Context
from .._model import Finding, Severity, Span
from .base import Rule, matcher

if TYPE_CHECKING:
    from .._schema import RuleFileBase

WHAT = {
    "en": "Flags a request that lacks this part.",
    "de": "Meldet eine Anfrage, der dieser Teil fehlt.",
}


class MissingRule(Rule):
    """None of the signal patterns occurs; the signals also define an anatomy part."""

    kind: ClassVar[str] = "missing"
    __slots__ = ("pattern", "part", "softened_by", "_finding", "_softened")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.pattern = matcher(spec, "signals")
        self.part: str | None = spec.get("part")
        # A missing part hurts less when another part already tells who writes and why.
        self.softened_by: tuple[str, ...] = tuple(spec.get("softened_by", ()))
        # The commonest findings of all, always the same: build the frozen values once.
        self._finding = self.finding(Span(0, 0))
        self._softened = self.finding(Span(0, 0), severity=Severity.parse(spec.get("softened_severity", "warning")))

    @staticmethod
    def pattern_fields(spec: dict[str, Any]) -> dict[str, list[Any]]:
        return {"signals": spec["signals"]}

    def present(self, ctx: Context) -> bool:
        """Whether a signal occurs; computed once per text and shared via ``ctx``."""
        found = ctx.signals.get(self.id)
        if found is None:
            found = ctx.signals[self.id] = self.pattern.found(ctx.scan)
        return found

    def check(self, ctx: Context) -> tuple[Finding, ...]:
        if self.present(ctx):
            return ()
        if self.softened_by and any(ctx.anatomy.get(part) for part in self.softened_by):
            return (self._softened,)
        return (self._finding,)


@functools.cache
def schema() -> type[RuleFileBase]:
    from typing import Literal

    from pydantic import Field

    from .._schema import Part, Pattern, RuleFileBase

    class MissingRuleFile(RuleFileBase):
        """Flags the text when none of the signal patterns occurs."""

        kind: Literal["missing"]
        signals: list[Pattern] = Field(min_length=1)
        part: Part | None = None
        softened_by: list[Part] = Field(
            default_factory=list, description="Parts whose presence lets the recipient place the sender anyway.")
        softened_severity: Literal["info", "warning"] = "warning"

    return MissingRuleFile
