"""The drafting page at GET / (issue 17): its JSON endpoints over real HTTP, the page in a real Chromium.

Browser tests need Playwright and Debian's Chromium; without them they skip with the reason,
except under CI=true, where they fail instead.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from languagetool_fake import FakeLanguageTool, closed_port_url
from web_server import browser_missing, chromium_path, must_not_skip, running_server

BAD_DRAFT = (
    "Grüß Gott Herr Müller 🙂,\n\n"
    "Sie haben mein Profil besucht. Vielleicht ergeben sich ja Synergien für unsere Größe.\n\nGrüße"
)
# The rule ids this draft must trigger, with the words each one must underline.
BAD_PHRASES = {
    "profile-visit": "Sie haben mein Profil besucht",
    "vague-future": "Vielleicht ergeben sich",
    "buzzwords": "Synergien",
}
GOOD_DRAFT = (
    "Hallo Herr Müller,\n\n"
    "wir haben uns letzte Woche am Stand der Stadtwerke in Köln über Ladesäulen unterhalten 🙂. "
    "Ich schreibe Ihnen, weil wir gerade eine Studie zu Ladesäulen im ländlichen Raum abschließen. "
    "Gern schicke ich Ihnen die Ergebnisse vorab. Hätten Sie bitte nächste Woche 20 Minuten für ein "
    "kurzes Telefonat? Vielen Dank!\n\nViele Grüße\nJonas Weiß"
)
STORE = "lint-request.page.v1"
TYPO_DRAFT = "Hallo Herr Müller 🙂,\n\nnach Ihrem Vortarg auf dem Barcamp hätte ich eine Frage.\n\nGrüße"
"""The fake LanguageTool (tests/languagetool_fake.py) knows "Vortarg" as a typo of "Vortrag"."""


def _with_languagetool(url: str) -> Any:
    from linter.grammar.settings import resolve_settings
    from linter.serve.app import ServeSettings

    return ServeSettings(grammar=resolve_settings({"mode": "server", "url": url}, env={}))


# ---- the JSON endpoints, over HTTP ------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The real server (``create_app``, default settings) for this module's tests."""
    with running_server() as url:
        yield url


