"""A tiny on-disk cache for validated data, so the fast path can skip pydantic.

Entries are keyed by the stat of the files they were derived from; any change
to a file (mtime or size) or to lint-request's version makes a new key.
Failing to read or write the cache is never an error, only a slower start.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from ._version import __version__

T = TypeVar("T")


def user_cache_dir() -> Path:
    """lint-request's folder in the user's cache: ``LINT_REQUEST_CACHE_DIR`` or the XDG default."""
    explicit = os.environ.get("LINT_REQUEST_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lint-request"


def cache_dir() -> Path | None:
    """Where cache files live, or None when caching is switched off."""
    if os.environ.get("LINT_REQUEST_NO_CACHE"):
        return None
    return user_cache_dir()


def stat_key(paths: Iterable[Path]) -> tuple[object, ...]:
    """A key that changes whenever one of ``paths`` changes."""
    parts: list[object] = [__version__, sys.version_info[:2]]
    for path in paths:
        st = path.stat()
        parts.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(parts)


def cached(namespace: str, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """Return the cached value for ``key`` or compute, store and return it."""
    directory = cache_dir()
    if directory is None:
        return compute()
    # The file name only spreads keys over files; the key stored inside decides.
    path = directory / f"{namespace}-{zlib.crc32(repr(key).encode('utf-8')):08x}.pickle"
    try:
        with path.open("rb") as fh:
            stored_key, value = pickle.load(fh)  # trusted: our own file in the user's cache dir
        if stored_key == key:
            return value  # type: ignore[no-any-return]  # unpickled, so Any; stored as compute()'s result
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        pass
    value = compute()
    import tempfile  # only on a cache miss; importing it costs 4 ms of start-up

    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value
