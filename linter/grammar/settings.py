"""Grammar settings: what the user chose (CLI > environment > config) and which backend that means."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Literal, NamedTuple, get_args
from urllib.parse import urlsplit

from .errors import GrammarConfigError

Mode = Literal["auto", "server", "local", "public", "off"]
Variant = Literal["de-DE", "de-AT", "de-CH", "en-US", "en-GB"]
MODES: tuple[str, ...] = get_args(Mode)
VARIANTS: tuple[str, ...] = get_args(Variant)
DEFAULT_VARIANTS: dict[str, str] = {"de": "de-DE", "en": "en-US"}
DEFAULT_TIMEOUT = 10.0
"""Seconds one LanguageTool request may take before the check is given up with a warning."""
DEFAULT_CONCURRENCY = 4
PUBLIC_API_HOST = "api.languagetool.org"

ENV_MODE = "LINT_REQUEST_GRAMMAR"
ENV_URL = "LINT_REQUEST_LANGUAGETOOL_URL"

AUTO_OFF_HINT = ("grammar and spelling check off: no LanguageTool configured "
                 "(run `lint-request grammar setup` or pass --languagetool-url URL; see docs/grammar.md)")


class GrammarSettings(NamedTuple):
    """Everything the grammar layer was told; build it with :func:`resolve_settings`.

    A NamedTuple rather than a dataclass: it is built on every run's cold path, where a
    dataclass costs a millisecond to define.
    """

    mode: str = "auto"
    url: str = ""
    required: bool = False
    variants: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False
    timeout: float = DEFAULT_TIMEOUT
    concurrency: int = DEFAULT_CONCURRENCY
    hints: bool = False
    """Say on stderr that ``auto`` found no LanguageTool: set by --verbose or a grammar mode the user chose.
    A default run stays quiet about an optional feature nobody asked for."""

    def variant_for(self, lang: str) -> str:
        """The LanguageTool language code for a draft in ``lang`` (``de``/``en``, or a variant)."""
        base = lang.split("-")[0].lower()
        for variant in self.variants:
            if variant.split("-")[0] == base:
                return variant
        if lang in VARIANTS:
            return lang
        return DEFAULT_VARIANTS.get(base, lang)


class Plan(NamedTuple):
    """The backend that will really be used, and a one-line reason (shown by ``grammar status``)."""

    mode: str
    reason: str


def normalize_url(url: str, source: str) -> str:
    """The LanguageTool server root with a trailing slash; a pasted ``…/v2`` is accepted too."""
    value = url.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GrammarConfigError(f"{source}: {url!r} is not an http(s) URL; give the server root, "
                                 "e.g. http://localhost:8081")
    path = parts.path.rstrip("/")
    path = path.removesuffix("/v2")
    return f"{parts.scheme}://{parts.netloc}{path}/"


def _variants(values: Iterable[str], source: str) -> tuple[str, ...]:
    by_key = {v.lower(): v for v in VARIANTS}
    out: list[str] = []
    for raw in values:
        for item in str(raw).split(","):
            if not item.strip():
                continue
            variant = by_key.get(item.strip().lower().replace("_", "-"))
            if variant is None:
                raise GrammarConfigError(f"{source}: unknown language variant {item.strip()!r}; "
                                         f"choose one of {', '.join(VARIANTS)}")
            if any(v.split("-")[0] == variant.split("-")[0] for v in out if v != variant):
                raise GrammarConfigError(f"{source}: give at most one German and one English variant")
            if variant not in out:
                out.append(variant)
    return tuple(out)


def _strings(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or ())
    return tuple(p.strip() for item in items for p in str(item).split(",") if p.strip())


# (settings field = CLI key, environment variable, config attribute, what to call a CLI value in messages)
_FIELDS = (
    ("mode", ENV_MODE, "grammar", "--grammar"),
    ("url", ENV_URL, "languagetool_url", "--languagetool-url"),
    ("required", None, "grammar_required", "--grammar-required"),
    ("variants", None, "grammar_language", "--grammar-language"),
    ("disabled_rules", None, "grammar_disabled_rules", "disabled_rules"),
    ("disabled_categories", None, "grammar_disabled_categories", "disabled_categories"),
    ("picky", None, "grammar_picky", "picky"),
    ("timeout", None, "grammar_timeout", "timeout"),
)


def _given(value: Any) -> bool:
    return value is not None and value != () and value != [] and value != ""


def resolve_settings(cli: Mapping[str, Any] | None = None, config: Any = None,
                     env: Mapping[str, str] | None = None) -> GrammarSettings:
    """Merge command-line values, environment and config file (in that order of precedence).

    ``cli`` maps settings names (``mode``, ``url``, ``required``, ``variants``, …) to values,
    None meaning "not given"; ``config`` is a :class:`linter._config.Config` (or anything with
    its ``grammar*`` attributes); ``env`` defaults to ``os.environ``.
    Raises GrammarConfigError with a one-line message that names the offending source.
    """
    cli = cli or {}
    env = os.environ if env is None else env
    config_path = getattr(config, "path", "") or "config"
    chosen: dict[str, tuple[Any, str]] = {}
    for name, env_key, config_key, flag in _FIELDS:
        if _given(cli.get(name)):
            chosen[name] = (cli[name], flag)
        elif env_key and env.get(env_key, "").strip():
            chosen[name] = (env[env_key], env_key)
        elif config is not None and _given(getattr(config, config_key, None)):
            chosen[name] = (getattr(config, config_key), f"{config_path}: {config_key.replace('_', '-')}")

    values: dict[str, Any] = {}
    if "mode" in chosen:
        mode, source = chosen["mode"]
        mode = str(mode).strip().lower()
        if mode not in MODES:
            raise GrammarConfigError(f"{source}: unknown grammar mode {mode!r}; choose one of {', '.join(MODES)}")
        values["mode"] = mode
        values["hints"] = True  # grammar was asked for by name: say why it does not run
    if "url" in chosen:
        values["url"] = normalize_url(str(chosen["url"][0]), chosen["url"][1])
    if "variants" in chosen:
        values["variants"] = _variants(_strings(chosen["variants"][0]), chosen["variants"][1])
    for name in ("disabled_rules", "disabled_categories"):
        if name in chosen:
            values[name] = _strings(chosen[name][0])
    for name in ("required", "picky"):
        if name in chosen:
            values[name] = bool(chosen[name][0])
    if "timeout" in chosen:
        timeout, source = chosen["timeout"]
        try:
            values["timeout"] = float(timeout)
        except (TypeError, ValueError):
            raise GrammarConfigError(f"{source}: {timeout!r} is not a number of seconds") from None
        if not 0 < values["timeout"] <= 600:
            raise GrammarConfigError(f"{source}: the timeout must be between 0 and 600 seconds")
    settings = GrammarSettings(**values)
    if settings.mode == "server" and not settings.url:
        raise GrammarConfigError(f"{chosen['mode'][1]}: grammar mode 'server' needs the server's URL: "
                                 f"--languagetool-url URL, {ENV_URL} or languagetool-url in the config")
    if settings.mode == "off" and settings.required:
        raise GrammarConfigError("--grammar-required contradicts grammar mode 'off'")
    return settings


def plan(settings: GrammarSettings) -> Plan:
    """Which backend ``settings`` mean on this machine; ``auto`` looks only at cheap local facts."""
    if settings.mode == "auto":
        if settings.url:
            return Plan("server", f"LanguageTool server at {settings.url}")
        from .local import installed_version, java_path

        version = installed_version()
        if version and java_path():
            return Plan("local", f"local LanguageTool {version}, installed by `lint-request grammar setup`")
        return Plan("off", AUTO_OFF_HINT)
    reasons = {
        "server": f"LanguageTool server at {settings.url}",
        "local": "local LanguageTool started by lint-request (Java)",
        "public": f"public LanguageTool API at {PUBLIC_API_HOST} (drafts leave this machine)",
        "off": "grammar check switched off",
    }
    return Plan(settings.mode, reasons[settings.mode])
