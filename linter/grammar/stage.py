"""The grammar step of ``lint-request check``: one session for all drafts, merged reports, one warning line."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NamedTuple

from ..output import FileResult
from .settings import GrammarSettings, plan


class GrammarStage(NamedTuple):
    results: list[FileResult]
    notes: list[str]
    """Lines for the JSON document's ``notes``."""
    failed: bool
    """Grammar was required but did not run for every draft (exit 2)."""


def _say(kind: str, message: str) -> None:
    print(f"lint-request: {kind}: {message}", file=sys.stderr)


def add_grammar(results: list[FileResult], settings: GrammarSettings, *, show_hints: bool,
                keep: Callable[[str], bool] = lambda rule: True) -> GrammarStage:
    """Check every draft with LanguageTool and merge the findings ``keep`` accepts.

    When LanguageTool cannot be used the results come back unchanged, with one warning line on
    stderr — or, with ``settings.required``, one error line and ``failed``.
    """
    notes: list[str] = []
    chosen = plan(settings)
    if chosen.mode == "off":  # decided without importing the session machinery: the cold path stays cheap
        if settings.required:
            _say("error", f"grammar check required, but {chosen.reason}")
            return GrammarStage(results, [chosen.reason], True)
        if settings.mode == "auto":
            if show_hints:
                _say("info", chosen.reason)
            notes.append(chosen.reason)
        return GrammarStage(results, notes, False)

    from .merge import merge_findings
    from .session import GrammarSession

    with GrammarSession(settings, chosen) as session:
        if session.notice:
            _say("note", session.notice)
            notes.append(session.notice)
        outcomes = session.check_many([r.draft.text for r in results], [r.report.lang for r in results])
    merged = [
        FileResult(r.draft, merge_findings(r.report, (f for f in o.findings if keep(f.rule))))
        for r, o in zip(results, outcomes)
    ]
    warnings = [o.warning for o in outcomes if o.warning]
    if not warnings:
        return GrammarStage(merged, notes, False)
    skipped = (f"grammar check skipped for {len(warnings)} of {len(results)} drafts"
               if len(results) > 1 else "grammar check skipped")
    line = f"{skipped}: {warnings[0]}"
    _say("error" if settings.required else "warning", line)
    return GrammarStage(merged, [*notes, line], settings.required)
