"""Who may talk to the server: the ``Host`` check against DNS rebinding, and CORS for browser clients.

A web page can point a domain of its own at 127.0.0.1 and so reach a local server "from the same
origin"; its requests still carry that domain in ``Host``. Only the bound name and loopback names
(and, on a wildcard address, IP literals and this machine's names) are accepted. CORS answers
preflights and labels answers for the origins ``--allow-origin`` names (default: any, as the
browser extension and other-origin pages need), including Chrome's private-network preflight.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
METHODS = b"GET, POST, OPTIONS"


def host_name(header: str) -> str:
    """``[::1]:8081`` → ``::1``, ``LocalHost.:8081`` → ``localhost``."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":")[0]
    return value.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _is_loopback(name: str) -> bool:
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class Guard:
    """Pure ASGI middleware (no per-request objects beyond a header scan: it sits on the hot path)."""

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", origins: tuple[str, ...] = ("*",)) -> None:
        self.app = app
        bound = host_name(host) if host not in WILDCARDS else host
        self.wildcard = bound in WILDCARDS
        self.allowed = {bound}
        if self.wildcard:
            self.allowed |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        self.any_origin = "*" in origins
        self.origins = frozenset(o.rstrip("/") for o in origins if o != "*")

    def host_allowed(self, header: str) -> bool:
        name = host_name(header)
        return name in self.allowed or _is_loopback(name) or (self.wildcard and _is_ip(name))

    def allow_origin(self, origin: bytes | None) -> bytes | None:
        if self.any_origin:
            return b"*"
        if origin is not None and origin.decode("latin-1").rstrip("/") in self.origins:
            return origin
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = origin = request_method = private = request_headers = None
        for key, value in scope["headers"]:
            if key == b"host":
                host = value
            elif key == b"origin":
                origin = value
            elif key == b"access-control-request-method":
                request_method = value
            elif key == b"access-control-request-headers":
                request_headers = value
            elif key == b"access-control-request-private-network":
                private = value
        if host is not None and not self.host_allowed(host.decode("latin-1")):
            await _plain(send, 403, b"Error: Host not allowed: this server answers only to its own name "
                                    b"(protection against DNS rebinding)")
            return
        allowed = self.allow_origin(origin)
        if scope["method"] == "OPTIONS" and request_method is not None:
            headers = [(b"content-length", b"0"), (b"vary", b"Origin")]
            if allowed is not None:
                headers += [(b"access-control-allow-origin", allowed), (b"access-control-allow-methods", METHODS),
                            (b"access-control-allow-headers", request_headers or b"*"),
                            (b"access-control-max-age", b"600")]
                if private is not None:
                    headers.append((b"access-control-allow-private-network", b"true"))
            await send({"type": "http.response.start", "status": 204 if allowed is not None else 403,
                        "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        if allowed is None:
            await self.app(scope, receive, send)
            return

        async def labelled(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), (b"access-control-allow-origin", allowed)]
                if not self.any_origin:
                    message["headers"].append((b"vary", b"Origin"))
            await send(message)

        await self.app(scope, receive, labelled)


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
