"""The ASGI app: LanguageTool's HTTP API v2 under ``/v2/…`` and ``/…``, plus the web page's routes.

    app = create_app(ServeSettings())          # tests run it in-process with uvicorn

``app.state`` carries ``settings`` (ServeSettings), ``checker`` (linter.serve.check.ServeChecker) and
``proxy`` (LanguageToolProxy or None) for the routes of ``linter/serve/web.py``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from .._engine import Linter
from ..grammar.settings import GrammarSettings
from .check import SOFTWARE, ServeChecker
from .guard import Guard
from .languages import languages_json
from .protocol import RequestError, check_request, parse_params
from .proxy import Forwarded, LanguageToolProxy, open_proxy

API_DOC = "https://languagetool.org/http-api/"
CHECK_METHODS = ["GET", "POST"]


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """What ``lint-request serve`` was told, after command line, environment and config."""

    host: str = "127.0.0.1"
    port: int = 8081
    allow_origins: tuple[str, ...] = ("*",)
    max_text_length: int = 50_000
    """Characters of text per check; longer ones get HTTP 413 like LanguageTool's limit."""
    timeout: float = 15.0
    """Seconds a check may take to arrive and to wait for LanguageTool."""
    platform: str = "generic"
    rulesets: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    grammar: GrammarSettings | None = None
    """LanguageTool to forward to; None: none (no lookup at all)."""


def _error(message: str, status: int = 400) -> PlainTextResponse:
    return PlainTextResponse(f"Error: {message}", status_code=status)


def _json(data: Any) -> Response:
    try:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a client's JSON: escaped, the JSON stays valid
        body = json.dumps(data, separators=(",", ":")).encode("ascii")
    return Response(body, media_type="application/json")


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RequestError(f"Your request exceeds the limit of {limit} bytes. Please submit a shorter text.", 413)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(f"Your request exceeds the limit of {limit} bytes. Please submit a shorter text.", 413)
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(settings: ServeSettings | None = None, *, proxy: LanguageToolProxy | None = None) -> Starlette:
    """The server's Starlette app; ``proxy`` defaults to the one ``settings.grammar`` names."""
    settings = settings or ServeSettings()
    linter = Linter(rulesets=settings.rulesets, select=settings.select, ignore=settings.ignore)
    checker = ServeChecker(linter, settings.platform)
    if proxy is None and settings.grammar is not None:
        proxy = open_proxy(settings.grammar)
    workers = settings.grammar.concurrency if settings.grammar else 1
    executor = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="languagetool")
    # Bytes a form-encoded text of the maximum length can take (percent-encoded UTF-8), plus the rest.
    body_limit = settings.max_text_length * 12 + 65_536

    async def check(request: Request) -> Response:
        try:
            return await checked(request)
        except Exception as exc:  # noqa: BLE001 - answered here, so nothing logs a traceback near a draft
            return _error(f"Internal Error: {type(exc).__name__}", 500)

    async def checked(request: Request) -> Response:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + settings.timeout
        try:
            body = b""
            if request.method == "POST":
                try:
                    async with asyncio.timeout(settings.timeout):
                        body = await _read_body(request, body_limit)
                except TimeoutError:
                    return _error(f"The request did not arrive within {settings.timeout:g} seconds", 408)
            params = parse_params(request.url.query, body)
            prepared = checker.prepare(check_request(params, max_length=settings.max_text_length))
        except RequestError as exc:
            return _error(str(exc), exc.status)
        forwarded = Forwarded()
        plain = prepared.request.text.plain
        if proxy is not None and prepared.lt_params is not None and plain.strip():
            wait = max(0.1, deadline - loop.time())
            job = loop.run_in_executor(executor, proxy.ask, plain, prepared.chosen.code, prepared.lt_params,
                                       prepared.known_words)
            try:
                forwarded = await asyncio.wait_for(job, wait)
            except TimeoutError:
                forwarded = Forwarded(warning=f"LanguageTool did not answer within {wait:.3g} s")
        base = f"{request.url.scheme}://{request.headers.get('host') or f'{settings.host}:{settings.port}'}"
        return _json(checker.answer(prepared, forwarded, base))

    async def languages(request: Request) -> Response:
        return _json(languages_json())

    async def info(request: Request) -> Response:
        return _json({"software": {k: SOFTWARE[k] for k in ("name", "version", "buildDate", "premium")}})

    async def healthcheck(request: Request) -> Response:
        return PlainTextResponse("OK")

    async def max_text_length(request: Request) -> Response:
        return PlainTextResponse(str(settings.max_text_length))

    async def rule(request: Request) -> Response:
        rule_id = request.path_params["rule_id"]
        lang = request.query_params.get("lang", "")
        found = [r for r in linter.ruleset.find(rule_id) if not lang or r.lang == lang] or \
            list(linter.ruleset.find(rule_id))
        if not found:
            return _error(f"Unknown rule '{rule_id}'", 404)
        blocks = [f"{r.id} [{r.lang}] ({r.severity.label})\n\n{r.describe(r.message)}\n\n{r.why}\n\n"
                  f"{r.describe(r.suggestion)}" for r in found]
        return PlainTextResponse("\n\n---\n\n".join(blocks) + "\n")

    async def unsupported(request: Request) -> Response:
        return _error(f"Unsupported action: '{request.path_params['action']}'. Please see {API_DOC}", 404)

    api = [("check", check, CHECK_METHODS), ("languages", languages, ["GET"]), ("info", info, ["GET"]),
           ("healthcheck", healthcheck, ["GET"]), ("maxtextlength", max_text_length, ["GET"])]
    routes: list[Any] = []
    for prefix in ("/v2/", "/"):
        routes += [Route(prefix + name, endpoint, methods=methods) for name, endpoint, methods in api]
    routes.append(Route("/rule/{rule_id}", rule, methods=["GET"]))
    from . import web

    routes += list(web.routes)
    routes.append(Route("/v2/{action:path}", unsupported, methods=["GET", "POST"]))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
            if proxy is not None:
                proxy.close()

    async def internal_error(request: Request, exc: Exception) -> Response:
        # Never echo or log the text: only the kind of failure.
        return _error(f"Internal Error: {type(exc).__name__}", 500)

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={Exception: internal_error})
    app.state.settings = settings
    app.state.checker = checker
    app.state.proxy = proxy
    app.add_middleware(Guard, host=settings.host, origins=settings.allow_origins)
    return app
