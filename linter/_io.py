"""Reading drafts the way users really have them: any path, stdin, odd encodings."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import NamedTuple

DRAFT_SUFFIXES = (".txt", ".md")
STDIN = "-"


class InputError(Exception):
    """A path that cannot be linted; ``str()`` is a one-line message."""


class Draft(NamedTuple):
    """A decoded draft and how it was read."""

    path: str
    text: str
    encoding: str
    newline: str = "\n"
    note: str = ""
    endings: tuple[str, ...] = ()
    """Each line's own ending ("\r\n" or "\n"), only for a file that mixes both; else empty."""

    @property
    def display(self) -> str:
        return "<stdin>" if self.path == STDIN else self.path


NO_DRAFTS = "no drafts in this folder (folders are searched for *.txt and *.md)"


def expand_paths(paths: list[str]) -> list[str]:
    """Files stay, directories become their *.txt/*.md files (sorted); "-" is stdin.

    A directory without drafts stays as itself, so that ``read_listed`` names it as an error.
    """
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            found = [str(p) for p in sorted(path.rglob("*")) if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file()]
            out.extend(found or [raw])
        else:
            out.append(raw)
    return out


def read_listed(path: str) -> Draft:
    """``read_draft`` for a path from ``expand_paths``: a directory there is one without drafts."""
    if path != STDIN and Path(path).is_dir():
        raise InputError(NO_DRAFTS)
    return read_draft(path)


def decode(data: bytes) -> tuple[str, str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Returns ``(text, encoding, note)``; ``note`` says when the text was not UTF-8.
    Raises InputError for data that is binary rather than text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", ""
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(name, errors="replace"), name, "read as UTF-16 (byte-order mark)"
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not a text draft")
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    # Windows editors and German Excel write cp1252; the five bytes it leaves
    # undefined only appear in latin-1 text, so fall back to that.
    try:
        return data.decode("cp1252"), "cp1252", "not UTF-8; read as Windows-1252 (cp1252)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", "not UTF-8; read as Latin-1 (ISO-8859-1)"


def _newline(text: str) -> str:
    index = text.find("\n")
    return "\r\n" if index > 0 and text[index - 1] == "\r" else "\n"


def input_error(exc: OSError, directory: str = "is a directory") -> InputError:
    """The one-line message for a file that could not be read."""
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file or directory")
    if isinstance(exc, IsADirectoryError):
        return InputError(directory)
    if isinstance(exc, PermissionError):
        return InputError("permission denied")
    return InputError(exc.strerror or str(exc))


def read_draft(path: str) -> Draft:
    """Read one draft from a file or stdin ("-"); newlines are normalised to "\\n"."""
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        else:
            data = Path(path).read_bytes()
    except OSError as exc:
        raise input_error(exc) from None
    text, encoding, note = decode(data)
    newline = _newline(text)
    endings: tuple[str, ...] = ()
    crlf = text.count("\r\n")
    if crlf and crlf != text.count("\n"):  # mixed: remember each line's ending, to write it back as it was
        endings = tuple("\r\n" if line.endswith("\r") else "\n" for line in text.split("\n")[:-1])
    # Offsets are reported in the text the user sees; CRLF would count twice.
    text = text.replace("\r\n", "\n")
    return Draft(path=path, text=text, encoding=encoding, newline=newline, note=note, endings=endings)


def with_endings(text: str, newline: str = "\n", endings: tuple[str, ...] = ()) -> str:
    """``text`` (lines ending in "\n") with ``newline`` line ends, or each line's own from ``endings``.

    ``endings`` apply only while the text has as many line breaks as it had when read.
    """
    if endings and text.count("\n") == len(endings):
        lines = text.split("\n")
        return "".join(line + end for line, end in zip(lines, endings, strict=False)) + lines[-1]
    return text.replace("\n", newline) if newline != "\n" else text


def write_text_atomic(path: str | Path, text: str, *, encoding: str = "utf-8", newline: str = "\n",
                      endings: tuple[str, ...] = ()) -> None:
    """Write ``text`` in ``encoding`` with ``newline`` line ends (or each line's own, see ``with_endings``),
    atomically (see ``write_bytes_atomic``).

    A UTF-16 file gets back the byte-order mark it was read with. Raises OSError,
    or UnicodeEncodeError when the text cannot be written in that encoding.
    """
    if encoding in ("utf-16-le", "utf-16-be"):
        text = "\ufeff" + text
    write_bytes_atomic(path, with_endings(text, newline, endings).encode(encoding))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write next to ``path`` and rename over it: a crash leaves the old file or the new one, never half.

    A symlink is written through to its target; an existing file keeps its permissions.
    """
    import os
    import tempfile

    target = Path(os.path.realpath(path))
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
