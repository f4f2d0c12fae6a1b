"""The ``suggest`` and ``fix`` commands' work, kept out of cli.py so its import stays light."""

from __future__ import annotations

import difflib
import json
import sys
from typing import TYPE_CHECKING, NamedTuple

from ._check import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from ._engine import Linter
from ._io import InputError, read_draft, read_listed, with_endings, write_text_atomic
from ._model import Finding, Recipient
from ._position import LineIndex
from ._recipient import known_words
from ._ruleset import RuleFileError

if TYPE_CHECKING:
    from .grammar.settings import GrammarSettings
    from .suggest import Suggestion


class EngineOptions(NamedTuple):
    """What both commands need to lint: language, platform, rule selection and extra rulesets."""

    lang: str = "auto"
    platform: str = "generic"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rulesets: tuple[str, ...] = ()


def _error(message: str) -> None:
    print(f"lint-request: error: {message}", file=sys.stderr)


def _linter(options: EngineOptions) -> Linter | None:
    try:
        return Linter(rulesets=options.rulesets, select=options.select, ignore=options.ignore)
    except RuleFileError as exc:
        _error(str(exc))
        return None


def run_suggest(path: str, options: EngineOptions, recipient: Recipient, *, variant: int | None,
                output_format: str, grammar: GrammarSettings | None = None) -> int:
    """Print the outline on stdout and the commentary on stderr (or everything as JSON on stdout)."""
    from .suggest import suggest

    linter = _linter(options)
    if linter is None:
        return EXIT_ERROR
    try:
        draft = read_draft(path)
    except InputError as exc:
        _error(f"{'<stdin>' if path == '-' else path}: {exc}")
        return EXIT_ERROR
    lang = None if options.lang == "auto" else options.lang
    result = suggest(draft.text, recipient=recipient, variant=variant, platform=options.platform, lang=lang,
                     linter=linter)
    typos: tuple[Finding, ...] = ()
    notes: list[str] = []
    grammar_failed = False
    if grammar is not None:
        typos, notes, grammar_failed = _grammar(draft.text, result, recipient, grammar, linter,
                                                show_hints=output_format != "json")
    code = EXIT_ERROR if grammar_failed else EXIT_OK
    index = LineIndex(draft.text)
    if output_format == "json":
        print(json.dumps({
            "version": 1,
            "path": draft.display,
            "lang": result.lang,
            "register": result.register or None,
            "outline": result.outline,
            "removed": [{"text": r.text, "rules": list(r.rules), "start": r.span.start, "end": r.span.end}
                        for r in result.removed],
            "inserted": [{"part": i.part, "text": i.text} for i in result.inserted],
            "merge_fields": [{"field": field, "value": value} for field, value in result.merge_fields],
            "score_before": result.score_before,
            "score_after": result.score_after,
            "grammar": [_grammar_json(f, index) for f in typos],
            "notes": [*result.notes, *notes],
        }, ensure_ascii=False, indent=2))
        return code
    print(result.outline)
    print(_commentary(draft.display, result, typos, index), file=sys.stderr)
    return code


def _grammar(text: str, result: Suggestion, recipient: Recipient, settings: GrammarSettings, linter: Linter, *,
             show_hints: bool) -> tuple[tuple[Finding, ...], list[str], bool]:
    """LanguageTool's findings on the draft that lie in sentences the outline keeps; notes; failed.

    The recipient's names are known words, not typos. Sentences the outline drops need no fixing.
    """
    from .grammar.stage import check_texts

    known = known_words(recipient.first_name, recipient.last_name, recipient.company)
    run = check_texts([text], [result.lang], settings, show_hints=show_hints, known_words=[known])
    dropped = [r.span for r in result.removed]
    findings = tuple(
        f for outcome in run.outcomes for f in outcome.findings
        if linter.is_selected(f.rule) and not any(s.start <= f.span.start and f.span.end <= s.end for s in dropped)
    )
    return findings, run.notes, run.failed


