"""Human output in the style of ruff and Vale: ``path:line:col: severity rule message``."""

from __future__ import annotations

from .._model import ANATOMY_PARTS, Severity
from .._position import LineIndex
from . import FileResult

_COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _GREEN, _RED, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[31m", "\x1b[0m"


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text


def render_file(result: FileResult, *, color: bool, quiet: bool) -> list[str]:
    """The lines for one file: findings with suggestions, then anatomy and score."""
    paint = _Paint(color)
    report, index = result.report, LineIndex(result.draft.text)
    lines: list[str] = []
    # What the text says, in reading order first; then the parts it lacks (zero-width at the start).
    for f in sorted(report.findings, key=lambda f: f.span.end == 0):
        line, col = index.line_col(f.span.start)
        where = paint(_BOLD, f"{result.draft.display}:{line}:{col}:")
        lines.append(f"{where} {paint(_COLORS[f.severity], f.severity.label)} {f.rule} {f.message}")
        if not quiet:
            fix = f" (fix: {' | '.join(f.replacements)})" if f.replacements else ""
            lines.append(paint(_DIM, f"    = {f.suggestion}{fix}"))
    if quiet:
        return lines
    parts = "  ".join(
        paint(_GREEN, f"✓ {part}") if report.anatomy.get(part) else paint(_RED, f"✗ {part}")
        for part in ANATOMY_PARTS
    )
    lines.append(f"{paint(_BOLD, result.draft.display)} [{report.lang}]  anatomy: {parts}")
    lines.append(f"{paint(_BOLD, result.draft.display)} [{report.lang}]  score: {report.score}/100")
    return lines


def summary(results: list[FileResult]) -> str:
    """One closing line: counts by severity (how the score is computed is in `check --help` and the README)."""
    counts = {s: sum(r.report.count(s) for r in results) for s in Severity}
    total = sum(counts.values())
    files = f"{len(results)} file{'s' if len(results) != 1 else ''}"
    if not total:
        return f"No problems found in {files}."
    names = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"),
             Severity.INFO: ("info", "info")}
    detail = ", ".join(f"{counts[s]} {names[s][counts[s] != 1]}" for s in reversed(Severity) if counts[s])
    return f"Found {total} problem{'s' if total != 1 else ''} ({detail}) in {files}."
