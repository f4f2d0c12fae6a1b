"""The grammar step of ``check`` and ``suggest``: one session for all drafts, one warning line.

Both commands print the same lines for the same situations (the ``auto`` hint, the public API's
privacy notice, the warning or, with ``--grammar-required``, the error), so they share this step.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..output import FileResult
from .settings import GrammarSettings, plan

if TYPE_CHECKING:
    from .session import GrammarOutcome


class GrammarRun(NamedTuple):
    outcomes: list[GrammarOutcome]
    """One per text; empty when grammar is off (nothing was imported or asked)."""
    notes: list[str]
    """Lines for a JSON document's ``notes``."""
    failed: bool
    """Grammar was required but did not run for every text (exit 2)."""


class GrammarStage(NamedTuple):
    results: list[FileResult]
    notes: list[str]
    """Lines for the JSON document's ``notes``."""
    failed: bool
    """Grammar was required but did not run for every draft (exit 2)."""


def _say(kind: str, message: str) -> None:
    print(f"lint-request: {kind}: {message}", file=sys.stderr)


def check_texts(texts: Sequence[str], langs: Sequence[str], settings: GrammarSettings, *, show_hints: bool,
                known_words: Sequence[Iterable[str]] | None = None) -> GrammarRun:
    """Ask LanguageTool about every text; print the run's info, note, warning or error line on stderr.

    Never raises for LanguageTool trouble: an outcome without findings carries the reason, and
    one line sums them up — a warning, or with ``settings.required`` an error and ``failed``.
    ``show_hints`` prints the ``auto`` mode's "how to switch it on" line (not with --quiet or JSON).
    """
    notes: list[str] = []
    chosen = plan(settings)
    if chosen.mode == "off":  # decided without importing the session machinery: the cold path stays cheap
        if settings.required:
            _say("error", f"grammar check required, but {chosen.reason}")
            return GrammarRun([], [chosen.reason], True)
        if settings.mode == "auto":
            if show_hints:
                _say("info", chosen.reason)
            notes.append(chosen.reason)
        return GrammarRun([], notes, False)

    from .session import GrammarSession

    with GrammarSession(settings, chosen) as session:
        if session.notice:
            _say("note", session.notice)
            notes.append(session.notice)
        outcomes = session.check_many(texts, langs, known_words=known_words)
    warnings = [o.warning for o in outcomes if o.warning]
    if not warnings:
        return GrammarRun(outcomes, notes, False)
    skipped = (f"grammar check skipped for {len(warnings)} of {len(texts)} drafts"
               if len(texts) > 1 else "grammar check skipped")
    line = f"{skipped}: {warnings[0]}"
    _say("error" if settings.required else "warning", line)
    return GrammarRun(outcomes, [*notes, line], settings.required)


def add_grammar(results: list[FileResult], settings: GrammarSettings, *, show_hints: bool,
                keep: Callable[[str], bool] = lambda rule: True) -> GrammarStage:
    """Check every draft with LanguageTool and merge the findings ``keep`` accepts.

    When LanguageTool cannot be used the results come back unchanged, with one warning line on
    stderr — or, with ``settings.required``, one error line and ``failed``.
    """
    run = check_texts([r.draft.text for r in results], [r.report.lang for r in results], settings,
                      show_hints=show_hints)
    if not run.outcomes:
        return GrammarStage(results, run.notes, run.failed)

    from .merge import merge_findings

    merged = [
        FileResult(r.draft, merge_findings(r.report, (f for f in o.findings if keep(f.rule))))
        for r, o in zip(results, run.outcomes)
    ]
    return GrammarStage(merged, run.notes, run.failed)