def _post(url: str, body: bytes | dict[str, Any]) -> tuple[int, dict[str, Any]]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _js_slice(text: str, start: int, end: int) -> str:
    """``text.slice(start, end)`` as JavaScript computes it (UTF-16 code units)."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def test_lint_answers_findings_at_javascript_offsets(base_url: str) -> None:
    status, data = _post(f"{base_url}/api/lint", {"text": BAD_DRAFT, "lang": "auto", "platform": "linkedin"})
    assert status == 200
    assert data["lang"] == "de"
    found = {f["rule"]: f for f in data["findings"]}
    for rule, phrase in BAD_PHRASES.items():
        assert _js_slice(BAD_DRAFT, found[rule]["start"], found[rule]["end"]) == phrase
        assert found[rule]["message"] and found[rule]["suggestion"] and found[rule]["why"]
    assert found["profile-visit"]["severity"] == "error"
    assert [a["part"] for a in data["anatomy"]] == [
        "greeting", "connection", "reason", "offer", "ask", "courtesy", "signoff"]
    assert not any(a["present"] for a in data["anatomy"] if a["part"] in ("connection", "offer"))
    assert data["score"] < 50
    assert data["counter"]["limit"] == 300 and data["counter"]["unit"] == "characters"
    assert data["counter"]["value"] == len(BAD_DRAFT)  # code points, as the length rule counts


def test_lint_uses_the_recipient_fields(base_url: str) -> None:
    text = "Hallo Frau Schulz,\n\nwir haben uns auf dem Barcamp unterhalten. Danke!\n\nViele Grüße\nJonas"
    _, without = _post(f"{base_url}/api/lint", {"text": text})
    _, withname = _post(f"{base_url}/api/lint", {"text": text, "recipient": {"name": "Frau Anna Berger"}})
    assert "recipient-mismatch" not in {f["rule"] for f in without["findings"]}
    mismatch = [f for f in withname["findings"] if f["rule"] == "recipient-mismatch"]
    assert mismatch and _js_slice(text, mismatch[0]["start"], mismatch[0]["end"]) == "Hallo Frau Schulz"
    assert "Berger" in mismatch[0]["suggestion"] and mismatch[0]["why"]
    assert withname["score"] < without["score"]


@pytest.mark.parametrize("body, fragment", [
    (b"{not json", "JSON object"),
    (b"[1, 2]", "JSON object"),
    ({"text": 5}, "'text'"),
    ({"text": "Hallo", "platform": "myspace"}, "linkedin-free"),
    ({"text": "Hallo", "lang": "fr"}, "auto, de, en"),
    ({"text": "Hallo", "recipient": {"name": 3}}, "'recipient'"),
])
def test_bad_bodies_get_400_with_one_clear_message(base_url: str, body: Any, fragment: str) -> None:
    for endpoint in ("lint", "suggest"):
        status, data = _post(f"{base_url}/api/{endpoint}", body)
        assert status == 400
        assert fragment in data["error"]


def test_platforms_list_the_documented_limits(base_url: str) -> None:
    with urllib.request.urlopen(f"{base_url}/api/platforms?lang=de", timeout=10) as response:
        data = json.loads(response.read())
    assert data["default"] == "generic"
    limits = {p["id"]: (p["limit"], p["unit"]) for p in data["platforms"]}
    # README: LinkedIn 300 characters, LinkedIn free 200, XING 600, e-mail 200 words, otherwise 800.
    assert limits == {"generic": (800, "characters"), "linkedin": (300, "characters"),
                      "linkedin-free": (200, "characters"), "xing": (600, "characters"), "email": (200, "words")}


def test_a_draft_over_the_servers_limit_gets_413() -> None:
    from linter.serve.app import ServeSettings

    with running_server(ServeSettings(max_text_length=500)) as url:
        status, data = _post(f"{url}/api/lint", {"text": "Hallo Frau Berger, " * 40})
        assert status == 413 and "500" in data["error"]
        status, _ = _post(f"{url}/api/lint", {"text": "Hallo Frau Berger, " * 20})
        assert status == 200
        # Without a Content-Length (chunked) the same answer.
        host, port = url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        body = json.dumps({"text": "Hallo " * 20_000}).encode()
        connection.request("POST", "/api/lint", body=iter([body[i:i + 8192] for i in range(0, len(body), 8192)]),
                           headers={"Content-Type": "application/json"}, encode_chunked=True)
        response = connection.getresponse()
        assert response.status == 413 and "500" in json.loads(response.read())["error"]
        connection.close()


def test_suggest_answers_an_outline_with_gaps(base_url: str) -> None:
    status, data = _post(f"{base_url}/api/suggest", {"text": "🙂 " + BAD_DRAFT, "lang": "de"})
    assert status == 200
    outline = data["outline"]
    assert "Sie haben mein Profil besucht" not in outline
    assert data["gaps"], outline
    for gap in data["gaps"]:
        words = _js_slice(outline, gap["start"], gap["end"])
        assert words.startswith("[") and words.endswith("]") and len(words) > 2
    assert any("profile-visit" in r["rules"] for r in data["removed"])
    assert data["score_after"] > data["score_before"]


def test_languagetool_findings_are_merged_on_request(fake: FakeLanguageTool) -> None:
    with running_server(_with_languagetool(fake.url)) as url:
        with urllib.request.urlopen(f"{url}/api/platforms", timeout=10) as response:
            assert json.loads(response.read())["grammar"] is True
        _, rules_only = _post(f"{url}/api/lint", {"text": TYPO_DRAFT})
        status, data = _post(f"{url}/api/lint", {"text": TYPO_DRAFT, "grammar": True})
    assert status == 200 and data["grammar"] == {"checked": True, "warning": None}
    typo = [f for f in data["findings"] if f["rule"].startswith("LT:")]
    assert [_js_slice(TYPO_DRAFT, f["start"], f["end"]) for f in typo] == ["Vortarg"]
    assert typo[0]["replacements"][0] == "Vortrag" and typo[0]["source"] == "languagetool"
    assert not any(f["rule"].startswith("LT:") for f in rules_only["findings"])
    assert data["score"] == rules_only["score"]  # the score rates the request, not the spelling


def test_languagetool_down_costs_a_warning_only() -> None:
    with running_server(_with_languagetool(closed_port_url())) as url:
        status, data = _post(f"{url}/api/lint", {"text": TYPO_DRAFT, "grammar": True})
    assert status == 200
    assert data["grammar"]["checked"] is False and data["grammar"]["warning"]
    assert "no-offer" in {f["rule"] for f in data["findings"]}


def test_the_page_and_its_files_come_from_this_server_only(base_url: str) -> None:
    with urllib.request.urlopen(f"{base_url}/", timeout=10) as response:
        html = response.read().decode()
        assert response.headers["Content-Type"].startswith("text/html")
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/page.js" in assets and "/static/page.css" in assets
    for asset in assets:
        if asset.startswith("data:"):
            continue
        assert asset.startswith("/static/"), asset
        with urllib.request.urlopen(f"{base_url}{asset}", timeout=10) as response:
            body = response.read().decode()
        assert not re.search(r"https?://", body), f"{asset} refers to another site"
    assert not re.search(r"https?://", html)


def test_lint_request_serve_answers_the_page(serve_cli: Any) -> None:
    url, _ = serve_cli()
    with urllib.request.urlopen(f"{url}/", timeout=10) as response:
        assert 'id="draft"' in response.read().decode()
    with urllib.request.urlopen(f"{url}/static/page.js", timeout=10) as response:
        assert response.headers["Content-Type"].startswith(("text/javascript", "application/javascript"))
    status, data = _post(f"{url}/api/lint", {"text": BAD_DRAFT})
    assert status == 200 and "profile-visit" in {f["rule"] for f in data["findings"]}


# ---- the page in Chromium ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = browser_missing()
    if reason:
        if must_not_skip():
            pytest.fail(f"CI=true and the browser tests cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path())
        yield chromium
        chromium.close()


class Page:
    """One tab on the drafting page, with the waits the tests need and every request it made."""

    def __init__(self, browser: Any, base_url: str, locale: str = "de-DE") -> None:
        self.base_url = base_url
        self.context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 1000},
                                           permissions=["clipboard-read", "clipboard-write"])
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console_error)
        self.open()

    def _console_error(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def open(self) -> None:
        self.page.goto(f"{self.base_url}/")
        self.wait_for_findings()

    def until(self, script: str, timeout: float = 10.0) -> Any:
        """Poll ``script`` until it is truthy. (The page's CSP forbids the eval behind wait_for_function.)"""
        deadline = time.monotonic() + timeout
        while True:
            value = self.page.evaluate(script)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for: {script}")
            time.sleep(0.01)

    def wait_for_findings(self) -> None:
        """Until the findings on screen belong to the text in the editor."""
        self.until("() => window.lintRequestPage && window.lintRequestPage.renders > 0"
                   " && window.lintRequestPage.lastText === document.getElementById('draft').value")

    def type(self, text: str) -> None:
        self.page.click("#draft")
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)
        self.wait_for_findings()

    def listed_rules(self) -> list[str]:
        return self.page.eval_on_selector_all("#findings li[data-rule]", "items => items.map(i => i.dataset.rule)")

    def underlined(self) -> dict[str, str]:
        """Each underlined finding's rule id and the words its marks cover (a cut mark's pieces joined)."""
        return self.page.evaluate("""() => {
            const words = {};
            for (const mark of document.querySelectorAll('#backdrop mark')) {
                const key = mark.dataset.finding + ' ' + mark.dataset.rule;
                const own = [...mark.childNodes].map(n => n.textContent).join('');
                words[key] = (words[key] || '') + own;
            }
            return Object.fromEntries(Object.entries(words).map(([k, v]) => [k.split(' ')[1], v]));
        }""")

    def anatomy(self) -> dict[str, bool]:
        return self.page.eval_on_selector_all(
            "#anatomy li",
            "items => Object.fromEntries(items.map(i => [i.dataset.part, i.classList.contains('present')]))")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any, base_url: str) -> Iterator[Page]:
    page = Page(browser, base_url)
    yield page
    assert not page.errors, page.errors
    assert all(url.startswith((base_url, "data:")) for url in page.requests), page.requests
    page.close()


