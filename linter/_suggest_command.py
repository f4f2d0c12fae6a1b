"""The ``suggest`` and ``fix`` commands' work, kept out of cli.py so its import stays light."""

from __future__ import annotations

import difflib
import json
import sys
from typing import NamedTuple

from ._check import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from ._engine import Linter
from ._io import InputError, read_draft, write_text_atomic
from ._model import Recipient
from ._ruleset import RuleFileError


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
                output_format: str) -> int:
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
    if output_format == "json":
        print(json.dumps({
            "version": 1,
            "path": draft.display,
            "lang": result.lang,
            "register": result.register,
            "outline": result.outline,
            "removed": [{"text": r.text, "rules": list(r.rules), "start": r.span.start, "end": r.span.end}
                        for r in result.removed],
            "inserted": [{"part": i.part, "text": i.text} for i in result.inserted],
            "merge_fields": [{"field": field, "value": value} for field, value in result.merge_fields],
            "score_before": result.score_before,
            "score_after": result.score_after,
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(result.outline)
    print(_commentary(draft.display, result), file=sys.stderr)
    return EXIT_OK


def _commentary(display: str, result) -> str:  # type: ignore[no-untyped-def]
    register = {"sie": "Sie", "du": "du"}[result.register] if result.lang == "de" else result.lang
    lines = [f"{display}: outline in {result.lang} ({register})"]
    if result.merge_fields:
        lines.append("Merge fields filled:")
        lines += [f"  {field} → {value}" for field, value in result.merge_fields]
    if result.removed:
        lines.append(f"Removed {len(result.removed)} sentence{'s' * (len(result.removed) != 1)}:")
        lines += [f"  - {_quote(r.text)}  ({', '.join(r.rules)})" for r in result.removed]
    if result.inserted:
        lines.append(f"Inserted {len(result.inserted)} sentence{'s' * (len(result.inserted) != 1)}:")
        lines += [f"  + {i.part}: {_quote(i.text)}" for i in result.inserted]
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
            draft = read_draft(path)
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
            sys.stdout.write(fixed.replace("\n", draft.newline))
        elif fixed != draft.text:
            try:
                write_text_atomic(path, fixed, encoding=draft.encoding, newline=draft.newline)
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
