"""LanguageTool in a batch: the command's process checks each chunk of rows as the workers hand it back.

One session for the whole run (one connection, the session's cache by text hash, so
identical texts are sent once, and its bounded concurrency), however many worker
processes lint. Findings are merged as ``check`` merges them; the score stays.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from .._model import Finding, Report
from ..grammar.merge import merge_findings
from ..grammar.stage import GrammarStep
from .check import Result, compact, finding_json
from .table import FAIL, PASS


class BatchGrammar:
    """Adds LanguageTool's findings to chunks of row results, in order."""

    def __init__(self, run: GrammarStep, *, keep: Callable[[str], bool], fail_on: int, details: bool) -> None:
        self.run, self.keep, self.fail_on, self.details = run, keep, fail_on, details
        self.seconds = 0.0
        """Wall time spent waiting for LanguageTool."""

    def add(self, results: list[Result]) -> list[Result]:
        """``results`` with LanguageTool's findings merged into the rows that were linted."""
        todo = [i for i, r in enumerate(results) if r.grammar is not None]
        if not todo:
            return results
        began = time.perf_counter()
        rows = [results[i] for i in todo]
        # r.grammar is set on every row in ``todo``; mypy cannot see that through the index list.
        outcomes = self.run.check([r.grammar.text for r in rows],  # type: ignore[union-attr]  # set, see above
                                  [r.lang for r in rows],
                                  known_words=[r.grammar.known_words for r in rows])  # type: ignore[union-attr]  # same
        self.seconds += time.perf_counter() - began
        merged = list(results)
        for i, outcome in zip(todo, outcomes, strict=True):
            kept = [f for f in outcome.findings if self.keep(f.rule)]
            merged[i] = self._merge(results[i], kept) if kept else results[i]._replace(grammar=None)
        return merged

    def _merge(self, result: Result, extra: list[Finding]) -> Result:
        assert result.grammar is not None
        findings = merge_findings(Report(result.lang, result.grammar.findings), extra).findings
        worst = max((f.severity for f in findings), default=0)
        return result._replace(
            status=FAIL if worst and worst >= self.fail_on else PASS,
            worst=int(worst),
            findings=compact(list(findings)),
            rules=tuple(dict.fromkeys(f.rule for f in findings)),
            details=json.dumps([finding_json(f) for f in findings], ensure_ascii=False) if self.details else "",
            grammar=None,
        )