def test_bad_german_draft_is_underlined_then_fixed(tab: Page) -> None:
    tab.type(BAD_DRAFT)
    listed = tab.listed_rules()
    assert set(BAD_PHRASES) <= set(listed)
    assert {"no-connection", "no-offer"} <= set(listed)
    underlined = tab.underlined()
    for rule, phrase in BAD_PHRASES.items():
        assert underlined[rule] == phrase
    assert tab.page.eval_on_selector("#backdrop mark[data-rule='profile-visit']", "m => m.className") == "error"
    item = tab.page.locator("#findings li[data-rule='profile-visit']")
    assert item.locator(".suggestion").inner_text().strip() and item.locator("details.why p").text_content().strip()
    assert not tab.anatomy()["connection"]
    score_before = int(tab.page.inner_text("#score"))

    tab.type(GOOD_DRAFT)
    assert not set(BAD_PHRASES) & set(tab.listed_rules())
    assert tab.underlined() == {}
    assert tab.anatomy() == dict.fromkeys(
        ("greeting", "connection", "reason", "offer", "ask", "courtesy", "signoff"), True)
    assert int(tab.page.inner_text("#score")) > score_before


def test_marks_follow_edits_before_the_answer_comes(tab: Page) -> None:
    tab.type(BAD_DRAFT)
    tab.page.route("**/api/lint", lambda route: route.abort())  # no answer comes: the marks must move alone
    tab.page.keyboard.press("Control+Home")
    tab.page.keyboard.type("🙂🙂 ")
    assert tab.underlined() == BAD_PHRASES
    # An edit inside a finding's words takes its mark away; the others stay on their words.
    start = tab.page.evaluate("() => document.getElementById('draft').value.indexOf('Profil')")
    tab.page.evaluate(f"() => document.getElementById('draft').setSelectionRange({start + 2}, {start + 2})")
    tab.page.keyboard.type("x")
    assert tab.underlined() == {k: v for k, v in BAD_PHRASES.items() if k != "profile-visit"}
    tab.until("() => document.getElementById('status').textContent")  # the page says the server is gone
    tab.page.unroute("**/api/lint")
    tab.page.keyboard.press("Backspace")
    tab.wait_for_findings()
    assert tab.underlined() == BAD_PHRASES
    tab.errors.clear()  # the aborted requests' console lines


