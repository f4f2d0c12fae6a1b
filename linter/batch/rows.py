"""One row's cells as the checks need them: text, line breaks normalised, one line per cell that cannot be read.

Spreadsheet cells may be numbers, dates, formulas or empty; JSONL values may be
anything. The column map is checked once per file (``columns.map_columns``);
per row, plain functions turn the mapped cells into text — a row is read for
every line of a 100,000-row export, so no model is built per row.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from operator import itemgetter
from typing import Any, NamedTuple, cast

from .._model import PLATFORMS
from .columns import FIELDS, ColumnMap
from .table import FormulaWithoutValue

PLATFORM_ALIASES = {
    "linkedinfree": "linkedin-free", "linkedinbasic": "linkedin-free", "linkedinkostenlos": "linkedin-free",
    "linkedinpremium": "linkedin", "salesnavigator": "linkedin", "linkedinsalesnavigator": "linkedin",
    "mail": "email", "emailintro": "email", "coldemail": "email", "kaltakquisemail": "email",
    "allgemein": "generic", "sonstige": "generic", "other": "generic",
}


@functools.lru_cache(maxsize=256)
def platform_of(value: str) -> str | None:
    """The platform a cell names ("LinkedIn", "E-Mail", "LinkedIn (free)"), or None when it names none."""
    key = re.sub(r"[\W_]+", "", value.casefold())
    if not key:
        return "generic"
    for platform in PLATFORMS:
        if key == platform.replace("-", ""):
            return platform
    return PLATFORM_ALIASES.get(key)


class RowFields(NamedTuple):
    """The fields of one row as text (empty where the file has no such column or the cell is empty)."""

    message: str = ""
    first_name: str = ""
    last_name: str = ""
    salutation: str = ""
    company: str = ""
    met: str = ""
    address: str = ""
    platform: str = ""


class CellError(ValueError):
    """A cell that cannot be used; ``str()`` says why, ``field`` which field it was."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


def message_text(value: Any) -> str:
    """The message cell as text with ``\\n`` line breaks; CellError when it cannot be a message."""
    if type(value) is not str:
        if value is None:
            return ""
        if isinstance(value, FormulaWithoutValue):
            raise CellError("message", f"is a formula without a saved result ({value.formula}); "
                                       "open and save the file in a spreadsheet program first")
        if isinstance(value, (int, float, datetime, date, time)):
            return str(value)
        if not isinstance(value, str):
            raise CellError("message", f"is not text but a {type(value).__name__}")
    return value.replace("\r\n", "\n").replace("\r", "\n")


class _OneLine(dict[str, str]):
    """Cell text -> the text with its whitespace collapsed (names, companies and salutations repeat)."""

    def __missing__(self, value: str) -> str:
        if len(self) > 100_000:
            self.clear()
        line = self[value] = " ".join(value.split())
        return line


_one_line = _OneLine()


def cell_text(value: Any) -> str:
    """Any other cell as one line of text: whitespace collapsed, 12.0 as "12", a formula without result as ""."""
    if type(value) is not str:
        if value is None or isinstance(value, FormulaWithoutValue):
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
    return _one_line[value]


_TEXT = dict.fromkeys(FIELDS, cell_text) | {"message": message_text}


class RowReader:
    """Turns a row's cells (by position or, for JSONL, by key) into RowFields, as the column map says."""

    def __init__(self, columns: ColumnMap) -> None:
        fields = [f for f in FIELDS if f in columns.keys]
        self.keys = tuple(columns.keys[f] for f in fields)
        self.full_name = columns.full_name
        self._slots = tuple((RowFields._fields.index(f), _TEXT[f]) for f in fields)
        positions = [k for k in (*self.keys, self.full_name) if isinstance(k, int)]
        self.width = max(positions, default=-1) + 1
        """Cells a row needs for the fast path (every mapped column present)."""
        self._take = itemgetter(*self.keys) if len(self.keys) > 1 else lambda cells: (cells[self.keys[0]],)

    def __call__(self, cells: Sequence[Any] | Mapping[str, Any]) -> RowFields:
        """The row's fields; raises CellError for a cell that cannot be read."""
        if isinstance(cells, dict):  # JSONL objects; CSV and XLSX rows are lists and tuples
            raw: Sequence[Any] = [cells.get(k) for k in self.keys]
            whole = cells.get(self.full_name) if self.full_name is not None else None
        else:
            # Not a dict, so a CSV or XLSX row (a list or tuple), mapped by position: the keys are ints.
            cells = cast("Sequence[Any]", cells)
            positions = cast("tuple[int, ...]", self.keys)
            width = len(cells)
            if width >= self.width:
                raw = self._take(cells)
            else:  # a short row: the columns it lacks count as empty
                raw = [cells[k] if k < width else None for k in positions]
            whole = cells[self.full_name] if isinstance(self.full_name, int) and self.full_name < width else None
        out = ["", "", "", "", "", "", "", ""]
        for (slot, text), value in zip(self._slots, raw, strict=False):
            out[slot] = text(value)
        if whole:
            first, _, last = str(whole).strip().rpartition(" ")
            out[1], out[2] = cell_text(first), cell_text(last)
        return RowFields._make(out)
