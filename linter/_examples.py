"""Running a rule's own fail/pass examples (used by the tests and ``check-rules``)."""

from __future__ import annotations

from typing import Any

from ._engine import Linter
from ._model import Recipient
from .kinds import Rule


def example_failures(linter: Linter, rule: Rule) -> list[str]:
    """One line per example that does not behave as the rule file says; empty when all do."""
    problems: list[str] = []
    for outcome in ("fail", "pass"):
        for (text, platform), data in zip(rule.examples[outcome], rule.example_data[outcome], strict=True):
            if data["rows"]:
                fired_per_row = _batch_fires(linter, rule, data["rows"])
                # A failing batch example must be flagged on every row, a passing one on none.
                fired = all(fired_per_row) if outcome == "fail" else any(fired_per_row)
            else:
                recipient = Recipient(**data["recipient"]) if data["recipient"] else None
                report = linter.lint(text, lang=rule.lang, platform=platform, recipient=recipient)
                fired = any(f.rule == rule.id for f in report.findings)
            if fired != (outcome == "fail"):
                expected = "should fire but did not" if outcome == "fail" else "should not fire but did"
                problems.append(f"{rule.lang}/{rule.id}: {outcome} example {expected}: {text[:120]!r}")
    return problems


def _batch_fires(linter: Linter, rule: Rule, rows: list[dict[str, Any]]) -> list[bool]:
    """Whether ``rule`` flags each of ``rows``, run through ``lint-request batch`` on a CSV file."""
    import contextlib
    import csv
    import io
    import tempfile
    from pathlib import Path

    from .batch.run import BatchOptions, run_batch

    columns = ("first_name", "last_name", "salutation", "company", "message")
    with tempfile.TemporaryDirectory() as folder:
        source, checked = Path(folder) / "rows.csv", Path(folder) / "checked.csv"
        with source.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["First name", "Last name", "Salutation", "Company", "Message"])
            writer.writerows([row.get(column, "") for column in columns] for row in rows)
        options = BatchOptions(path=str(source), out=str(checked), lang=rule.lang, jobs=1, progress=False,
                               rulesets=linter.rulesets)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            run_batch(options)
        with checked.open(encoding="utf-8", newline="") as fh:
            return [f"{rule.id}:" in (line.get("lint_findings") or "") for line in csv.DictReader(fh)]
