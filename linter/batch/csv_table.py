"""CSV as spreadsheets and CRMs write it: any of ``;`` ``,`` tab, CRLF, quoted multi-line fields, cp1252.

Each record is kept as the exact text it was read from; the annotated copy is
that text with the three lint columns appended before its line break, so the
original values, their quoting and the line endings come back byte for byte.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import sys
from array import array
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import NamedTuple

from .._io import InputError
from .sniff import SAMPLE, SEP_LINE, Encoding, detect_delimiter, detect_encoding
from .table import ENCODE_ERRORS, ERROR, FAIL, LINT_COLUMNS, PASS, Mark, Row, plural

_TERMINATORS = ("\r\n", "\n", "\r")
# What ``write`` does with a record; a number >= 0 is a data row and the empty fields it needs.
_COPY, _HEADER, _UNCLOSED = -1, -2, -3


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
        self._byte_length = _byte_length(self.encoding.codec)
        self.size = max(1, path.stat().st_size)
        self._consumed = 0
        self._layout: tuple[array[int], array[int]] | None = None
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

    def _records(self) -> Generator[Record, None, None]:
        """Every record of the file, the ``sep=`` line and the header included, with its exact text."""
        with self._open() as fh:
            lines = iter(fh)
            line = 1
            for _ in range(self.preamble):
                yield Record(line, next(lines, ""), None, "preamble")
                line += 1
            # The csv module reads one copy of the lines; the other gives each record's exact text.
            # (tee and islice keep this loop in C; the reader tells how many lines a record took.)
            parse, copy = itertools.tee(lines)
            reader = csv.reader(parse, delimiter=self.delimiter, strict=True)
            while True:
                error, unclosed = "", False
                try:
                    fields: list[str] | None = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    fields, error = None, str(exc)
                    unclosed = error == "unexpected end of data"
                except UnicodeDecodeError as exc:
                    raise InputError(f"line {reader.line_num + self.preamble + 1}: cannot be decoded as "
                                     f"{self.encoding.codec}: {exc.reason}") from None
                taken = reader.line_num + self.preamble - line + 1
                if unclosed:
                    error = f"a quoted field is never closed (lines {line}–{line + taken - 1} kept as one)"
                raw = "".join(itertools.islice(copy, taken))
                self._consumed += len(raw)
                yield Record(line, raw, fields, error, unclosed)
                line += taken

    def rows(self) -> Iterator[Row]:
        """Data rows in order; also notes each record's length and fate for ``write``."""
        width = len(self.columns)
        lengths, actions = array("q"), array("q")
        index = 0
        header_seen = False
        size = self._byte_length or len
        for record in self._records():
            lengths.append(size(record.raw))
            if not header_seen:
                header_seen = record.line == self.header_line
                actions.append(_HEADER if header_seen else _COPY)
                continue
            if _blank(record.fields):
                actions.append(_COPY)
                continue
            if record.fields is None:
                actions.append(_UNCLOSED if record.unclosed else 0)
                yield Row(index, record.line, None, f"line {record.line}: {record.error}")
            elif len(record.fields) > width:
                actions.append(0)
                yield Row(index, record.line, None,
                          f"line {record.line}: {plural(len(record.fields), 'field')}, the header has {width} "
                          f"(a {self.details['delimiter']!r} inside a value that is not quoted?)")
            else:
                actions.append(width - len(record.fields))  # empty fields to add so the lint cells line up
                yield Row(index, record.line, record.fields)
            index += 1
        self._layout = (lengths, actions)

    def progress(self) -> float:
        return min(0.99, self._consumed / self.size)

    def write(self, out: Path, marks: Iterator[Mark]) -> None:
        """Copy the file record by record (as ``rows`` measured them), appending the lint cells."""
        if self._layout is None:
            for _ in self.rows():
                pass
        if self._byte_length is not None:
            self._write_bytes(out, marks)
        else:
            self._write_text(out, marks)

    def _write_bytes(self, out: Path, marks: Iterator[Mark]) -> None:
        """``write`` for encodings where ASCII characters are single bytes: records are copied as bytes."""
        assert self._layout is not None
        codec = self.encoding.codec
        delimiter = self.delimiter.encode(codec)

        def cell(value: str) -> bytes:
            # Characters the encoding lacks are replaced before quoting: a „ that becomes '"' must be escaped.
            return _quote_bytes(value.encode(codec, ENCODE_ERRORS), delimiter)

        header = delimiter.join(map(cell, LINT_COLUMNS))
        with self.path.open("rb") as source, out.open("wb") as fh:
            source.seek(len(self.encoding.bom))
            fh.write(self.encoding.bom)
            for length, action in zip(*self._layout, strict=True):
                data = source.read(length)
                if action == _COPY:
                    fh.write(data)
                    continue
                body, terminator = _split_terminator_bytes(data)
                if action == _HEADER:
                    fh.write(b"%s%s%s%s" % (body, delimiter, header, terminator))
                    continue
                mark = next(marks)
                if action == _UNCLOSED:
                    fh.write(data)  # anything appended would land inside the open quote
                    continue
                score = b"" if mark.score is None else b"%d" % mark.score
                fh.write(b"".join((body, delimiter * action, delimiter, _STATUS[mark.status], delimiter, score,
                                   delimiter, cell(mark.findings), terminator)))

    def _write_text(self, out: Path, marks: Iterator[Mark]) -> None:
        """``write`` for other encodings (UTF-16): records are decoded and encoded again."""
        assert self._layout is not None
        codec, delimiter = self.encoding.codec, self.delimiter
        # Characters the encoding lacks are replaced before quoting: a „ that becomes '"' must be escaped.
        plain = not codec.startswith("utf")

        def cells(*values: str) -> str:
            if plain:
                values = tuple(v.encode(codec, ENCODE_ERRORS).decode(codec) for v in values)
            return delimiter.join(_quote(v, delimiter) for v in values)

        with self._open() as source, out.open("wb") as raw:
            raw.write(self.encoding.bom)
            with io.TextIOWrapper(raw, encoding=codec, newline="") as fh:
                for length, action in zip(*self._layout, strict=True):
                    text = source.read(length)
                    if action == _COPY:
                        fh.write(text)
                        continue
                    body, terminator = _split_terminator(text)
                    if action == _HEADER:
                        fh.write(f"{body}{delimiter}{cells(*LINT_COLUMNS)}{terminator}")
                        continue
                    mark = next(marks)
                    if action == _UNCLOSED:
                        fh.write(text)  # anything appended would land inside the open quote
                        continue
                    score = "" if mark.score is None else str(mark.score)
                    fh.write(f"{body}{delimiter * action}{delimiter}{cells(mark.status, score, mark.findings)}"
                             f"{terminator}")


