"""The ``lint-request`` command line.

``lint-request [OPTIONS] PATH...`` is short for ``lint-request check``. Exit
codes: 0 nothing at or above ``--fail-on``, 1 findings, 2 usage, input or
config error. Nothing here imports Textual or language_tool_python.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
import typer.core

from ._check import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, CheckOptions, run_check
from ._config import Config, ConfigError, load_config
from ._engine import SCORE_RULE
from ._io import expand_paths
from ._model import LANGS, PLATFORMS, Severity
from ._ruleset import RuleFileError
from ._version import __version__
from .grammar.commands import GrammarMode, Variant, grammar_app, resolve_from_cli
from .output import FORMATS

if TYPE_CHECKING:
    from ._ruleset import Ruleset
    from ._suggest_command import EngineOptions
    from .kinds import Rule

COMMANDS = ("check", "suggest", "fix", "batch", "rules", "rule", "check-rules", "grammar", "tui", "serve")

APP_SETTINGS: dict[str, Any] = {  # keyword arguments of typer.Typer
    "name": "lint-request",
    "help": "Lint networking contact requests (XING, LinkedIn, e-mail intros) before you send them.\n\n"
    "`lint-request [OPTIONS] PATH...` is short for `lint-request check [OPTIONS] PATH...`.",
    "add_completion": False,
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**APP_SETTINGS)
app.add_typer(grammar_app, name="grammar")


# Choices for typer, derived from the engine's own lists so they cannot drift.
Lang = Enum("Lang", {name: name for name in ("auto", *LANGS)}, type=str)  # type: ignore[misc]  # members built from a list
Platform = Enum("Platform", {name.replace("-", "_"): name for name in PLATFORMS}, type=str)  # type: ignore[misc]  # members built from a list
Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]  # members built from a list
Level = Enum("Level", {s.label: s.label for s in Severity}, type=str)  # type: ignore[misc]  # members built from a list

# The grammar options, shared by check, suggest, batch and tui (typer copies the option info per command).
GrammarOption = Annotated[GrammarMode | None, typer.Option(
    "--grammar", help="Grammar and spelling through LanguageTool: auto uses a configured server or an "
    "installed local LanguageTool, else none, quietly (--verbose says so; `lint-request grammar status` shows "
    "what is used) (env LINT_REQUEST_GRAMMAR) [default: auto].")]
LanguageToolUrlOption = Annotated[str | None, typer.Option(
    "--languagetool-url", metavar="URL",
    help="Your LanguageTool server's root, e.g. http://localhost:8081 (env LINT_REQUEST_LANGUAGETOOL_URL).")]
GrammarRequiredOption = Annotated[bool, typer.Option(
    "--grammar-required", help="Exit 2 when the grammar check cannot run (default: warn and go on).")]
VerboseOption = Annotated[bool, typer.Option(
    "--verbose", "-v", help="Also say what was left out, e.g. that no LanguageTool is configured so grammar "
    "and spelling were not checked (said anyway when a grammar mode is chosen by name).")]
GrammarLanguageOption = Annotated[list[Variant] | None, typer.Option(
    "--grammar-language", help="Language variant for LanguageTool (repeatable: one German, one English) "
    "[default: de-DE, en-US].")]


class _Command(typer.core.TyperCommand):
    """Usage lines as other tools write them: ``check [OPTIONS] PATH...``, not typer's ``{paths}...``."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                piece = (param.metavar or param.name or "").upper() + ("..." if param.nargs != 1 else "")
                pieces.append(piece if param.required else f"[{piece}]")
        return pieces


def fail(message: str) -> typer.Exit:
    """Print one error line to stderr and return the exit to raise."""
    print(f"lint-request: error: {message}", file=sys.stderr)
    return typer.Exit(EXIT_ERROR)


def _split(values: list[str] | None) -> tuple[str, ...]:
    """Accept both ``--ignore a,b`` and ``--ignore a --ignore b``."""
    return tuple(v.strip() for item in values or () for v in item.split(",") if v.strip())


