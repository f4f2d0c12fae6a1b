"""Write a benchmark's results into its section of docs/performance.md."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def write_section(report: str, marker: str, heading: str) -> None:
    """Replace the text between ``<!-- {marker}:start -->`` and ``<!-- {marker}:end -->``;
    a document without the markers gets a new section called ``heading`` at its end."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    text = DOC.read_text(encoding="utf-8")
    block = f"{start}\n{report}\n{end}"
    if start in text and end in text:
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        text = f"{head}{block}{tail}"
    else:
        text = text.rstrip() + f"\n\n## {heading}\n\n{block}\n"
    DOC.write_text(text, encoding="utf-8")
