"""Opening and saving the draft file so that its encoding and newline style survive."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, replace
from pathlib import Path

from linter._io import InputError, read_draft, write_bytes_atomic

__all__ = ["DraftFile", "InputError", "SaveError", "load", "save"]

_UTF16_BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


class SaveError(Exception):
    """A save that did not happen; ``str()`` is one line for the user."""


class EncodingProblem(SaveError):
    """The text holds a character the file's encoding cannot store."""

    def __init__(self, encoding: str, char: str, line: int) -> None:
        super().__init__(f"{char!r} (line {line}) cannot be written as {encoding}")
        self.encoding, self.char, self.line = encoding, char, line


@dataclass(frozen=True, slots=True)
class DraftFile:
    """Where the draft lives and how its bytes look; ``path`` None is an unnamed draft."""

    path: Path | None = None
    encoding: str = "utf-8"
    newline: str = "\n"
    exists: bool = False

    @property
    def name(self) -> str:
        return self.path.name if self.path else "untitled"

    def with_path(self, path: Path) -> DraftFile:
        return replace(self, path=path, exists=path.exists())


def load(path: Path) -> tuple[DraftFile, str]:
    """Read a draft (newlines normalised to "\\n"); a missing file is a new, empty draft.

    Raises InputError for directories, binary or unreadable files.
    """
    path = Path(os.path.abspath(path))
    if not path.exists() and not path.is_symlink():
        return DraftFile(path), ""
    draft = read_draft(str(path))
    return DraftFile(path, draft.encoding, draft.newline, exists=True), draft.text


def encode(text: str, file: DraftFile) -> bytes:
    """The bytes to write: the file's newline style and encoding (with its BOM, if it had one)."""
    if file.newline != "\n":
        text = text.replace("\n", file.newline)
    try:
        if file.encoding in _UTF16_BOMS:
            return _UTF16_BOMS[file.encoding] + text.encode(file.encoding)
        return text.encode(file.encoding)
    except UnicodeEncodeError as exc:
        line = text.count(file.newline, 0, exc.start) + 1
        raise EncodingProblem(file.encoding, text[exc.start], line) from None


def save(text: str, file: DraftFile) -> DraftFile:
    """Write atomically (temporary file, fsync, rename; see ``write_bytes_atomic``) and return the file as saved.

    Raises SaveError with a one-line reason; the old file is then untouched.
    """
    if file.path is None:
        raise SaveError("the draft has no file name yet")
    data = encode(text, file)
    try:
        write_bytes_atomic(file.path, data)
    except OSError as exc:
        raise SaveError(f"cannot save {file.path}: {exc.strerror or exc}") from None
    return replace(file, exists=True)
