"""``lint-request grammar setup`` and ``lint-request grammar status`` (a typer sub-app; imports stay light)."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from .._check import EXIT_ERROR, EXIT_OK
from .settings import MODES, VARIANTS, GrammarSettings, plan

GrammarMode = Enum("GrammarMode", {m: m for m in MODES}, type=str)  # type: ignore[misc]  # members built from a list
Variant = Enum("Variant", {v.replace("-", "_"): v for v in VARIANTS}, type=str)  # type: ignore[misc]  # members built from a list

grammar_app = typer.Typer(
    name="grammar",
    help="Grammar and spelling through LanguageTool: set up the local LanguageTool, show what is used.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _fail(message: str) -> typer.Exit:
    print(f"lint-request: error: {message}", file=sys.stderr)
    return typer.Exit(EXIT_ERROR)


@grammar_app.command("setup")
def setup_command() -> None:
    """Download LanguageTool for the `local` mode (needs Java 17+; about 250 MB, once)."""
    from .local import SetupError, setup

    try:
        print(setup())
    except SetupError as exc:
        raise _fail(str(exc)) from None


def resolve_from_cli(config: object, mode: GrammarMode | None, url: str | None,
                     required: bool = False, variants: list[Variant] | None = None, *,
                     verbose: bool = False) -> GrammarSettings:
    """Settings from the grammar options of ``check``/``grammar status`` and the loaded config; exits 2 on bad values.

    ``verbose``: say that ``auto`` found no LanguageTool even when no grammar mode was chosen.
    """
    from .errors import GrammarConfigError
    from .settings import resolve_settings

    try:
        settings = resolve_settings(
            {"mode": mode.value if mode else None, "url": url, "required": required or None,
             "variants": tuple(v.value for v in variants or ())},
            config,
        )
    except GrammarConfigError as exc:
        raise _fail(str(exc)) from None
    return settings._replace(hints=True) if verbose else settings


def _local_line() -> tuple[str, bool]:
    from .local import MIN_JAVA, download_dir, installed_version, java_version

    version, java = installed_version(), java_version()
    java_text = f"Java {java}" if java else "no Java on PATH"
    if version is None:
        return f"not installed in {download_dir()} ({java_text}); `lint-request grammar setup` installs it", False
    if java is None or java < MIN_JAVA:
        return f"LanguageTool {version} in {download_dir()}, but {java_text} (needs Java {MIN_JAVA}+)", False
    return f"LanguageTool {version} in {download_dir()} ({java_text}); started for each run", True


def _probe(settings: GrammarSettings, mode: str) -> tuple[str, bool]:
    """Connect the way ``check`` does (the /v2/languages handshake) and say what answered."""
    from .adapter import connect
    from .errors import GrammarUnavailable, GrammarWrongAnswer

    try:
        client = connect(settings, mode)
    except GrammarWrongAnswer as exc:
        return f"answers, but not as LanguageTool: {exc}", False
    except GrammarUnavailable as exc:
        return f"not reachable: {exc}", False
    try:
        supported = [v for v in VARIANTS if v in client.languages]
        return f"reachable; {', '.join(supported) or 'none of ' + ', '.join(VARIANTS)} supported", bool(supported)
    finally:
        client.close()


@grammar_app.command("status")
def status_command(
    config: Annotated[str | None, typer.Option(metavar="PATH", help="Config file [default: nearest].")] = None,
    grammar: Annotated[GrammarMode | None, typer.Option("--grammar", help="Mode to report on [default: auto].")] = None,
    languagetool_url: Annotated[str | None, typer.Option("--languagetool-url", metavar="URL",
                                                            help="LanguageTool server root.")] = None,
) -> None:
    """Say which grammar mode is configured, what it resolves to, and whether it is reachable (exit 2 if not)."""
    from .._config import ConfigError, load_config

    try:
        cfg = load_config(config)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    settings = resolve_from_cli(cfg, grammar, languagetool_url)
    chosen = plan(settings)
    print(f"configured: {settings.mode}" + (f" (server {settings.url})" if settings.url else ""))
    print(f"uses:       {chosen.reason}")
    local_line, local_ok = _local_line()
    print(f"local:      {local_line}")
    usable = True
    if chosen.mode in ("server", "public"):
        line, usable = _probe(settings, chosen.mode)
        print(f"{chosen.mode + ':':<11} {line}")
    elif chosen.mode == "local":
        usable = local_ok
    variants = ", ".join(f"{lang} → {settings.variant_for(lang)}" for lang in ("de", "en"))
    print(f"languages:  {variants}; picky {'on' if settings.picky else 'off'}; timeout {settings.timeout:g} s")
    if settings.disabled_rules or settings.disabled_categories:
        print(f"disabled:   rules {', '.join(settings.disabled_rules) or '-'}; "
              f"categories {', '.join(settings.disabled_categories) or '-'}")
    raise typer.Exit(EXIT_OK if usable else EXIT_ERROR)