def _grammar_json(finding: Finding, index: LineIndex) -> dict[str, object]:
    line, column = index.line_col(finding.span.start)
    return {"rule": finding.rule, "severity": finding.severity.label, "category": finding.category,
            "message": finding.message, "match": finding.match, "replacements": list(finding.replacements),
            "start": finding.span.start, "end": finding.span.end, "line": line, "column": column}


def _commentary(display: str, result: Suggestion, typos: tuple[Finding, ...], index: LineIndex) -> str:
    register = {"sie": " (Sie)", "du": " (du)"}.get(result.register, "")
    lines = [f"{display}: outline in {result.lang}{register}"]
    if result.merge_fields:
        lines.append("Merge fields filled:")
        lines += [f"  {field} → {value}" for field, value in result.merge_fields]
    if result.removed:
        lines.append(f"Removed {len(result.removed)} sentence{'s' * (len(result.removed) != 1)}:")
        lines += [f"  - {_quote(r.text)}  ({', '.join(r.rules)})" for r in result.removed]
    if result.inserted:
        lines.append(f"Inserted {len(result.inserted)} sentence{'s' * (len(result.inserted) != 1)}:")
        lines += [f"  + {i.part}: {_quote(i.text)}" for i in result.inserted]
    if typos:
        lines.append(f"LanguageTool: {len(typos)} issue{'s' * (len(typos) != 1)} in the sentences kept "
                     "(line:column in the draft):")
        for f in typos:
            line, column = index.line_col(f.span.start)
            fix = f" → {f.replacements[0]!r}" if f.replacements else ""
            lines.append(f"  ! {line}:{column} {_quote(f.match)!r}{fix}: {f.message} ({f.rule})")
    lines += [f"Note: {note}" for note in result.notes]
    gaps = "once every [gap] is filled" if "[" in result.outline else "as it stands"
    lines.append(f"Score {result.score_before} → {result.score_after} {gaps}.")
    if "[" in result.outline:
        lines.append("Fill every [gap] before sending; `lint-request` flags any gap left.")
    return "\n".join(lines)


def _quote(text: str) -> str:
    return text.replace("\n", " / ")


def run_fix(paths: list[str], options: EngineOptions, *, diff: bool) -> int:
    """Apply safe fixes in place (atomically), or print them as a unified diff with ``diff``."""
    from .fix import apply_fixes, fixable

    linter = _linter(options)
    if linter is None:
        return EXIT_ERROR
    if not paths:
        _error("no drafts found (folders are searched for *.txt and *.md)")
        return EXIT_ERROR
    errors = changed = 0
    for path in paths:
        try:
            draft = read_listed(path)
        except InputError as exc:
            _error(f"{'<stdin>' if path == '-' else path}: {exc}")
            errors += 1
            continue
        lang = None if options.lang == "auto" else options.lang
        fixes = fixable(linter.lint(draft.text, lang=lang, platform=options.platform).findings)
        fixed = apply_fixes(draft.text, fixes)
        if fixed != draft.text:
            changed += 1
        if diff:
            sys.stdout.writelines(difflib.unified_diff(
                draft.text.splitlines(keepends=True), fixed.splitlines(keepends=True),
                fromfile=draft.display, tofile=draft.display))
        elif path == "-":
            sys.stdout.write(with_endings(fixed, draft.newline, draft.endings))
        elif fixed != draft.text:
            try:
                write_text_atomic(path, fixed, encoding=draft.encoding, newline=draft.newline,
                                  endings=draft.endings)
            except (OSError, UnicodeError) as exc:
                _error(f"{path}: cannot write the fixed draft: {getattr(exc, 'strerror', None) or exc}")
                errors += 1
                continue
        verb = "would fix" if diff else "fixed"
        print(f"{draft.display}: {verb} {len(fixes)} issue{'s' * (len(fixes) != 1)}"
              + "".join(f"\n  {f.rule}: {f.match!r} → {f.replacements[0]!r}" for f in fixes), file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if diff and changed else EXIT_OK