def test_clicking_or_entering_a_finding_selects_its_words(tab: Page) -> None:
    tab.type(BAD_DRAFT)
    selection = "() => { const d = document.getElementById('draft'); " \
                "return [document.activeElement === d, d.value.slice(d.selectionStart, d.selectionEnd)]; }"
    tab.page.locator("#findings li[data-rule='vague-future'] button").click()
    assert tab.page.evaluate(selection) == [True, BAD_PHRASES["vague-future"]]

    # Keyboard only: Tab from the editor through the controls to the finding, then Enter.
    tab.page.focus("#draft")
    target = tab.page.locator("#findings li[data-rule='profile-visit'] button")
    for _ in range(60):
        tab.page.keyboard.press("Tab")
        if target.evaluate("b => b === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the finding")
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate(selection) == [True, BAD_PHRASES["profile-visit"]]


def test_linkedin_free_limit_and_reload_keeps_draft_and_fields(tab: Page) -> None:
    tab.type(BAD_DRAFT)
    tab.page.fill("#r-name", "Herr Jörg Müller")
    tab.page.fill("#r-offer", "unsere Messdaten")
    tab.page.select_option("#platform", "linkedin-free")
    tab.until("() => document.getElementById('counter').dataset.limit === '200'")
    assert "/ 200 Zeichen" in tab.page.inner_text("#counter")
    assert "(200 Zeichen)" in tab.page.inner_text("#platform option[value='linkedin-free']")

    tab.page.reload()
    tab.wait_for_findings()
    assert tab.page.input_value("#draft") == BAD_DRAFT
    assert tab.page.input_value("#r-name") == "Herr Jörg Müller"
    assert tab.page.input_value("#r-offer") == "unsere Messdaten"
    assert tab.page.input_value("#platform") == "linkedin-free"
    assert tab.page.eval_on_selector("#counter", "c => c.dataset.limit") == "200"
    assert tab.underlined()["profile-visit"] == BAD_PHRASES["profile-visit"]
    assert "lokalen Speicher" in tab.page.inner_text(".privacy")