def _use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _version(value: bool) -> None:
    if value:
        print(f"lint-request {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Lint networking contact requests before you send them."""


@app.command(cls=_Command, help="Lint drafts and report problems, the request's anatomy and a score.\n\n"
             f"The score is {SCORE_RULE}; an empty request scores 0.")
def check(
    paths: Annotated[list[str], typer.Argument(metavar="PATH",
                                               help="Draft files, folders of *.txt/*.md, or - for stdin.")],
    lang: Annotated[Lang | None, typer.Option(help="Language of the drafts [default: auto].")] = None,
    platform: Annotated[
        Platform | None, typer.Option(help="Where the request is sent; sets length limits [default: generic].")
    ] = None,
    output_format: Annotated[
        Format | None, typer.Option("--format", help="Output format [default: text].")
    ] = None,
    fail_on: Annotated[
        Level | None, typer.Option(help="Lowest severity that makes the exit code 1 [default: error].")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(metavar="IDS", help="Only these rule ids or prefixes (comma-separated).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(metavar="IDS", help="Skip these rule ids or prefixes (comma-separated).")
    ] = None,
    ruleset: Annotated[
        list[Path] | None, typer.Option(help="Add a rule file or folder of rule files (repeatable).")
    ] = None,
    config: Annotated[str | None, typer.Option(metavar="PATH", help="Config file [default: nearest .lint-request.toml "
                                                  "or pyproject.toml with [tool.lint-request]].")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the findings.")] = False,
    verbose: VerboseOption = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (also: NO_COLOR=1).")] = False,
    grammar: GrammarOption = None,
    languagetool_url: LanguageToolUrlOption = None,
    grammar_required: GrammarRequiredOption = False,
    grammar_language: GrammarLanguageOption = None,
) -> None:
    cfg = _load_config(config)
    grammar_settings = resolve_from_cli(cfg, grammar, languagetool_url, grammar_required, grammar_language,
                                        verbose=verbose)
    options = CheckOptions(
        lang=(lang.value if lang else cfg.lang) or "auto",
        platform=(platform.value if platform else cfg.platform) or "generic",
        output_format=(output_format.value if output_format else cfg.format) or "text",
        fail_on=Severity.parse((fail_on.value if fail_on else cfg.fail_on) or "error"),
        select=_split(select) or cfg.select,
        ignore=_split(ignore) or cfg.ignore,
        rulesets=(*cfg.rulesets, *(str(p) for p in ruleset or ())),
        exit_zero=exit_zero,
        quiet=quiet,
        color=_use_color(no_color),
        grammar=grammar_settings,
    )
    raise typer.Exit(run_check(expand_paths(paths), options))


def _load_config(config: str | None) -> Config:
    """The config file (``--config PATH`` or the nearest); exits 2 with one line when it cannot be used."""
    try:
        return load_config(config)
    except ConfigError as exc:
        raise fail(str(exc)) from None


def _engine_options(cfg: Config, lang: Lang | None, platform: Platform | None,
                    select: list[str] | None, ignore: list[str] | None, ruleset: list[Path] | None) -> EngineOptions:
    """Language, platform, selection and rulesets from the command line, falling back to the config file."""
    from ._suggest_command import EngineOptions

    return EngineOptions(
        lang=(lang.value if lang else cfg.lang) or "auto",
        platform=(platform.value if platform else cfg.platform) or "generic",
        select=_split(select) or cfg.select,
        ignore=_split(ignore) or cfg.ignore,
        rulesets=(*cfg.rulesets, *(str(p) for p in ruleset or ())),
    )


Address = Enum("Address", {"sie": "sie", "du": "du"}, type=str)
TextOrJson = Enum("TextOrJson", {"text": "text", "json": "json"}, type=str)


@app.command("suggest", cls=_Command)
def suggest_command(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The draft, or - for stdin.")] = "-",
    name: Annotated[str, typer.Option(help='Recipient\'s name, e.g. "Frau Anna Berger" or "Jan".')] = "",
    company: Annotated[str, typer.Option(help="Recipient's company.")] = "",
    met: Annotated[str, typer.Option(help='Where you met, e.g. "Barcamp Köln, März".')] = "",
    offer: Annotated[str, typer.Option(help='What you offer, e.g. "unsere Testergebnisse".')] = "",
    address: Annotated[Address | None, typer.Option(help="Sie or du [default: as the draft uses].")] = None,
    variant: Annotated[int | None, typer.Option(help="Pick phrasings by this number (reproducible) "
                                                  "[default: derived from the draft].")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of the draft [default: auto].")] = None,
    platform: Annotated[Platform | None, typer.Option(help="Where the request is sent [default: generic].")] = None,
    output_format: Annotated[TextOrJson | None, typer.Option("--format", help="text or json.")] = None,
    ruleset: Annotated[list[Path] | None, typer.Option(help="Add a rule file or folder (repeatable).")] = None,
    config: Annotated[str | None, typer.Option(metavar="PATH", help="Config file.")] = None,
    verbose: VerboseOption = False,
    grammar: GrammarOption = None,
    languagetool_url: LanguageToolUrlOption = None,
    grammar_required: GrammarRequiredOption = False,
    grammar_language: GrammarLanguageOption = None,
) -> None:
    """Rework a draft into an outline: the outline on stdout, what changed and why on stderr.

    Sentences that carry only anti-patterns are dropped; every missing part (greeting,
    how you know each other, why now, your offer, the ask, thanks, sign-off) gets a
    sentence with [gaps] to fill. LanguageTool's findings in the sentences kept are
    listed too. `lint-request suggest draft.txt > better.txt`.
    """
    from ._recipient import recipient_from
    from ._suggest_command import run_suggest

    cfg = _load_config(config)
    options = _engine_options(cfg, lang, platform, None, None, ruleset)
    grammar_settings = resolve_from_cli(cfg, grammar, languagetool_url, grammar_required, grammar_language,
                                        verbose=verbose)
    recipient = recipient_from(name, company=company, met=met, offer=offer,
                               address=address.value if address else "")
    raise typer.Exit(run_suggest(path, options, recipient, variant=variant,
                                 output_format=output_format.value if output_format else "text",
                                 grammar=grammar_settings))


@app.command("fix", cls=_Command)
def fix_command(
    paths: Annotated[list[str], typer.Argument(metavar="PATH",
                                               help="Draft files, folders of *.txt/*.md, or - for stdin.")],
    diff: Annotated[bool, typer.Option("--diff", help="Show the fixes as a unified diff; change nothing "
                                       "(exit 1 if there is something to fix).")] = False,
    lang: Annotated[Lang | None, typer.Option(help="Language of the drafts [default: auto].")] = None,
    select: Annotated[list[str] | None, typer.Option(metavar="IDS", help="Only these rule ids or prefixes.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(metavar="IDS", help="Skip these rule ids or prefixes.")] = None,
    ruleset: Annotated[list[Path] | None, typer.Option(help="Add a rule file or folder (repeatable).")] = None,
    config: Annotated[str | None, typer.Option(metavar="PATH", help="Config file.")] = None,
) -> None:
    """Apply safe fixes (spelling such as daß → dass, doubled spaces, the comma after the greeting).

    Files are rewritten atomically, in their own encoding and newline style; content
    sentences are never touched (that is `lint-request suggest`). With - the fixed
    draft goes to stdout.
    """
    from ._suggest_command import run_fix

    options = _engine_options(_load_config(config), lang, None, select, ignore, ruleset)
    raise typer.Exit(run_fix(expand_paths(paths), options, diff=diff))


def _named(help_text: str, metavar: str = "NAME") -> typer.models.OptionInfo:
    # typer.Option is declared to return Any so it can stand as a parameter default; it builds an OptionInfo.
    return cast(typer.models.OptionInfo, typer.Option(metavar=metavar, help=help_text))


Name = str | None  # a column, sheet, path or encoding name given on the command line


@app.command("batch", cls=_Command)
def batch_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The export: .csv/.tsv/.txt, .xlsx or .jsonl.",
                                         show_default=False)],
    out: Annotated[Name, _named("Annotated copy [default: NAME.checked.EXT beside FILE].", "PATH")] = None,
    message_column: Annotated[Name, _named("Column with the message.")] = None,
    first_name_column: Annotated[Name, _named("Column with the recipient's first name.")] = None,
    last_name_column: Annotated[Name, _named("Column with the recipient's last name.")] = None,
    salutation_column: Annotated[Name, _named("Column with Frau/Herr, Ms/Mr.")] = None,
    company_column: Annotated[Name, _named("Column with the recipient's company.")] = None,
    met_column: Annotated[Name, _named("Column with where you met.")] = None,
    address_column: Annotated[Name, _named("Column with Sie or du.")] = None,
    platform_column: Annotated[Name, _named("Column with the platform of each row.")] = None,
    sheet: Annotated[Name, _named("XLSX sheet name or number [default: the first].")] = None,
    delimiter: Annotated[Name, _named("CSV delimiter [default: detected].", "CHAR")] = None,
    encoding: Annotated[Name, _named("CSV encoding [default: detected].")] = None,
    max_same: Annotated[int | None, typer.Option(min=1, help="Most rows one text may go to [default: 3].")] = None,
    similarity: Annotated[
        float | None, typer.Option(min=0.01, max=1.0, help="Near-duplicate threshold [default: 0.9].")
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes [default: CPU count].")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of the drafts [default: auto].")] = None,
    platform: Annotated[
        Platform | None, typer.Option(help="Platform of rows without one [default: generic].")
    ] = None,
    output_format: Annotated[
        TextOrJson | None, typer.Option("--format", help="Summary as text on stderr, or JSON on stdout.")
    ] = None,
    fail_on: Annotated[Level | None, typer.Option(help="Lowest severity that fails a row [default: error].")] = None,
    select: Annotated[list[str] | None, _named("Only these rule ids or prefixes.", "IDS")] = None,
    ignore: Annotated[list[str] | None, _named("Skip these rule ids or prefixes.", "IDS")] = None,
    ruleset: Annotated[list[Path] | None, typer.Option(help="Add a rule file or folder (repeatable).")] = None,
    config: Annotated[Name, _named("Config file.", "PATH")] = None,
    verbose: VerboseOption = False,
    grammar: GrammarOption = None,
    languagetool_url: LanguageToolUrlOption = None,
    grammar_required: GrammarRequiredOption = False,
    grammar_language: GrammarLanguageOption = None,
) -> None:
    """Check every row of a CRM export before sending; writes an annotated copy (see docs/crm-workflow.md)."""
    from .batch.config import validate_batch
    from .batch.run import BatchOptions, run_batch

    cfg = _load_config(config)
    engine = _engine_options(cfg, lang, platform, select, ignore, ruleset)
    try:
        bcfg = validate_batch(cfg.batch, cfg.path)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    grammar_settings = resolve_from_cli(cfg, grammar, languagetool_url, grammar_required, grammar_language,
                                        verbose=verbose)
    flags = {"message": message_column, "first_name": first_name_column, "last_name": last_name_column,
             "salutation": salutation_column, "company": company_column, "met": met_column,
             "address": address_column, "platform": platform_column}
    options = BatchOptions(
        path=file,
        out=out,
        output_format=(output_format.value if output_format else bcfg.format) or "text",
        fail_on=Severity.parse((fail_on.value if fail_on else cfg.fail_on) or "error"),
        columns={**bcfg.columns, **{k: v for k, v in flags.items() if v}},
        sheet=sheet or bcfg.sheet,
        delimiter=delimiter or bcfg.delimiter,
        encoding=encoding or bcfg.encoding,
        max_same=max_same or bcfg.max_same or 3,
        similarity=similarity or bcfg.similarity or 0.9,
        jobs=jobs or bcfg.jobs or 0,
        grammar=grammar_settings,
        **engine._asdict(),
    )
    raise typer.Exit(run_batch(options))


@app.command("rules", cls=_Command)
def rules_command(
    lang: Annotated[Lang | None, typer.Option(help="Only rules of this language.")] = None,
    output_format: Annotated[Format | None, typer.Option("--format", help="text or json.")] = None,
    ruleset: Annotated[list[Path] | None, typer.Option(help="Include a user rule file or folder.")] = None,
) -> None:
    """List every rule: id, language, kind, severity and message."""
    import json

    ruleset_obj = _load_rules(ruleset)
    rules = [r for r in ruleset_obj.all() if lang in (None, Lang["auto"]) or r.lang == lang.value]
    if output_format == Format["json"]:
        print(json.dumps([_rule_json(r) for r in rules], ensure_ascii=False, indent=2))
        return
    width = max((len(r.id) for r in rules), default=10)
    for r in rules:
        print(f"{r.id:<{width}}  {r.lang}  {r.kind:<12}  {r.severity.label:<7}  {r.describe(r.message)}")


def _rule_json(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "lang": rule.lang,
        "kind": rule.kind,
        "severity": rule.severity.label,
        "message": rule.describe(rule.message),
        "suggestion": rule.describe(rule.suggestion),
        "why": rule.why,
        "source": rule.source,
        "part": getattr(rule, "part", None),
    }


def _load_rules(paths: list[Path] | None) -> Ruleset:
    from ._ruleset import load_ruleset

    try:
        return load_ruleset(list(paths or ()))
    except RuleFileError as exc:
        raise fail(str(exc)) from None


_RULE_HEADINGS = {
    "en": ("What it does", "Anatomy part", "Why it hurts", "Example", "Instead", "Source", "(none)"),
    "de": ("Was die Regel tut", "Teil der Anfrage", "Warum es schadet", "Beispiel", "Stattdessen", "Quelle",
           "(keines)"),
}
"""The headings of ``lint-request rule``, in the language of the rule they explain."""


@app.command("rule", cls=_Command)
def rule_command(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="A rule id, e.g. profile-visit.")],
    lang: Annotated[Lang | None, typer.Option(help="Which language's version to show [default: all].")] = None,
    ruleset: Annotated[list[Path] | None, typer.Option(help="Include a user rule file or folder.")] = None,
) -> None:
    """Explain one rule: what it does, why it hurts, an example and what to write instead."""
    found = [r for r in _load_rules(ruleset).find(rule_id) if lang in (None, Lang["auto"]) or r.lang == lang.value]
    if not found:
        raise fail(f"unknown rule {rule_id!r}; `lint-request rules` lists them all")
    from .kinds import WHAT

    blocks = []
    for r in found:
        what, part_label, why, example_label, instead, source, none = _RULE_HEADINGS.get(r.lang, _RULE_HEADINGS["en"])
        example = r.examples["fail"][0][0] if r.examples["fail"] else ""
        part = f" {part_label}: {rule_part}." if (rule_part := getattr(r, "part", None)) else ""
        kind_text = WHAT[r.kind].get(r.lang) or WHAT[r.kind]["en"]
        blocks.append("\n".join([
            f"{r.id} [{r.lang}] ({r.kind}, {r.severity.label})",
            "",
            what,
            f"  {kind_text}{part} {r.describe(r.message)}",
            why,
            f"  {r.why}",
            example_label,
            f"  {example!r}" if example else f"  {none}",
            instead,
            f"  {r.describe(r.suggestion)}",
            *([source, f"  {r.source}"] if r.source else []),
        ]))
    print("\n\n".join(blocks))


