"""One connection to LanguageTool, shared by ``GrammarSession`` (check, batch, TUI) and ``lint-request serve``.

Opened lazily on the first check; after trouble it pauses (``COOLDOWN``, or
as long as a rate limit asks) and answers every check with the same one-line
reason until then; no error other than ``GrammarUnavailable`` (or the text's
own ``GrammarTextRefused``) ever leaves it. Thread-safe.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from .._model import Finding
from .errors import GrammarRateLimited, GrammarTextRefused, GrammarUnavailable
from .mapping import ProtocolError, findings_from_response
from .settings import GrammarSettings

COOLDOWN = 30.0
"""Seconds a session stops asking an unreachable LanguageTool, so a batch fails fast and a TUI recovers."""


class LanguageToolLink:
    """The client, the pause after trouble, the public API's request budget and a request count."""

    def __init__(self, settings: GrammarSettings, mode: str) -> None:
        self.settings, self.mode = settings, mode
        self._client: Any = None
        self._connect_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._paused_until = 0.0
        self._pause_reason = ""
        self._budget = None
        if mode == "public":
            from .ratelimit import RequestBudget

            self._budget = RequestBudget()
        self.requests_sent = 0
        """How many /v2/check requests went out (tests and benchmarks look at it)."""

    def close(self) -> None:
        """Close the connection (and stop a local LanguageTool that it started)."""
        with self._connect_lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    def check(self, text: str, variant: str, extra: dict[str, str] | None = None) -> tuple[Any, tuple[Finding, ...]]:
        """LanguageTool's raw answer for ``text`` and its findings (which validate every match)."""
        client = self._connected()
        if self._budget is not None:
            refusal = self._budget.refuse(text)
            if refusal:
                raise GrammarTextRefused(refusal)
        with self._count_lock:
            self.requests_sent += 1
        try:
            answer = client.check_raw(text, variant, extra)
            return answer, findings_from_response(answer, text, variant)
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
