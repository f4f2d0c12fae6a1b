"""Kind ``consistency``: exclusive forms (Sie and du) are mixed; every occurrence of the rarer form is flagged."""

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
    "en": "Flags a request that mixes forms that exclude each other.",
    "de": "Meldet eine Anfrage, die Formen mischt, die sich ausschließen.",
}


class ConsistencyRule(Rule):
    """Two exclusive forms are mixed; every occurrence of the rarer form is flagged."""

    kind: ClassVar[str] = "consistency"
    __slots__ = ("forms", "_cheapest_first")

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__(spec)
        self.forms = {name: matcher(spec, f"forms.{name}") for name in spec["forms"]}
        self._cheapest_first = sorted(self.forms.items(), key=lambda item: item[1].words is None)

    @staticmethod
    def pattern_fields(spec: dict[str, Any]) -> dict[str, list[Any]]:
        return {f"forms.{name}": patterns for name, patterns in spec["forms"].items()}

    def check(self, ctx: Context) -> Iterator[Finding]:
        # Most drafts use one form only: find that out cheaply (word lists first) before collecting matches.
        used: list[str] = []
        for index, (name, form) in enumerate(self._cheapest_first):
            if len(used) + len(self._cheapest_first) - index < 2:
                return
            if _occurs(form, ctx):
                used.append(name)
        if len(used) < 2:
            return
        hits = {name: form.matches(ctx.scan) for name, form in self.forms.items() if name in used}
        # The form used most often (first on a tie) is taken as the intended one.
        majority = max(hits, key=lambda name: len(hits[name]))
        for name, found in hits.items():
            if name == majority:
                continue
            for m in found:
                yield self.finding(Span(m.start(), m.end()), m.group(), form=name, other=majority)

    def counts(self, ctx: Context) -> dict[str, int]:
        """How often each form occurs (``suggest`` writes in the form a draft uses most)."""
        return {name: form.count(ctx.scan) for name, form in self.forms.items()}


def _occurs(form: Matcher, ctx: Context) -> bool:
    return form.count(ctx.scan) > 0 if form.words is not None else form.found(ctx.scan)


@functools.cache
def schema() -> type[RuleFileBase]:
    from typing import Literal

    from pydantic import Field, field_validator

    from .._schema import Pattern, RuleFileBase

    class ConsistencyRuleFile(RuleFileBase):
        """Flags a text that mixes two or more exclusive forms (e.g. Sie and du)."""

        kind: Literal["consistency"]
        forms: dict[str, list[Pattern]] = Field(min_length=2)
        template_fields: ClassVar[frozenset[str]] = frozenset({"match", "form", "other"})

        @field_validator("forms")
        @classmethod
        def _forms_have_patterns(cls, value: dict[str, list[Pattern]]) -> dict[str, list[Pattern]]:
            for name, patterns in value.items():
                if not patterns:
                    raise ValueError(f"form {name!r} needs at least one pattern")
            return value

    return ConsistencyRuleFile
