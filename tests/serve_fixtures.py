"""The server on a free loopback port, for tests: in-process (uvicorn in a thread) or as the real CLI process.

    with serve_in_thread(ServeSettings(grammar=...)) as url: ...   # url = "http://127.0.0.1:PORT"
    with serve_process("--languagetool-url", fake.url) as (url, process): ...

The pytest fixtures ``serve_url`` (default settings, in-process) and ``serve_cli`` (a factory
for the ``lint-request serve`` process) are imported by conftest.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from linter.serve.app import ServeSettings, create_app

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"listening on (http://\S+)")


@contextlib.contextmanager
def serve_in_thread(settings: ServeSettings | None = None, app: Any = None) -> Iterator[str]:
    """Run ``create_app(settings)`` (or ``app``) with uvicorn in a daemon thread on a free 127.0.0.1 port."""
    import uvicorn

    from linter.serve.server import bind

    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    settings = settings or ServeSettings(port=port)
    config = uvicorn.Config(app if app is not None else create_app(settings), log_level="warning",
                            access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="lint-request-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextlib.contextmanager
def serve_process(*args: str, env: dict[str, str] | None = None,
                  cwd: str | Path | None = None) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``python -m linter serve --port 0 ARGS`` until its start-up line names the URL; stopped with SIGTERM."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    process = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
                               cwd=cwd or ROOT)
    try:
        url = _wait_for_url(process)
        yield url, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_url(process: subprocess.Popen[str], timeout: float = 20) -> str:
    """Read stderr up to the "listening on" line, unbuffered, so ``communicate()`` later gets the rest.

    What was read is kept as ``process.startup`` (the start-up lines).
    """
    assert process.stderr is not None
    fd = process.stderr.fileno()
    deadline = time.monotonic() + timeout
    seen = bytearray()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        byte = os.read(fd, 1)
        if not byte:
            break
        seen += byte
        if byte == b"\n":
            m = LISTENING.search(seen.decode("utf-8", "replace").splitlines()[-1])
            if m:
                process.startup = seen.decode("utf-8", "replace")  # type: ignore[attr-defined]  # our own attribute
                return m.group(1)
    raise RuntimeError(f"`lint-request serve` did not start: {seen.decode('utf-8', 'replace')!r}")


@pytest.fixture
def serve_url() -> Iterator[str]:
    """The server with default settings (no LanguageTool), in-process on a free loopback port."""
    with serve_in_thread() as url:
        yield url


@pytest.fixture
def serve_cli() -> Iterator[Callable[..., tuple[str, subprocess.Popen[str]]]]:
    """Start ``lint-request serve`` processes: ``url, process = serve_cli("--allow-origin", "…")``."""
    with contextlib.ExitStack() as stack:
        yield lambda *args, **kwargs: stack.enter_context(serve_process(*args, **kwargs))
