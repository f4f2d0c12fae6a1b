"""GitHub Actions workflow commands, so findings show up as annotations on a PR."""

from __future__ import annotations

from .._model import Severity
from .._position import LineIndex
from . import FileResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def render_github(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        index = LineIndex(result.draft.text)
        for f in result.report.findings:
            line, col = index.line_col(f.span.start)
            props = f"file={_escape(result.draft.display, prop=True)},line={line},col={col},title={f.rule}"
            lines.append(f"::{_LEVEL[f.severity]} {props}::{_escape(f.message + ' ' + f.suggestion)}")
    return "\n".join(lines)
