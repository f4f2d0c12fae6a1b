"""What every rule kind shares: the common fields, building findings, and a matcher per pattern field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from .._context import Context
from .._matcher import Matcher
from .._model import Finding, Severity, Span


class _Ellipsis(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def matcher_key(spec: dict[str, Any], field_name: str) -> str:
    """A matcher's name, stable across processes ("de/profile-visit/patterns"), for the cached prefix index."""
    return f"{spec['lang']}/{spec['id']}/{field_name}"


def matcher(spec: dict[str, Any], field_name: str) -> Matcher:
    """The compiled matcher of one pattern field of a validated spec."""
    return Matcher(spec["_regex"][field_name], spec["case_sensitive"], spec.get("_prefixes", {}).get(field_name),
                   trusted=spec.get("_builtin", False), key=matcher_key(spec, field_name),
                   words=spec.get("_words", {}).get(field_name), inner=spec.get("_inner", {}).get(field_name),
                   vetoes=spec.get("_vetoes", {}).get(field_name), owner=spec["id"], origin=spec.get("_path", ""))


class Rule:
    """Common data of every rule kind; subclasses implement ``check``."""

    kind: ClassVar[str] = "?"
    __slots__ = ("id", "lang", "severity", "message", "suggestion", "why", "source", "examples", "example_data", "path",
                 "_message_plain", "_suggestion_plain")

    def __init__(self, spec: dict[str, Any]) -> None:
        self.id: str = spec["id"]
        self.lang: str = spec["lang"]
        self.severity = Severity.parse(spec["severity"])
        self.message: str = spec["message"]
        self.suggestion: str = spec["suggestion"]
        self.why: str = spec["why"]
        self.source: str = spec.get("source", "")
        examples = spec.get("examples") or {}
        # Each example is (text, platform); "fail" ones must trigger the rule, "pass" ones must not.
        # A batch example's text is its first row; recipients and rows are in ``example_data``.
        self.examples: dict[str, list[tuple[str, str]]] = {
            outcome: [(item.get("text") or next((row["message"] for row in item.get("rows") or ()), ""),
                       item.get("platform", "generic")) for item in examples.get(outcome, [])]
            for outcome in ("fail", "pass")
        }
        self.example_data: dict[str, list[dict[str, Any]]] = {
            outcome: [{"recipient": item.get("recipient"), "rows": item.get("rows") or []}
                      for item in examples.get(outcome, [])]
            for outcome in ("fail", "pass")
        }
        self.path: str = spec.get("_path", "")
        # Templates without braces need no formatting (a finding is built per match: this is hot).
        self._message_plain = not any(brace in self.message for brace in "{}")
        self._suggestion_plain = not any(brace in self.suggestion for brace in "{}")

    @staticmethod
    def pattern_fields(spec: dict[str, Any]) -> dict[str, list[Any]]:
        """The kind's lists of pattern entries, by field name, as written in the rule file."""
        return {}

    def check(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def describe(self, template: str) -> str:
        """A message or suggestion with its ``{placeholders}`` shown as "…" (for rule listings)."""
        return template.format_map(_Ellipsis())

    def finding(self, span: Span, match: str = "", *, severity: Severity | None = None,
                replacements: tuple[str, ...] = (), **fields: object) -> Finding:
        """Build a finding, filling ``{placeholders}`` in message and suggestion."""
        values = {"match": match, **fields}
        message = self.message if self._message_plain else self.message.format_map(values)
        suggestion = self.suggestion if self._suggestion_plain else self.suggestion.format_map(values)
        # Positional: the field order of Finding (rule, severity, message, span, match, suggestion, replacements).
        return Finding(self.id, severity or self.severity, message, span, match, suggestion, replacements)
