"""The ``check`` command's work: read drafts, lint them, render, pick the exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from ._engine import Linter, matches_any
from ._io import InputError, read_listed
from ._model import Severity
from ._ruleset import RuleFileError
from .output import FileResult

if TYPE_CHECKING:
    from .grammar.settings import GrammarSettings

EXIT_OK = 0
"""Nothing at or above --fail-on."""
EXIT_FINDINGS = 1
"""Findings at or above --fail-on."""
EXIT_ERROR = 2
"""Usage, input or config error."""

LT_PREFIX = "LT:"
"""Rule ids of LanguageTool findings start with this; --select/--ignore accept them unchecked."""


class CheckOptions(NamedTuple):
    """Everything the check command was told, after config and command line are merged."""

    lang: str = "auto"
    platform: str = "generic"
    output_format: str = "text"
    fail_on: Severity = Severity.ERROR
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rulesets: tuple[str, ...] = ()
    exit_zero: bool = False
    quiet: bool = False
    color: bool = False
    grammar: GrammarSettings | None = None
    """LanguageTool settings; None leaves grammar out entirely (no notes, no lookups)."""


def _error(message: str) -> None:
    print(f"lint-request: error: {message}", file=sys.stderr)


def unknown_selectors(linter: Linter, selectors: Iterable[str]) -> list[str]:
    """The --select/--ignore values that name no rule of ``linter`` (``LT:`` ids always pass)."""
    ids = linter.ruleset.ids()
    return [s for s in selectors if not s.startswith(LT_PREFIX) and not any(matches_any(i, (s,)) for i in ids)]


def run_check(paths: list[str], options: CheckOptions) -> int:
    """Lint every path and print the results; returns the exit code."""
    try:
        linter = Linter(rulesets=options.rulesets, select=options.select, ignore=options.ignore)
    except RuleFileError as exc:
        _error(str(exc))
        return EXIT_ERROR
    unknown = unknown_selectors(linter, (*options.select, *options.ignore))
    if unknown:
        _error(f"unknown rule id or prefix {', '.join(map(repr, unknown))} in --select/--ignore; "
               "`lint-request rules` lists them")
        return EXIT_ERROR
    if not paths:
        _error("no drafts found (folders are searched for *.txt and *.md)")
        return EXIT_ERROR

    results: list[FileResult] = []
    errors: list[tuple[str, str]] = []
    for path in paths:
        try:
            draft = read_listed(path)
        except InputError as exc:
            shown = "<stdin>" if path == "-" else path
            errors.append((shown, str(exc)))
            _error(f"{shown}: {exc}")
            continue
        report = linter.lint(draft.text, lang=options.lang, platform=options.platform)
        results.append(FileResult(draft, report))
        if options.output_format != "json":
            for note in (draft.note, *report.notes):
                if note:
                    print(f"lint-request: note: {draft.display}: {note}", file=sys.stderr)

    notes: list[str] = []
    grammar_failed = False
    if options.grammar is not None and results:
        from .grammar.stage import add_grammar

        stage = add_grammar(results, options.grammar, keep=linter.is_selected,
                            show_hints=not options.quiet and options.output_format != "json")
        results, notes, grammar_failed = stage
    _render(results, errors, options, notes)
    if errors or grammar_failed:
        return EXIT_ERROR
    worst = max((r.report.max_severity() or 0 for r in results), default=0)
    if worst and worst >= options.fail_on and not options.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _render(results: list[FileResult], errors: list[tuple[str, str]], options: CheckOptions,
            notes: list[str]) -> None:
    if options.output_format == "json":
        from .output.json import render_json

        print(render_json(results, errors, notes))
    elif options.output_format == "github":
        from .output.github import render_github

        out = render_github(results)
        if out:
            print(out)
    else:
        from .output.text import render_file, summary

        lines = [line for r in results for line in render_file(r, color=options.color, quiet=options.quiet)]
        if lines:
            print("\n".join(lines))
        if not options.quiet and results:
            print(summary(results))
