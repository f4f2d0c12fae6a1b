"""The draft editor: a TextArea that underlines each finding's span in its severity's colour."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import TextArea
from textual.widgets.text_area import Document, Selection

from linter import Finding, Severity
from linter._position import LineIndex

_WHOLE_LINE = 1 << 30  # an end column past any line; get_line clamps it


class DraftEditor(TextArea):
    """Soft-wrapped plain-text editor with finding marks; it knows nothing about rules."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"draft-editor--error", "draft-editor--warning", "draft-editor--info"}
    DEFAULT_CSS = """
    DraftEditor .draft-editor--error { color: $text-error; text-style: bold underline; }
    DraftEditor .draft-editor--warning { color: $text-warning; text-style: underline; }
    DraftEditor .draft-editor--info { color: $text-primary; text-style: underline; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "cursor_document_start", "Start of draft", show=False),
        Binding("ctrl+end", "cursor_document_end", "End of draft", show=False),
    ]

    def __init__(self, text: str = "", **kwargs: Any) -> None:  # TextArea's name, id, classes, …
        # No cursor-line highlight: it would paint over the findings' colours on the current line.
        super().__init__(text, soft_wrap=True, tab_behavior="focus", highlight_cursor_line=False,
                         **kwargs)
        # line index -> [(start column, end column, severity)], mildest first so errors paint last
        self._marks: dict[int, list[tuple[int, int, Severity]]] = {}

    def action_cursor_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_cursor_document_end(self) -> None:
        self.move_cursor(self.document.end)

    def location_of(self, offset: int) -> tuple[int, int]:
        """(row, column) of a character offset into ``self.text``, clamped to the document."""
        offset = max(0, min(offset, len(self.text)))
        line, col = LineIndex(self.text).line_col(offset)
        return line - 1, col - 1

    def offset_of(self, location: tuple[int, int]) -> int:
        """Character offset into ``self.text`` of a (row, column) location."""
        document = self.document
        assert isinstance(document, Document)  # a TextArea without a syntax language holds a plain Document
        return document.get_index_from_location(location)

    def set_marks(self, text: str, findings: tuple[Finding, ...]) -> None:
        """Mark the findings' spans, given as offsets into ``text`` (the text that was linted)."""
        index = LineIndex(text)
        marks: dict[int, list[tuple[int, int, Severity]]] = defaultdict(list)
        for f in sorted(findings, key=lambda f: f.severity):
            start, end = f.span.start, min(f.span.end, len(text))
            if end <= start:
                continue  # a missing part has no text to mark
            first, col = index.line_col(start)
            last, end_col = index.line_col(end)
            for line in range(first, last + 1):
                begin = col - 1 if line == first else 0
                stop = end_col - 1 if line == last else _WHOLE_LINE
                marks[line - 1].append((begin, stop, f.severity))
        self._marks = dict(marks)
        self.notify_style_update()  # drops the cached rendered lines
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, severity in self._marks.get(line_index, ()):
            style = self.get_component_rich_style(f"draft-editor--{severity.label}", partial=True)
            line.stylize(style, start, min(end, len(line.plain)))
        return line

    def replace_all(self, new_text: str) -> tuple[int, int]:
        """Turn the buffer into ``new_text`` by replacing only what differs (one undo step, marks stay put).

        Returns the changed range ``[start, end)`` in ``new_text``.
        """
        old = self.text
        start = 0
        limit = min(len(old), len(new_text))
        while start < limit and old[start] == new_text[start]:
            start += 1
        end_old, end_new = len(old), len(new_text)
        while end_old > start and end_new > start and old[end_old - 1] == new_text[end_new - 1]:
            end_old, end_new = end_old - 1, end_new - 1
        self.replace(new_text[start:end_new], self.location_of(start), self.location_of(end_old))
        return start, end_new

    def select_span(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (character offsets) and scroll it into view."""
        self.selection = Selection(self.location_of(start), self.location_of(end))
        self.scroll_cursor_visible(center=True)
