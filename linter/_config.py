"""Configuration: ``[tool.lint-request]`` in pyproject.toml or a ``.lint-request.toml``.

The nearest file, searching upwards from the working directory, wins;
``--config PATH`` names one explicitly. Command-line options beat the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from ._cache import cached, stat_key

CONFIG_NAMES = (".lint-request.toml", "pyproject.toml")


class ConfigError(Exception):
    """A config file that cannot be used; ``str()`` is one line naming file and key."""


class Config(NamedTuple):
    """Validated settings; every field None/empty means "not set in the file"."""

    path: str = ""
    lang: str | None = None
    platform: str | None = None
    format: str | None = None
    fail_on: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rulesets: tuple[str, ...] = ()
    # Grammar (LanguageTool); linter.grammar.resolve_settings merges these with CLI and environment.
    grammar: str | None = None
    languagetool_url: str | None = None
    grammar_required: bool | None = None
    grammar_language: tuple[str, ...] = ()
    grammar_disabled_rules: tuple[str, ...] = ()
    grammar_disabled_categories: tuple[str, ...] = ()
    grammar_picky: bool | None = None
    grammar_timeout: float | None = None
    batch: dict[str, Any] = {}  # noqa: RUF012 - read only; a NamedTuple field has no default_factory
    """The ``batch`` table as written; ``lint-request batch`` validates it (linter/batch/config.py)."""


def _section(path: Path) -> dict[str, Any] | None:
    """The lint-request table of a config file, or None when the file has none."""
    import tomllib

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    section: dict[str, Any] | None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("lint-request")
    else:
        section = data.get("tool", {}).get("lint-request", data)
    return section


def find_config(start: Path) -> Path | None:
    """The nearest config file that has lint-request settings, searching upwards."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _mentions_us(candidate)):
                return candidate
    return None


def _mentions_us(path: Path) -> bool:
    # Cheap text test first: most pyproject.toml files have no such table.
    try:
        return "lint-request" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


_KEYS = ("lang", "platform", "format", "fail-on", "select", "ignore", "rulesets", "grammar", "languagetool-url",
         "grammar-required", "grammar-language", "grammar-disabled-rules", "grammar-disabled-categories",
         "grammar-picky", "grammar-timeout", "batch")


def _validate(path: Path) -> Config:
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field, ValidationError

    from ._schema import Platform
    from .grammar.settings import Mode, Variant

    class ConfigTable(BaseModel):
        model_config = ConfigDict(extra="forbid")
        lang: Literal["auto", "de", "en"] | None = None
        platform: Platform | None = None
        format: Literal["text", "json", "github"] | None = None
        fail_on: Literal["info", "warning", "error"] | None = Field(default=None, alias="fail-on")
        select: list[str] = []
        ignore: list[str] = []
        rulesets: list[str] = []
        grammar: Mode | None = None
        languagetool_url: str | None = Field(default=None, alias="languagetool-url")
        grammar_required: bool | None = Field(default=None, alias="grammar-required")
        grammar_language: Variant | list[Variant] | None = Field(default=None, alias="grammar-language")
        grammar_disabled_rules: list[str] = Field(default=[], alias="grammar-disabled-rules")
        grammar_disabled_categories: list[str] = Field(default=[], alias="grammar-disabled-categories")
        grammar_picky: bool | None = Field(default=None, alias="grammar-picky")
        grammar_timeout: float | None = Field(default=None, alias="grammar-timeout", gt=0, le=600)
        batch: dict[str, Any] = {}

    section = _section(path)
    if section is None:
        return Config(path=str(path))
    try:
        settings = ConfigTable.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "(table)"
        if first["type"] == "extra_forbidden":
            message = f"unknown key; valid keys: {', '.join(_KEYS)}"
        else:
            message = first["msg"]
        raise ConfigError(f"{path}: {key}: {message}") from None
    base = path.parent
    return Config(
        path=str(path),
        lang=settings.lang,
        platform=settings.platform,
        format=settings.format,
        fail_on=settings.fail_on,
        select=tuple(settings.select),
        ignore=tuple(settings.ignore),
        # Ruleset paths are relative to the file that names them.
        rulesets=tuple(str((base / p).resolve()) for p in settings.rulesets),
        grammar=settings.grammar,
        languagetool_url=settings.languagetool_url,
        grammar_required=settings.grammar_required,
        grammar_language=(settings.grammar_language,) if isinstance(settings.grammar_language, str)
        else tuple(settings.grammar_language or ()),
        grammar_disabled_rules=tuple(settings.grammar_disabled_rules),
        grammar_disabled_categories=tuple(settings.grammar_disabled_categories),
        grammar_picky=settings.grammar_picky,
        grammar_timeout=settings.grammar_timeout,
        batch=settings.batch,
    )


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """Load the explicit config file, or the nearest one, or return defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file")
    else:
        found = find_config((start or Path.cwd()).resolve())
        if found is None:
            return Config()
        path = found
    return cached("config", stat_key([Path(__file__), path]), lambda: _validate(path))
