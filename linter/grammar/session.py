"""A grammar session: one LanguageTool connection per run, cached by text, never failing the lint."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Self

from .._model import Finding
from .errors import GrammarUnavailable
from .link import LanguageToolLink
from .settings import PUBLIC_API_HOST, GrammarSettings, Plan, plan

CACHE_SIZE = 10_000
"""Texts whose findings a session remembers (by SHA-256 of variant and text)."""

PUBLIC_NOTICE = (f"grammar: drafts are sent to the public LanguageTool API ({PUBLIC_API_HOST}) "
                 "and leave this machine")


@dataclass(frozen=True, slots=True)
class GrammarOutcome:
    """LanguageTool's findings for one text, or why there are none (``warning``, one line)."""

    findings: tuple[Finding, ...] = ()
    warning: str | None = None


_Result = tuple[Finding, ...] | GrammarUnavailable


def _key(text: str, variant: str) -> bytes:
    return hashlib.sha256(f"{variant}\n{text}".encode("utf-8", "surrogatepass")).digest()


def without_known(findings: tuple[Finding, ...], known_words: Iterable[str]) -> tuple[Finding, ...]:
    """Drop spelling findings on words the caller knows are right (the recipient's name, say)."""
    known = {w.casefold() for w in known_words if w}
    if not known:
        return findings
    return tuple(f for f in findings if not (f.category == "TYPOS" and f.match.casefold() in known))


class GrammarSession:
    """Checks texts with LanguageTool; use :func:`open_session`, then ``close()`` (or ``with``).

    ``check`` and ``check_many`` never raise for LanguageTool trouble: the outcome carries a
    one-line ``warning`` instead. The connection is opened lazily on the first check, so opening
    a session costs nothing and a TUI can create it on its UI thread. Thread-safe.
    """

    def __init__(self, settings: GrammarSettings, chosen: Plan) -> None:
        self.settings = settings
        self.mode = chosen.mode
        self.reason = chosen.reason
        self.notice = PUBLIC_NOTICE if self.mode == "public" else None
        """A line the user must see (privacy), even with --quiet."""
        self.hint = chosen.reason if settings.mode == "auto" and self.mode == "off" else None
        """An info line on how to switch grammar on; hidden by --quiet and --format json."""
        self._link = LanguageToolLink(settings, self.mode)
        self._cache: dict[bytes, tuple[Finding, ...]] = {}

    @property
    def requests_sent(self) -> int:
        """How many /v2/check requests went out (tests and benchmarks look at it)."""
        return self._link.requests_sent

    @property
    def enabled(self) -> bool:
        return self.mode != "off"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (and stop a local LanguageTool that this session started)."""
        self._link.close()

    def check(self, text: str, lang: str, *, known_words: Iterable[str] = ()) -> GrammarOutcome:
        """LanguageTool's findings for ``text`` (``lang``: ``de``, ``en`` or a variant such as ``de-CH``)."""
        return self._outcome(self._result(text, self.settings.variant_for(lang)), known_words)

    def check_many(self, texts: Sequence[str], langs: str | Sequence[str], *,
                   known_words: Sequence[Iterable[str]] | None = None) -> list[GrammarOutcome]:
        """Outcomes for ``texts`` in order; identical texts are sent once, at most ``concurrency`` at a time."""
        lang_list = [langs] * len(texts) if isinstance(langs, str) else list(langs)
        if len(lang_list) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(lang_list)} languages")
        jobs = [(text, self.settings.variant_for(lang)) for text, lang in zip(texts, lang_list, strict=True)]
        keys = [_key(text, variant) for text, variant in jobs]
        unique = dict(zip(keys, jobs, strict=True))
        results: dict[bytes, _Result] = {}
        pending = [k for k in unique if k not in self._cache]
        workers = 1 if self.mode == "public" else max(1, self.settings.concurrency)
        if self.enabled and len(pending) > 1 and workers > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(workers, len(pending)), thread_name_prefix="grammar") as pool:
                results.update(zip(pending, pool.map(lambda k: self._result(*unique[k]), pending), strict=True))
        results.update((k, self._result(*unique[k])) for k in unique if k not in results)
        words = known_words or [()] * len(texts)
        return [self._outcome(results[k], w) for k, w in zip(keys, words, strict=True)]

    @staticmethod
    def _outcome(result: _Result, known_words: Iterable[str]) -> GrammarOutcome:
        if isinstance(result, GrammarUnavailable):
            return GrammarOutcome(warning=str(result))
        return GrammarOutcome(findings=without_known(result, known_words))

    def _result(self, text: str, variant: str) -> _Result:
        """Findings for one text from the cache or LanguageTool, or the reason there are none."""
        if not self.enabled or not text.strip():
            return ()
        key = _key(text, variant)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        try:
            _, findings = self._link.check(text, variant)
        except GrammarUnavailable as exc:
            return exc
        if len(self._cache) >= CACHE_SIZE:  # a long TUI session: start over rather than grow without bound
            self._cache.clear()
        self._cache[key] = findings
        return findings


def open_session(settings: GrammarSettings) -> GrammarSession:
    """A session for ``settings``; disabled (``enabled`` False, every outcome empty) when grammar is off."""
    return GrammarSession(settings, plan(settings))
