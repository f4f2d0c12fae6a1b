"""The small, frozen value types every part of lint-request shares."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields

ANATOMY_PARTS: tuple[str, ...] = (
    "greeting",
    "connection",
    "reason",
    "offer",
    "ask",
    "courtesy",
    "signoff",
)
"""The parts of a good request, in the order a reader meets them."""

LANGS: tuple[str, ...] = ("de", "en")
PLATFORMS: tuple[str, ...] = ("generic", "linkedin", "linkedin-free", "xing", "email")


class Severity(enum.IntEnum):
    """How much a finding hurts the request; ordered so comparisons work."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        """Map ``"info" | "warning" | "error"`` (any case) to a member."""
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r}; choose one of info, warning, error") from None

    @property
    def label(self) -> str:
        return self.name.lower()


# Spans and findings are built for every match, so they bring their own __init__: a frozen
# dataclass's generated one sets each field through object.__setattr__, and filling the
# slots through their descriptors costs half as much (frozen, eq, hash and repr stay).


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """Absolute character offsets ``[start, end)`` into the linted text."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        _SPAN_SLOTS[0](self, start)
        _SPAN_SLOTS[1](self, end)


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """One thing the sender should change."""

    rule: str
    severity: Severity
    message: str
    span: Span
    match: str = ""
    suggestion: str = ""
    replacements: tuple[str, ...] = ()
    source: str = "rule"
    category: str = ""
    """The checker's own grouping, e.g. LanguageTool's ``TYPOS`` or ``GRAMMAR``; empty for own rules."""

    def __init__(self, rule: str, severity: Severity, message: str, span: Span, match: str = "",
                 suggestion: str = "", replacements: tuple[str, ...] = (), source: str = "rule",
                 category: str = "") -> None:
        put = _FINDING_SLOTS
        put[0](self, rule)
        put[1](self, severity)
        put[2](self, message)
        put[3](self, span)
        put[4](self, match)
        put[5](self, suggestion)
        put[6](self, replacements)
        put[7](self, source)
        put[8](self, category)


# The slot setters in field order, which is the order of the __init__ parameters above.
_SPAN_SLOTS = tuple(getattr(Span, f.name).__set__ for f in fields(Span))
_FINDING_SLOTS = tuple(getattr(Finding, f.name).__set__ for f in fields(Finding))


def finding_order(finding: Finding) -> tuple[int, int, str, int]:
    """How reports sort findings: by position, the worst first at one place, then by rule id."""
    return (finding.span.start, -finding.severity, finding.rule, finding.span.end)


@dataclass(frozen=True, slots=True)
class Recipient:
    """What the sender knows about the person they write to (all optional)."""

    first_name: str = ""
    last_name: str = ""
    salutation: str = ""
    company: str = ""
    met: str = ""
    offer: str = ""
    address: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.first_name, self.last_name) if n)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything lint-request found in one text."""

    lang: str
    findings: tuple[Finding, ...]
    anatomy: dict[str, bool] = field(default_factory=dict)
    score: int = 100
    notes: tuple[str, ...] = ()

    def max_severity(self) -> Severity | None:
        """The worst severity present, or None for a clean report."""
        return max((f.severity for f in self.findings), default=None)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
