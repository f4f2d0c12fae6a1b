"""Run the app with uvicorn: bind first (a port in use is one line and exit 2), stop cleanly on SIGINT/SIGTERM.

No access log: a GET check carries the draft in its URL, and drafts are never logged or stored.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import Any

from .app import ServeSettings, create_app

EXIT_OK = 0
EXIT_ERROR = 2


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve(host: str, port: int) -> tuple[Any, ...]:
    """The address ``host:port`` means; raises OSError (socket.gaierror) for a name that resolves to nothing."""
    return socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]


def bind(host: str, port: int, address: tuple[Any, ...] | None = None) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one); raises OSError with the reason."""
    family, kind, proto, _, where = address or resolve(host, port)
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6 and host.strip("[]") == "::":
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(where)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def start_lines(settings: ServeSettings, port: int, grammar: str) -> list[str]:
    """What the server says when it is ready: where, how to point clients at it, and LanguageTool."""
    url = url_of(settings.host, port)
    return [
        f"lint-request serve: listening on {url} (LanguageTool HTTP API v2) — Ctrl+C stops it",
        (f"  browser extension, LibreOffice: {url}/v2   LTeX, Obsidian: {url}   "
         f"language-tool-python: LanguageTool('auto', remote_server='{url}')"),
        f"  grammar: {grammar}",
    ]


class _Server:  # built lazily: uvicorn is imported only when the server runs
    @staticmethod
    def build(config: Any) -> Any:
        import uvicorn

        class Server(uvicorn.Server):
            stopped_by: int | None = None

            def handle_exit(self, sig: int, frame: Any) -> None:
                self.stopped_by = sig
                super().handle_exit(sig, frame)
                self._captured_signals.clear()  # stop here; don't re-raise the signal after shutdown

        return Server(config)


def serve(settings: ServeSettings, *, ready: Any = None) -> int:
    """Serve until SIGINT/SIGTERM; 2 with one line when the address cannot be used."""
    try:
        import uvicorn
    except ImportError:
        _say("lint-request: error: `serve` needs uvicorn and starlette: pip install uvicorn starlette")
        return EXIT_ERROR
    try:
        address = resolve(settings.host, settings.port)
        if not is_loopback(settings.host):
            _say(f"lint-request: warning: listening on {settings.host}, not loopback: drafts travel over the "
                 "network unencrypted and anyone who reaches this port can use the server")
        sock = bind(settings.host, settings.port, address)
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _say(f"lint-request: error: cannot listen on {url_of(settings.host, settings.port)}: {reason.lower()}")
        return EXIT_ERROR
    port = sock.getsockname()[1]
    app = create_app(settings)
    proxy = app.state.proxy
    grammar = "off (no LanguageTool configured; see docs/grammar.md)" if proxy is None else proxy.description
    if proxy is not None and proxy.notice:
        grammar += f" — {proxy.notice}"
    try:
        import httptools  # noqa: F401 - the faster HTTP parser, when installed
        http = "httptools"
    except ImportError:
        http = "h11"
    config = uvicorn.Config(app, log_level="warning", access_log=False, http=http, loop="asyncio",
                            lifespan="on", server_header=False, date_header=False, timeout_keep_alive=30,
                            timeout_graceful_shutdown=3)
    server = _Server.build(config)
    for line in start_lines(settings, port, grammar):
        _say(line)
    if ready is not None:
        ready(port)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    _say("lint-request serve: stopped")
    return EXIT_OK
