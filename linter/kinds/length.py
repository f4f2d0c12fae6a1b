"""Kind ``length``: too few words, or more characters/words than the platform allows."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from .._context import Context
from .._model import Finding, Severity, Span
from .base import Rule

if TYPE_CHECKING:
    from .._schema import RuleFileBase

WHAT = {
    "en": "Flags a request that is empty or longer than the platform allows.",
    "de": "Meldet eine Anfrage, die leer ist oder länger, als die Plattform erlaubt.",
}


class LengthRule(Rule):
    """Too few words, or more characters/words than the platform allows."""

    kind: ClassVar[str] = "length"
    __slots__ = ("min_words", "limits", "units")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.min_words: int | None = spec.get("min_words")
        default = {"max_chars": spec.get("max_chars"), "max_words": spec.get("max_words"), "severity": None}
        self.limits: dict[str, dict[str, Any]] = {"generic": default}
        for platform, limit in (spec.get("platforms") or {}).items():
            self.limits[platform] = limit
        self.units: dict[str, str] = {"chars": "characters", "words": "words", **(spec.get("units") or {})}

    def limit_for(self, platform: str) -> tuple[int, str] | None:
        """The platform's limit as (number, "characters" or "words"), for counters that must agree with the rule."""
        limit = self.limits.get(platform) or self.limits["generic"]
        if limit.get("max_chars") is not None:
            return int(limit["max_chars"]), "characters"
        if limit.get("max_words") is not None:
            return int(limit["max_words"]), "words"
        return None

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


@functools.cache
def schema() -> type[RuleFileBase]:
    import string
    from typing import Literal

    from pydantic import Field, model_validator

    from .._schema import Platform, RuleFileBase, Strict

    class PlatformLimit(Strict):
        max_chars: int | None = Field(default=None, ge=1)
        max_words: int | None = Field(default=None, ge=1)
        severity: Literal["info", "warning", "error"] | None = None
        message: str | None = Field(default=None, min_length=1,
                                    description="Replaces the rule's message here, e.g. to say the limit is hard.")

    class LengthRuleFile(RuleFileBase):
        """Flags text whose length falls outside bounds, per platform where given."""

        kind: Literal["length"]
        min_words: int | None = Field(default=None, ge=1)
        max_chars: int | None = Field(default=None, ge=1)
        max_words: int | None = Field(default=None, ge=1)
        platforms: dict[Platform, PlatformLimit] = Field(default_factory=dict)
        units: dict[Literal["chars", "words"], str] = Field(default_factory=dict)
        template_fields: ClassVar[frozenset[str]] = frozenset({"count", "limit", "unit", "platform"})

        @model_validator(mode="after")
        def _platform_messages_use_known_fields(self) -> LengthRuleFile:
            for platform, limit in self.platforms.items():
                for _, field_name, _, _ in string.Formatter().parse(limit.message or ""):
                    if field_name is not None and field_name not in self.template_fields:
                        raise ValueError(f"platforms.{platform}.message uses unknown placeholder {{{field_name}}}; "
                                         f"this kind allows: {', '.join(sorted(self.template_fields))}")
            return self

    return LengthRuleFile