@app.command("check-rules", cls=_Command)
def check_rules(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Rule files or folders to validate.")],
) -> None:
    """Validate a user ruleset and run every rule's examples."""
    from ._engine import Linter
    from ._examples import example_failures
    from ._ruleset import sources

    try:
        _, user = sources(paths)
        user_ids = {(s["lang"], s["id"]) for s in user.specs()} if user is not None else set()
        linter = Linter(rulesets=[str(p) for p in paths])
    except RuleFileError as exc:
        raise fail(str(exc)) from None
    rules = [r for r in linter.ruleset.all() if (r.lang, r.id) in user_ids]
    problems = [line for r in rules for line in example_failures(linter, r)]
    thin = [f"{r.lang}/{r.id}: has fewer than 3 fail or pass examples" for r in rules
            if len(r.examples["fail"]) < 3 or len(r.examples["pass"]) < 3]
    for line in problems + thin:
        print(line)
    examples = sum(len(r.examples["fail"]) + len(r.examples["pass"]) for r in rules)
    print(f"{len(rules)} rule{'s' if len(rules) != 1 else ''} valid, {examples} examples run, "
          f"{len(problems)} failed, {len(thin)} with too few examples.", file=sys.stderr)
    raise typer.Exit(EXIT_FINDINGS if problems else EXIT_OK)