def test_suggest_shows_outline_with_gaps_and_puts_it_into_the_editor(tab: Page) -> None:
    tab.type(BAD_DRAFT)
    tab.page.fill("#r-name", "Herr Jörg Müller")
    tab.page.click("#suggest")
    tab.until("() => !document.getElementById('outline-panel').hidden")
    outline = tab.page.inner_text("#outline")
    gaps = tab.page.eval_on_selector_all("#outline mark.gap", "marks => marks.map(m => m.textContent)")
    assert gaps and all(g.startswith("[") and g.endswith("]") for g in gaps)
    assert "Sie haben mein Profil besucht" not in outline
    assert "Müller" in outline  # the recipient field went into the greeting

    tab.page.click("#use-outline")
    tab.wait_for_findings()
    draft = tab.page.input_value("#draft")
    assert "Müller" in draft and gaps[0] in draft
    selected = tab.page.evaluate("() => { const d = document.getElementById('draft');"
                                 " return d.value.slice(d.selectionStart, d.selectionEnd); }")
    assert selected == gaps[0]
    assert "placeholder" in tab.listed_rules()  # an unfilled gap cannot slip through
    tab.page.keyboard.press("Control+Z")  # the old draft comes back
    assert tab.until("() => document.getElementById('draft').value") == BAD_DRAFT


def test_copy_puts_the_draft_on_the_clipboard(tab: Page) -> None:
    tab.type(GOOD_DRAFT)
    tab.page.click("#copy")
    tab.until("() => document.getElementById('status').textContent")
    assert tab.page.evaluate("() => navigator.clipboard.readText()") == GOOD_DRAFT


def test_clear_empties_the_page_and_the_storage(tab: Page) -> None:
    tab.type(BAD_DRAFT)
    tab.page.fill("#r-company", "Stadtwerke")
    tab.page.once("dialog", lambda dialog: dialog.accept())
    tab.page.click("#clear")
    tab.wait_for_findings()
    assert tab.page.input_value("#draft") == "" and tab.page.input_value("#r-company") == ""
    assert tab.page.evaluate(f"() => localStorage.getItem('{STORE}')") is None
    tab.page.reload()
    tab.wait_for_findings()
    assert tab.page.input_value("#draft") == ""


def test_the_servers_platform_is_preselected_and_a_gone_server_is_said(browser: Any) -> None:
    from linter.serve.app import ServeSettings

    with running_server(ServeSettings(platform="xing")) as url:
        tab = Page(browser, url)
        tab.until("() => document.getElementById('platform').value === 'xing'")
        tab.until("() => document.getElementById('counter').dataset.limit === '600'")
        tab.type(BAD_DRAFT)
    # The server has stopped: the page says so and keeps the draft.
    tab.page.keyboard.type(" Noch ein Satz.")
    tab.until("() => document.getElementById('status').textContent")
    assert "antwortet nicht" in tab.page.inner_text("#status")
    assert tab.page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORE}')).text").endswith("Noch ein Satz.")
    tab.close()


