"""``lint-request batch``: read the export, check every row in parallel, cluster templates, write the copy, sum up."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .._check import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, unknown_selectors
from .._engine import PENALTY
from .._io import InputError
from .._model import Finding, Severity
from .._ruleset import RuleFileError
from ..kinds import BatchRule
from .check import (
    Result,
    Settings,
    Worker,
    check_chunk,
    compact,
    finding_json,
    init_worker,
)
from .clusters import Cluster, Clusters
from .columns import LABELS, map_columns
from .parallel import chunked, ordered_map
from .progress import Progress
from .summary import Summary, render_json, render_text
from .table import ERROR, FAIL, LINT_COLUMNS, PASS, Mark, Table

if TYPE_CHECKING:
    from ..grammar.settings import GrammarSettings

MASS_TEMPLATE = "mass-template"
NEAR_DUPLICATE = "near-duplicate"
CHUNK = 200
"""Rows per task sent to a worker."""
_SENT = itemgetter(1, 2, 3)  # a Row's line, cells and error


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
    columns: Mapping[str, str] = {}  # never mutated: a NamedTuple field, read-only by design
    sheet: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    max_same: int = 3
    similarity: float = 0.9
    jobs: int = 0                # 0: one per CPU
    progress: bool | None = None  # None: when stderr is a terminal
    grammar: GrammarSettings | None = None  # LanguageTool; None leaves grammar out entirely


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
        self.grammar = ""   # LanguageTool's share, when it ran
        self.checked = 0.0  # wall time when the last row came back from the workers
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
        return (f"timings: wall {wall:.2f} s (all rows checked after {self.checked:.2f} s); "
                f"CPU: read {self.read:.2f} s, lint {self.lint:.2f} s ({where}), "
                f"cluster {self.cluster:.2f} s, write {self.write:.2f} s, "
                f"other {other - (self.lint if jobs == 1 else 0):.2f} s (start-up, passing rows to workers, summary)"
                f"{self.grammar}")


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
    if options.output_format != "json":  # said before the rows are checked; in JSON among the notes
        for note in cmap.notes:
            print(f"lint-request: note: {options.path}: {note}", file=sys.stderr)

    grammar_run = None
    if options.grammar is not None:
        from ..grammar.stage import GrammarStep

        grammar_run = GrammarStep(options.grammar, show_hints=options.output_format != "json")
        if grammar_run.failed:  # required, but nothing to run it with: say so before checking 100,000 rows
            return EXIT_ERROR
    settings = Settings(
        rulesets=options.rulesets, select=options.select, ignore=options.ignore, lang=options.lang,
        platform=options.platform, fail_on=int(options.fail_on), columns=tuple(table.columns),
        mapping=cmap, details=options.output_format == "json",
        grammar=grammar_run is not None and grammar_run.session is not None,
    )
    try:
        worker = Worker(settings)
    except RuleFileError as exc:
        _error(str(exc))
        return EXIT_ERROR
    unknown = unknown_selectors(worker.linter, (*options.select, *options.ignore))
    if unknown:
        _error(f"unknown rule id or prefix {', '.join(map(repr, unknown))} in --select/--ignore; "
               "`lint-request rules` lists them")
        return EXIT_ERROR
    grammar = None
    if settings.grammar:
        from .grammar import BatchGrammar

        # settings.grammar is only set when grammar_run is (see above), so it is not None here.
        grammar = BatchGrammar(grammar_run, keep=worker.linter.is_selected,  # type: ignore[arg-type]  # see above
                               fail_on=int(options.fail_on), details=settings.details)

    jobs = options.jobs or cpu_count()
    if jobs > 1:
        worker.warm_up()  # forked workers inherit the compiled patterns
    init_worker(settings, worker)
    stored: list[Stored] = []
    clusters = Clusters(options.similarity)
    summary = Summary()
    progress = Progress(enabled=options.progress)
    try:
        # Workers get (line, cells, error) of each row: the index is the order.
        chunks = timings.timed(chunked(map(_SENT, table.rows()), CHUNK))
        for results, seconds in ordered_map(check_chunk, chunks, jobs=jobs, initializer=init_worker,
                                            initargs=(settings,)):
            timings.lint += seconds
            rows = list(map(Result._make, results))
            if grammar is not None:
                rows = grammar.add(rows)
            began = time.process_time()
            for row in rows:
                _keep(row, stored, clusters, summary)
            timings.cluster += time.process_time() - began
            progress.update(len(stored), table.progress())
    except InputError as exc:
        progress.close()
        _error(f"{options.path}: {exc}")
        return EXIT_ERROR
    finally:
        progress.close()
        if grammar_run is not None:
            grammar_run.finish()  # the hint of `auto`, or the one warning line; closes the session
    timings.checked = time.perf_counter() - timings.started
    if grammar is not None:
        # grammar exists only together with grammar_run.
        requests = grammar_run.requests_sent  # type: ignore[union-attr]  # not None when grammar is set
        timings.grammar = f"; grammar {grammar.seconds:.2f} s wall ({requests} requests)"

    began = time.process_time()
    selected = worker.linter.is_selected
    templates = clusters.templates(options.max_same) if selected(MASS_TEMPLATE) else {}
    # Rows of a template cluster already fail as mass-template; a near-duplicate group matters for the others.
    near = clusters.near_duplicates(exclude=templates) if selected(NEAR_DUPLICATE) else {}
    timings.cluster += time.process_time() - began
    summary.clusters(templates, near, stored)

    began = time.process_time()
    rows_json: list[str] = []
    batch_rules = {(rule.lang, rule.id): rule for rule in worker.linter.ruleset.all() if isinstance(rule, BatchRule)}
    marks = _marks(stored, templates, near, options, summary, rows_json, batch_rules)
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
                          columns=names, rows=rows_json,
                          notes=(*cmap.notes, *(grammar_run.notes if grammar_run else ()))))
    else:
        print(render_text(summary, path=options.path, out=str(out), kind=table.kind, details=table.details,
                          columns=names), file=sys.stderr)
    if os.environ.get("LINT_REQUEST_TIMINGS"):
        print(timings.line(jobs), file=sys.stderr)
    if summary.errors or (grammar_run is not None and grammar_run.failed):
        return EXIT_ERROR
    return EXIT_FINDINGS if summary.failed else EXIT_OK


def _keep(result: Result, stored: list[Stored], clusters: Clusters, summary: Summary) -> None:
    if result.fingerprint is not None:
        clusters.add(len(stored), result.fingerprint)
    stored.append(Stored(result.line, result.status, result.worst, result.score, result.findings.encode(), result.lang,
                         result.details))
    summary.add(result)


def _marks(stored: list[Stored], templates: dict[int, Cluster], near: dict[int, Cluster], options: BatchOptions,
           summary: Summary, rows_json: list[str], rules: dict[tuple[str, str], BatchRule]) -> Iterator[Mark]:
    """The three appended cells of every row, with the batch finding added; counts the outcome."""
    percent = round(options.similarity * 100)
    said: dict[tuple[str, Cluster], tuple[Finding, str, str]] = {}  # the same for every row of a cluster

    def batch_finding(lang: str, cluster: Cluster, template: bool) -> tuple[Finding, str, str]:
        key = (lang, cluster)
        found = said.get(key)
        if found is None:
            # The rule files (rulesets/*/mass-template.toml, near-duplicate.toml) say how it is reported.
            rule = rules.get((lang, MASS_TEMPLATE if template else NEAR_DUPLICATE)) \
                or rules[("en", MASS_TEMPLATE if template else NEAR_DUPLICATE)]
            batch = rule.cluster_finding(count=cluster.size, cluster=cluster.id, percent=percent)
            found = said[key] = (batch, compact([batch]), json.dumps(finding_json(batch), ensure_ascii=False))
        return found

    json_rows = options.output_format == "json"
    for index, row in enumerate(stored):
        status, worst, score, details = row.status, row.worst, row.score, row.details
        findings = row.findings.decode()
        template, similar = templates.get(index), near.get(index)
        cluster = template or similar
        if cluster and status != ERROR:
            batch, text, first = batch_finding(row.lang, cluster, template is not None)
            worst = max(worst, int(batch.severity))
            score = max(0, (score or 0) - PENALTY[batch.severity])
            status = FAIL if worst >= options.fail_on else PASS
            summary.rules[batch.rule] += 1
            findings = f"{text}; {findings}" if findings else text
            if details:
                details = f"[{first}{', ' if details != '[]' else ''}{details[1:]}"
        summary.count(status)
        if json_rows:
            rows_json.append(
                f'{{"row": {index + 1}, "line": {row.line}, "status": "{status}", '
                f'"score": {"null" if score is None else score}, "lang": "{row.lang}", "findings": {details or "[]"}}}'
            )
        yield Mark(status, score, findings)
