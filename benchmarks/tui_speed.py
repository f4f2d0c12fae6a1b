"""Benchmarks for the drafting TUI; run ``python benchmarks/tui_speed.py`` (``--write`` updates docs/performance.md).

Measures, on this machine:
- first paint: from starting ``lint-request tui draft.txt`` in a pseudo-terminal (100x32) to the first
  screen showing the draft, and to the first screen showing its score (the first lint done);
- re-lint after a keystroke for a 1,000-character draft, in-process (``App.run_test``): from posting
  the key event to the new report being shown in the widgets, without and with the typing debounce,
  and with LanguageTool on (a loopback fake that takes 200 ms per check: typing must not wait for it);
- ``lint-request FILE`` cold start, to show the check path did not get slower (Textual is only
  imported by the ``tui`` command).
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import fcntl
import os
import platform
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

import tui.app
from linter import Report

# Not named tui.py: with this folder on sys.path (as tests/test_prefilter.py puts it), that would hide the package.
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]  # tests/: the fake LanguageTool

from command import lint_request_command  # noqa: E402
from corpus import make_drafts  # noqa: E402
from perfdoc import write_section  # noqa: E402
from run import cold_start  # noqa: E402

ROWS, COLS = 32, 100
ANSI = re.compile(r"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][A-Z0-9]|[=>A-Z])")
DRAFT_MARK = "Draft"  # the editor's border title, on the first screen with the draft
REPORT_MARK = "/100 "  # the score: only after the first lint


def draft_of(length: int) -> str:
    """A realistic German/English draft of exactly ``length`` characters."""
    text = "\n\n".join(make_drafts(12, seed=11))
    return text[:length]


def _paint_times(exe: list[str], path: str, timeout: float = 10.0) -> tuple[float, float]:
    """Seconds from process start to the draft on screen, and to the score on screen."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: give the terminal its size, then become lint-request
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(exe[0], [*exe, "tui", path], {**os.environ, "TERM": "xterm-256color"})
    seen, draft_at, report_at = "", 0.0, 0.0
    try:
        while time.perf_counter() - started < timeout and not report_at:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen += ANSI.sub("", chunk.decode("utf-8", "replace"))
            now = time.perf_counter() - started
            if not draft_at and DRAFT_MARK in seen:
                draft_at = now
            if draft_at and REPORT_MARK in seen:
                report_at = now
        os.write(fd, b"\x11")  # Ctrl+Q: nothing changed, so it quits at once
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
            try:
                select.select([fd], [], [], 0.05)
                os.read(fd, 65536)
            except OSError:
                pass
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    if not report_at:
        raise RuntimeError(f"no first screen within {timeout} s; saw: {seen[-300:]!r}")
    return draft_at, report_at


