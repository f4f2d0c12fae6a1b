"""The run's outcome: counted while rows are checked and written, rendered for people (stderr) or as JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .table import ERROR, FAIL, PASS, plural

if TYPE_CHECKING:
    from .check import Result
    from .clusters import Cluster

TOP_RULES = 5
SHOWN = 10
"""Errors and clusters listed by name in the text summary; the rest are counted."""


class Summary:
    def __init__(self) -> None:
        self.rows = self.passed = self.failed = 0
        self.errors: list[str] = []
        self.rules: Counter[str] = Counter()      # rule id -> rows it fired on
        self.notes: Counter[str] = Counter()
        self.templates: list[dict[str, Any]] = []
        self.near: list[dict[str, Any]] = []

    def add(self, result: Result) -> None:
        """Count a row as it comes back from a worker."""
        self.rows += 1
        self.rules.update(result.rules)
        if result.status == ERROR:
            self.errors.append(result.findings.partition(": ")[2])
        if result.note:
            self.notes[result.note] += 1

    def count(self, status: str) -> None:
        """Count a row's final status (after the batch findings)."""
        if status == PASS:
            self.passed += 1
        elif status == FAIL:
            self.failed += 1

    def clusters(self, templates: dict[int, Cluster], near: dict[int, Cluster], stored: Sequence[Any]) -> None:
        for target, found in ((self.templates, templates), (self.near, near)):
            for cluster in sorted(set(found.values()), key=lambda c: c.first):
                target.append({"id": cluster.id, "rows": cluster.size, "line": stored[cluster.first].line})


_plural = plural


def render_text(summary: Summary, *, path: str, out: str, kind: str, details: dict[str, str],
                columns: dict[str, str]) -> str:
    lines = [f"lint-request: error: {path}: {e}" for e in summary.errors[:SHOWN]]
    if len(summary.errors) > SHOWN:
        lines.append(f"lint-request: error: {path}: … and {len(summary.errors) - SHOWN:,} more unreadable rows")
    lines += [f"lint-request: note: {path}: {_plural(n, 'row')}: {note}" for note, n in summary.notes.most_common()]
    how = ", ".join([kind, *(f'{k} "{v}"' if k == "delimiter" else f"{k} {v}" for k, v in details.items())])
    mapped = ", ".join(f"{field} = {header!r}" for field, header in columns.items())
    lines.append(f"{path} ({how}; {mapped})")
    counts = f"{_plural(summary.rows, 'row')}: {summary.passed:,} passed, {summary.failed:,} failed"
    if summary.errors:
        counts += f", {len(summary.errors):,} unreadable"
    lines.append(f"  {counts}")
    if summary.rules:
        top = ", ".join(f"{rule} ({_plural(n, 'row')})" for rule, n in summary.rules.most_common(TOP_RULES))
        lines.append(f"  top rules: {top}")
    where = "sheet row" if kind == "xlsx" else "line"
    if summary.templates:
        shown = ", ".join(f"{c['id']} ({c['rows']:,} rows from {where} {c['line']})" for c in summary.templates[:SHOWN])
        more = f", … and {len(summary.templates) - SHOWN:,} more" if len(summary.templates) > SHOWN else ""
        lines.append(f"  template clusters: {len(summary.templates):,}: {shown}{more}")
    else:
        lines.append("  template clusters: none")
    if summary.near:
        largest = max(summary.near, key=lambda c: c["rows"])
        lines.append(f"  near-duplicate groups: {len(summary.near):,} (largest: {largest['id']} with "
                     f"{largest['rows']:,} rows from {where} {largest['line']})")
    lines.append(f"  wrote {out}")
    return "\n".join(lines)


def render_json(summary: Summary, *, path: str, out: str, kind: str, details: dict[str, str],
                columns: dict[str, str], rows: list[str], notes: Sequence[str] = ()) -> str:
    """The summary and per-row results as one JSON document (rows are pre-rendered JSON objects).

    ``notes``: lines about the whole run (LanguageTool), before the notes counted per row.
    """
    doc = {
        "version": 1,
        "input": path,
        "output": out,
        "format": kind,
        **details,
        "columns": columns,
        "summary": {
            "rows": summary.rows,
            "passed": summary.passed,
            "failed": summary.failed,
            "errors": len(summary.errors),
            "rules": dict(summary.rules.most_common()),
            "template_clusters": summary.templates,
            "near_duplicate_clusters": summary.near,
        },
        "errors": summary.errors,
        "notes": [*notes, *(f"{_plural(n, 'row')}: {note}" for note, n in summary.notes.most_common())],
    }
    head = json.dumps(doc, ensure_ascii=False, indent=2)
    return head[:-2] + ',\n  "rows": [\n    ' + ",\n    ".join(rows) + "\n  ]\n}"
