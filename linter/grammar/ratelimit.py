"""The public LanguageTool API's published limits, kept on our side so we are never the ones who break them."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

PUBLIC_MAX_REQUESTS = 20
PUBLIC_WINDOW = 60.0
PUBLIC_MAX_BYTES = 20_000
"""20 KB per request; measured as the draft's UTF-8 size, which stays below the limit with room to spare."""


class RequestBudget:
    """At most ``max_requests`` per rolling ``window`` seconds and ``max_bytes`` per request.

    Never waits: a request over the budget is refused with a message, so neither a batch nor
    the TUI hangs on the limit; later calls succeed again once the window has moved on.
    """

    def __init__(self, max_requests: int = PUBLIC_MAX_REQUESTS, window: float = PUBLIC_WINDOW,
                 max_bytes: int = PUBLIC_MAX_BYTES, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_requests, self.window, self.max_bytes, self.clock = max_requests, window, max_bytes, clock
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()

    def refuse(self, text: str) -> str | None:
        """None when ``text`` may be sent now (and counts it), else why not."""
        size = len(text.encode("utf-8"))
        if size > self.max_bytes:
            return (f"draft too large for the public LanguageTool API ({size // 1000} KB; "
                    f"it accepts {self.max_bytes // 1000} KB per request)")
        with self._lock:
            now = self.clock()
            while self._sent and now - self._sent[0] >= self.window:
                self._sent.popleft()
            if len(self._sent) >= self.max_requests:
                wait = self.window - (now - self._sent[0])
                return (f"public LanguageTool API limit reached ({self.max_requests} requests per minute); "
                        f"try again in {wait:.0f} s, or run your own server for batches (docs/grammar.md)")
            self._sent.append(now)
        return None
