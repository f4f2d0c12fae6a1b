"""Benchmark of ``lint-request batch``: a CRM export as German Excel writes it, checked end to end.

Generates N rows (default 100,000) of 300–800 character German messages into a
temporary ``;``-separated, cp1252, CRLF CSV with quoted multi-line messages,
runs the installed ``lint-request batch`` command on it and measures

- wall time of the whole command,
- peak memory: the resident set of the command and all its worker processes
  added up (polled from /proc every 20 ms), and the largest single process
  (``getrusage``),
- the split between reading, linting (summed over the workers), clustering and
  writing, as the command reports it with ``LINT_REQUEST_TIMINGS=1``.

    python benchmarks/batch.py                 # 100,000 rows
    python benchmarks/batch.py --rows 5000     # a quick run
    python benchmarks/batch.py --write         # also update docs/performance.md
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from command import lint_request_command  # noqa: E402 - needs the sys.path line above
from corpus import make_drafts  # noqa: E402
from perfdoc import write_section  # noqa: E402

FIRST = {"f": ["Anna", "Petra", "Jana", "Sabine", "Özlem", "Claudia", "Maria", "Lena", "Julia", "Katrin"],
         "m": ["Jan", "Thomas", "Jörg", "Michael", "Tobias", "Stefan", "Murat", "Lukas", "Andreas", "Peter"]}
LAST = ["Berger", "Müller", "Schmidt", "Öztürk", "Weber", "Schäfer", "Wagner", "Becker", "Hoffmann", "Krüger",
        "Yilmaz", "Fischer", "Lange", "Brandt", "Kühn", "Vogel", "Roth", "Jäger", "Engel", "Groß"]
COMPANIES = ["Stadtwerke Bonn", "Müller & Söhne GmbH", "Acme AG", "Rheinland Logistik", "Kanzlei Berger",
             "Datenwerk eG", "Hansa Consult", "Bäckerei Roth", "Nordlicht Software", "Verein Kulturpixel"]
EVENTS = ["Barcamp Köln", "re:publica", "IHK-Abend", "XING-Gruppe Logistik", "Messe München", ""]
PLATFORMS = ["XING", "LinkedIn", "E-Mail", "XING", ""]
GREETING = re.compile(r"\A[^\n]*\n")


def greeting(rng: random.Random, gender: str, first: str, last: str) -> str:
    honorific = "Frau" if gender == "f" else "Herr"
    return rng.choice([f"Hallo {honorific} {last},", f"Sehr geehrte{'r' if gender == 'm' else ''} {honorific} {last},",
                       f"Liebe{'r' if gender == 'm' else ''} {first},", f"Guten Tag {honorific} {last},"])


def make_export(path: Path, rows: int, seed: int = 11) -> None:
    """A German-Excel-style export: ``;``, cp1252, CRLF, quoted multi-line messages, a few shifted rows."""
    rng = random.Random(seed)
    drafts = make_drafts(min(rows, 20_000), seed=seed, english_share=0.0)
    with path.open("w", encoding="cp1252", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Vorname", "Nachname", "Anrede", "Firma", "Kennengelernt", "Plattform", "Nachricht"])
        for i in range(rows):
            gender = rng.choice("fm")
            first, last = rng.choice(FIRST[gender]), rng.choice(LAST)
            body = GREETING.sub("", drafts[i % len(drafts)], count=1)
            # Every 50th row greets the previous row's recipient: a mail merge shifted by one.
            named = (rng.choice(FIRST[gender]), rng.choice(LAST)) if i % 50 == 49 else (first, last)
            message = f"{greeting(rng, gender, *named)}\n{body}".replace("\n", "\r\n")
            writer.writerow([first, last, "Frau" if gender == "f" else "Herr", rng.choice(COMPANIES),
                             rng.choice(EVENTS), rng.choice(PLATFORMS), message])


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


@dataclass
class BatchRun:
    """What one run of the command measured (``engine`` is added by ``engine_alone``)."""

    wall: float
    cpu: float
    peak: int
    largest: int
    timings: str
    stderr: str
    load: float
    engine: float = 0.0


def run(csv_path: Path, jobs: int | None) -> BatchRun:
    cmd = [*lint_request_command(), "batch", str(csv_path), "--out", str(csv_path.with_suffix(".out.csv"))]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    env = {**os.environ, "LINT_REQUEST_TIMINGS": "1"}
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=env, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read() if proc.stderr else ""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers, all waited for
    largest = usage.ru_maxrss * 1024
    cpu = usage.ru_utime + usage.ru_stime
    timings = next((line for line in stderr.splitlines() if line.startswith("timings:")), "")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"lint-request batch failed ({proc.returncode}):\n{stderr}")
    return BatchRun(wall=wall, cpu=cpu, peak=peak, largest=largest, timings=timings, stderr=stderr, load=load)


def engine_alone(path: Path, sample: int = 10_000) -> float:
    """CPU seconds per row of the engine alone (``Linter.lint`` with each row's platform) on the export's messages."""
    from linter import Linter

    platforms = {"XING": "xing", "LinkedIn": "linkedin", "E-Mail": "email"}
    with path.open(encoding="cp1252", newline="") as fh:
        rows = [(r[6].replace("\r\n", "\n"), platforms.get(r[5], "generic"))
                for r, _ in zip(csv.reader(fh, delimiter=";"), range(sample + 1), strict=False)][1:]
    linter = Linter()
    for text, where in rows[:500]:
        linter.lint(text, platform=where)  # compile what the drafts need before timing
    started = time.process_time()
    for text, where in rows:
        linter.lint(text, platform=where)
    return (time.process_time() - started) / len(rows)


def report(rows: int, size: int, result: BatchRun, jobs: int | None) -> str:
    cpus = len(os.sched_getaffinity(0))
    wall, peak, largest = result.wall, result.peak, result.largest
    return "\n".join([
        f"Machine: {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; 1-minute load average just before the run {result.load:.2f} "
        "(it includes the benchmark's own preparation; nothing else was meant to run).",
        "",
        "| measurement | result | target |",
        "|---|---|---|",
        f"| `lint-request batch` on {rows:,} rows ({size / 1e6:.1f} MB cp1252 CSV), "
        f"--jobs {jobs or f'default ({cpus})'} | {wall:.1f} s wall | ≤ 20 s |",
        f"| CPU time of the command and its workers (user + system) | {result.cpu:.1f} s "
        f"(= {result.cpu / cpus:.1f} s on {cpus} idle cores) | |",
        f"| peak memory, command and workers added up | {peak / 2**20:.0f} MB | ≤ 500 MB |",
        f"| peak memory, largest single process | {largest / 2**20:.0f} MB | |",
        f"| engine alone (`Linter.lint`, one process, {min(rows, 10_000):,} of the messages) | "
        f"{result.engine * 1e6:.0f} µs CPU per row (= {result.engine * rows:.1f} s for all rows) "
        "| |",
        "",
        f"Split as reported by the command (`LINT_REQUEST_TIMINGS=1`): `{result.timings}`",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--write", action="store_true", help="replace the batch section of docs/performance.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        make_export(path, args.rows)
        result = run(path, args.jobs)
        result.engine = engine_alone(path)
        text = report(args.rows, path.stat().st_size, result, args.jobs)
    print(text)
    if args.write:
        write_section(text, "batch", "Batch results")


if __name__ == "__main__":
    main()
