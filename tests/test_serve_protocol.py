"""`lint-request serve` over real HTTP: LanguageTool's v2 protocol, field by field, as clients send it.

The requests are shaped as LanguageTool's browser extension sends them (``data`` with
``metaData``, ``language=auto`` with ``preferredVariants``, each text twice with
``mode=textLevelOnly`` and ``mode=allButTextLevelOnly``), as plain form posts and as GET.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from serve_fixtures import serve_in_thread

from linter.serve.app import ServeSettings

DRAFT = ("Hallo Frau Jürgens 😀,\nSie haben mein Profil besucht. Ich würde mich freuen, daß wir uns "
         "vernetzen.\nViele Grüße\nJonas Weber")
"""Missing connection, reason, offer, ask and thanks; a profile visit; "daß" after an emoji."""

EXTENSION = {"language": "auto", "preferredVariants": "en-GB,de-AT", "level": "picky", "motherTongue": "de",
             "enableHiddenRules": "true", "disabledRules": "WHITESPACE_RULE", "useragent": "webextension-chrome-ng",
             "textSessionId": "12345:1700000000", "allowIncompleteResults": "true", "noopLanguages": "de,en",
             "preferredLanguages": "de,en"}


def utf16(text: str, index: int) -> int:
    """UTF-16 offset of code-point ``index``, the way Java counts (an emoji is two units)."""
    return len(text[:index].encode("utf-16-le")) // 2


def check(url: str, path: str = "/v2/check", **params: str) -> dict[str, Any]:
    response = requests.post(url + path, data=params, timeout=10)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def extension_check(url: str, text: str, mode: str, meta: dict[str, str] | None = None) -> dict[str, Any]:
    data = json.dumps({"text": text, "metaData": meta or {}})
    return check(url, data=data, mode=mode, **EXTENSION)


def by_rule(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["rule"]["id"]: m for m in doc["matches"]}


def test_every_field_of_the_answer_has_languagetools_shape(serve_url: str) -> None:
    doc = check(serve_url, language="de-DE", text=DRAFT)
    assert set(doc) >= {"software", "warnings", "language", "matches"}
    software = doc["software"]
    assert isinstance(software["name"], str) and isinstance(software["version"], str)
    assert isinstance(software["buildDate"], str) and software["apiVersion"] == 1
    assert software["premium"] is False and software["status"] == ""
    assert doc["warnings"] == {"incompleteResults": False}
    assert doc["language"]["name"] == "German (Germany)" and doc["language"]["code"] == "de-DE"
    detected = doc["language"]["detectedLanguage"]
    assert detected["code"] == "de-DE" and detected["name"] == "German (Germany)"
    assert 0 < detected["confidence"] <= 1
    assert doc["matches"]
    for match in doc["matches"]:
        assert set(match) == {"message", "shortMessage", "replacements", "offset", "length", "context", "sentence",
                              "type", "rule", "ignoreForIncompleteSentence", "contextForSureMatch"}
        assert match["message"] and isinstance(match["shortMessage"], str)
        assert all(set(r) == {"value"} and isinstance(r["value"], str) for r in match["replacements"])
        assert type(match["offset"]) is int and type(match["length"]) is int and match["length"] > 0
        assert set(match["context"]) == {"text", "offset", "length"}
        assert match["context"]["length"] == match["length"]
        assert match["type"]["typeName"] in ("Other", "Hint", "UnknownWord")
        rule = match["rule"]
        assert set(rule) == {"id", "description", "issueType", "urls", "category"}
        assert rule["issueType"] in ("misspelling", "grammar", "style")
        assert set(rule["category"]) == {"id", "name"} and rule["category"]["id"].isupper()
        assert [set(u) for u in rule["urls"]] == [{"value"}]
        assert match["ignoreForIncompleteSentence"] is False and match["contextForSureMatch"] == 0
    offsets = [m["offset"] for m in doc["matches"]]
    assert offsets == sorted(offsets)


def test_offsets_and_context_count_utf16_after_an_emoji(serve_url: str) -> None:
    found = by_rule(check(serve_url, language="auto", text=DRAFT))
    spelling = found["spelling"]
    start = DRAFT.index("daß")
    assert spelling["offset"] == utf16(DRAFT, start) == start + 1  # the emoji before it counts twice
    assert spelling["length"] == 3
    assert spelling["replacements"] == [{"value": "dass"}]
    context = spelling["context"]
    window = context["text"].encode("utf-16-le")[2 * context["offset"]:2 * (context["offset"] + context["length"])]
    assert window.decode("utf-16-le") == "daß"
    assert "\n" not in context["text"]
    assert spelling["sentence"] == "Ich würde mich freuen, daß wir uns vernetzen."
    visit = found["profile-visit"]
    assert DRAFT.encode("utf-16-le")[2 * visit["offset"]:2 * (visit["offset"] + visit["length"])] \
        .decode("utf-16-le").startswith("Sie haben mein Profil besucht")


def test_missing_parts_sit_on_the_greeting_line_once_and_colours_differ_by_severity(serve_url: str) -> None:
    found = by_rule(check(serve_url, language="auto", text=DRAFT))
    missing = [found[rule] for rule in ("no-connection", "no-reason", "no-offer")]
    greeting = "Hallo Frau Jürgens 😀"
    for match in missing:
        assert (match["offset"], match["length"]) == (0, utf16(greeting, len(greeting)))
    ids = [m["rule"]["id"] for m in check(serve_url, language="auto", text=DRAFT)["matches"]]
    assert len(ids) == len(set(ids))
    # Errors, warnings and info land on the three issue types clients colour differently.
    assert found["no-connection"]["rule"]["issueType"] == "misspelling"   # an error rule
    assert found["missing-thanks"]["rule"]["issueType"] == "grammar"      # a warning rule
    assert found["spelling"]["rule"]["issueType"] == "style"              # an info rule
    assert len({m["rule"]["category"]["id"] for m in found.values()}) == 3


def test_without_a_greeting_the_missing_parts_sit_on_the_first_word(serve_url: str) -> None:
    text = "  Anbei mein Lebenslauf."
    found = by_rule(check(serve_url, language="de", text=text))
    assert (found["missing-greeting"]["offset"], found["missing-greeting"]["length"]) == (2, len("Anbei"))


def test_the_extensions_two_mode_calls_report_every_finding_exactly_once(serve_url: str) -> None:
    whole = check(serve_url, language="auto", text=DRAFT)
    text_level = extension_check(serve_url, DRAFT, "textLevelOnly")
    rest = extension_check(serve_url, DRAFT, "allButTextLevelOnly")

    def key(m: dict) -> tuple[str, int, int]:
        return (m["rule"]["id"], m["offset"], m["length"])

    pair = [key(m) for m in text_level["matches"] + rest["matches"]]
    assert sorted(pair) == sorted(key(m) for m in whole["matches"])
    assert len(pair) == len(set(pair))
    assert {"no-connection", "no-reason"} <= {m["rule"]["id"] for m in text_level["matches"]}
    assert {"profile-visit", "spelling"} <= {m["rule"]["id"] for m in rest["matches"]}
    # language=auto with preferredVariants: German detected, reported as the preferred Austrian variant.
    for doc in (text_level, rest):
        assert doc["language"]["code"] == "de-AT" and doc["language"]["name"] == "German (Austria)"
        assert doc["language"]["detectedLanguage"]["code"] == "de-AT"


def test_english_is_detected_and_gets_the_preferred_british_variant(serve_url: str) -> None:
    text = "Hi Mr Smith,\nI saw your profile and would like to connect.\nBest regards\nJonas"
    doc = extension_check(serve_url, text, "allButTextLevelOnly")
    assert doc["language"]["code"] == "en-GB"
    assert "profile-visit" in {m["rule"]["id"] for m in doc["matches"]}


def test_metadata_recipient_feeds_the_greeting_check_and_the_senders_name_is_never_flagged(serve_url: str) -> None:
    text = "Hallo Herr Brandt,\nwir haben uns auf der Messe in Leipzig getroffen.\nViele Grüße\nJonas Weber"
    wrong = extension_check(serve_url, text, "textLevelOnly", {"EmailToAddress": "Petra Lindner <p.lindner@x.de>",
                                                               "FullName": "Jonas Weber"})
    mismatch = by_rule(wrong)["recipient-mismatch"]
    assert mismatch["offset"] == 0 and "Lindner" in mismatch["message"]
    right = extension_check(serve_url, text, "textLevelOnly", {"EmailToAddress": "tom.brandt@datenwerk.de"})
    assert "recipient-mismatch" not in by_rule(right)
    # FullName is the user's own name: a greeting that names the sender is no mismatch to report,
    # and the sender is never taken for the recipient.
    own = "Hallo Jonas,\nkurze Notiz an mich selbst.\nJonas Weber"
    to_petra = {"EmailToAddress": "petra.lindner@datenwerk.de"}
    assert "recipient-mismatch" in by_rule(extension_check(serve_url, own, "textLevelOnly", to_petra))
    mine = extension_check(serve_url, own, "textLevelOnly", {**to_petra, "FullName": "Jonas Weber"})
    assert "recipient-mismatch" not in by_rule(mine)
    only_full_name = extension_check(serve_url, text, "textLevelOnly", {"FullName": "Petra Lindner"})
    assert "recipient-mismatch" not in by_rule(only_full_name)


def test_annotation_markup_is_skipped_and_offsets_count_the_whole_annotated_text(serve_url: str) -> None:
    annotation = [{"markup": "<p>"}, {"text": "Hallo Anna,"}, {"markup": "<br/>", "interpretAs": "\n"},
                  {"text": "ich finde Sie "}, {"markup": "<b>"}, {"text": "daß"}, {"markup": "</b>"},
                  {"text": " gut."}, {"markup": "</p>"}]
    doc = check(serve_url, data=json.dumps({"annotation": annotation}), language="de-DE")
    original = "".join(part.get("text", part.get("markup", "")) for part in annotation)
    spelling = by_rule(doc)["spelling"]
    assert original[spelling["offset"]:spelling["offset"] + spelling["length"]] == "daß"
    greeting = by_rule(doc)["no-connection"]
    assert original[greeting["offset"]:greeting["offset"] + greeting["length"]] == "Hallo Anna"


def test_get_with_query_and_the_unprefixed_paths_work_too(serve_url: str) -> None:
    response = requests.get(serve_url + "/check", params={"language": "auto", "text": DRAFT}, timeout=10)
    assert response.status_code == 200
    assert "profile-visit" in by_rule(response.json())
    assert requests.get(serve_url + "/healthcheck", timeout=5).text == "OK"
    assert requests.get(serve_url + "/v2/healthcheck", timeout=5).text == "OK"
    for path in ("/v2/languages", "/languages"):
        languages = requests.get(serve_url + path, timeout=5).json()
        codes = {lang["longCode"] for lang in languages}
        assert {"de", "de-DE", "de-AT", "de-CH", "en", "en-US", "en-GB"} <= codes
        assert all(set(lang) == {"name", "code", "longCode"} for lang in languages)
    info = requests.get(serve_url + "/v2/info", timeout=5).json()
    assert set(info["software"]) >= {"name", "version", "buildDate", "premium"}


def test_a_body_without_or_with_an_odd_content_type_is_read_as_a_form(serve_url: str) -> None:
    body = "language=auto&text=" + requests.utils.quote("Sie haben mein Profil besucht.")
    for content_type in (None, "text/plain;charset=UTF-8", "application/octet-stream"):
        headers = {"Content-Type": content_type} if content_type else {}
        response = requests.post(serve_url + "/v2/check", data=body.encode(), headers=headers, timeout=10)
        assert response.status_code == 200, content_type
        assert "profile-visit" in by_rule(response.json())


def test_rule_and_category_selection_as_in_languagetool(serve_url: str) -> None:
    base = {"language": "de-DE", "text": DRAFT}
    without = by_rule(check(serve_url, **base, disabledRules="profile-visit,WHITESPACE_RULE"))
    assert "profile-visit" not in without and "spelling" in without
    only = by_rule(check(serve_url, **base, enabledRules="spelling", enabledOnly="true"))
    assert set(only) == {"spelling"}
    no_errors = by_rule(check(serve_url, **base, disabledCategories="LINT_REQUEST_DECLINED"))
    assert "profile-visit" not in no_errors and "no-connection" not in no_errors and "missing-thanks" in no_errors
    unknown = check(serve_url, **base, someFutureParameter="1", c="1", v="standalone")
    assert unknown["matches"]


@pytest.mark.parametrize(("params", "status", "message"), [
    ({"language": "de-DE"}, 400, "Error: Missing 'text' or 'data' parameter"),
    ({"language": "de-DE", "text": "a", "data": "{}"}, 400, "Error: Set only 'text' or 'data' parameter, not both"),
    ({"text": "Hallo"}, 400, "Error: Missing 'language' parameter"),
    ({"language": "de-DE", "text": "Hallo", "preferredVariants": "de-AT"}, 400,
     "Error: You specified 'preferredVariants' but you didn't specify 'language=auto'"),
    ({"language": "de-DE", "text": "Hallo", "mode": "fast"}, 400,
     "Error: Mode must be one of 'textLevelOnly', 'allButTextLevelOnly', or 'all' but was: 'fast'"),
    ({"language": "de-DE", "data": "{not json"}, 400, "Error: Could not parse JSON from 'data' parameter"),
    ({"language": "de-DE", "data": json.dumps({"annotation": [{"text": "a", "markup": "<b>"}]})}, 400,
     "Error: Only either 'text' or 'markup'"),
    ({"language": "de-DE", "text": "Hallo", "enabledOnly": "true"}, 400,
     "Error: You must specify enabled rules or categories when using enabledOnly=true"),
    ({"language": "x1!", "text": "Hallo"}, 400, "Error: 'x1!' is not a language code"),
])
def test_bad_requests_get_languagetools_plain_text_errors(serve_url: str, params: dict[str, str], status: int,
                                                          message: str) -> None:
    response = requests.post(serve_url + "/v2/check", data=params, timeout=10)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith(message)


def test_texts_over_the_limit_get_413_and_unknown_actions_404() -> None:
    with serve_in_thread(ServeSettings(max_text_length=100)) as url:
        response = requests.post(url + "/v2/check", data={"language": "de-DE", "text": "ä" * 101}, timeout=10)
        assert response.status_code == 413
        assert response.text == ("Error: Your text exceeds the limit of 100 characters (it's 101 characters). "
                                 "Please submit a shorter text.")
        assert requests.post(url + "/v2/check", data={"language": "de-DE", "text": "ä" * 100},
                             timeout=10).status_code == 200
        huge = requests.post(url + "/v2/check", data={"language": "de-DE", "text": "x" * 200_000}, timeout=10)
        assert huge.status_code == 413 and huge.text.startswith("Error: ")
        missing = requests.get(url + "/v2/words", timeout=5)
        assert missing.status_code == 404 and missing.text.startswith("Error: Unsupported action: 'words'")


def test_other_languages_get_an_empty_answer_not_an_error(serve_url: str) -> None:
    doc = check(serve_url, language="fr", text="Bonjour, je voudrais vous ajouter à mon réseau.")
    assert doc["matches"] == [] and doc["language"]["code"] == "fr"


def test_host_header_of_another_name_is_refused_dns_rebinding(serve_url: str) -> None:
    port = serve_url.rsplit(":", 1)[1]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "localhost"):
        response = requests.get(serve_url + "/v2/healthcheck", headers={"Host": host}, timeout=5)
        assert response.status_code == 200, host
    for host in (f"attacker.example:{port}", "rebind.example.com", f"192.168.1.5:{port}"):
        response = requests.post(serve_url + "/v2/check", headers={"Host": host},
                                 data={"language": "auto", "text": DRAFT}, timeout=5)
        assert response.status_code == 403, host
        assert response.text.startswith("Error: ") and "matches" not in response.text


def test_cors_preflight_and_answers_for_other_origins(serve_url: str) -> None:
    preflight = requests.options(serve_url + "/v2/check", timeout=5, headers={
        "Origin": "https://www.linkedin.com", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type", "Access-Control-Request-Private-Network": "true"})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert preflight.headers["access-control-allow-headers"] == "content-type"
    assert preflight.headers["access-control-allow-private-network"] == "true"
    answer = requests.post(serve_url + "/v2/check", data={"language": "auto", "text": DRAFT},
                           headers={"Origin": "chrome-extension://abcdef"}, timeout=5)
    assert answer.headers["access-control-allow-origin"] == "*"


def test_allow_origin_limits_cors_to_the_named_origins() -> None:
    settings = ServeSettings(allow_origins=("http://127.0.0.1:9999",))
    with serve_in_thread(settings) as url:
        ok = requests.post(url + "/v2/check", data={"language": "auto", "text": DRAFT},
                           headers={"Origin": "http://127.0.0.1:9999"}, timeout=5)
        assert ok.headers["access-control-allow-origin"] == "http://127.0.0.1:9999"
        other = requests.post(url + "/v2/check", data={"language": "auto", "text": DRAFT},
                              headers={"Origin": "https://evil.example"}, timeout=5)
        assert "access-control-allow-origin" not in other.headers
        preflight = requests.options(url + "/v2/check", headers={"Origin": "https://evil.example",
                                                                 "Access-Control-Request-Method": "POST"}, timeout=5)
        assert preflight.status_code == 403 and "access-control-allow-origin" not in preflight.headers


def test_a_lone_surrogate_in_data_still_gets_valid_json(serve_url: str) -> None:
    data = '{"text": "Hallo \\ud800 Anna, Sie haben mein Profil besucht."}'
    response = requests.post(serve_url + "/v2/check", data={"language": "de-DE", "data": data}, timeout=10)
    assert response.status_code == 200
    assert "profile-visit" in by_rule(json.loads(response.content))
