"""The grammar step of ``check`` and ``batch``: one session per run, merged findings, one warning line."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..output import FileResult
from .settings import GrammarSettings, plan

if TYPE_CHECKING:
    from .session import GrammarOutcome, GrammarSession


class GrammarStage(NamedTuple):
    results: list[FileResult]
    notes: list[str]
    """Lines for the JSON document's ``notes``."""
    failed: bool
    """Grammar was required but did not run for every draft (exit 2)."""


def _say(kind: str, message: str) -> None:
    print(f"lint-request: {kind}: {message}", file=sys.stderr)


class GrammarRun:
    """One command run's use of LanguageTool: the plan, one session, and what to tell the user.

    Create it before the drafts are checked (it prints the public API's privacy notice at once,
    and an error when grammar is required but cannot run: ``failed``), call ``check`` for each
    group of drafts, then ``finish`` once: it closes the session and prints the hint of ``auto``
    or the one warning line for every draft grammar was skipped for.
    """

    def __init__(self, settings: GrammarSettings, *, show_hints: bool) -> None:
        self.settings = settings
        self.show_hints = show_hints
        self.notes: list[str] = []
        self.failed = False
        self.drafts = 0
        self.skipped = 0
        self._first_warning = ""
        self._hint = ""
        self.session: GrammarSession | None = None
        chosen = plan(settings)
        if chosen.mode == "off":  # decided without importing the session machinery: the cold path stays cheap
            if settings.required:
                _say("error", f"grammar check required, but {chosen.reason}")
                self.notes.append(chosen.reason)
                self.failed = True
            elif settings.mode == "auto":
                self._hint = chosen.reason
                self.notes.append(chosen.reason)
            return
        from .session import GrammarSession

        self.session = GrammarSession(settings, chosen)
        if self.session.notice:
            _say("note", self.session.notice)
            self.notes.append(self.session.notice)

    @property
    def requests_sent(self) -> int:
        return self.session.requests_sent if self.session else 0

    def check(self, texts: Sequence[str], langs: Sequence[str],
              known_words: Sequence[Iterable[str]] | None = None) -> list[GrammarOutcome]:
        """LanguageTool's outcome for each text (empty ones when grammar is off); counts the skipped."""
        from .session import GrammarOutcome

        if self.session is None:
            return [GrammarOutcome()] * len(texts)
        outcomes = self.session.check_many(texts, langs, known_words=known_words)
        self.drafts += len(texts)
        for outcome in outcomes:
            if outcome.warning:
                self.skipped += 1
                self._first_warning = self._first_warning or outcome.warning
        return outcomes

    def finish(self) -> None:
        """Close the session and say, once, what the user must know; sets ``failed`` when required."""
        if self.session is not None:
            self.session.close()
        if self._hint and self.show_hints:
            _say("info", self._hint)
        if not self.skipped:
            return
        skipped = (f"grammar check skipped for {self.skipped} of {self.drafts} drafts"
                   if self.drafts > 1 else "grammar check skipped")
        line = f"{skipped}: {self._first_warning}"
        _say("error" if self.settings.required else "warning", line)
        self.notes.append(line)
        self.failed = self.failed or self.settings.required


def add_grammar(results: list[FileResult], settings: GrammarSettings, *, show_hints: bool,
                keep: Callable[[str], bool] = lambda rule: True) -> GrammarStage:
    """Check every draft with LanguageTool and merge the findings ``keep`` accepts.

    When LanguageTool cannot be used the results come back unchanged, with one warning line on
    stderr — or, with ``settings.required``, one error line and ``failed``.
    """
    run = GrammarRun(settings, show_hints=show_hints)
    if run.session is None:
        run.finish()
        return GrammarStage(results, run.notes, run.failed)

    from .merge import merge_findings

    outcomes = run.check([r.draft.text for r in results], [r.report.lang for r in results])
    run.finish()
    merged = [
        FileResult(r.draft, merge_findings(r.report, (f for f in o.findings if keep(f.rule))))
        for r, o in zip(results, outcomes)
    ]
    return GrammarStage(merged, run.notes, run.failed)
