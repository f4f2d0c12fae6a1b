"""A loopback HTTP server that speaks LanguageTool's /v2/languages and /v2/check, with failure modes.

The JSON follows LanguageTool's documented shapes (https://languagetool.org/http-api/): offsets and
lengths count UTF-16 code units, as the Java server does. Its "checker" knows a few misspellings,
one grammar error and, in picky mode, one style hint, so tests can predict every match.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qs, urlsplit

LANGUAGES = [
    {"name": "German", "code": "de", "longCode": "de"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "German (Austria)", "code": "de", "longCode": "de-AT"},
    {"name": "German (Swiss)", "code": "de", "longCode": "de-CH"},
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]

# wrong word -> replacements, per language
SPELLING = {
    "de": {"Anfrge": ["Anfrage", "Anfragen"], "Grüsse": ["Grüße"], "daß": ["dass"], "Vortarg": ["Vortrag"]},
    "en": {"teh": ["the", "ten"], "recieve": ["receive"], "adress": ["address"]},
}
GRAMMAR = {"de": ("ein Frage", "eine Frage", "DE_AGREEMENT"), "en": ("a apple", "an apple", "EN_A_VS_AN")}
PICKY = {"de": ("sehr", "STYLE_SEHR"), "en": ("very", "STYLE_VERY")}

MODES = ("ok", "slow", "error500", "error500-json", "garbage", "not-matches", "bad-offsets", "ratelimit")


def utf16(text: str, index: int) -> int:
    """The UTF-16 offset of code-point offset ``index`` (what LanguageTool reports)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _match(text: str, start: int, end: int, message: str, replacements: list[str], rule_id: str,
           issue_type: str, category: tuple[str, str]) -> dict:
    offset, length = utf16(text, start), utf16(text, end) - utf16(text, start)
    ctx_start = max(0, start - 20)
    context = text[ctx_start:end + 20].replace("\n", " ")
    return {
        "message": message,
        "shortMessage": "Spelling mistake" if issue_type == "misspelling" else "",
        "replacements": [{"value": r} for r in replacements],
        "offset": offset,
        "length": length,
        "context": {"text": context, "offset": utf16(text, start) - utf16(text, ctx_start), "length": length},
        "sentence": text,
        "type": {"typeName": "UnknownWord" if issue_type == "misspelling" else "Other"},
        "rule": {
            "id": rule_id,
            "description": "Possible spelling mistake" if issue_type == "misspelling" else message,
            "issueType": issue_type,
            "category": {"id": category[0], "name": category[1]},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def check(text: str, language: str, params: dict[str, str]) -> dict:
    """What the fake LanguageTool answers for ``text``."""
    base = language.split("-")[0]
    speller = "GERMAN_SPELLER_RULE" if base == "de" else f"MORFOLOGIK_RULE_{language.upper().replace('-', '_')}"
    disabled_rules = set(filter(None, params.get("disabledRules", "").split(",")))
    disabled_categories = set(filter(None, params.get("disabledCategories", "").split(",")))
    matches = []
    for wrong, replacements in SPELLING.get(base, {}).items():
        for m in re.finditer(rf"\b{re.escape(wrong)}\b", text):
            matches.append(_match(text, m.start(), m.end(), "Möglicher Tippfehler gefunden." if base == "de"
                                  else "Possible spelling mistake found.", replacements, speller,
                                  "misspelling", ("TYPOS", "Possible Typo")))
    wrong, right, rule_id = GRAMMAR.get(base, ("\0", "", ""))
    for m in re.finditer(re.escape(wrong), text):
        matches.append(_match(text, m.start(), m.end(), f"Did you mean '{right}'?", [right], rule_id,
                              "grammar", ("GRAMMAR", "Grammar")))
    if params.get("level") == "picky" and base in PICKY:
        word, rule_id = PICKY[base]
        for m in re.finditer(rf"\b{word}\b", text):
            matches.append(_match(text, m.start(), m.end(), "Consider leaving this word out.", [], rule_id,
                                  "style", ("STYLE", "Style")))
    matches = [m for m in matches if m["rule"]["id"] not in disabled_rules
               and m["rule"]["category"]["id"] not in disabled_categories]
    if params.get("mode") == "textLevelOnly":
        matches = []  # all of the fake's rules work sentence by sentence, as LanguageTool's speller and grammar do
    matches.sort(key=lambda m: m["offset"])
    name = next((lang["name"] for lang in LANGUAGES if lang["longCode"] == language), language)
    return {
        "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28 12:00:00 +0000",
                     "apiVersion": 1, "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": name, "code": language,
                     "detectedLanguage": {"name": name, "code": language, "confidence": 0.99}},
        "matches": matches,
    }


class FakeLanguageTool:
    """Start with ``start()`` (or as a context manager); ``url`` is the server root to configure."""

    def __init__(self, port: int = 0) -> None:
        self.mode = "ok"
        self.delay = 2.0
        """Seconds the "slow" mode sleeps before answering /v2/check."""
        self.latency = 0.0
        """Seconds every /v2/check takes, to stand in for LanguageTool's own work (benchmarks)."""
        self.fail_languages = False
        """Apply the failure mode to /v2/languages as well."""
        self.gate: threading.Event | None = None
        """When set to an Event, /v2/check answers only once it is set (at most 10 s): a test's "slow"."""
        self.checks: list[dict[str, str]] = []
        self.language_requests = 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes; don't wait 40 ms for an ACK

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: bytes, content_type: str = "application/json",
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def _failure(self) -> bool:
                """Answer according to the failure mode; False when the request should be served normally."""
                mode = fake.mode
                if mode == "slow":
                    time.sleep(fake.delay)
                    return False
                if mode == "error500":
                    self._send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
                elif mode == "error500-json":
                    self._send(500, b'{"error": "java.lang.OutOfMemoryError"}')
                elif mode == "garbage":
                    self._send(200, b"{\"matches\": [ this is not json", "application/json")
                elif mode == "not-matches":
                    self._send(200, b'{"software": {"name": "Something else"}, "result": []}')
                elif mode == "ratelimit":
                    self._send(429, b"Error: Too many requests. Please wait.", "text/plain", {"Retry-After": "7"})
                else:
                    return False
                return True

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                if path == "/v2/languages":
                    with fake._lock:
                        fake.language_requests += 1
                    if fake.fail_languages and self._failure():
                        return
                    self._send(200, json.dumps(LANGUAGES).encode())
                elif path == "/v2/healthcheck":
                    self._send(200, b"OK", "text/plain")
                else:
                    self._send(404, b"Not found", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                params = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8"),
                                                       keep_blank_values=True).items()}
                if urlsplit(self.path).path != "/v2/check":
                    self._send(404, b"Not found", "text/plain")
                    return
                with fake._lock:
                    fake.checks.append(params)
                gate = fake.gate
                if gate is not None:
                    gate.wait(10)
                if self._failure():
                    return
                time.sleep(fake.latency)
                text, language = params.get("text", ""), params.get("language", "")
                if not any(lang["longCode"] == language for lang in LANGUAGES):
                    self._send(400, f"Error: '{language}' is not a language code known to LanguageTool."
                               .encode(), "text/plain")
                    return
                answer = check(text, language, params)
                if fake.mode == "bad-offsets":
                    for m in answer["matches"]:
                        m["offset"] = len(text) * 2 + 5
                self._send(200, json.dumps(answer, ensure_ascii=False).encode("utf-8"))

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up (timeout) closes the socket under a slow answer: expected

        self._server = Server(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-languagetool", daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until killed (what the fake ``java`` of the local-mode test does)."""
        self._server.serve_forever(poll_interval=0.05)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def closed_port_url() -> str:
    """A loopback URL where nothing listens (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
