"""``lint-request batch``: read the export, check every row in parallel, cluster templates, write the copy, sum up."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .._check import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from .._engine import PENALTY, matches_any
from .._io import InputError
from .._model import Finding, Severity, Span
from .._ruleset import RuleFileError
from . import messages
from .check import (
    Result,
    Settings,
    Worker,
    check_chunk,
    compact,
    finding_json,
    init_worker,
    unpack,
)
from .clusters import Cluster, Clusters
from .columns import LABELS, map_columns
from .parallel import chunked, ordered_map
from .progress import Progress
from .summary import Summary, render_json, render_text
from .table import ERROR, FAIL, LINT_COLUMNS, PASS, Mark, Table

MASS_TEMPLATE = "mass-template"
NEAR_DUPLICATE = "near-duplicate"
BATCH_RULES = ("recipient-mismatch", MASS_TEMPLATE, NEAR_DUPLICATE)
"""Rule ids only the batch command reports (besides the engine's; --select/--ignore accept them)."""
CHUNK = 200
"""Rows per task sent to a worker."""


class BatchOptions(NamedTuple):
    """The batch command's settings after config file and command line are merged."""

    path: str
    out: str | None = None
    output_format: str = "text"
    fail_on: Severity = Severity.ERROR
    lang: str = "auto"
    platform: str = "generic"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rulesets: tuple[str, ...] = ()
    columns: dict[str, str] = {}
    sheet: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    max_same: int = 3
    similarity: float = 0.9
    jobs: int = 0                # 0: one per CPU
    progress: bool | None = None  # None: when stderr is a terminal


class Stored(NamedTuple):
    """What is kept per row between reading and writing."""

    line: int
    status: str
    worst: int
    score: int | None
    findings: bytes   # UTF-8: German findings with „“ would take two bytes per character as a str
    lang: str
    details: str


class Timings:
    """CPU seconds per phase (load on the machine does not change them much), and the wall time.

    Reading and clustering run in the command's process while the workers lint,
    so on an idle machine the wall time is about (all CPU seconds) / cores.
    """

    def __init__(self) -> None:
        self.read = self.lint = self.cluster = self.write = 0.0
        self.started = time.perf_counter()
        self.cpu_started = time.process_time()

    def timed(self, items: Iterable[Any]) -> Iterator[Any]:
        """Yield from ``items``, adding the CPU time spent producing them to ``read``."""
        it = iter(items)
        while True:
            began = time.process_time()
            try:
                item = next(it)
            except StopIteration:
                self.read += time.process_time() - began
                return
            self.read += time.process_time() - began
            yield item

    def line(self, jobs: int) -> str:
        wall = time.perf_counter() - self.started
        main = time.process_time() - self.cpu_started
        other = main - self.read - self.cluster - self.write
        where = "in this process" if jobs == 1 else f"in {jobs} worker processes"
        return (f"timings: wall {wall:.2f} s; CPU: read {self.read:.2f} s, lint {self.lint:.2f} s ({where}), "
                f"cluster {self.cluster:.2f} s, write {self.write:.2f} s, "
                f"other {other - (self.lint if jobs == 1 else 0):.2f} s (start-up, passing rows to workers, summary)")


def _error(message: str) -> None:
    print(f"lint-request: error: {message}", file=sys.stderr)


def open_table(path: Path, options: BatchOptions) -> Table:
    from .sniff import detect_format

    kind = detect_format(path)
    if kind == "xlsx":
        from .xlsx_table import XlsxTable

        return XlsxTable(path, sheet=options.sheet)
    if kind == "jsonl":
        from .jsonl_table import JsonlTable

        return JsonlTable(path)
    from .csv_table import CsvTable

    return CsvTable(path, encoding=options.encoding, delimiter=options.delimiter)


def output_path(path: Path, out: str | None) -> Path:
    """``--out`` or ``NAME.checked.EXT`` beside the input; never the input itself."""
    target = Path(out) if out else path.with_name(f"{path.stem}.checked{path.suffix}")
    if target.resolve() == path.resolve():
        raise InputError(f"--out {target}: that is the input file; it is never overwritten")
    if not target.parent.is_dir():
        raise InputError(f"--out {target}: no such directory {str(target.parent)!r}")
    return target


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(options: BatchOptions) -> int:
    """Check one export and write its annotated copy; returns the exit code."""
    timings = Timings()
    path = Path(options.path)
    try:
        if options.path == "-":
            raise InputError("batch reads a file (CSV, XLSX or JSONL), not standard input")
        table = open_table(path, options)
        clash = [c for c in LINT_COLUMNS if c in table.columns]
        if clash:
            raise InputError(f"already has a {clash[0]!r} column: check the original export, not a checked copy")
        cmap = map_columns(table.columns, options.columns, by_key=table.kind == "jsonl")
        out = output_path(path, options.out)
    except InputError as exc:
        _error(f"{options.path}: {exc}")
        return EXIT_ERROR

    settings = Settings(
        rulesets=options.rulesets, select=options.select, ignore=options.ignore, lang=options.lang,
        platform=options.platform, fail_on=int(options.fail_on), columns=tuple(table.columns),
        mapping=cmap, details=options.output_format == "json",
    )
    try:
        worker = Worker(settings)
    except RuleFileError as exc:
        _error(str(exc))
        return EXIT_ERROR
    known = worker.linter.ruleset.ids() | set(BATCH_RULES)
    unknown = [s for s in (*options.select, *options.ignore) if not any(matches_any(i, (s,)) for i in known)]
    if unknown:
        _error(f"unknown rule id or prefix {', '.join(map(repr, unknown))} in --select/--ignore; "
               "`lint-request rules` lists them")
        return EXIT_ERROR

    jobs = options.jobs or cpu_count()
    if jobs > 1:
        worker.warm_up()  # forked workers inherit the compiled patterns
    init_worker(settings, worker)
    stored: list[Stored] = []
    clusters = Clusters(options.similarity)
    summary = Summary()
    progress = Progress(enabled=options.progress)
    try:
        chunks = timings.timed(chunked(map(tuple, table.rows()), CHUNK))
        for results, seconds in ordered_map(check_chunk, chunks, jobs=jobs, initializer=init_worker,
                                            initargs=(settings,)):
            timings.lint += seconds
            began = time.process_time()
            for values in results:
                _keep(unpack(values), stored, clusters, summary)
            timings.cluster += time.process_time() - began
            progress.update(len(stored), table.progress())
    except InputError as exc:
        progress.close()
        _error(f"{options.path}: {exc}")
        return EXIT_ERROR
    finally:
        progress.close()

    began = time.process_time()
    selected = worker.linter.is_selected
    templates = clusters.templates(options.max_same) if selected(MASS_TEMPLATE) else {}
    # Rows of a template cluster already fail as mass-template; a near-duplicate group matters for the others.
    near = clusters.near_duplicates(exclude=templates) if selected(NEAR_DUPLICATE) else {}
    timings.cluster += time.process_time() - began
    summary.clusters(templates, near, stored)

    began = time.process_time()
    rows_json: list[str] = []
    marks = _marks(stored, templates, near, options, summary, rows_json)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        table.write(temporary, marks)
        os.replace(temporary, out)
    except OSError as exc:
        _error(f"{out}: cannot write: {exc.strerror or exc}")
        return EXIT_ERROR
    finally:
        temporary.unlink(missing_ok=True)
    timings.write = time.process_time() - began

    names = {LABELS.get(field, field): header for field, header in cmap.names.items()}
    if options.output_format == "json":
        print(render_json(summary, path=options.path, out=str(out), kind=table.kind, details=table.details,
                          columns=names, rows=rows_json))
    else:
        print(render_text(summary, path=options.path, out=str(out), kind=table.kind, details=table.details,
                          columns=names), file=sys.stderr)
    if os.environ.get("LINT_REQUEST_TIMINGS"):
        print(timings.line(jobs), file=sys.stderr)
    if summary.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if summary.failed else EXIT_OK


def _keep(result: Result, stored: list[Stored], clusters: Clusters, summary: Summary) -> None:
    stored.append(Stored(result.line, result.status, result.worst, result.score, result.findings.encode(), result.lang,
                         result.details))
    if result.fingerprint is not None:
        clusters.add(result.index, result.fingerprint)
    summary.add(result)


def _marks(stored: list[Stored], templates: dict[int, Cluster], near: dict[int, Cluster], options: BatchOptions,
           summary: Summary, rows_json: list[str]) -> Iterator[Mark]:
    """The three appended cells of every row, with the batch finding added; counts the outcome."""
    percent = round(options.similarity * 100)
    for index, row in enumerate(stored):
        status, worst, score, details = row.status, row.worst, row.score, row.details
        findings = row.findings.decode()
        template, similar = templates.get(index), near.get(index)
        batch = None
        if template:
            said = messages.text(row.lang, MASS_TEMPLATE, count=template.size, cluster=template.id)
            batch = Finding(MASS_TEMPLATE, Severity.ERROR, said.message, Span(0, 0), suggestion=said.suggestion)
        elif similar:
            said = messages.text(row.lang, NEAR_DUPLICATE, count=similar.size, cluster=similar.id, percent=percent)
            batch = Finding(NEAR_DUPLICATE, Severity.WARNING, said.message, Span(0, 0), suggestion=said.suggestion)
        if batch and status != ERROR:
            worst = max(worst, int(batch.severity))
            score = max(0, (score or 0) - PENALTY[batch.severity])
            status = FAIL if worst >= options.fail_on else PASS
            summary.rules[batch.rule] += 1
            findings = "; ".join(filter(None, [compact([batch]), findings]))
            if details:
                first = json.dumps(finding_json(batch), ensure_ascii=False)
                details = f"[{first}{', ' if details != '[]' else ''}{details[1:]}"
        summary.count(status)
        if options.output_format == "json":
            rows_json.append(
                f'{{"row": {index + 1}, "line": {row.line}, "status": "{status}", '
                f'"score": {"null" if score is None else score}, "lang": "{row.lang}", "findings": {details or "[]"}}}'
            )
        yield Mark(status, score, findings)
