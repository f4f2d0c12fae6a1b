"""``lint-request serve``: settings from the command line and config, checked before anything starts."""

from __future__ import annotations

import sys

from .._config import Config
from .._ruleset import RuleFileError
from ..grammar.settings import GrammarSettings

EXIT_ERROR = 2


def _bad_value(host: str, port: int, max_text_length: int, timeout: float) -> str:
    """One line about the first option value that cannot work, or ""."""
    if not host.strip():
        return "--host must not be empty"
    if not 0 <= port <= 65535:
        return f"--port {port} is not a port number (0 to 65535; 0 picks a free one)"
    if max_text_length < 1:
        return f"--max-text-length {max_text_length} must be at least 1"
    if not 0.1 <= timeout <= 600:
        return f"--timeout {timeout:g} must be between 0.1 and 600 seconds"
    return ""


def _same_server(url: str, host: str, port: int) -> bool:
    """Whether ``url`` points back at ``host:port`` (forwarding to itself would loop)."""
    from urllib.parse import urlsplit

    from .server import is_loopback

    parts = urlsplit(url)
    other = parts.port or (443 if parts.scheme == "https" else 80)
    name = (parts.hostname or "").lower()
    return other == port and (name == host.strip("[]").lower() or (is_loopback(name) and is_loopback(host)))


def run_serve(cfg: Config, *, host: str, port: int, origins: tuple[str, ...], max_text_length: int, timeout: float,
              platform: str | None, rulesets: tuple[str, ...], grammar: GrammarSettings) -> int:
    """Build the settings, load the rules once (a broken rule file: exit 2), then serve."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        print("lint-request: error: `serve` needs starlette and uvicorn: pip install starlette uvicorn",
              file=sys.stderr)
        return EXIT_ERROR
    from .._engine import Linter
    from .app import ServeSettings
    from .server import serve

    problem = _bad_value(host, port, max_text_length, timeout)
    if problem:
        print(f"lint-request: error: {problem}", file=sys.stderr)
        return EXIT_ERROR
    for origin in origins:
        if origin != "*" and not origin.startswith(("http://", "https://", "chrome-extension://", "moz-extension://",
                                                    "safari-web-extension://")):
            print(f"lint-request: error: --allow-origin {origin!r} is not an origin such as https://example.org "
                  "or *", file=sys.stderr)
            return EXIT_ERROR
    if grammar.url and _same_server(grammar.url, host, port):
        print(f"lint-request: error: --languagetool-url {grammar.url} is this server itself; give LanguageTool "
              "another port, e.g. lint-request serve --port 8082 --languagetool-url http://localhost:8081",
              file=sys.stderr)
        return EXIT_ERROR
    settings = ServeSettings(
        host=host.strip(), port=port, allow_origins=origins or ("*",), max_text_length=max_text_length,
        timeout=timeout, platform=platform or cfg.platform or "generic",
        rulesets=(*cfg.rulesets, *rulesets), select=cfg.select, ignore=cfg.ignore, grammar=grammar,
    )
    try:
        Linter(rulesets=settings.rulesets, select=settings.select, ignore=settings.ignore)
    except RuleFileError as exc:
        print(f"lint-request: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return serve(settings)
