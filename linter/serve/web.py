"""The drafting page at ``GET /`` and the JSON endpoints it talks to (issue 17).

``routes`` is mounted by ``linter.serve.app.create_app`` after the LanguageTool API
routes. The page (``static/``) is plain HTML, CSS and one script: no build step and
nothing loaded from elsewhere. The endpoints add what LanguageTool's protocol lacks:

- ``POST /api/lint``: findings (with ``why``), anatomy, score and the platform counter;
- ``POST /api/suggest``: the outline with its ``[gaps]``;
- ``GET /api/platforms``: every platform's length limit, the default one, and whether a
  LanguageTool is configured (then ``/api/lint`` with ``"grammar": true`` merges its findings).

Offsets in responses are JavaScript string offsets (UTF-16 code units), so the page
can use them with ``setSelectionRange`` and ``slice`` as they are.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from .._engine import Linter, default_linter
from .._model import (
    ANATOMY_PARTS,
    LANGS,
    PLATFORMS,
    Finding,
    Recipient,
    Report,
)
from .._recipient import known_words, recipient_from
from ..kinds import LengthRule
from .matches import Utf16

STATIC = Path(__file__).resolve().parent / "static"
MAX_TEXT = 100_000
"""Characters one request to the page's endpoints may carry (a request is a few hundred)."""
LIMIT_RULE = "too-long"
"""The length rule whose per-platform limits the counter shows, so counter and rule agree."""
RECIPIENT_FIELDS = ("name", "company", "met", "offer")

# The page loads only its own files and talks only to this server.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
class BadRequest(Exception):
    """A request body the endpoints cannot use; the message goes back to the page."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _linter(request: Request) -> Linter:
    """The server's linter (its rulesets, --select and --ignore), or the default one in a bare app."""
    checker = getattr(request.app.state, "checker", None)
    linter = getattr(checker, "linter", None)
    return linter if isinstance(linter, Linter) else default_linter()


def _max_text(request: Request) -> int:
    """The server's ``--max-text-length`` (LanguageTool's limit), else ``MAX_TEXT``."""
    settings = getattr(request.app.state, "settings", None)
    return int(getattr(settings, "max_text_length", MAX_TEXT))


def _limit(linter: Linter, platform: str, lang: str) -> dict[str, Any] | None:
    """``{"limit", "unit"}`` of a platform in one language, read from the length rule; None without one."""
    rule = next((r for r in linter.ruleset.for_lang(lang) if r.id == LIMIT_RULE and isinstance(r, LengthRule)), None)
    found = rule.limit_for(platform) if rule is not None else None
    return {"limit": found[0], "unit": found[1]} if found else None


def _count(text: str, limit: dict[str, Any] | None) -> dict[str, Any]:
    """The counter, counted as the length rule counts (characters without trailing space, or words)."""
    chars = len(text.rstrip())
    words = len(text.split()) if any(ch.isalnum() for ch in text) else 0
    unit = limit["unit"] if limit else "characters"
    value = words if unit == "words" else chars
    bound = limit["limit"] if limit else None
    return {"value": value, "limit": bound, "unit": unit, "over": bound is not None and value > bound,
            "characters": chars, "words": words}


async def _body(request: Request) -> dict[str, Any]:
    """The JSON object the page posts, checked field by field."""
    limit = _max_text(request)
    too_long = BadRequest(f"the draft is longer than the server's limit of {limit} characters", 413)
    cap = limit * 6 + 65_536  # JSON writes a character in at most 6 bytes (\uXXXX)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_long
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():  # a body without Content-Length is cut off at the cap too
        size += len(chunk)
        if size > cap:
            raise too_long
        chunks.append(chunk)
    raw = b"".join(chunks)
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("the body must be a JSON object") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    text = data.get("text", "")
    if not isinstance(text, str):
        raise BadRequest("'text' must be a string")
    if len(text) > limit:
        raise too_long
    lang = data.get("lang") or "auto"
    if lang not in ("auto", *LANGS):
        raise BadRequest(f"unknown language {lang!r}; choose one of auto, {', '.join(LANGS)}")
    platform = data.get("platform") or "generic"
    if platform not in PLATFORMS:
        raise BadRequest(f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}")
    fields = data.get("recipient") or {}
    if not isinstance(fields, dict) or not all(isinstance(fields.get(k, ""), str) for k in RECIPIENT_FIELDS):
        raise BadRequest(f"'recipient' must be an object of strings: {', '.join(RECIPIENT_FIELDS)}")
    grammar = data.get("grammar", False)
    if not isinstance(grammar, bool):
        raise BadRequest("'grammar' must be true or false")
    return {"text": text, "lang": lang, "platform": platform,
            "recipient": _recipient(fields), "grammar": grammar}


def _recipient(fields: dict[str, str]) -> Recipient | None:
    if not any(fields.get(k, "").strip() for k in RECIPIENT_FIELDS):
        return None
    return recipient_from(fields.get("name", ""), company=fields.get("company", ""), met=fields.get("met", ""),
                          offer=fields.get("offer", ""))


def _why(linter: Linter, lang: str) -> dict[str, str]:
    return {rule.id: rule.why for rule in linter.ruleset.for_lang(lang)}


def _findings(findings: Iterable[Finding], text: str, why: dict[str, str]) -> list[dict[str, Any]]:
    to16 = Utf16(text)
    return [{
        "rule": f.rule,
        "severity": f.severity.label,
        "message": f.message,
        "suggestion": f.suggestion,
        "why": why.get(f.rule, ""),
        "match": f.match,
        "replacements": list(f.replacements),
        "source": f.source,
        "start": to16(f.span.start),
        "end": to16(f.span.end),
    } for f in findings]


