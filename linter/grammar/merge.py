"""Fold LanguageTool findings into a rule-based Report."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .._model import Finding, Report, finding_order


def merge_findings(report: Report, findings: Iterable[Finding]) -> Report:
    """``report`` plus ``findings``, one finding per span, sorted like the engine sorts.

    Where an own rule and LanguageTool flag exactly the same span, the own rule's finding stays:
    its advice is written for contact requests. The score is left as it is: it rates the request's
    content and must not change with whether or which LanguageTool happened to be reachable
    (docs/grammar.md).
    """
    taken = {(f.span.start, f.span.end) for f in report.findings}
    extra: list[Finding] = []
    for finding in findings:
        key = (finding.span.start, finding.span.end)
        if key not in taken:
            taken.add(key)
            extra.append(finding)
    if not extra:
        return report
    return dataclasses.replace(report, findings=tuple(sorted((*report.findings, *extra), key=finding_order)))
