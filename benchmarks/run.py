"""Benchmarks for lint-request; run ``python benchmarks/run.py`` (``--quick`` for a smoke run).

Measures, on this machine:
- in-process throughput on one core (drafts/s, all default rules, 300–800 character drafts);
- cold start of ``lint-request one-draft.txt`` beside ``python -c pass`` (median of N runs);
- proselint on the same drafts, for the per-draft ratio;
- lint time and peak memory of 1–10 MB drafts (each in a fresh process), to show they grow linearly.
Prints a Markdown report; ``--write`` also replaces the results section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from command import lint_request_command  # noqa: E402
from corpus import make_drafts  # noqa: E402
from perfdoc import write_section  # noqa: E402


def throughput(drafts: list[str], rounds: int) -> float:
    """Best drafts/s over ``rounds`` passes (best, because others only add noise)."""
    from linter import Linter

    linter = Linter()
    for draft in drafts[:50]:
        linter.lint(draft)  # compile both languages before timing
    best = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        for draft in drafts:
            linter.lint(draft)
        best = max(best, len(drafts) / (time.perf_counter() - started))
    return best


def proselint_per_draft(drafts: list[str]) -> float | None:
    """Seconds per draft for proselint's default checks, or None when it is not installed."""
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    LintFile("warm-up", drafts[0]).lint()
    started = time.perf_counter()
    for draft in drafts:
        LintFile("draft", draft).lint()
    return (time.perf_counter() - started) / len(drafts)


def median_wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cold_start(draft: str, runs: int) -> tuple[float, float]:
    cmd = lint_request_command()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one-draft.txt"
        path.write_text(draft, encoding="utf-8")
        median_wall([*cmd, str(path)], 2)  # fill the rule cache and the OS page cache
        return median_wall([*cmd, str(path)], runs), median_wall([sys.executable, "-c", "pass"], runs)


_ONE_SIZE = """
import resource, sys, time
sys.path.insert(0, {here!r})
from corpus import make_drafts
from linter import Linter
linter = Linter()
linter.lint("warm up", lang="de")
block = "\\n\\n".join(make_drafts(20, seed=3, english_share=0.0))
size = {size} * 1_000_000
text = (block * (size // len(block) + 1))[:size]
started = time.perf_counter()
report = linter.lint(text, lang="de")
elapsed = time.perf_counter() - started
assert not report.notes, report.notes
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def scaling(sizes_mb: list[int]) -> list[tuple[int, float, float]]:
    """Seconds and peak memory (MB, the whole process) to lint one draft of each size, each in a fresh process."""
    rows = []
    for size in sizes_mb:
        done = subprocess.run([sys.executable, "-c", _ONE_SIZE.format(here=str(HERE), size=size)],
                              capture_output=True, text=True, check=True)
        seconds, peak = map(float, done.stdout.split())
        rows.append((size, seconds, peak))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    n_drafts, rounds, runs, sizes = (500, 2, 5, [1, 2]) if args.quick else (5000, 5, 21, [1, 2, 5, 10])

    drafts = make_drafts(n_drafts)
    rate = throughput(drafts, rounds)
    ours_per_draft = 1 / rate
    prose = proselint_per_draft(drafts[: min(len(drafts), 1000)])
    cli, python = cold_start(drafts[0], runs)
    rows = scaling(sizes)

    lines = [
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}",
        "",
        "| measurement | result | target |",
        "|---|---|---|",
        f"| in-process throughput, one core, {n_drafts} drafts of 300–800 chars | {rate:,.0f} drafts/s "
        f"({ours_per_draft * 1e6:,.0f} µs/draft) | ≥ 5,000 drafts/s |",
        f"| `lint-request one-draft.txt` cold start, median of {runs} | {cli * 1000:.0f} ms | ≤ 150 ms |",
        f"| `python -c pass`, median of {runs} | {python * 1000:.0f} ms | (baseline) |",
    ]
    if prose is not None:
        lines.append(f"| proselint {_version('proselint')}, same drafts | {prose * 1e6:,.0f} µs/draft | "
                     f"ratio proselint/lint-request = {prose / ours_per_draft:.1f}× |")
    else:
        lines.append("| proselint | not installed (`pip install -e '.[bench]'`) | |")
    for size, seconds, peak in rows:
        target = "≤ 10 s, ≤ 250 MB" if size == 10 else "linear"
        lines.append(f"| one {size} MB draft | {seconds:.2f} s ({seconds / size:.2f} s/MB), peak {peak:.0f} MB "
                     f"| {target} |")
    report = "\n".join(lines)
    print(report)
    if args.write:
        write_section(report, "results", "Results")
    return 0


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    raise SystemExit(main())
