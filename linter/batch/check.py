"""The per-row work, done in worker processes: read the cells, lint with the engine, add recipient checks,
fingerprint."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any, NamedTuple

from .._context import Context
from .._engine import Linter
from .._engine import score as score_of
from .._model import LANGS, Finding, Recipient, Severity, finding_order
from .._recipient import known_words
from ..kinds import MissingRule
from .columns import ColumnMap
from .fingerprint import Fingerprint, fingerprint, word_ids
from .recipient import RecipientChecks
from .rows import CellError, RowFields, RowReader, platform_of
from .table import ERROR, FAIL, PASS, one_line, plural

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
    grammar: bool = False                     # send each row's text and findings back for LanguageTool


class Result(NamedTuple):
    """One row's outcome as a worker sends it (a plain tuple on the way: named tuples cost more to pickle)."""

    line: int
    status: str
    worst: int                 # highest severity, 0 for none
    score: int | None
    findings: str              # "rule: message; …"
    lang: str
    rules: tuple[str, ...]     # distinct rule ids, for the summary
    fingerprint: Fingerprint | None  # a plain tuple of Fingerprint's fields
    details: str = ""          # JSON array of findings, only with Settings.details
    note: str = ""             # e.g. an unknown platform name
    grammar: Grammar | None = None  # with Settings.grammar: what the command's LanguageTool step needs


class Grammar(NamedTuple):
    """A row's text as linted, the words LanguageTool must not call typos, and the findings to merge into."""

    text: str
    known_words: tuple[str, ...]
    findings: tuple[Finding, ...]


