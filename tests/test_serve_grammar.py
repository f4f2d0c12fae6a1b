"""`lint-request serve` with a LanguageTool configured: the loopback fake LanguageTool behind the server.

Its matches are forwarded and merged one per span; down, slow, HTTP 500 and garbage cost a
``warnings`` entry, never an error for the client.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
import requests
from languagetool_fake import FakeLanguageTool, closed_port_url
from serve_fixtures import serve_in_thread

from linter.grammar.settings import resolve_settings
from linter.serve.app import ServeSettings

DRAFT = ("Hallo Frau Öztürk 🙂,\nSie haben mein Profil besucht. Nach Ihrem Vortarg hätte ich ein Frage, "
         "daß wäre schön.\nViele Grüße\nJonas Weber")
"""The fake knows "Vortarg" (typo), "ein Frage" (grammar) and "daß" (typo, also lint-request's own rule)."""


def settings_for(url: str, **serve: Any) -> ServeSettings:
    return ServeSettings(grammar=resolve_settings({"mode": "server", "url": url}, env={}), **serve)


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def post(url: str, **params: str) -> requests.Response:
    return requests.post(url + "/v2/check", data=params, timeout=20)


def covered(text: str, match: dict[str, Any]) -> str:
    units = text.encode("utf-16-le")
    return units[2 * match["offset"]:2 * (match["offset"] + match["length"])].decode("utf-16-le")


def test_languagetools_matches_are_merged_one_per_span(fake: FakeLanguageTool) -> None:
    with serve_in_thread(settings_for(fake.url)) as url:
        doc = post(url, language="auto", text=DRAFT, disabledRules="WHITESPACE_RULE,profile-visit",
                   level="picky", motherTongue="en").json()
    assert doc["warnings"] == {"incompleteResults": False}
    found = {covered(DRAFT, m): m for m in doc["matches"]}
    typo = found["Vortarg"]
    assert typo["rule"]["id"] == "GERMAN_SPELLER_RULE" and typo["rule"]["issueType"] == "misspelling"
    assert typo["offset"] == utf16(DRAFT, DRAFT.index("Vortarg")) == DRAFT.index("Vortarg") + 1
    assert typo["replacements"][0] == {"value": "Vortrag"}
    assert found["ein Frage"]["rule"]["id"] == "DE_AGREEMENT"
    # "daß": lint-request's own rule and LanguageTool flag the same span; ours stays, once.
    dass = [m for m in doc["matches"] if covered(DRAFT, m) == "daß"]
    assert [m["rule"]["id"] for m in dass] == ["spelling"]
    assert "profile-visit" not in {m["rule"]["id"] for m in doc["matches"]}
    offsets = [m["offset"] for m in doc["matches"]]
    assert offsets == sorted(offsets)
    # The client's parameters went on to LanguageTool, less lint-request's own rule ids.
    sent = fake.checks[-1]
    assert sent["text"] == DRAFT and sent["language"] == "de-DE"
    assert sent["disabledRules"] == "WHITESPACE_RULE"
    assert sent["level"] == "picky" and sent["motherTongue"] == "en" and sent["mode"] == "all"


def test_the_extensions_two_calls_report_languagetools_matches_once(fake: FakeLanguageTool) -> None:
    with serve_in_thread(settings_for(fake.url)) as url:
        data = json.dumps({"text": DRAFT, "metaData": {"FullName": "Jonas Weber"}})
        calls = [post(url, data=data, language="auto", preferredVariants="de-CH", mode=mode).json()
                 for mode in ("textLevelOnly", "allButTextLevelOnly")]
    pair = [(m["rule"]["id"], m["offset"]) for doc in calls for m in doc["matches"]]
    assert len(pair) == len(set(pair))
    ids = [rule for rule, _ in pair]
    assert ids.count("GERMAN_SPELLER_RULE") == 1 and ids.count("DE_AGREEMENT") == 1
    assert {fake.checks[-2]["mode"], fake.checks[-1]["mode"]} == {"textLevelOnly", "allButTextLevelOnly"}
    assert fake.checks[-1]["language"] == "de-CH"


def test_metadata_names_are_no_typos_for_languagetool(fake: FakeLanguageTool) -> None:
    text = "Hallo Frau Anfrge,\nwir haben uns beim Barcamp getroffen.\nViele Grüße\nJonas"
    with serve_in_thread(settings_for(fake.url)) as url:
        plain = post(url, language="de-DE", text=text).json()
        named = post(url, language="de-DE", data=json.dumps(
            {"text": text, "metaData": {"EmailToAddress": "Lena Anfrge <lena@anfrge.de>"}})).json()
    assert "GERMAN_SPELLER_RULE" in {m["rule"]["id"] for m in plain["matches"]}
    assert "GERMAN_SPELLER_RULE" not in {m["rule"]["id"] for m in named["matches"]}


def test_english_with_a_british_variant_goes_to_languagetool_as_asked(fake: FakeLanguageTool) -> None:
    text = "Thanks, I will recieve teh letter."
    with serve_in_thread(settings_for(fake.url)) as url:
        doc = post(url, language="en-GB", text=text).json()
    assert fake.checks[-1]["language"] == "en-GB"
    spans = sorted(covered(text, m) for m in doc["matches"] if m["length"] < 10)
    assert spans.count("recieve") == 1 and spans.count("teh") == 1
    assert {m["rule"]["id"] for m in doc["matches"] if covered(text, m) == "teh"} == {"MORFOLOGIK_RULE_EN_GB"}


@pytest.mark.parametrize("mode", ["error500", "error500-json", "garbage", "not-matches", "bad-offsets"])
def test_a_broken_languagetool_costs_a_warning_not_an_error(fake: FakeLanguageTool, mode: str) -> None:
    fake.mode = mode
    with serve_in_thread(settings_for(fake.url)) as url:
        response = post(url, language="auto", text=DRAFT)
        again = post(url, language="auto", text=DRAFT + " ")
    assert response.status_code == 200
    doc = response.json()
    assert doc["warnings"]["incompleteResults"] is True
    assert doc["warnings"]["incompleteResultsReason"].startswith("Results are incomplete: grammar check skipped: ")
    assert {"profile-visit", "spelling", "no-connection"} <= {m["rule"]["id"] for m in doc["matches"]}
    assert not any(m["rule"]["id"] in ("GERMAN_SPELLER_RULE", "DE_AGREEMENT") for m in doc["matches"])
    assert again.status_code == 200 and again.json()["warnings"]["incompleteResults"] is True


def test_languagetool_down_costs_a_warning() -> None:
    with serve_in_thread(settings_for(closed_port_url())) as url:
        doc = post(url, language="auto", text=DRAFT).json()
    assert "not reachable" in doc["warnings"]["incompleteResultsReason"]
    assert "profile-visit" in {m["rule"]["id"] for m in doc["matches"]}


def test_a_slow_languagetool_is_not_waited_for_beyond_the_request_timeout(fake: FakeLanguageTool) -> None:
    fake.gate = threading.Event()  # the fake holds every check until the test ends
    try:
        with serve_in_thread(settings_for(fake.url, timeout=1.0)) as url:
            started = time.monotonic()
            doc = post(url, language="auto", text=DRAFT).json()
            took = time.monotonic() - started
            assert took < 5
            assert "did not answer within" in doc["warnings"]["incompleteResultsReason"]
            assert "profile-visit" in {m["rule"]["id"] for m in doc["matches"]}
            fake.gate.set()
    finally:
        fake.gate.set()


def test_languagetools_offsets_are_moved_into_the_annotated_text(fake: FakeLanguageTool) -> None:
    annotation = [{"markup": "<div>"}, {"text": "Hallo Anna,"}, {"markup": "<br>", "interpretAs": "\n"},
                  {"text": "nach Ihrem "}, {"markup": "<i>"}, {"text": "Vortarg"}, {"markup": "</i>"},
                  {"text": " 😀 hätte ich ein Frage."}, {"markup": "</div>"}]
    original = "".join(part.get("text", part.get("markup", "")) for part in annotation)
    with serve_in_thread(settings_for(fake.url)) as url:
        doc = post(url, language="de-DE", data=json.dumps({"annotation": annotation})).json()
    assert fake.checks[-1]["text"] == "Hallo Anna,\nnach Ihrem Vortarg 😀 hätte ich ein Frage."
    spans = {m["rule"]["id"]: covered(original, m) for m in doc["matches"]}
    assert spans["GERMAN_SPELLER_RULE"] == "Vortarg" and spans["DE_AGREEMENT"] == "ein Frage"