@app.command("tui", cls=_Command)
def tui_command(
    path: Annotated[str | None, typer.Argument(
        metavar="PATH",
        help="The draft to edit; a file that does not exist yet is created on save. Omitted: a new, unnamed draft.",
    )] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of the draft [default: auto].")] = None,
    platform: Annotated[
        Platform | None, typer.Option(help="Where the request is sent; sets the counter's limit [default: generic].")
    ] = None,
    ruleset: Annotated[
        list[Path] | None, typer.Option(help="Add a rule file or folder of rule files (repeatable).")
    ] = None,
    config: Annotated[str | None, typer.Option(metavar="PATH", help="Config file (as for check).")] = None,
    grammar: GrammarOption = None,
    languagetool_url: LanguageToolUrlOption = None,
    grammar_language: GrammarLanguageOption = None,
) -> None:
    """Edit a draft in the terminal and watch the findings, anatomy and score update as you type."""
    try:
        import textual  # noqa: F401 - only to fail early with a clear message
    except ImportError:
        raise fail("the TUI needs Textual: pip install textual") from None
    cfg = _load_config(config)
    grammar_settings = resolve_from_cli(cfg, grammar, languagetool_url, False, grammar_language)
    from tui.app import create_app
    from tui.files import InputError

    from ._engine import Linter

    try:
        linter = Linter(rulesets=(*cfg.rulesets, *(str(p) for p in ruleset or ())), select=cfg.select,
                        ignore=cfg.ignore)
        tui_app = create_app(path, lang=(lang.value if lang else cfg.lang) or "auto",
                             platform=(platform.value if platform else cfg.platform) or "generic", linter=linter,
                             grammar=grammar_settings)
    except RuleFileError as exc:
        raise fail(str(exc)) from None
    except InputError as exc:
        raise fail(f"{path}: {exc}") from None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise fail("the TUI needs a terminal (stdin and stdout must not be redirected)")
    tui_app.run()


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback lets others reach it.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: a free one).")] = 8081,
    allow_origin: Annotated[list[str] | None, typer.Option(
        metavar="ORIGIN", help="Web origins that may call the server from a page (repeatable) [default: any].")] = None,
    max_text_length: Annotated[int, typer.Option(help="Longest text per check, in characters.")] = 50_000,
    timeout: Annotated[float, typer.Option(help="Seconds a check may take (waiting for "
                                           "LanguageTool included).")] = 15.0,
    platform: Annotated[Platform | None, typer.Option(help="Length limits to apply [default: generic].")] = None,
    ruleset: Annotated[list[Path] | None, typer.Option(help="Add a rule file or folder (repeatable).")] = None,
    config: Annotated[str | None, typer.Option(metavar="PATH", help="Config file.")] = None,
    grammar: GrammarOption = None,
    languagetool_url: LanguageToolUrlOption = None,
    grammar_language: GrammarLanguageOption = None,
) -> None:
    """Serve LanguageTool's HTTP API, so LanguageTool clients (browser extension, LibreOffice, LTeX,
    Obsidian) show lint-request's findings; see docs/serve.md."""
    from .serve.command import run_serve

    cfg = _load_config(config)
    grammar_settings = resolve_from_cli(cfg, grammar, languagetool_url, False, grammar_language)
    raise typer.Exit(run_serve(cfg, host=host, port=port, origins=tuple(allow_origin or ()),
                               max_text_length=max_text_length, timeout=timeout,
                               platform=platform.value if platform else None,
                               rulesets=tuple(str(p) for p in ruleset or ()), grammar=grammar_settings))


