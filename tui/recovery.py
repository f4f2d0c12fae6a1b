"""Recovery files: the unsaved buffer, written every few seconds, offered again after a crash.

One file per draft under ``<user cache dir>/recovery/``, keyed by the draft's
absolute path (one shared slot for unnamed drafts). Recovery never raises:
a cache that cannot be written only means there is nothing to recover.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from linter._cache import user_cache_dir

FORMAT = 1


@dataclass(frozen=True, slots=True)
class Recovered:
    """A buffer left behind by an earlier session."""

    text: str
    saved_at: float

    @property
    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.saved_at))


def recovery_dir() -> Path:
    return user_cache_dir() / "recovery"


def _key(path: Path | None) -> str:
    return "" if path is None else os.path.abspath(path)


def slot(path: Path | None) -> Path:
    """The recovery file of a draft path (None: the unnamed draft)."""
    key = _key(path)
    name = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24] if key else "untitled"
    return recovery_dir() / f"{name}.json"


def write(path: Path | None, text: str) -> bool:
    """Store ``text`` as the recovery copy of ``path``; False when that failed."""
    target = slot(path)
    payload = json.dumps({"format": FORMAT, "path": _key(path), "saved_at": time.time(), "text": text},
                         ensure_ascii=False)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, target)  # mkstemp made it 0600: drafts stay private
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


def read(path: Path | None) -> Recovered | None:
    """The recovery copy of ``path``, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads(slot(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("path") != _key(path):
            return None
        return Recovered(text=str(data["text"]), saved_at=float(data["saved_at"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remove(path: Path | None) -> None:
    with contextlib.suppress(OSError):
        slot(path).unlink()
