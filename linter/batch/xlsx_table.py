"""XLSX through openpyxl: the first sheet (or ``--sheet``), row 1 as the header.

The annotated copy is the same workbook with three columns added to that
sheet: every cell keeps its value, type, number format and formula, and the
other sheets stay as they are. (openpyxl does not keep a formula's last
result: spreadsheet programs recompute it when they open the copy.)
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._io import InputError
from .table import LINT_COLUMNS, FormulaWithoutValue, Mark, Row


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise InputError("reading .xlsx needs openpyxl: pip install openpyxl") from None
    return openpyxl


def _is_formula(cell: Any) -> bool:
    return cell.data_type == "f" or type(cell.value).__name__ in ("ArrayFormula", "DataTableFormula")


class XlsxTable:
    """One sheet of a workbook, loaded whole (openpyxl has no streaming writer that keeps the original)."""

    kind = "xlsx"

    def __init__(self, path: Path, *, sheet: str | None = None) -> None:
        openpyxl = _openpyxl()
        self.path = path
        try:
            self.book = openpyxl.load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            raise InputError(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
        names = self.book.sheetnames
        if sheet is None:
            self.sheet = self.book.worksheets[0]
        elif sheet in names:
            self.sheet = self.book[sheet]
        elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
            self.sheet = self.book.worksheets[int(sheet) - 1]
        else:
            raise InputError(f"no sheet {sheet!r}; the workbook has: {', '.join(map(repr, names))}")
        ws = self.sheet
        self.width = ws.max_column
        header = next(ws.iter_rows(min_row=1, max_row=1, max_col=self.width), ())
        self.columns = ["" if c.value is None else str(c.value).strip() for c in header]
        # max_row counts rows that only carry formatting; data ends at the last row with a value.
        self.last = 1
        for cells in ws.iter_rows(min_row=2, max_col=self.width):
            if any(c.value is not None for c in cells):
                self.last = cells[0].row
        self.details = {"sheet": ws.title}
        self._done = 0
        self._cached: Any = None

    def _cached_value(self, row: int, column: int) -> Any:
        """A formula's result as the spreadsheet program last saved it (None when it never was)."""
        if self._cached is None:
            book = _openpyxl().load_workbook(self.path, data_only=True, keep_vba=False)
            self._cached = book[self.sheet.title]
        return self._cached.cell(row=row, column=column).value

    def _data(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        for cells in self.sheet.iter_rows(min_row=2, max_row=self.last, max_col=self.width):
            if any(c.value is not None for c in cells):
                yield cells[0].row, cells

    def rows(self) -> Iterator[Row]:
        for index, (number, cells) in enumerate(self._data()):
            values = []
            for cell in cells:
                value = cell.value
                if _is_formula(cell):
                    cached = self._cached_value(number, cell.column)
                    value = FormulaWithoutValue(str(value)) if cached is None else cached
                values.append(value)
            self._done = number
            yield Row(index, number, values)

    def progress(self) -> float:
        return min(0.99, self._done / max(1, self.last))

    def write(self, out: Path, marks: Iterator[Mark]) -> None:
        ws = self.sheet
        for offset, name in enumerate(LINT_COLUMNS, start=1):
            ws.cell(row=1, column=self.width + offset, value=name)
        for number, _ in self._data():
            mark = next(marks)
            for offset, value in enumerate((mark.status, mark.score, mark.findings), start=1):
                ws.cell(row=number, column=self.width + offset, value=value)
        self.book.save(out)
