"""Benchmark of the drafting page of ``lint-request serve``: ``python benchmarks/web_page.py`` (``--write`` updates
docs/performance.md; ``--screenshot docs/web-page.png`` takes the README's screenshot instead).

Measures, in Debian's headless Chromium driven by Playwright, against a real ``lint-request serve`` process
on 127.0.0.1 (its own process, as users run it, so that this script's polling does not share its CPU time):
- page load: navigation start to the load event, and to the first findings painted for a stored
  1,000-character draft (what a returning user sees), over fresh reloads;
- findings on screen after typing stops: a character typed at the end of a 1,000-character draft,
  from the browser's input event to the first frame painted with the new findings
  (debounce, request, lint and rendering included);
- the ``POST /api/lint`` round trip alone for the same draft (Python client, keep-alive off).
"""

from __future__ import annotations

import argparse
import http.client
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent)]

from corpus import make_drafts  # noqa: E402
from perfdoc import write_section  # noqa: E402
from serve_fixtures import serve_process  # noqa: E402
from web_server import browser_missing, chromium_path  # noqa: E402

STORE = "lint-request.page.v1"
SCREENSHOT_DRAFT = (
    "Hallo Frau Berger,\n\n"
    "wir haben uns letzte Woche auf dem Barcamp in Köln nach Ihrem Vortrag über barrierefreie Formulare "
    "kurz unterhalten. Ich habe gesehen, dass Sie mein Profil besucht haben. Vielleicht ergeben sich ja "
    "Synergien zwischen unseren Teams.\n\n"
    "Hätten Sie nächste Woche Zeit für ein kurzes Telefonat?\n\n"
    "Viele Grüße\nJonas Weiß"
)
SCREENSHOT_FIELDS = {"r-name": "Frau Anna Berger", "r-company": "Stadtwerke Bonn", "r-met": "Barcamp Köln",
                     "r-offer": "", "lang": "auto", "platform": "xing"}


TYPING_ROW = ("findings on screen after typing stops, 1,000-character draft, input event to painted "
              "(40 ms debounce included), median / p95 / max of {n}")


def draft_of(length: int) -> str:
    """A realistic German/English draft of exactly ``length`` characters."""
    return "\n\n".join(make_drafts(12, seed=11))[:length]


def _until(page: Any, script: str, timeout: float = 10.0) -> Any:
    """Poll ``script`` (the page's CSP forbids the eval behind Playwright's wait_for_function)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(script)
        time.sleep(0.002)


SHOWN = ("() => window.lintRequestPage && window.lintRequestPage.renders > 0"
         " && window.lintRequestPage.lastText === document.getElementById('draft').value")


def _stored(draft: str, **fields: str) -> str:
    data = {"text": draft, "lang": "auto", "platform": "generic", "r-name": "", "r-company": "", "r-met": "",
            "r-offer": "", **fields}
    return json.dumps(data, ensure_ascii=False)


def page_load(browser: Any, url: str, draft: str, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds from navigation start to the load event, and to the first findings painted."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE, _stored(draft)])
    loads, firsts = [], []
    for _ in range(runs):
        page.reload()
        _until(page, "() => window.lintRequestPage && window.lintRequestPage.firstRenderAt !== null")
        timing = page.evaluate("() => [performance.getEntriesByType('navigation')[0].loadEventEnd,"
                               " window.lintRequestPage.firstRenderAt]")
        loads.append(timing[0])
        firsts.append(timing[1])
    context.close()
    return loads, firsts


def typing(browser: Any, url: str, draft: str, runs: int) -> list[float]:
    """Milliseconds from the last input event to the new findings painted, one character typed each run."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORE, _stored(draft)])
    page.reload()
    _until(page, SHOWN)
    page.click("#draft")
    page.keyboard.press("Control+End")
    latencies = []
    for index in range(runs):
        page.keyboard.type("x" if index % 2 == 0 else " ")
        _until(page, SHOWN)
        latencies.append(page.evaluate("() => window.lintRequestPage.lastLatency"))
        if index % 10 == 9:
            for _ in range(10):
                page.keyboard.press("Backspace")
            _until(page, SHOWN)
    context.close()
    return latencies


def round_trips(url: str, draft: str, runs: int) -> list[float]:
    host, port = url.removeprefix("http://").split(":")
    body = json.dumps({"text": draft, "lang": "auto", "platform": "generic", "recipient": {}}).encode()
    times = []
    for _ in range(runs):
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        started = time.perf_counter()
        connection.request("POST", "/api/lint", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        connection.close()
        assert response.status == 200
    return times


def screenshot(browser: Any, url: str, path: Path) -> None:
    """The README's picture: a realistic draft with findings, recipient fields filled, XING chosen."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 1240}, device_scale_factor=1)
    page = context.new_page()
    page.goto(url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [STORE, _stored(SCREENSHOT_DRAFT, **SCREENSHOT_FIELDS)])
    page.reload()
    _until(page, SHOWN)
    page.locator("#findings li[data-rule='profile-visit'] details summary").click()
    page.click("#suggest")
    _until(page, "() => !document.getElementById('outline-panel').hidden")
    page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.mouse.move(1, 1)
    time.sleep(0.2)
    page.screenshot(path=str(path))
    context.close()


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--write", action="store_true", help="write the results into docs/performance.md")
    parser.add_argument("--quick", action="store_true", help="few runs, for a smoke test")
    parser.add_argument("--screenshot", type=Path, help="take the README's screenshot into this file and stop")
    args = parser.parse_args(argv)
    reason = browser_missing()
    if reason:
        print(f"web_page.py: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    loads_n, typing_n, trips_n = (3, 5, 20) if args.quick else (25, 40, 200)
    draft = draft_of(1000)
    with serve_process() as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path())
        try:
            if args.screenshot:
                screenshot(browser, url, args.screenshot)
                print(f"wrote {args.screenshot}")
                return 0
            version = f"Chromium {browser.version}"
            loads, firsts = page_load(browser, url, draft, loads_n)
            latencies = typing(browser, url, draft, typing_n)
            trips = round_trips(url, draft, trips_n)
        finally:
            browser.close()
    rows = [
        (f"page load: navigation start to the load event, localhost, median / max of {len(loads)} reloads",
         f"{statistics.median(loads):.0f} ms / {max(loads):.0f} ms", "≤ 300 ms"),
        ("… to the first findings painted for a stored 1,000-character draft, median / max",
         f"{statistics.median(firsts):.0f} ms / {max(firsts):.0f} ms", "≤ 300 ms"),
        (TYPING_ROW.format(n=len(latencies)),
         f"{statistics.median(latencies):.0f} ms / {_p(latencies, 0.95):.0f} ms / {max(latencies):.0f} ms",
         "≤ 100 ms"),
        (f"… of which `POST /api/lint` round trip, 1,000 characters, median / p95 of {len(trips)}",
         f"{statistics.median(trips):.1f} ms / {_p(trips, 0.95):.1f} ms", ""),
    ]
    table = "\n".join(["| measurement | result | target |", "|---|---|---|",
                       *(f"| {a} | {b} | {c} |" for a, b, c in rows)])
    import os

    machine = (f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
               f"Debian's {version} headless via Playwright, {time.strftime('%Y-%m-%d')}; load average "
               f"{os.getloadavg()[0]:.1f} from other jobs, so these are upper bounds.")
    report = f"{machine}\n\n{table}"
    print(report)
    if args.write:
        write_section(report, "web-page-results", "The web page of `lint-request serve` (issue 17)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