def _route(argv: list[str]) -> list[str]:
    """Make ``check`` the default command: ``lint-request draft.txt`` means ``lint-request check draft.txt``."""
    if not argv or argv[0] in COMMANDS:
        return argv
    if all(arg in ("--help", "-h", "--version") for arg in argv):
        return argv
    return ["check", *argv]


def _only(name: str) -> typer.Typer:
    """The app with just the command ``name``: building every command's click object costs start-up time."""
    # Every command is registered with @app.command, so each has a callback.
    chosen = [c for c in app.registered_commands
              if (c.name or c.callback.__name__) == name]  # type: ignore[union-attr]  # never None, see above
    if not chosen:
        return app  # a sub-app such as `grammar`, an option, or a typo: the full app says what is wrong
    single = typer.Typer(**APP_SETTINGS)
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


def _serve_main(command: Any, args: list[str]) -> int:
    """``serve`` reports a bad flag in one line, like its other start-up errors (a service log reads better)."""
    # click's UsageError, found through the one subclass typer exports (typer may vendor click).
    usage_error: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
    try:
        code = command.main(args=args, prog_name="lint-request", standalone_mode=False)
    except usage_error as exc:
        message = exc.format_message()  # type: ignore[attr-defined]  # click's UsageError, found at run time
        print(f"lint-request: error: serve: {message}", file=sys.stderr)
        return EXIT_ERROR
    return code if isinstance(code, int) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the CLI in-process and return its exit code (tests call this)."""
    args = _route(list(sys.argv[1:] if argv is None else argv))
    try:
        command = typer.main.get_command(_only(args[0]) if args else app)
        if args[:1] == ["serve"]:
            return _serve_main(command, args)
        command.main(args=args, prog_name="lint-request", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_ERROR)
    except KeyboardInterrupt:
        print("lint-request: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("LINT_REQUEST_DEBUG"):
            raise
        print(f"lint-request: internal error: {type(exc).__name__}: {exc} "
              "(set LINT_REQUEST_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
