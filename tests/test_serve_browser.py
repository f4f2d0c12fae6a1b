"""A real browser: a page of another origin posts a draft to `lint-request serve` with fetch(…, {mode: "cors"}).

Headless Chromium from Debian (``/usr/bin/chromium``, which ``.ci/run`` installs) driven by
Playwright. Without it the tests skip with the reason, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from serve_fixtures import serve_process

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).is_file()),
                shutil.which("chromium"))

PAGE = """<!doctype html><meta charset="utf-8"><title>compose</title>
<script>
async function lint(server, text, extraHeaders) {
  const body = new URLSearchParams({language: "auto", preferredVariants: "de-AT", mode: "allButTextLevelOnly",
                                    data: JSON.stringify({text, metaData: {FullName: "Jonas Weber"}})});
  try {
    const response = await fetch(server + "/v2/check", {method: "POST", mode: "cors", body,
      headers: Object.assign({"Content-Type": "application/x-www-form-urlencoded"}, extraHeaders || {})});
    return {status: response.status, json: await response.json()};
  } catch (error) {
    return {error: String(error)};
  }
}
</script>"""

DRAFT = "Hallo Frau Jürgens 👋,\nSie haben mein Profil besucht, daß freut mich.\nViele Grüße\nJonas Weber"


def _browser_or_skip() -> Any:
    reason = None
    sync_playwright: Any = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright is not installed (pip install -e '.[test]')"
    if reason is None and CHROMIUM is None:
        reason = "Chromium is not installed (apt-get install chromium; .ci/run does it)"
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser test cannot run under CI: {reason}")
        pytest.skip(reason)
    return sync_playwright


@contextlib.contextmanager
def other_origin_page() -> Iterator[str]:
    """A second loopback server (another port, so another origin) that serves the compose page."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Any]:
    sync_playwright = _browser_or_skip()
    with other_origin_page() as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(origin + "/compose")
            page.origin = origin
            yield page
        finally:
            browser.close()


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_a_page_of_another_origin_reads_the_matches(browser_page: Any) -> None:
    with serve_process() as (server, _):
        result = browser_page.evaluate("([server, text]) => lint(server, text)", [server, DRAFT])
        # A custom header makes the browser send a CORS preflight first.
        preflighted = browser_page.evaluate("([server, text]) => lint(server, text, {'X-Compose': '1'})",
                                            [server, DRAFT])
    assert "error" not in result, result
    assert result["status"] == 200
    matches = {m["rule"]["id"]: m for m in result["json"]["matches"]}
    assert matches["profile-visit"]["offset"] == utf16(DRAFT, DRAFT.index("Sie haben"))
    assert matches["spelling"]["offset"] == utf16(DRAFT, DRAFT.index("daß"))
    assert matches["spelling"]["replacements"] == [{"value": "dass"}]
    assert "no-connection" not in matches  # a whole-text finding: it belongs to mode=textLevelOnly
    assert result["json"]["language"]["code"] == "de-AT"
    assert preflighted.get("status") == 200 and preflighted["json"] == result["json"]


def test_an_origin_not_allowed_cannot_read_the_answer(browser_page: Any) -> None:
    with serve_process("--allow-origin", "https://compose.example") as (server, _):
        result = browser_page.evaluate("([server, text]) => lint(server, text)", [server, DRAFT])
    assert "error" in result and "Failed to fetch" in result["error"]
