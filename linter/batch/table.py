"""What every export format offers the batch run: columns, rows in order, and an annotated copy.

Rows are read twice: once to lint them, once to write the copy with the
results appended, so CSV and JSONL never have to be held in memory.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

LINT_COLUMNS = ("lint_status", "lint_score", "lint_findings")
PASS, FAIL, ERROR = "pass", "fail", "error"


class Row(NamedTuple):
    """One data row as read: its cells, or why it could not be read."""

    index: int  # type: ignore[assignment]  # shadows tuple.index on purpose; 0-based, counting data rows only
    line: int                                     # 1-based line (CSV, JSONL) or sheet row (XLSX) where it starts
    cells: Sequence[Any] | Mapping[str, Any] | None  # by column position (CSV, XLSX) or key (JSONL)
    error: str = ""


class Mark(NamedTuple):
    """What is appended to a row: lint_status, lint_score, lint_findings."""

    status: str
    score: int | None
    findings: str


class Table(Protocol):
    kind: str
    columns: list[str]
    details: dict[str, str]   # encoding, delimiter, sheet: shown in the summary

    def rows(self) -> Iterator[Row]: ...

    def progress(self) -> float: ...

    def write(self, out: Path, marks: Iterator[Mark]) -> None: ...


class FormulaWithoutValue(NamedTuple):
    """A spreadsheet formula whose result was never saved, so its text is unknown."""

    formula: str


# Only the appended columns are ever encoded with this: a finding quoting an emoji
# must not stop a cp1252 export from being written. Typographic marks get their
# plain equivalents, anything else becomes "?".
_PLAIN = {"„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...",
          "«": '"', "»": '"', "→": "->", "\u00a0": " "}


def _replace_unencodable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start:exc.end]
    return "".join(_PLAIN.get(ch, "?") for ch in text), exc.end


ENCODE_ERRORS = "lint-request-plain"
codecs.register_error(ENCODE_ERRORS, _replace_unencodable)

_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]+")


def one_line(text: str) -> str:
    """Collapse line breaks, tabs and control characters to single spaces (for a cell)."""
    if text.isprintable():  # the common case, and much cheaper than the substitution
        return text.strip()
    return _CONTROL.sub(" ", text).strip()


def plural(n: int, word: str) -> str:
    """``"1 field"``, ``"2 fields"``, ``"1,000 rows"``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"
