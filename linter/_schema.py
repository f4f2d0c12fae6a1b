"""Pydantic models of a rule file; imported only when a file must be validated.

Validation is the slow path (pydantic costs ~90 ms to import), so the result
is dumped to plain dicts and cached by ``_ruleset``; the fast path never
imports this module.
"""

from __future__ import annotations

import string
from typing import Annotated, ClassVar, Literal, Union

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ._model import ANATOMY_PARTS, PLATFORMS

Part = Literal["greeting", "connection", "reason", "offer", "ask", "courtesy", "signoff"]
Platform = Literal["generic", "linkedin", "linkedin-free", "xing", "email"]
# The Literals must list what the engine knows; checked once at import.
assert Part.__args__ == ANATOMY_PARTS and Platform.__args__ == PLATFORMS  # type: ignore[attr-defined]


def _check_pattern(value: str) -> str:
    try:
        regex.compile(value)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
    return value


Pattern = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """An example that needs a platform (length limits); plain strings use "generic"."""

    text: str
    platform: Platform = "generic"


class Examples(_Strict):
    fail: list[str | Example] = Field(default_factory=list)
    pass_: list[str | Example] = Field(default_factory=list, alias="pass")

    @field_validator("fail", "pass_")
    @classmethod
    def _as_examples(cls, value: list[str | Example]) -> list[Example]:
        return [Example(text=item) if isinstance(item, str) else item for item in value]


class _RuleBase(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
    lang: Literal["de", "en"]
    severity: Literal["info", "warning", "error"]
    message: str = Field(min_length=1)
    suggestion: str = Field(min_length=1)
    why: str = Field(min_length=1, description="Why recipients react badly, in the ruleset's language.")
    source: str = Field(default="", description="Where the anti-pattern is documented.")
    case_sensitive: bool = False
    examples: Examples = Field(default_factory=Examples)

    # Fields a kind may use in its message templates, besides nothing at all.
    template_fields: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _templates_use_known_fields(self) -> _RuleBase:
        for name in ("message", "suggestion"):
            for _, field_name, _, _ in string.Formatter().parse(getattr(self, name)):
                if field_name is not None and field_name not in self.template_fields:
                    allowed = ", ".join(sorted(self.template_fields)) or "none"
                    raise ValueError(
                        f"{name} uses unknown placeholder {{{field_name}}}; this kind allows: {allowed}"
                    )
        return self


def _check_patterns(value: list[str]) -> list[str]:
    for number, item in enumerate(value, start=1):
        try:
            _check_pattern(item)
        except ValueError as exc:
            raise ValueError(f"entry {number}: {exc}") from None
    return value


class PhraseRule(_RuleBase):
    """Flags every occurrence of any pattern, unless an anatomy part is present."""

    kind: Literal["phrase"]
    patterns: list[Pattern] = Field(min_length=1)
    unless_parts: list[Part] = Field(default_factory=list)
    template_fields: ClassVar[frozenset[str]] = frozenset({"match"})

    @field_validator("patterns")
    @classmethod
    def _compile_patterns(cls, value: list[str]) -> list[str]:
        return _check_patterns(value)


class PlaceholderRule(PhraseRule):
    """Flags unfilled mail-merge fields; same matching as phrase."""

    kind: Literal["placeholder"]  # type: ignore[assignment]


class MissingRule(_RuleBase):
    """Flags the text when none of the signal patterns occurs."""

    kind: Literal["missing"]
    signals: list[Pattern] = Field(min_length=1)
    part: Part | None = None

    @field_validator("signals")
    @classmethod
    def _compile_signals(cls, value: list[str]) -> list[str]:
        return _check_patterns(value)


class Replacement(_Strict):
    pattern: Pattern
    replacement: str

    @field_validator("pattern")
    @classmethod
    def _compile_pattern(cls, value: str) -> str:
        return _check_pattern(value)


class SubstitutionRule(_RuleBase):
    """Flags a form that has a better one and offers the replacement as a safe fix."""

    kind: Literal["substitution"]
    replace: list[Replacement] = Field(min_length=1)
    template_fields: ClassVar[frozenset[str]] = frozenset({"match", "replacement"})


class Limit(_Strict):
    max_chars: int | None = Field(default=None, ge=1)
    max_words: int | None = Field(default=None, ge=1)
    severity: Literal["info", "warning", "error"] | None = None
    message: str | None = Field(default=None, min_length=1,
                                description="Replaces the rule's message here, e.g. to say the limit is hard.")


class LengthRule(_RuleBase):
    """Flags text whose length falls outside bounds, per platform where given."""

    kind: Literal["length"]
    min_words: int | None = Field(default=None, ge=1)
    max_chars: int | None = Field(default=None, ge=1)
    max_words: int | None = Field(default=None, ge=1)
    platforms: dict[Platform, Limit] = Field(default_factory=dict)
    units: dict[Literal["chars", "words"], str] = Field(default_factory=dict)
    template_fields: ClassVar[frozenset[str]] = frozenset({"count", "limit", "unit", "platform"})

    @model_validator(mode="after")
    def _platform_messages_use_known_fields(self) -> LengthRule:
        for platform, limit in self.platforms.items():
            for _, field_name, _, _ in string.Formatter().parse(limit.message or ""):
                if field_name is not None and field_name not in self.template_fields:
                    raise ValueError(f"platforms.{platform}.message uses unknown placeholder {{{field_name}}}; "
                                     f"this kind allows: {', '.join(sorted(self.template_fields))}")
        return self


class ConsistencyRule(_RuleBase):
    """Flags a text that mixes two or more exclusive forms (e.g. Sie and du)."""

    kind: Literal["consistency"]
    forms: dict[str, list[Pattern]] = Field(min_length=2)
    template_fields: ClassVar[frozenset[str]] = frozenset({"match", "form", "other"})

    @field_validator("forms")
    @classmethod
    def _forms_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, patterns in value.items():
            if not patterns:
                raise ValueError(f"form {name!r} needs at least one pattern")
            _check_patterns(patterns)
        return value


class RatioRule(_RuleBase):
    """Flags a text where one kind of word far outnumbers another (I/we vs. you)."""

    kind: Literal["ratio"]
    numerator: list[Pattern] = Field(min_length=1)
    denominator: list[Pattern] = Field(min_length=1)
    max_ratio: float = Field(gt=0)
    min_count: int = Field(default=1, ge=1)
    template_fields: ClassVar[frozenset[str]] = frozenset({"match", "count", "other"})

    @field_validator("numerator", "denominator")
    @classmethod
    def _compile_counted(cls, value: list[str]) -> list[str]:
        return _check_patterns(value)


RuleFile = Annotated[
    Union[PhraseRule, PlaceholderRule, MissingRule, SubstitutionRule, LengthRule, ConsistencyRule, RatioRule],
    Field(discriminator="kind"),
]
KINDS: tuple[str, ...] = ("phrase", "placeholder", "missing", "substitution", "length", "consistency", "ratio")
