"""What the web page's tests and benchmark share: the server on a loopback port and a headless Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str | None:
    """Debian's Chromium (``apt-get install chromium``), or None."""
    for path in CHROMIUM_PATHS:
        if Path(path).is_file():
            return path
    return shutil.which("chromium")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "Chromium is not installed (apt-get install chromium; .ci/run does it)"
    return None


def must_not_skip() -> bool:
    """CI runs every browser test: a missing browser is a failure there, not a skip."""
    return os.environ.get("CI", "").lower() == "true"


@contextlib.contextmanager
def running_server(settings: Any = None) -> Iterator[str]:
    """The real server app (``create_app``) in-process on a free loopback port; yields its base URL."""
    from serve_fixtures import serve_in_thread

    with serve_in_thread(settings) as url:
        yield url
