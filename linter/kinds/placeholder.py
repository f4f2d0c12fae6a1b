"""Kind ``placeholder``: unfilled mail-merge fields; matched like ``phrase``, listed on their own."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, ClassVar

from .phrase import PhraseRule

if TYPE_CHECKING:
    from .._schema import RuleFileBase

WHAT = {
    "en": "Flags mail-merge fields that were never filled in.",
    "de": "Markiert Serienbrief-Felder, die nie ausgefüllt wurden.",
}


class PlaceholderRule(PhraseRule):
    kind: ClassVar[str] = "placeholder"
    __slots__ = ()


@functools.cache
def schema() -> type[RuleFileBase]:
    from typing import Literal

    from pydantic import Field

    from .._schema import Pattern, RuleFileBase

    class PlaceholderRuleFile(RuleFileBase):
        """Flags unfilled mail-merge fields; same matching as phrase (without ``unless_parts``)."""

        kind: Literal["placeholder"]
        patterns: list[Pattern] = Field(min_length=1)
        template_fields: ClassVar[frozenset[str]] = frozenset({"match"})

    return PlaceholderRuleFile
