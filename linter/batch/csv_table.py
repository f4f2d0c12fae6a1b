"""CSV as spreadsheets and CRMs write it: any of ``;`` ``,`` tab, CRLF, quoted multi-line fields, cp1252.

Each record is kept as the exact text it was read from; the annotated copy is
that text with the three lint columns appended before its line break, so the
original values, their quoting and the line endings come back byte for byte.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .._io import InputError
from .sniff import SAMPLE, SEP_LINE, Encoding, detect_delimiter, detect_encoding
from .table import ENCODE_ERRORS, LINT_COLUMNS, Mark, Row

_TERMINATORS = ("\r\n", "\n", "\r")


class Record(NamedTuple):
    line: int                 # 1-based line where the record starts
    raw: str                  # the record's text, line break included
    fields: list[str] | None  # None when the csv module could not parse it
    error: str = ""
    unclosed: bool = False    # a quoted field runs to the end of the file


def _split_terminator(raw: str) -> tuple[str, str]:
    for terminator in _TERMINATORS:
        if raw.endswith(terminator):
            return raw[: -len(terminator)], terminator
    return raw, ""


def _blank(fields: list[str] | None) -> bool:
    return fields is not None and not any(fields)


class CsvTable:
    """A CSV file read as records that remember their text."""

    kind = "csv"

    def __init__(self, path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> None:
        self.path = path
        self.encoding: Encoding = detect_encoding(path, encoding)
        self.size = max(1, path.stat().st_size)
        self._consumed = 0
        # A message (or a never-closed quote) may exceed the csv module's default field limit.
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        with self._open() as fh:
            try:
                sample = fh.read(SAMPLE)
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot be decoded as {self.encoding.codec}: {exc.reason}") from None
            complete = not fh.read(1)
        self.preamble = 0
        first_line = sample.split("\n", 1)[0]
        hint = SEP_LINE.match(first_line)
        if delimiter:
            self.delimiter = "\t" if delimiter in ("\\t", "tab", "TAB") else delimiter
        elif hint:
            self.delimiter = hint.group(1)
        else:
            self.delimiter = detect_delimiter(sample, complete)
        if len(self.delimiter) != 1:
            raise InputError(f"the delimiter must be one character, not {self.delimiter!r}")
        if hint:
            self.preamble = 1
        records = self._records()
        try:
            header = next((r for r in records if r.line > self.preamble and not _blank(r.fields)), None)
        finally:
            records.close()
        if header is None or header.fields is None:
            raise InputError("no header row (the file is empty)" if header is None
                             else f"line {header.line}: the header row cannot be read: {header.error}")
        self.columns: list[str] = [name.strip() for name in header.fields]
        self.header_line = header.line
        shown = {"\t": "tab", ";": ";", ",": ",", "|": "|"}.get(self.delimiter, self.delimiter)
        self.details = {"encoding": self.encoding.label, "delimiter": shown}

    def _open(self) -> io.TextIOWrapper:
        raw = self.path.open("rb")
        raw.seek(len(self.encoding.bom))
        # newline="" keeps every line break as it is, inside quoted fields too.
        return io.TextIOWrapper(raw, encoding=self.encoding.codec, newline="")

    def _records(self) -> Iterator[Record]:
        """Every record of the file, the ``sep=`` line and the header included, with its exact text."""
        with self._open() as fh:
            pending: list[str] = []
            lines_iter = iter(fh)
            line = 1
            for _ in range(self.preamble):
                text = next(lines_iter, "")
                yield Record(line, text, None, "preamble")
                line += 1

            def feed() -> Iterator[str]:
                for text in lines_iter:
                    pending.append(text)
                    yield text

            reader = csv.reader(feed(), delimiter=self.delimiter, strict=True)
            while True:
                error, unclosed = "", False
                try:
                    fields: list[str] | None = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    fields, error = None, str(exc)
                    unclosed = error == "unexpected end of data"
                    if unclosed:
                        error = f"a quoted field is never closed (lines {line}–{line + len(pending) - 1} kept as one)"
                except UnicodeDecodeError as exc:
                    raise InputError(f"line {line + len(pending)}: cannot be decoded as "
                                     f"{self.encoding.codec}: {exc.reason}") from None
                raw = "".join(pending)
                pending.clear()
                self._consumed += len(raw)
                yield Record(line, raw, fields, error, unclosed)
                line += raw.count("\n") + raw.count("\r") - raw.count("\r\n")

    def _data(self) -> Iterator[tuple[Record, bool]]:
        """Records after the header, each with whether it is a data row (blank lines are not)."""
        seen_header = False
        for record in self._records():
            if not seen_header:
                seen_header = record.line == self.header_line
                yield record, False
                continue
            yield record, not _blank(record.fields)

    def rows(self) -> Iterator[Row]:
        width = len(self.columns)
        index = 0
        for record, is_row in self._data():
            if not is_row:
                continue
            if record.fields is None:
                yield Row(index, record.line, None, f"line {record.line}: {record.error}")
            elif len(record.fields) > width:
                yield Row(index, record.line, None,
                          f"line {record.line}: {len(record.fields)} fields, the header has {width} "
                          f"(a {self.details['delimiter']!r} inside a value that is not quoted?)")
            else:
                yield Row(index, record.line, record.fields)
            index += 1

    def progress(self) -> float:
        return min(0.99, self._consumed / self.size)

    def write(self, out: Path, marks: Iterator[Mark]) -> None:
        width = len(self.columns)
        codec = self.encoding.codec
        buffer = io.StringIO()
        # The terminator is cut off again; it is set so that cells with line breaks get quoted.
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n")

        def cells(values: tuple[str, ...]) -> str:
            # Characters the encoding lacks are replaced before quoting: a „ that becomes '"' must be escaped.
            values = tuple(v.encode(codec, ENCODE_ERRORS).decode(codec) for v in values)
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(values)
            return buffer.getvalue()[:-2]

        with out.open("wb") as raw:
            raw.write(self.encoding.bom)
            with io.TextIOWrapper(raw, encoding=codec, newline="") as fh:
                for record, is_row in self._data():
                    body, terminator = _split_terminator(record.raw)
                    if record.line == self.header_line:
                        fh.write(f"{body}{self.delimiter}{cells(LINT_COLUMNS)}{terminator}")
                        continue
                    if not is_row:
                        fh.write(record.raw)
                        continue
                    mark = next(marks)
                    if record.unclosed:
                        # Anything appended would land inside the open quote.
                        fh.write(record.raw)
                        continue
                    padding = self.delimiter * (width - len(record.fields)) if record.fields is not None else ""
                    score = "" if mark.score is None else str(mark.score)
                    fh.write(f"{body}{padding}{self.delimiter}{cells((mark.status, score, mark.findings))}"
                             f"{terminator}")
