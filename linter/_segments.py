"""Split a draft into its greeting line, body sentences and sign-off block.

Only ``suggest`` needs this, so the module may use ``regex`` freely; it is never
imported on the plain lint path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

GREETING_START = regex.compile(
    r"[ \t]*(?i:hallo|hallöchen|hi|hey|hej|hello|hiya|dear|greetings|liebe[rs]?|sehr\s+geehrte[rn]?|geehrte[rn]?"
    r"|guten\s+(?:tag|morgen|abend)|good\s+(?:morning|afternoon|evening|day)|moin|servus|grüezi|grüß\s+gott)\b"
)
# A sentence ends at . ! ? … (plus closing quotes or brackets) followed by white space,
# at a blank line, or before a list item on the next line.
_BOUNDARY = regex.compile(
    r"(?<=[.!?…][»«\"“”'’)\]]*)(?:[ \t]*\n[ \t]*|[ \t]+)(?=\S)|\n[ \t]*\n\s*|\n(?=[ \t]*(?:[-*•–]|\d+[.)])\s)"
)
_ABBREVIATION = regex.compile(
    r"(?i:\b(?:z|d|u|o|s|v|ca|bzw|vgl|dr|prof|hr|fr|nr|tel|etc|usw|ggf|evtl|inkl|zzgl|bspw|e\.g|i\.e|mr|mrs|ms|st|jr)"
    r"|\d{1,2})\.$"
)
SIGNOFF_MAX_LINES = 4
SIGNOFF_MAX_CHARS = 80


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the draft, ``text[start:end]``, and the white space that follows it."""

    start: int
    end: int
    sep: str = ""


@dataclass(frozen=True, slots=True)
class Layout:
    """The draft cut into greeting, body sentences and sign-off (either end may be missing)."""

    greeting: Piece | None
    body: tuple[Piece, ...]
    signoff: Piece | None


def greeting_piece(text: str) -> Piece | None:
    """The salutation at the start of the first non-empty line, up to its comma or exclamation mark."""
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if not GREETING_START.match(text, start, line_end):
        return None
    for index in range(start, line_end):
        if text[index] in ",!":
            return Piece(start, index + 1)
    # No punctuation: the whole line is the greeting only when it is short.
    return Piece(start, line_end) if line_end - start <= 60 else None


def split_sentences(text: str, start: int, end: int) -> list[Piece]:
    """Sentences of ``text[start:end]`` with the white space after each (abbreviations and dates kept whole)."""
    pieces: list[Piece] = []
    begin = start
    while begin < end and text[begin].isspace():
        begin += 1
    for m in _BOUNDARY.finditer(text, begin, end):
        sentence = text[begin:m.start()]
        if not sentence:
            continue
        is_paragraph = "\n" in m.group() and (m.group().count("\n") > 1 or sentence.rstrip()[-1:] not in ".!?…")
        if not is_paragraph and (_ABBREVIATION.search(sentence) or _starts_lowercase(text, m.end())):
            continue
        pieces.append(Piece(begin, m.start(), m.group()))
        begin = m.end()
    tail = text[begin:end].rstrip()
    if tail:
        pieces.append(Piece(begin, begin + len(tail), ""))
    return pieces


def _starts_lowercase(text: str, index: int) -> bool:
    return index < len(text) and text[index].islower()


def signoff_start(text: str, start: int, is_signoff: Callable[[str], bool]) -> int | None:
    """Where the closing block (``Viele Grüße`` / ``Best regards`` and the name) begins, if there is one."""
    lines: list[tuple[int, int]] = []
    position = len(text.rstrip())
    while position > start and len(lines) < SIGNOFF_MAX_LINES:
        line_start = text.rfind("\n", start, position) + 1
        line_start = max(line_start, start)
        if text[line_start:position].strip():
            lines.append((line_start, position))
        position = line_start - 1
    for line_start, line_end in reversed(lines):
        # "… hinzufügen. Viele Grüße" on one line: the block starts at the closing sentence.
        for piece in split_sentences(text, line_start, line_end):
            closing = text[piece.start:line_end]
            if len(closing) <= SIGNOFF_MAX_CHARS and is_signoff(text[piece.start:piece.end]):
                return piece.start
    return None


def layout(text: str, is_signoff: Callable[[str], bool]) -> Layout:
    """Cut ``text`` into greeting, body sentences and sign-off block."""
    greeting = greeting_piece(text)
    body_start = greeting.end if greeting else 0
    closing = signoff_start(text, body_start, is_signoff)
    body_end = closing if closing is not None else len(text)
    signoff = Piece(closing, len(text.rstrip())) if closing is not None else None
    return Layout(greeting, tuple(split_sentences(text, body_start, body_end)), signoff)
