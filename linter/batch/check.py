"""The per-row work, done in worker processes: validate, lint with the engine, add recipient checks, fingerprint."""

from __future__ import annotations

import json
import time
from typing import Any, NamedTuple

from .._engine import Linter, score
from .._model import LANGS, Finding, Recipient, Severity
from .._rules import HAS_WORD
from .columns import ColumnMap
from .fingerprint import Fingerprint, fingerprint
from .recipient import RecipientChecks
from .rows import platform_of, validate
from .table import ERROR, FAIL, PASS, Row, one_line

ADDITIVE = frozenset({"placeholder", "address-mix"})
"""Rules whose row-aware findings add to the engine's (other spans, other reasons)."""


class Settings(NamedTuple):
    """Everything a worker needs, picklable."""

    rulesets: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "auto"
    platform: str = "generic"
    fail_on: int = Severity.ERROR
    columns: tuple[str, ...] = ()             # the file's column names
    mapping: ColumnMap | None = None          # which column holds which field
    details: bool = False                     # per-row findings as JSON (for --format json)


class Result(NamedTuple):
    """One row's outcome, compact: it is kept in memory for every row until the copy is written."""

    index: int
    line: int
    status: str
    worst: int                 # highest severity, 0 for none
    score: int | None
    findings: str              # "rule: message; …"
    lang: str
    rules: tuple[str, ...]     # distinct rule ids, for the summary
    fingerprint: Fingerprint | None
    details: str = ""          # JSON array of findings, only with Settings.details
    note: str = ""             # e.g. an unknown platform name


class Worker:
    """A Linter plus the recipient checks of each language, built once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.linter = Linter(rulesets=settings.rulesets, select=settings.select, ignore=settings.ignore)
        # Template keys this process has fingerprinted: rows are checked in file order within a process,
        # so the command always receives a template's first row, with its full fingerprint, first.
        self.templates_seen: set[int] = set()
        self.clustering = self.linter.is_selected("mass-template") or self.linter.is_selected("near-duplicate")
        assert settings.mapping is not None
        self.columns = settings.mapping
        self.names = settings.mapping.names
        self.recipient_checks = {
            lang: RecipientChecks(self.linter, lang, settings.columns, self.names.get("address", ""))
            for lang in LANGS
        }

    def warm_up(self) -> None:
        """Compile what every row needs, so forked workers inherit it instead of compiling it twice."""
        for text in ("Hallo Frau Berger,\nwir haben uns gestern auf der Messe gesehen. Viele Grüße",
                     "Hi Priya,\nwe met at the meetup yesterday. Best regards"):
            self.check_values(0, 0, {"message": text, "first_name": "Anna", "last_name": "Berger"})
        self.templates_seen.clear()

    def check(self, row: Row) -> Result:
        """Check one row as the table read it."""
        index, line, cells, error = row
        if cells is None:
            return _error(index, line, error)
        message = self.columns.keys["message"]
        if isinstance(message, int) and message >= len(cells):
            return _error(index, line, f"line {line}: {len(cells)} fields, the header has "
                          f"{len(self.settings.columns)}; the message column {self.names['message']!r} is missing")
        return self.check_values(index, line, self.columns.values(cells))

    def check_values(self, index: int, line: int, values: dict[str, Any]) -> Result:
        """Check one row given as field -> cell value."""
        try:
            row = validate(values)
        except ValueError as exc:
            field, _, reason = str(exc).partition(": ")
            return _error(index, line, f"line {line}: column {self.names.get(field, field)!r} {reason}")
        note = ""
        platform = self.settings.platform
        if row.platform:
            named = platform_of(row.platform)
            if named is None:
                note = f"unknown platform {row.platform!r} (checked as {platform})"
            else:
                platform = named
        recipient = Recipient(first_name=row.first_name, last_name=row.last_name, salutation=row.salutation,
                              company=row.company, met=row.met, address=row.address)
        text = row.message
        report = self.linter.lint(text, lang=self.settings.lang, platform=platform, recipient=recipient)
        findings = list(report.findings)
        empty = HAS_WORD.search(text) is None
        if not empty:
            have = {f.rule for f in findings}
            extra = self.recipient_checks[report.lang].check(text, recipient, findings, self.linter.is_selected)
            # Should the engine learn recipient-mismatch itself, it must not be reported twice.
            findings += [f for f in extra if f.rule not in have or f.rule in ADDITIVE]
            findings.sort(key=lambda f: (f.span.start, -f.severity, f.rule, f.span.end))
        worst = max((f.severity for f in findings), default=0)
        fp = None
        if not empty and self.clustering:
            fp = fingerprint(text, (row.first_name, row.last_name, row.company, f"{row.first_name} {row.last_name}"),
                             self.templates_seen, similar=self.linter.is_selected("near-duplicate"))
        return Result(
            index=index,
            line=line,
            status=FAIL if worst and worst >= self.settings.fail_on else PASS,
            worst=int(worst),
            score=score(findings, empty=empty),
            findings=compact(findings),
            lang=report.lang,
            rules=tuple(dict.fromkeys(f.rule for f in findings)),
            fingerprint=fp,
            details=json.dumps([finding_json(f) for f in findings], ensure_ascii=False)
            if self.settings.details else "",
            note=note,
        )


READ_ERROR = "read-error"


def _error(index: int, line: int, message: str) -> Result:
    return Result(index, line, ERROR, 0, None, f"{READ_ERROR}: {message}", "", (), None, "[]")


def compact(findings: list[Finding]) -> str:
    """``rule-id: message; …`` on one line."""
    return "; ".join(f"{f.rule}: {one_line(f.message)}" for f in findings)


def finding_json(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity.label, "message": f.message, "suggestion": f.suggestion,
            "start": f.span.start, "end": f.span.end, "match": f.match}


_worker: Worker | None = None


def init_worker(settings: Settings, worker: Worker | None = None) -> None:
    """Process initialiser: build (or, after a fork, adopt) the worker of this process."""
    global _worker
    if worker is not None:
        _worker = worker
    elif _worker is None or _worker.settings != settings:
        _worker = Worker(settings)


def check_chunk(rows: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], float]:
    """Check a chunk of rows (``Row``'s fields) in this process; also returns the CPU seconds it took.

    Rows and results travel as plain tuples (a Result's fingerprint a plain tuple
    too): named tuples cost twice as much to pickle.
    """
    assert _worker is not None, "init_worker() first"
    started = time.process_time()
    results = []
    for row in rows:
        result = _worker.check(row)  # type: ignore[arg-type]
        fp = result.fingerprint
        results.append((*result[:8], None if fp is None else tuple(fp), *result[9:]))
    return results, time.process_time() - started


def unpack(values: tuple[Any, ...]) -> Result:
    """A Result from what ``check_chunk`` sent."""
    result = Result._make(values)
    return result if result.fingerprint is None else result._replace(fingerprint=Fingerprint._make(result.fingerprint))