class Worker:
    """A Linter plus the recipient checks of each language, built once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.linter = Linter(rulesets=settings.rulesets, select=settings.select, ignore=settings.ignore)
        # Template keys this process has fingerprinted: rows are checked in file order within a process,
        # so the command always receives a template's first row, with its full fingerprint, first.
        self.templates_seen: set[int] = set()
        self.clustering = self.linter.is_selected("mass-template") or self.linter.is_selected("near-duplicate")
        self.similar = self.linter.is_selected("near-duplicate")
        assert settings.mapping is not None
        self.columns = settings.mapping
        self.names = settings.mapping.names
        self.read_row = RowReader(settings.mapping)
        self.recipient_checks = {
            lang: RecipientChecks(self.linter, lang, settings.columns, self.names.get("address", ""))
            for lang in LANGS
        }
        # The sign-off signals per language: a recipient's name after them is the sender's signature.
        self.signoffs = {lang: rule.pattern for lang in LANGS for rule in self.linter.ruleset.for_lang(lang)
                         if rule.id == "missing-signoff" and isinstance(rule, MissingRule)}
        # Results still without their fingerprint, with the message, its words as the engine split them,
        # the recipient fields to mask and where the sender's sign-off starts (``signature_start``).
        self._pending: list[tuple[list[Any], str, list[str] | None, tuple[str, ...], int | None]] = []

    def warm_up(self) -> None:
        """Compile what every row needs, so forked workers inherit it instead of compiling it twice."""
        for text in ("Hallo Frau Berger,\nwir haben uns gestern auf der Messe gesehen. Viele Grüße",
                     "Hi Priya,\nwe met at the meetup yesterday. Best regards"):
            self.check_fields(0, RowFields(text, "Anna", "Berger"))
        self.add_fingerprints()
        self.templates_seen.clear()

    def check_rows(self, rows: Iterable[tuple[int, Sequence[Any] | Mapping[str, Any] | None, str]]) -> list[list[Any]]:
        """Check rows (line, cells, error) in order; each Result's fields.

        The fingerprints are computed after all rows are linted: running the engine for many rows
        in a row, then the fingerprints, keeps each one's code and data in the CPU caches
        (measured: 5 % less time per row than alternating).
        """
        results = [self.check(*row) for row in rows]
        self.add_fingerprints()
        return results

    def check(self, line: int, cells: Sequence[Any] | Mapping[str, Any] | None, error: str) -> list[Any]:
        """Check one row as the table read it; the Result's fields (the fingerprint by ``add_fingerprints``)."""
        if cells is None:
            return _error(line, error)
        message = self.columns.keys["message"]
        if isinstance(message, int) and message >= len(cells):
            return _error(line, f"line {line}: {plural(len(cells), 'field')}, the header has "
                          f"{len(self.settings.columns)}; the message column {self.names['message']!r} is missing")
        try:
            row = self.read_row(cells)
        except CellError as exc:
            return _error(line, f"line {line}: column {self.names.get(exc.field, exc.field)!r} {exc}")
        return self.check_fields(line, row)

    def check_fields(self, line: int, row: RowFields) -> list[Any]:
        """Check one row's fields; the Result's fields (the fingerprint by ``add_fingerprints``)."""
        note = ""
        platform = self.settings.platform
        if row.platform:
            named = platform_of(row.platform)
            if named is None:
                note = f"unknown platform {row.platform!r} (checked as {platform})"
            else:
                platform = named
        recipient = Recipient(row.first_name, row.last_name, row.salutation, row.company, row.met, "", row.address)
        text = row.message
        ctx = Context(text, platform=platform, recipient=recipient)
        report = self.linter.lint_context(ctx, lang=self.settings.lang)
        findings = report.findings
        score = report.score
        empty = ctx.word_count == 0  # known from the engine's run: no letter or digit at all
        if not empty:
            extra = self.recipient_checks[report.lang].check(text, recipient, findings)
            if extra:
                have = {f.rule for f in findings}
                # Should the engine learn recipient-mismatch itself, it must not be reported twice.
                extra = [f for f in extra if f.rule not in have or f.rule in ADDITIVE]
                findings = tuple(sorted((*findings, *extra), key=finding_order))
                score = score_of(findings)
        worst = max(map(_severity, findings), default=0)
        result = [
            line,
            FAIL if worst and worst >= self.settings.fail_on else PASS,
            int(worst),
            score,
            compact(findings),
            report.lang,
            tuple(dict.fromkeys(map(_rule, findings))),
            None,
            json.dumps([finding_json(f) for f in findings], ensure_ascii=False) if self.settings.details else "",
            note,
            Grammar(text, known_words(row.first_name, row.last_name, row.company), findings)
            if self.settings.grammar else None,
        ]
        if not empty and self.clustering:
            fields = (row.first_name, row.last_name, row.company, f"{row.first_name} {row.last_name}")
            self._pending.append((result, text, ctx.tokens(), fields, self.signature_start(ctx, report.lang, fields)))
        return result

    def add_fingerprints(self) -> None:
        """Fingerprint the rows checked since the last call, in their order (``templates_seen`` needs it)."""
        seen, similar = self.templates_seen, self.similar
        for result, text, tokens, fields, keep_from in self._pending:
            result[_FINGERPRINT] = tuple(fingerprint(  # a plain tuple pickles faster than a named one
                text, fields, seen, similar=similar, tokens=tokens, keep_from=keep_from))
        self._pending.clear()

    def signature_start(self, ctx: Context, lang: str, fields: Sequence[str]) -> int | None:
        """Index of the first word of the sign-off when a recipient field occurs near the end, else None.

        "Viele Grüße, Jan" sent to Jan Koch signs with the sender's name: masking it as the
        recipient's would make this row's text differ from the rest of its template.
        """
        text = ctx.text
        tail = text[-SIGNATURE_WITHIN:].casefold()
        if not any(field.strip() and field.strip().casefold() in tail for field in fields[:3]):
            return None  # the common case: no recipient field near the end, nothing to keep
        matcher = self.signoffs.get(lang)
        # Through the engine's scan of this text: its prefilter has found the candidates already.
        starts = [m.start() for m in matcher.matches(ctx.scan)] if matcher is not None else []
        return len(word_ids(text[:starts[-1]].split())) if starts else None


_FINGERPRINT = Result._fields.index("fingerprint")
SIGNATURE_WITHIN = 120
"""Characters at the end of a draft in which a sign-off and the sender's name are looked for."""
_severity = attrgetter("severity")
_rule = attrgetter("rule")


READ_ERROR = "read-error"


def _error(line: int, message: str) -> list[Any]:
    return [line, ERROR, 0, None, f"{READ_ERROR}: {message}", "", (), None, "[]", "", None]


def compact(findings: Sequence[Finding]) -> str:
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


def check_chunk(rows: list[tuple[Any, ...]]) -> tuple[list[list[Any]], float]:
    """Check a chunk of rows (line, cells, error) in this process; also returns the CPU seconds it took.

    Rows and results travel as plain tuples and lists (a Result's fingerprint a plain
    tuple too): named tuples cost twice as much to pickle.
    """
    assert _worker is not None, "init_worker() first"
    started = time.process_time()
    results = _worker.check_rows(rows)
    return results, time.process_time() - started