def test_languagetool_findings_appear_on_the_page(browser: Any, fake: FakeLanguageTool) -> None:
    with running_server(_with_languagetool(fake.url)) as url:
        tab = Page(browser, url)
        tab.type(TYPO_DRAFT)
        tab.until("() => document.querySelector('#backdrop mark[data-rule^=\"LT:\"]')")
        typo = {rule: words for rule, words in tab.underlined().items() if rule.startswith("LT:")}
        assert list(typo.values()) == ["Vortarg"]
        assert "LanguageTool" in tab.page.inner_text("#grammar-note")
        assert "no-offer" in tab.listed_rules()  # the rules' findings stay beside LanguageTool's
        tab.close()


def test_declining_clear_keeps_everything(tab: Page) -> None:
    tab.type(BAD_DRAFT)
    tab.page.once("dialog", lambda dialog: dialog.dismiss())
    tab.page.click("#clear")
    assert tab.page.input_value("#draft") == BAD_DRAFT


@pytest.mark.parametrize("locale, words", [
    ("de-DE", {"#draft": "Entwurf", "#platform": "Plattform", "#r-met": "Woher Sie sich kennen"}),
    ("en-GB", {"#draft": "Draft", "#platform": "Platform", "#r-met": "How you met"}),
])
def test_ui_language_follows_the_browser_and_every_control_has_a_name(
        browser: Any, base_url: str, locale: str, words: dict[str, str]) -> None:
    tab = Page(browser, base_url, locale=locale)
    try:
        assert tab.page.evaluate("() => document.documentElement.lang") == locale[:2]
        tab.type(BAD_DRAFT)
        tab.page.click("#suggest")
        tab.until("() => !document.getElementById('outline-panel').hidden")
        shown = tab.page.inner_text("body") + " ".join(tab.page.eval_on_selector_all(
            "[placeholder]", "fields => fields.map(f => f.placeholder)"))
        assert "undefined" not in shown and "[object" not in shown  # every text exists in this language
        assert tab.page.eval_on_selector_all(
            "[data-i18n]", "els => els.filter(e => !e.textContent.trim()).map(e => e.dataset.i18n)") == []
        for selector, label in words.items():
            assert tab.page.locator(f"label[for='{selector[1:]}']").inner_text() == label
        unnamed = tab.page.evaluate("""() => [...document.querySelectorAll('input, select, textarea, button')]
            .filter(c => !(c.labels && c.labels.length && c.labels[0].textContent.trim())
                         && !c.textContent.trim() && !c.getAttribute('aria-label'))
            .map(c => c.outerHTML.slice(0, 80))""")
        assert unnamed == []
    finally:
        tab.close()


def _contrast(rgb_a: tuple[float, ...], rgb_b: tuple[float, ...]) -> float:
    def luminance(rgb: tuple[float, ...]) -> float:
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_contrast_meets_wcag_aa(tab: Page) -> None:
    tab.type(BAD_DRAFT)  # findings of every severity on screen
    tab.page.select_option("#platform", "linkedin-free")
    tab.page.keyboard.type(" " + "x" * 150)  # and the counter over its limit
    tab.wait_for_findings()
    pairs = tab.page.evaluate("""() => {
        const rgb = s => s.match(/[\\d.]+/g).map(Number);
        const background = el => {
            for (; el; el = el.parentElement) {
                const c = rgb(getComputedStyle(el).backgroundColor);
                if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
            }
            return [255, 255, 255];
        };
        const seen = [];
        for (const el of document.querySelectorAll('body *')) {
            const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            if (!own || el.closest('#backdrop') || !el.getClientRects().length) continue;
            const style = getComputedStyle(el);
            seen.push([el.tagName + '.' + el.className, rgb(style.color), background(el)]);
        }
        return seen;
    }""")
    assert len(pairs) > 30
    low = [(name, round(_contrast(fg, bg), 2)) for name, fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert low == []