def first_paint(path: str, runs: int) -> tuple[float, float]:
    cmd = lint_request_command()
    _paint_times(cmd, path)  # warm the rule cache and the OS page cache
    times = [_paint_times(cmd, path) for _ in range(runs)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


async def _relint_latencies(text: str, delay: float, keys: int, grammar_url: str = "") -> list[float]:
    from linter.grammar import GrammarSettings

    grammar = GrammarSettings(mode="server", url=grammar_url + "/") if grammar_url else None
    # A file of its own: the app leaves a recovery copy of its unsaved edits behind.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_text(text, encoding="utf-8")
        app = tui.app.create_app(path, lint_delay=delay, autosave_interval=3600, grammar=grammar)
        return await _type_and_time(app, keys)


async def _type_and_time(app: tui.app.LintRequestApp, keys: int) -> list[float]:
    from textual import events

    shown = asyncio.Event()
    show_report = app._show_report

    def timed_show(report: Report, text: str) -> None:
        show_report(report, text)
        shown.set()

    app._show_report = timed_show  # type: ignore[method-assign]  # wrapped to time it
    latencies = []
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        app.editor.move_cursor((0, 0))
        for _ in range(keys):
            await pilot.pause()
            shown.clear()
            started = time.perf_counter()
            app.post_message(events.Key("x", "x"))  # as the terminal driver delivers a keystroke
            await asyncio.wait_for(shown.wait(), 5)
            latencies.append(time.perf_counter() - started)
        assert app.report_text == app.text and app.text.startswith("x" * keys)
    return latencies


GRAMMAR_LATENCY = 0.2
"""Seconds the fake LanguageTool takes per check in the grammar-on measurement."""


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def relint(text: str, keys: int) -> dict[str, float]:
    from linter import Linter

    linter = Linter()
    linter.lint(text)
    runs = []
    for _ in range(200):
        started = time.perf_counter()
        linter.lint(text)
        runs.append(time.perf_counter() - started)
    no_debounce = asyncio.run(_relint_latencies(text, 0.0, keys))
    debounced = asyncio.run(_relint_latencies(text, tui.app.LINT_DELAY, max(5, keys // 4)))
    from languagetool_fake import FakeLanguageTool

    with FakeLanguageTool() as fake:
        fake.latency = GRAMMAR_LATENCY
        with_grammar = asyncio.run(_relint_latencies(text, 0.0, keys, fake.url))
        assert len(fake.checks) >= 1, "the app never asked LanguageTool"
    return {
        "lint": statistics.median(runs),
        "median": statistics.median(no_debounce),
        "p95": _p95(no_debounce),
        "grammar": statistics.median(with_grammar),
        "grammar_p95": _p95(with_grammar),
        "debounced": statistics.median(debounced),
        "delay": tui.app.LINT_DELAY,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke run")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    runs, keys = (3, 10) if args.quick else (11, 40)
    if os.environ.get("LINT_REQUEST_CACHE_DIR") is None:
        # Rule cache and recovery files of these runs stay out of the user's cache.
        cache = tempfile.mkdtemp(prefix="lint-request-bench-")
        atexit.register(shutil.rmtree, cache, True)
        os.environ["LINT_REQUEST_CACHE_DIR"] = cache

    text = draft_of(1000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_text(text, encoding="utf-8")
        draft_at, report_at = first_paint(str(path), runs)
    latency = relint(text, keys)
    cli, python = cold_start(text, runs * 2 - 1)

    lines = [
        (f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}; other jobs were using the CPU "
        "at the same time, so these are upper bounds."),
        "",
        "| measurement | result | target |",
        "|---|---|---|",
        (f"| first paint: `lint-request tui draft.txt` start to the draft on screen (pty, {COLS}x{ROWS}), "
        f"median of {runs} | {draft_at * 1000:.0f} ms | ≤ 1 s |"),
        f"| … to the first findings and score on screen | {report_at * 1000:.0f} ms | ≤ 1 s |",
        (f"| re-lint after a keystroke, 1,000-character draft, key event to new report shown "
        f"(no debounce), median / p95 of {keys} | {latency['median'] * 1000:.1f} ms / "
        f"{latency['p95'] * 1000:.1f} ms | ≤ 50 ms |"),
        f"| … of which the lint itself (`Linter.lint`, median of 200) | {latency['lint'] * 1000:.2f} ms | |",
        (f"| … with LanguageTool on (loopback fake, {GRAMMAR_LATENCY * 1000:.0f} ms per check), median / p95 | "
        f"{latency['grammar'] * 1000:.1f} ms / {latency['grammar_p95'] * 1000:.1f} ms | ≤ 50 ms (typing never "
        "waits for LanguageTool) |"),
        (f"| … with the app's {latency['delay'] * 1000:.0f} ms typing debounce | "
        f"{latency['debounced'] * 1000:.0f} ms | (debounce + re-lint) |"),
        (f"| `lint-request one-draft.txt` cold start (check path), median of {runs * 2 - 1} | "
        f"{cli * 1000:.0f} ms | as before (≤ 150 ms) |"),
        f"| `python -c pass` | {python * 1000:.0f} ms | (baseline) |",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        write_section(report, "tui-results", "The drafting TUI")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