_STATUS = {status: status.encode() for status in (PASS, FAIL, ERROR)}
_TERMINATORS_BYTES = (b"\r\n", b"\n", b"\r")


def _byte_length(codec: str) -> Callable[[str], int] | None:
    """How a record's size in the file follows from its text, for encodings that keep ASCII as single bytes.

    None for others (UTF-16), which are copied through a decoder and an encoder instead.
    """
    name = codecs.lookup(codec).name
    if name == "utf-8":
        return _utf8_length
    # One character per byte (cp1252, Latin-1, …; not cp932 or UTF-16), and ASCII where ASCII is (not EBCDIC).
    if len(bytes(range(256)).decode(name, "replace")) == 256 and "x;\r\n".encode(name) == b"x;\r\n":
        return len
    return None


def _utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _split_terminator_bytes(raw: bytes) -> tuple[bytes, bytes]:
    for terminator in _TERMINATORS_BYTES:
        if raw.endswith(terminator):
            return raw[: -len(terminator)], terminator
    return raw, b""


def _quote_bytes(value: bytes, delimiter: bytes) -> bytes:
    """``_quote`` for an encoded cell (the encoding keeps ASCII as single bytes, so the tests are the same)."""
    if delimiter in value or b'"' in value or b"\n" in value or b"\r" in value:
        return b'"' + value.replace(b'"', b'""') + b'"'
    return value


def _quote(value: str, delimiter: str) -> str:
    """Quote a cell only where the CSV dialect requires it (as the csv module's QUOTE_MINIMAL does)."""
    if delimiter in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value
