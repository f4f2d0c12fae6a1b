"""Pydantic models of a rule file; imported only when a file must be validated.

Validation is the slow path (pydantic costs ~90 ms to import), so the result
is dumped to plain dicts and cached by ``_ruleset``; the fast path never
imports this module.
"""

from __future__ import annotations

import string
from typing import Annotated, Any, ClassVar, Literal, Union, get_args

import regex
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from ._model import ANATOMY_PARTS, PLATFORMS

Part = Literal["greeting", "connection", "reason", "offer", "ask", "courtesy", "signoff"]
Platform = Literal["generic", "linkedin", "linkedin-free", "xing", "email"]
# The Literals must list what the engine knows; checked once at import.
assert get_args(Part) == ANATOMY_PARTS and get_args(Platform) == PLATFORMS


def _check_regex(value: str) -> str:
    try:
        regex.compile(value)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RegexEntry(Strict):
    """The escape hatch: a raw regular expression (user rules scan it with a timeout)."""

    regex: str = Field(min_length=1)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _check_regex(value)


class PhraseEntry(Strict):
    """A phrase with exceptions: ``unless`` phrases in the rest of its sentence veto a match."""

    phrase: str = Field(min_length=1)
    unless: list[str] = Field(default_factory=list)


def _entry_tag(value: object) -> str:
    """Which member of ``Pattern`` a value is (raw data when validating, a model when dumping)."""
    if isinstance(value, RegexEntry) or (isinstance(value, dict) and "regex" in value):
        return "regex-entry"
    return "phrase-entry" if isinstance(value, (dict, PhraseEntry)) else "text-entry"


ENTRY_TAGS = frozenset({"text-entry", "phrase-entry", "regex-entry"})
"""Names of the union members in validation errors' locations (left out when reporting)."""

Pattern = Annotated[
    Annotated[Annotated[str, Field(min_length=1)], Tag("text-entry")]
    | Annotated[PhraseEntry, Tag("phrase-entry")]
    | Annotated[RegexEntry, Tag("regex-entry")],
    Discriminator(_entry_tag),
]
"""One entry of a pattern list: a phrase (``linter._phrase``), a phrase with exceptions, or a regex."""


class ExampleRecipient(Strict):
    """Who an example is sent to (for the ``recipient`` kind)."""

    first_name: str = ""
    last_name: str = ""
    salutation: str = ""
    company: str = ""
    address: str = ""


class ExampleRow(ExampleRecipient):
    """One row of a batch example (for the ``batch`` kind)."""

    message: str


class Example(Strict):
    """An example that needs more than its text: a platform (length limits), a recipient, or batch rows."""

    text: str = ""
    platform: Platform = "generic"
    recipient: ExampleRecipient | None = None
    rows: list[ExampleRow] = Field(default_factory=list, description="A batch: the rule must flag every row.")


class Examples(Strict):
    fail: list[str | Example] = Field(default_factory=list)
    pass_: list[str | Example] = Field(default_factory=list, alias="pass")

    @field_validator("fail", "pass_")
    @classmethod
    def _as_examples(cls, value: list[str | Example]) -> list[Example]:
        return [Example(text=item) if isinstance(item, str) else item for item in value]


class RuleFileBase(Strict):
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
    def _templates_use_known_fields(self) -> RuleFileBase:
        for name in ("message", "suggestion"):
            for _, field_name, _, _ in string.Formatter().parse(getattr(self, name)):
                if field_name is not None and field_name not in self.template_fields:
                    allowed = ", ".join(sorted(self.template_fields)) or "none"
                    raise ValueError(
                        f"{name} uses unknown placeholder {{{field_name}}}; this kind allows: {allowed}"
                    )
        return self


def rule_file_union() -> Any:
    """The discriminated union of every kind's model (see ``linter.kinds``)."""
    from .kinds import schemas

    return Annotated[Union[schemas()], Field(discriminator="kind")]  # noqa: UP007 - a tuple of models


class ClassFile(Strict):
    """A file of word classes (``classes.toml``): built-in per language, or a user's additions."""

    lang: Literal["de", "en"]
    endings: list[str] = Field(default_factory=list, description="Endings that ``word~`` adds for inflection.")
    classes: dict[str, list[Annotated[str, Field(min_length=1)]]] = Field(default_factory=dict)
    forms: dict[str, list[Annotated[str, Field(min_length=1)]]] = Field(default_factory=dict)

    @field_validator("classes", "forms")
    @classmethod
    def _names_are_words(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, entries in value.items():
            if not regex.fullmatch(r"[A-Za-z][\w-]*", name):
                raise ValueError(f"{name!r} is no valid name (a letter, then letters, digits and -)")
            if not entries:
                raise ValueError(f"{name!r} needs at least one entry")
        return value
