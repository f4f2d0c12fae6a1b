"""A one-line progress bar on stderr, only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 0.5
"""Seconds before the bar appears: short files finish without one."""
INTERVAL = 0.1


class Progress:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self._last = 0.0
        self._shown = False

    def update(self, rows: int, fraction: float) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < DELAY or now - self._last < INTERVAL:
            return
        self._last = now
        width = 30
        done = int(width * max(0.0, min(1.0, fraction)))
        rate = rows / max(now - self.started, 1e-9)
        self.stream.write(f"\r[{'#' * done}{'.' * (width - done)}] {fraction:4.0%}  {rows:,} rows  {rate:,.0f} rows/s")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
