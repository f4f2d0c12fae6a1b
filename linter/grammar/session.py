"""A grammar session: one LanguageTool connection per run, cached by text, never failing the lint."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Self

from .._model import Finding
from .errors import GrammarRateLimited, GrammarTextRefused, GrammarUnavailable
from .mapping import ProtocolError, findings_from_response
from .settings import PUBLIC_API_HOST, GrammarSettings, Plan, plan

COOLDOWN = 30.0
"""Seconds a session stops asking an unreachable LanguageTool, so a batch fails fast and a TUI recovers."""

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
        self._client: Any = None
        self._connect_lock = threading.Lock()
        self._cache: dict[bytes, tuple[Finding, ...]] = {}
        self._paused_until = 0.0
        self._pause_reason = ""
        self._budget = None
        if self.mode == "public":
            from .ratelimit import RequestBudget

            self._budget = RequestBudget()
        self._count_lock = threading.Lock()
        self.requests_sent = 0
        """How many /v2/check requests went out (tests and benchmarks look at it)."""

    @property
    def enabled(self) -> bool:
        return self.mode != "off"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (and stop a local LanguageTool that this session started)."""
        with self._connect_lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

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
            findings = self._ask(text, variant)
        except GrammarUnavailable as exc:
            return exc
        if len(self._cache) >= CACHE_SIZE:  # a long TUI session: start over rather than grow without bound
            self._cache.clear()
        self._cache[key] = findings
        return findings

    def _ask(self, text: str, variant: str) -> tuple[Finding, ...]:
        client = self._connected()
        if self._budget is not None:
            refusal = self._budget.refuse(text)
            if refusal:
                raise GrammarTextRefused(refusal)
        with self._count_lock:
            self.requests_sent += 1
        try:
            return findings_from_response(client.check_raw(text, variant), text, variant)
        except GrammarTextRefused:
            raise
        except ProtocolError as exc:
            reason, wait = f"{client.where} sent an answer that is not LanguageTool's ({exc})", COOLDOWN
        except GrammarRateLimited as exc:
            reason, wait = str(exc), exc.retry_after
        except GrammarUnavailable as exc:
            reason, wait = str(exc), COOLDOWN
        except Exception as exc:  # noqa: BLE001 - a grammar check must never break the lint
            reason, wait = f"LanguageTool check failed ({type(exc).__name__}: {exc})", COOLDOWN
        self._pause(reason, wait)
        raise GrammarUnavailable(reason)

    def _pause(self, reason: str, seconds: float) -> None:
        self._pause_reason = reason
        self._paused_until = time.monotonic() + seconds

    def _connected(self) -> Any:
        """The client, connecting on first use; raises GrammarUnavailable while paused."""
        with self._connect_lock:
            if time.monotonic() < self._paused_until:
                raise GrammarUnavailable(self._pause_reason)
            if self._client is None:
                from .adapter import connect

                try:
                    self._client = connect(self.settings, self.mode)
                except GrammarUnavailable as exc:
                    self._pause(str(exc), COOLDOWN)
                    raise
                if self._budget is not None:
                    self._budget.refuse("")  # the /v2/languages handshake counts against the limit too
            return self._client


def open_session(settings: GrammarSettings) -> GrammarSession:
    """A session for ``settings``; disabled (``enabled`` False, every outcome empty) when grammar is off."""
    return GrammarSession(settings, plan(settings))