def lint_payload(linter: Linter, text: str, lang: str, platform: str, recipient: Recipient | None,
                 grammar: Iterable[Finding] = ()) -> dict[str, Any]:
    """What ``POST /api/lint`` answers for one draft; ``grammar``: LanguageTool's findings to merge (one per span)."""
    # With a recipient, the engine also checks that the greeting names them (recipient-mismatch).
    report: Report = linter.lint(text, lang=lang, platform=platform, recipient=recipient)
    findings, points = report.findings, report.score
    extra = [f for f in grammar if linter.is_selected(f.rule)]
    if extra:
        from ..grammar.merge import merge_findings

        # The score stays the rules' own, as in `check` (docs/grammar.md).
        findings = merge_findings(dataclasses.replace(report, findings=findings), extra).findings
    return {
        "lang": report.lang,
        "score": points,
        "anatomy": [{"part": part, "present": report.anatomy.get(part, False)} for part in ANATOMY_PARTS],
        "findings": _findings(findings, text, _why(linter, report.lang)),
        "counter": _count(text, _limit(linter, platform, report.lang)),
        "platform": platform,
        "notes": list(report.notes),
    }


async def _languagetool(request: Request, text: str, lang: str, recipient: Recipient | None) -> tuple[
        tuple[Finding, ...], str | None]:
    """The configured LanguageTool's findings for ``text`` and a one-line warning when it could not help.

    It runs in a worker thread with the server's timeout: LanguageTool down or slow costs the warning only.
    """
    from ..grammar.mapping import findings_from_response

    proxy = getattr(request.app.state, "proxy", None)
    settings = getattr(request.app.state, "settings", None)
    if proxy is None or not text.strip():
        return (), None
    grammar = getattr(settings, "grammar", None)
    code = grammar.variant_for(lang) if grammar is not None else lang
    timeout = float(getattr(settings, "timeout", 15.0))
    names = known_words(*(recipient.names if recipient else ()), recipient.company if recipient else "")
    loop = asyncio.get_running_loop()
    try:
        forwarded = await asyncio.wait_for(
            loop.run_in_executor(None, proxy.ask, text, code, {"mode": "all"}, names), timeout)
    except TimeoutError:
        return (), f"LanguageTool did not answer within {timeout:g} s"
    if forwarded.warning:
        return (), forwarded.warning
    return findings_from_response({"matches": [m for _, _, m in forwarded.matches]}, text, code), None


def suggest_payload(linter: Linter, text: str, lang: str, platform: str,
                    recipient: Recipient | None) -> dict[str, Any]:
    """What ``POST /api/suggest`` answers: the outline, its gaps (UTF-16 offsets) and what changed."""
    from ..suggest import GAP, suggest

    result = suggest(text, recipient=recipient, platform=platform, lang=None if lang == "auto" else lang,
                     linter=linter)
    to16 = Utf16(result.outline)
    return {
        "lang": result.lang,
        "register": result.register,
        "outline": result.outline,
        "gaps": [{"start": to16(m.start()), "end": to16(m.end())} for m in GAP.finditer(result.outline)],
        "removed": [{"text": r.text, "rules": list(r.rules)} for r in result.removed],
        "inserted": [{"part": i.part, "text": i.text} for i in result.inserted],
        "score_before": result.score_before,
        "score_after": result.score_after,
    }


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def api_lint(request: Request) -> Response:
    try:
        body = await _body(request)
    except BadRequest as exc:
        return _error(exc.status, str(exc))
    linter = _linter(request)
    if not body.pop("grammar"):
        return JSONResponse(lint_payload(linter, **body))
    # LanguageTool needs the language first: the rules' report says which one "auto" found.
    lang = body["lang"] if body["lang"] != "auto" else linter.lint(body["text"]).lang
    found, warning = await _languagetool(request, body["text"], lang, body["recipient"])
    payload = lint_payload(linter, **body, grammar=found)
    payload["grammar"] = {"checked": warning is None, "warning": warning}
    return JSONResponse(payload)


async def api_suggest(request: Request) -> Response:
    try:
        body = await _body(request)
    except BadRequest as exc:
        return _error(exc.status, str(exc))
    body.pop("grammar")  # the outline is the rules' (LanguageTool's findings are in /api/lint)
    return JSONResponse(suggest_payload(_linter(request), **body))


async def api_platforms(request: Request) -> Response:
    lang = request.query_params.get("lang", "de")
    if lang not in LANGS:
        return _error(400, f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    linter = _linter(request)
    settings = getattr(request.app.state, "settings", None)
    default = getattr(settings, "platform", "generic")
    return JSONResponse({
        "default": default if default in PLATFORMS else "generic",
        "grammar": getattr(request.app.state, "proxy", None) is not None,
        "platforms": [{"id": p, **(_limit(linter, p, lang) or {"limit": None, "unit": "characters"})}
                      for p in PLATFORMS],
    })


async def page(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", headers=PAGE_HEADERS)


class _PageFiles(StaticFiles):
    """The page's script and style sheet, with the page's headers."""

    async def get_response(self, path: str, scope: Any) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update(PAGE_HEADERS)
        return response


routes: list[BaseRoute] = [
    Route("/", page, methods=["GET", "HEAD"]),
    Route("/api/lint", api_lint, methods=["POST"]),
    Route("/api/suggest", api_suggest, methods=["POST"]),
    Route("/api/platforms", api_platforms, methods=["GET"]),
    Mount("/static", app=_PageFiles(directory=STATIC), name="static"),
]
"""The page and its endpoints; ``create_app`` includes them."""
