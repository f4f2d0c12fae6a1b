"""The versioned JSON wire format (documented in docs/json-output.md)."""

from __future__ import annotations

import json
from typing import Any

from .._position import LineIndex
from . import FileResult

JSON_VERSION = 1


def file_json(result: FileResult) -> dict[str, Any]:
    """One file's object in the ``files`` list."""
    report, index = result.report, LineIndex(result.draft.text)
    findings = []
    for f in report.findings:
        line, column = index.line_col(f.span.start)
        findings.append({
            "rule": f.rule,
            "severity": f.severity.label,
            "message": f.message,
            "suggestion": f.suggestion,
            "line": line,
            "column": column,
            "start": f.span.start,
            "end": f.span.end,
            "match": f.match,
            "replacements": list(f.replacements),
            "source": f.source,
            "category": f.category,
        })
    notes = [n for n in (result.draft.note, *report.notes) if n]
    return {
        "path": result.draft.display,
        "lang": report.lang,
        "encoding": result.draft.encoding,
        "score": report.score,
        "anatomy": dict(report.anatomy),
        "findings": findings,
        "notes": notes,
    }


def render_json(results: list[FileResult], errors: list[tuple[str, str]], notes: list[str] | None = None) -> str:
    document = {
        "version": JSON_VERSION,
        "files": [file_json(r) for r in results],
        "errors": [{"path": path, "message": message} for path, message in errors],
        "notes": list(notes or ()),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
