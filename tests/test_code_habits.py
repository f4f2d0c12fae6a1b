"""Habits that ruff and mypy cannot check: each silenced type error says which one and why."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("linter", "tui", "benchmarks", "docs", "tests")
# A type-ignore comment, its optional [codes] and whatever follows on the line.
IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<codes>\[[a-z, -]+\])?(?P<rest>.*)$")
REASON = re.compile(r"\s*#\s*\S")


def unjustified(text: str) -> list[int]:
    """Line numbers of type-ignore comments without an error code or without a reason comment after it."""
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        found = IGNORE.search(line)
        if found and not (found["codes"] and REASON.match(found["rest"])):
            lines.append(number)
    return lines


def test_the_check_tells_justified_from_bare_ignores() -> None:
    text = "\n".join([  # IGNORE stands in so that this file does not fail its own check
        "x = f()  # IGNORE[attr-defined]  # the library's",
        "y = g()  # IGNORE",
        "z = h()  # IGNORE[arg-type]",
        "w = k()  # IGNORE  # no code",
    ]).replace("IGNORE", "type: ignore")
    assert unjustified(text) == [2, 3, 4]


def test_every_type_ignore_names_its_error_code_and_says_why() -> None:
    bad = [f"{path.relative_to(ROOT)}:{number}"
           for folder in CHECKED for path in sorted((ROOT / folder).rglob("*.py"))
           for number in unjustified(path.read_text(encoding="utf-8"))]
    assert bad == [], "write `# type: ignore[code]  # why` (or type it properly)"


def test_no_two_classes_share_a_name() -> None:
    """One name, one class: a reader who searches for a class finds the one they mean."""
    where: dict[str, list[str]] = {}
    for folder in ("linter", "tui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found = re.match(r"\s*class (\w+)\b", line)
                if found:
                    where.setdefault(found[1], []).append(f"{path.relative_to(ROOT)}:{number}")
    assert {name: places for name, places in where.items() if len(places) > 1} == {}
