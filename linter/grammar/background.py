"""Grammar for an editor: checks run in one background thread and only the newest text's result arrives."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from .session import GrammarOutcome, GrammarSession


class LatestOnly:
    """Submit the editor's text on every change; ``deliver(text, outcome)`` is called for the newest only.

    ``submit`` never blocks, so typing never waits for LanguageTool. A text replaced before its
    check starts is skipped; a result for a text replaced while it was checked is dropped.
    ``deliver`` runs in the worker thread: a Textual app passes ``app.call_from_thread`` in it,
    and should still compare ``text`` with the editor's text when the result is applied.
    """

    def __init__(self, session: GrammarSession, deliver: Callable[[str, GrammarOutcome], object]) -> None:
        self.session, self.deliver = session, deliver
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="grammar-latest")
        self._latest: tuple[str, str] | None = None
        self._lock = threading.Lock()

    def submit(self, text: str, lang: str) -> None:
        with self._lock:
            self._latest = (text, lang)
        self._pool.submit(self._run, text, lang)

    def _is_latest(self, text: str, lang: str) -> bool:
        with self._lock:
            return self._latest == (text, lang)

    def _run(self, text: str, lang: str) -> None:
        if not self._is_latest(text, lang):
            return
        outcome = self.session.check(text, lang)
        if self._is_latest(text, lang):
            self.deliver(text, outcome)

    def close(self) -> None:
        """Stop without waiting for a check in flight; its result is dropped."""
        with self._lock:
            self._latest = None
        self._pool.shutdown(wait=False, cancel_futures=True)
