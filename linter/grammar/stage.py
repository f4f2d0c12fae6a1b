"""The grammar step of ``check``, ``suggest`` and ``batch``: one session per run, one warning line.

All three commands print the same lines for the same situations (the ``auto`` hint, the public
API's privacy notice, the warning or, with ``--grammar-required``, the error), so they share this
step: ``check`` and ``suggest`` ask about all their texts at once (``check_texts``), ``batch``
chunk by chunk as rows come back from its workers (``GrammarStep``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..output import FileResult
from .settings import GrammarSettings, plan

if TYPE_CHECKING:
    from .session import GrammarOutcome, GrammarSession


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


class GrammarStep:
    """One command run's use of LanguageTool: the plan, one session, and what to tell the user.

    Create it before the texts are checked: it prints the public API's privacy notice at once,
    and an error when grammar is required but cannot run (``failed``; ``session`` is then None,
    as it is when grammar is off). Call ``check`` for each group of texts, then ``finish`` once:
    it closes the session and prints the hint of ``auto`` (with ``show_hints``, i.e. not with
    --quiet or JSON, and only with ``settings.hints``: --verbose or a mode chosen by name) or one line for all
    texts grammar was skipped for — a warning, or with
    ``settings.required`` an error and ``failed``. Never raises for LanguageTool trouble.
    """

    def __init__(self, settings: GrammarSettings, *, show_hints: bool) -> None:
        self.settings = settings
        self.show_hints = show_hints
        self.notes: list[str] = []
        """Lines for a JSON document's ``notes``."""
        self.failed = False
        self.texts = 0
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
        """LanguageTool's outcome for each text (none when grammar is off); counts the skipped ones."""
        if self.session is None:
            return []
        outcomes = self.session.check_many(texts, langs, known_words=known_words)
        self.texts += len(texts)
        for outcome in outcomes:
            if outcome.warning:
                self.skipped += 1
                self._first_warning = self._first_warning or outcome.warning
        return outcomes

    def finish(self) -> None:
        """Close the session and say, once, what the user must know."""
        if self.session is not None:
            self.session.close()
        if self._hint and self.show_hints and self.settings.hints:
            _say("info", self._hint)
        if not self.skipped:
            return
        skipped = (f"grammar check skipped for {self.skipped} of {self.texts} drafts"
                   if self.texts > 1 else "grammar check skipped")
        line = f"{skipped}: {self._first_warning}"
        _say("error" if self.settings.required else "warning", line)
        self.notes.append(line)
        self.failed = self.failed or self.settings.required


def check_texts(texts: Sequence[str], langs: Sequence[str], settings: GrammarSettings, *, show_hints: bool,
                known_words: Sequence[Iterable[str]] | None = None) -> GrammarRun:
    """Ask LanguageTool about every text; print the run's info, note, warning or error line on stderr.

    Never raises for LanguageTool trouble: an outcome without findings carries the reason, and
    one line sums them up — a warning, or with ``settings.required`` an error and ``failed``.
    ``show_hints`` prints the ``auto`` mode's "how to switch it on" line (not with --quiet or JSON).
    """
    step = GrammarStep(settings, show_hints=show_hints)
    outcomes = step.check(texts, langs, known_words)
    step.finish()
    return GrammarRun(outcomes, step.notes, step.failed)


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
        for r, o in zip(results, run.outcomes, strict=True)
    ]
    return GrammarStage(merged, run.notes, run.failed)
