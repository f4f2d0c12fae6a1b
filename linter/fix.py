"""Safe fixes: apply the meaning-preserving replacements that rules declare.

Only findings of the rule engine that carry replacements (substitution rules
such as ``daß`` → ``dass`` or a doubled space) are applied; content sentences
are never rewritten here, that is ``suggest``'s job for a person to accept.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._model import Finding

__all__ = ["apply_fixes", "fixable"]


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that carry a safe, meaning-preserving replacement, in text order."""
    return sorted((f for f in findings if f.replacements and f.source == "rule"),
                  key=lambda f: (f.span.start, f.span.end))


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """Apply the first replacement of each fixable finding; a fix that overlaps an earlier one is skipped."""
    parts: list[str] = []
    position = 0
    for f in fixable(findings):
        if f.span.start < position:
            continue
        parts += [text[position:f.span.start], f.replacements[0]]
        position = f.span.end
    parts.append(text[position:])
    return "".join(parts)
