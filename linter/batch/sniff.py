"""Recognising an export: its format, its encoding and, for CSV, its delimiter."""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path
from typing import NamedTuple

from .._io import InputError, input_error

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
DELIMITERS = (";", ",", "\t", "|")
"""Tried in this order; on a tie the earlier one wins (German Excel writes ";")."""
SAMPLE = 1 << 16
# Bytes Windows-1252 leaves undefined; a file with them is Latin-1.
_NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


class Encoding(NamedTuple):
    """How a file's bytes become text: a codec and the byte-order mark in front (kept on output)."""

    codec: str
    bom: bytes = b""

    @property
    def label(self) -> str:
        if self.bom:
            return "utf-8-sig" if self.codec == "utf-8" else "utf-16"
        return self.codec


def detect_format(path: Path) -> str:
    """``csv``, ``xlsx`` or ``jsonl``, from the suffix and, where that says nothing, the first bytes."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError("old Excel .xls files cannot be read; save the sheet as .xlsx or CSV")
    head = _head(path, 4096)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix in (".xlsx", ".xlsm"):
        raise InputError("not an .xlsx file (no zip container); was it saved as CSV under this name?")
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    return "jsonl" if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1] == b"{" else "csv"


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise input_error(exc, "is a directory, not an export file") from None


def detect_encoding(path: Path, forced: str | None = None) -> Encoding:
    """UTF-8 (with or without BOM) and UTF-16 with BOM; otherwise Windows-1252, or Latin-1 where that fails.

    The whole file is checked for UTF-8 (fast, in chunks), because German Excel's
    cp1252 may show its first umlaut only in the last row.
    """
    head = _head(path, 4)
    bom, codec = next(((b, c) for b, c in BOMS if head.startswith(b)), (b"", ""))
    if forced:
        try:
            name = codecs.lookup(forced).name
        except LookupError:
            raise InputError(f"unknown encoding {forced!r} (try utf-8, cp1252, latin-1, utf-16)") from None
        return Encoding(name, bom if name == codec or (name.startswith("utf-16") and bom and codec) else b"")
    if codec:
        return Encoding(codec, bom)
    if b"\x00" in _head(path, SAMPLE):
        raise InputError("binary file, not a CSV, XLSX or JSONL export")
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        try:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return Encoding("utf-8")
        except UnicodeDecodeError:
            pass
        fh.seek(0)
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if _NOT_CP1252.search(chunk):
                return Encoding("latin-1")
    return Encoding("cp1252")


SEP_LINE = re.compile(r"sep=(.)\r?\n?$")
"""Excel's own hint in the first line of a CSV file: ``sep=;``."""


def detect_delimiter(sample: str, complete: bool) -> str:
    """The delimiter that splits the header into most columns while giving the other rows the same count.

    ``sample`` is the start of the file (decoded); ``complete`` says whether it is
    the whole file, otherwise its last line may be cut and is not used.
    """
    lines = sample.splitlines(keepends=True)
    if not complete and len(lines) > 1:
        lines = lines[:-1]
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            records = [r for r in csv.reader(lines, delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        rest = records[1:-1] if not complete and len(records) > 2 else records[1:]
        same = sum(len(r) == width for r in rest) / len(rest) if rest else 1.0
        if (same, width) > best_score:
            best, best_score = delimiter, (same, width)
    return best
