"""JSON Lines: one object per line, keys as columns.

The annotated copy inserts ``"lint_status"``, ``"lint_score"`` and
``"lint_findings"`` before each object's closing brace and leaves every other
byte of the line alone. A line that is not a JSON object is kept unchanged.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .table import ERROR, Mark, Row

SAMPLE_LINES = 1000
"""Columns are the keys of the objects in the first lines, in the order they first appear."""


class JsonlTable:
    kind = "jsonl"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = max(1, path.stat().st_size)
        self._consumed = 0
        keys: dict[str, None] = {}
        for seen, (_, body) in enumerate(self._lines(), 1):
            obj = _parse(body)
            if isinstance(obj, dict):
                keys.update(dict.fromkeys(str(k) for k in obj))
            if seen >= SAMPLE_LINES:
                break
        self.columns = list(keys)
        self.details = {"encoding": "utf-8"}

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        """(line number, raw line with its line break), BOM included in the first."""
        with self.path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                self._consumed += len(raw)
                yield number, raw

    def rows(self) -> Iterator[Row]:
        index = 0
        for line, raw in self._lines():
            body = _body(raw, line)
            if not body.strip():
                continue
            obj = _parse(body)
            if isinstance(obj, UnicodeDecodeError):
                yield Row(index, line, None, f"line {line}: not UTF-8 text")
            elif isinstance(obj, ValueError):
                yield Row(index, line, None, f"line {line}: not valid JSON: {obj}")
            elif not isinstance(obj, dict):
                yield Row(index, line, None, f"line {line}: a JSON {_kind(obj)}, not an object")
            else:
                yield Row(index, line, obj)
            index += 1

    def progress(self) -> float:
        return min(0.99, self._consumed / self.size)

    def write(self, out: Path, marks: Iterator[Mark]) -> None:
        with out.open("wb") as fh:
            for line, raw in self._lines():
                body = _body(raw, line)
                if not body.strip():
                    fh.write(raw)
                    continue
                mark = next(marks)
                end = raw.rfind(b"}")
                if (mark.status == ERROR and not isinstance(_parse(body), dict)) or end < 0:
                    fh.write(raw)
                    continue
                empty = raw[:end].rstrip().endswith(b"{")
                added = ", ".join(
                    f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
                    for key, value in (("lint_status", mark.status), ("lint_score", mark.score),
                                       ("lint_findings", mark.findings))
                )
                fh.write(raw[:end] + (b"" if empty else b", ") + added.encode("utf-8") + raw[end:])


def _body(raw: bytes, line: int) -> bytes:
    body = raw.rstrip(b"\r\n")
    return body[len(codecs.BOM_UTF8):] if line == 1 and body.startswith(codecs.BOM_UTF8) else body


def _parse(body: bytes) -> Any:
    """The parsed value, or the ValueError that says why it is not JSON."""
    try:
        return json.loads(body)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return exc


def _kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")
