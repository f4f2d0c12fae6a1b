"""Forward a check to the configured LanguageTool and keep its matches as it sent them.

The connection, timeouts, status handling and one-line reasons are the grammar layer's
(``linter.grammar.adapter``), and so are the settings (``--languagetool-url``, environment,
config). Unlike ``check``, the server hands LanguageTool's matches on to a LanguageTool
client, so they stay raw JSON here, with their spans in the linted text for merging.
LanguageTool down, slow, failing or talking nonsense: no matches and a one-line warning.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, NamedTuple

from ..grammar.errors import GrammarUnavailable
from ..grammar.link import LanguageToolLink
from ..grammar.offsets import Utf16Index
from ..grammar.session import PUBLIC_NOTICE
from ..grammar.settings import GrammarSettings, Plan

CACHE_SIZE = 2_000
"""Answers remembered by text, language and parameters: the browser extension asks again on every pause."""


class Forwarded(NamedTuple):
    """LanguageTool's matches with their ``(start, end)`` in the linted text, or why there are none."""

    matches: tuple[tuple[int, int, dict[str, Any]], ...] = ()
    warning: str | None = None


class LanguageToolProxy:
    """One connection to LanguageTool for the server's lifetime; ``ask`` is blocking and thread-safe."""

    def __init__(self, settings: GrammarSettings, chosen: Plan) -> None:
        self.settings = settings
        self.mode = chosen.mode
        self.description = chosen.reason
        self.notice = PUBLIC_NOTICE if self.mode == "public" else None
        self._link = LanguageToolLink(settings, self.mode)
        self._cache: OrderedDict[tuple[str, ...], tuple[tuple[int, int, dict[str, Any]], ...]] = OrderedDict()
        self._cache_lock = threading.Lock()

    @property
    def requests_sent(self) -> int:
        return self._link.requests_sent

    def close(self) -> None:
        self._link.close()

    def ask(self, text: str, code: str, params: dict[str, str], known_words: tuple[str, ...] = ()) -> Forwarded:
        """LanguageTool's matches for ``text`` in language ``code``; never raises for LanguageTool trouble."""
        if not text.strip():
            return Forwarded()
        key = (code, text, *sorted(f"{k}={v}" for k, v in params.items()))
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
        if cached is None:
            try:
                cached = self._fetch(text, code, params)
            except GrammarUnavailable as exc:
                return Forwarded(warning=str(exc))
            with self._cache_lock:
                self._cache[key] = cached
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return Forwarded(_without_known(cached, text, known_words))

    def _fetch(self, text: str, code: str, params: dict[str, str]) -> tuple[tuple[int, int, dict[str, Any]], ...]:
        answer, _ = self._link.check(text, code, params)  # the findings only validate the matches here
        index = Utf16Index(text)
        return tuple((*index.span(match["offset"], match["length"]), match) for match in answer["matches"])


def _without_known(matches: tuple[tuple[int, int, dict[str, Any]], ...], text: str,
                   known_words: tuple[str, ...]) -> tuple[tuple[int, int, dict[str, Any]], ...]:
    """Drop spelling matches on the names the request's metaData vouches for."""
    known = {w.casefold() for w in known_words if w}
    if not known:
        return matches
    return tuple(m for m in matches if not (_category(m[2]) == "TYPOS" and text[m[0]:m[1]].casefold() in known))


def _category(match: dict[str, Any]) -> str:
    category = (match.get("rule") or {}).get("category")
    return category.get("id", "") if isinstance(category, dict) else ""


def open_proxy(settings: GrammarSettings) -> LanguageToolProxy | None:
    """A proxy when the grammar settings name a LanguageTool, else None (no import of the client library)."""
    from ..grammar.settings import plan

    chosen = plan(settings)
    if chosen.mode == "off":
        return None
    return LanguageToolProxy(settings, chosen)
