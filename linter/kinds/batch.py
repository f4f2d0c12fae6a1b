"""Kind ``batch``: what only a whole batch shows: one text sent to many (``mass-template``), or nearly so.

``lint-request batch`` compares all rows of a CRM export and reports these
with the rule's severity and wording; a single draft cannot be a mass
template, so linting one text never reports them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, ClassVar

from .._context import Context
from .._model import Finding, Span
from .base import Rule

if TYPE_CHECKING:
    from .._schema import RuleFileBase

WHAT = {
    "en": "Compares the rows of a batch (lint-request batch): flags one text sent to many recipients.",
    "de": "Vergleicht die Zeilen eines Stapels (lint-request batch): meldet einen Text, der an viele Empfänger geht.",
}


class BatchRule(Rule):
    """Reported by ``lint-request batch`` for every row of a cluster."""

    kind: ClassVar[str] = "batch"
    __slots__ = ()

    def check(self, ctx: Context) -> tuple[Finding, ...]:
        return ()  # one text alone is never a batch

    def cluster_finding(self, *, count: int, cluster: str, percent: int = 100) -> Finding:
        """The finding for every row of a cluster of ``count`` rows named ``cluster``."""
        return self.finding(Span(0, 0), count=count, cluster=cluster, percent=percent)


@functools.cache
def schema() -> type[RuleFileBase]:
    from typing import Literal

    from .._schema import RuleFileBase

    class BatchRuleFile(RuleFileBase):
        """Flags rows of a batch that share their text with many others."""

        kind: Literal["batch"]
        template_fields: ClassVar[frozenset[str]] = frozenset({"count", "cluster", "percent"})

    return BatchRuleFile
