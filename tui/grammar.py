"""LanguageTool in the editor: checks run in the background, findings count only for the text they were made for.

The app asks after every rule-based lint (``request``); the answer arrives as a
``GrammarChecked`` message and is taken only if the editor still holds that text
(``accept``). Until then the last accepted findings are shown where the text
around them is unchanged (``findings_for``), so they do not blink off while typing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from linter import Finding, Span
from linter.grammar.background import LatestOnly
from linter.grammar.session import GrammarOutcome, GrammarSession, without_known

from .messages import GrammarChecked


def carry_over(findings: tuple[Finding, ...], old: str, new: str) -> tuple[Finding, ...]:
    """The findings made for ``old`` that still stand in ``new``: those outside the edited stretch.

    Text before the first and after the last changed character is the same in both; a finding
    inside it, not even touching the edit, keeps its words (shifted by the length difference when
    it lies after the edit). The rest are dropped: ``Anfrge`` typed on to ``Anfrgex`` is another
    word, and only a new check can say what holds there.
    """
    if old == new:
        return findings
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    shift, edit_end = len(new) - len(old), len(old) - suffix
    kept = []
    for f in findings:
        if f.span.end < prefix:
            kept.append(f)
        elif f.span.start > edit_end:
            kept.append(_shifted(f, shift))
    return tuple(kept)


def _shifted(finding: Finding, shift: int) -> Finding:
    return replace(finding, span=Span(finding.span.start + shift, finding.span.end + shift))


class LiveGrammar:
    """One editor's LanguageTool checks: what was asked, what was accepted, and the state to show."""

    def __init__(self, session: GrammarSession, post: Callable[[GrammarChecked], object]) -> None:
        self.session = session
        self._latest = LatestOnly(session, lambda text, outcome: post(GrammarChecked(text, outcome)))
        self.pending: tuple[str, str] | None = None
        """The (text, language) last sent, until its answer is accepted."""
        self.checked: tuple[str, str] | None = None
        """The (text, language) that ``findings`` were made for."""
        self.findings: tuple[Finding, ...] = ()
        self.warning: str | None = None
        """Why the last check brought no findings (LanguageTool down, too slow, …), or None."""
        self.stale = 0
        """Answers dropped because the text had changed since they were asked for."""

    @property
    def status(self) -> str:
        """``Grammar: checking…``, ``Grammar: ok`` or ``Grammar: unavailable: why``."""
        if self.pending is not None:
            return "Grammar: checking…"
        if self.warning:
            return f"Grammar: unavailable: {self.warning}"
        return "Grammar: ok"

    def findings_for(self, text: str, known_words: Iterable[str] = ()) -> tuple[Finding, ...]:
        """LanguageTool's findings that hold in ``text``; the accepted ones carried over an edit.

        Spelling findings on ``known_words`` (the recipient's names) are left out: filtered here,
        not in the request, so a change of recipient applies at once, without a new check.
        """
        if self.checked is None:
            return ()
        return without_known(carry_over(self.findings, self.checked[0], text), known_words)

    def request(self, text: str, lang: str) -> bool:
        """Have ``text`` checked in the background unless it is already checked or on its way; never waits."""
        if (text, lang) in (self.pending, self.checked):
            return False
        self.pending = (text, lang)
        self._latest.submit(text, lang)
        return True

    def accept(self, text: str, outcome: GrammarOutcome, current: str) -> bool:
        """Take an answer for ``text`` if the editor still holds it (``current``); False when stale (dropped)."""
        if self.pending is None or self.pending[0] != text or text != current:
            self.stale += 1
            if self.pending is not None and self.pending[0] == text:
                self.pending = None  # its answer is gone: the same text, typed again, must be asked again
            return False
        self.checked, self.pending = self.pending, None
        self.findings, self.warning = outcome.findings, outcome.warning
        return True

    def close(self) -> None:
        """Stop asking; an answer still on its way is dropped (the session is the Checker's to close)."""
        self._latest.close()
        self.pending = None
