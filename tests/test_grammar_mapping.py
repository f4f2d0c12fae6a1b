"""LanguageTool's /v2/check answers → findings; merging; settings; the public API budget; the editor helper."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

import pytest

from linter import lint_text
from linter._model import Finding, Severity, Span
from linter.grammar import (
    GrammarConfigError,
    GrammarSettings,
    LatestOnly,
    merge_findings,
    plan,
    resolve_settings,
)
from linter.grammar.mapping import ProtocolError, findings_from_response
from linter.grammar.ratelimit import RequestBudget
from linter.grammar.session import GrammarOutcome

# The example answer from LanguageTool's API documentation (shape and values as published).
DOCUMENTED = {
    "software": {"name": "LanguageTool", "version": "6.3", "buildDate": "2024-01-15", "apiVersion": 1,
                 "premium": False, "status": ""},
    "language": {"name": "English (US)", "code": "en-US",
                 "detectedLanguage": {"name": "English (US)", "code": "en-US"}},
    "matches": [
        {
            "message": "Use 'is' instead of 'are' to agree with the subject.",
            "shortMessage": "Agreement error",
            "offset": 5, "length": 3,
            "replacements": [{"value": "is"}],
            "context": {"text": "This are a sentence with a grammer error.", "offset": 5, "length": 3},
            "sentence": "This are a sentence with a grammer error.",
            "rule": {"id": "THIS_NNS_VBZ", "description": "Subject-verb agreement error", "issueType": "grammar",
                     "category": {"id": "GRAMMAR", "name": "Grammar"}},
        },
        {
            "message": "Possible spelling mistake found: 'grammer'",
            "shortMessage": "Spelling error",
            "offset": 27, "length": 7,
            "replacements": [{"value": "grammar"}, {"value": "grammer"}],
            "context": {"text": "This are a sentence with a grammer error.", "offset": 27, "length": 7},
            "sentence": "This are a sentence with a grammer error.",
            "rule": {"id": "MORFOLOGIK_RULE_EN_US", "description": "Possible spelling mistake",
                     "issueType": "misspelling", "category": {"id": "TYPOS", "name": "Possible Typo"}},
        },
    ],
}
DOCUMENTED_TEXT = "This are a sentence with a grammer error."


def lt_match(offset: int, length: int, *, rule_id: str = "GERMAN_SPELLER_RULE", issue: str = "misspelling",
             category: str = "TYPOS", replacements: tuple[str, ...] = ("Anfrage",)) -> dict:
    return {"message": "Möglicher Tippfehler gefunden.", "shortMessage": "Rechtschreibfehler",
            "offset": offset, "length": length, "replacements": [{"value": r} for r in replacements],
            "context": {"text": "…", "offset": 0, "length": length}, "sentence": "…",
            "rule": {"id": rule_id, "description": "Möglicher Tippfehler", "issueType": issue,
                     "category": {"id": category, "name": category.title()}}}


def u16(text: str) -> int:
    """Length in UTF-16 code units: how the Java server counts."""
    return len(text.encode("utf-16-le")) // 2


def test_documented_answer_maps_to_findings() -> None:
    findings = findings_from_response(copy.deepcopy(DOCUMENTED), DOCUMENTED_TEXT, "en-US")
    assert [(f.rule, f.match, f.category, f.severity, f.source) for f in findings] == [
        ("LT:THIS_NNS_VBZ", "are", "GRAMMAR", Severity.WARNING, "languagetool"),
        ("LT:MORFOLOGIK_RULE_EN_US", "grammer", "TYPOS", Severity.WARNING, "languagetool"),
    ]
    grammar, spelling = findings
    assert grammar.span == Span(5, 8) and spelling.span == Span(27, 34)
    assert grammar.message == "Use 'is' instead of 'are' to agree with the subject."
    assert spelling.replacements == ("grammar", "grammer")
    assert spelling.suggestion == "Did you mean “grammar”?"


@pytest.mark.parametrize("prefix", [
    "Grüße aus Köln! ",                      # umlauts and ß: one UTF-16 unit each, like Python
    "Hallo 😀 ",                             # an emoji: two UTF-16 units, one Python character
    "Straße 👍🏽 und 🇩🇪, Öl, Maß 😀😀\n",        # several astral characters, a skin tone, a flag, a newline
])
def test_offsets_count_utf16_units_and_land_on_the_word(prefix: str) -> None:
    text = f"{prefix}ich habe eine Anfrge an Sie."
    start = text.index("Anfrge")
    answer = {"matches": [lt_match(u16(text[:start]), u16("Anfrge"))]}
    (finding,) = findings_from_response(answer, text, "de-DE")
    assert finding.span == Span(start, start + len("Anfrge"))
    assert finding.match == "Anfrge"


def test_a_span_that_contains_an_emoji_keeps_it_whole() -> None:
    text = "Danke 😀😀 für alles"
    start = text.index("😀")
    answer = {"matches": [lt_match(u16(text[:start]), u16("😀😀"), rule_id="DOUBLE_EMOJI", issue="duplication")]}
    (finding,) = findings_from_response(answer, text, "de-DE")
    assert finding.match == "😀😀"


def test_severity_and_suggestion_fallbacks() -> None:
    text = "Das ist sehr sehr gut."
    style = lt_match(8, 4, rule_id="STYLE", issue="style", category="STYLE", replacements=())
    odd = lt_match(13, 4, rule_id="ODD", issue="something-new", category="MISC", replacements=())
    del odd["shortMessage"]
    findings = findings_from_response({"matches": [style, odd]}, text, "de-DE")
    assert [f.severity for f in findings] == [Severity.INFO, Severity.INFO]
    assert findings[0].suggestion == "Rechtschreibfehler"       # shortMessage
    assert findings[1].suggestion == "Möglicher Tippfehler"     # rule description


def test_replacements_are_capped() -> None:
    many = lt_match(0, 6, replacements=tuple(f"W{i}" for i in range(30)))
    (finding,) = findings_from_response({"matches": [many]}, "Anfrge", "de-DE")
    assert finding.replacements == ("W0", "W1", "W2", "W3", "W4")


@pytest.mark.parametrize("answer", [
    [],
    {"result": []},
    {"matches": "none"},
    {"matches": ["not a match"]},
    {"matches": [{**lt_match(0, 3), "offset": "0"}]},
    {"matches": [{**lt_match(0, 3), "length": -1}]},
    {"matches": [lt_match(40, 3)]},
    {"matches": [{**lt_match(0, 3), "rule": {"issueType": "misspelling"}}]},
    {"matches": [{k: v for k, v in lt_match(0, 3).items() if k != "message"}]},
])
def test_answers_not_shaped_like_languagetools_are_refused_whole(answer: object) -> None:
    with pytest.raises(ProtocolError):
        findings_from_response(answer, "Anfrge ist falsch", "de-DE")


def lt_finding(start: int, end: int, text: str, rule: str = "LT:GERMAN_SPELLER_RULE") -> Finding:
    return Finding(rule, Severity.WARNING, "Tippfehler", Span(start, end), text[start:end], source="languagetool",
                   category="TYPOS")


def test_merge_shows_a_span_once_keeps_the_score_and_sorts() -> None:
    text = "Hallo Frau Berger, ich freue mich, daß wir uns kennen. Meine Anfrge ist kurz."
    report = lint_text(text, lang="de")
    own = next(f for f in report.findings if f.rule == "spelling")
    same = lt_finding(own.span.start, own.span.end, text)
    typo_at = text.index("Anfrge")
    typo = lt_finding(typo_at, typo_at + 6, text)
    merged = merge_findings(report, [typo, same, typo])
    assert [f for f in merged.findings if f.span == own.span] == [own]
    assert [f for f in merged.findings if f.source == "languagetool"] == [typo]
    assert merged.score == report.score and merged.anatomy == report.anatomy
    starts = [f.span.start for f in merged.findings]
    assert starts == sorted(starts)
    assert merge_findings(report, []) is report


def test_settings_precedence_cli_then_env_then_config() -> None:
    class Config:
        path = "/x/.lint-request.toml"
        grammar = "local"
        languagetool_url = "http://config:8081"
        grammar_language = ("de-AT",)
        grammar_picky = True
        grammar_timeout = 3.0

    env = {"LINT_REQUEST_GRAMMAR": "server", "LINT_REQUEST_LANGUAGETOOL_URL": "http://env:8081/v2"}
    from_config = resolve_settings({}, Config(), {})
    assert (from_config.mode, from_config.url, from_config.variants, from_config.picky, from_config.timeout) == (
        "local", "http://config:8081/", ("de-AT",), True, 3.0)
    from_env = resolve_settings({}, Config(), env)
    assert (from_env.mode, from_env.url) == ("server", "http://env:8081/")
    from_cli = resolve_settings({"mode": "off", "url": "http://cli:9000/lt/", "variants": ("de-CH", "en-GB")},
                                Config(), env)
    assert (from_cli.mode, from_cli.url, from_cli.variants) == ("off", "http://cli:9000/lt/", ("de-CH", "en-GB"))
    assert from_cli.variant_for("de") == "de-CH" and from_cli.variant_for("en") == "en-GB"
    assert GrammarSettings().variant_for("de") == "de-DE" and GrammarSettings().variant_for("en") == "en-US"


@pytest.mark.parametrize(("cli", "env", "needle"), [
    ({"mode": "sometimes"}, {}, "--grammar: unknown grammar mode 'sometimes'"),
    ({}, {"LINT_REQUEST_GRAMMAR": "loud"}, "LINT_REQUEST_GRAMMAR: unknown grammar mode 'loud'"),
    ({"mode": "server"}, {}, "needs the server's URL"),
    ({"url": "ftp://host"}, {}, "not an http(s) URL"),
    ({}, {"LINT_REQUEST_LANGUAGETOOL_URL": "localhost:8081"}, "LINT_REQUEST_LANGUAGETOOL_URL"),
    ({"variants": ("de-LU",)}, {}, "unknown language variant 'de-LU'"),
    ({"variants": ("de-AT", "de-CH")}, {}, "at most one German"),
    ({"mode": "off", "required": True}, {}, "contradicts"),
    ({"timeout": 0}, {}, "between 0 and 600"),
])
def test_bad_settings_name_their_source(cli: dict, env: dict, needle: str) -> None:
    with pytest.raises(GrammarConfigError) as info:
        resolve_settings(cli, None, env)
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_auto_mode_picks_server_then_installed_local_then_off(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    assert plan(GrammarSettings()).mode == "off"
    assert "lint-request grammar setup" in plan(GrammarSettings()).reason
    assert plan(GrammarSettings(url="http://lt:8081/")).mode == "server"
    (tmp_path / "LanguageTool-6.8").mkdir()
    assert plan(GrammarSettings()).mode == "off"        # a folder without the jar is no installation
    (tmp_path / "LanguageTool-6.8" / "languagetool-server.jar").write_bytes(b"")
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text("#!/bin/sh\n", encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", str(java.parent))
    assert plan(GrammarSettings()) == ("local", "local LanguageTool 6.8, installed by `lint-request grammar setup`")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert plan(GrammarSettings()).mode == "off"        # installed, but no Java to run it


def test_public_budget_counts_requests_per_minute_and_size() -> None:
    now = [1000.0]
    budget = RequestBudget(clock=lambda: now[0])
    assert all(budget.refuse("kurz") is None for _ in range(20))
    refusal = budget.refuse("kurz")
    assert refusal and "20 requests per minute" in refusal and "try again in 60 s" in refusal
    now[0] += 59.0
    assert budget.refuse("kurz") is not None
    now[0] += 1.0
    assert budget.refuse("kurz") is None
    too_big = budget.refuse("ü" * 10_001)                 # 20,002 bytes of UTF-8
    assert too_big and "20 KB per request" in too_big


class _BlockingSession:
    """Stands in for a GrammarSession whose LanguageTool answers only when the test says so."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started: list[str] = []

    def check(self, text: str, lang: str) -> GrammarOutcome:
        self.started.append(text)
        self.release.wait(5)
        return GrammarOutcome(warning=f"checked {text}")


def test_latest_only_delivers_the_newest_text_and_skips_stale_ones() -> None:
    session = _BlockingSession()
    delivered: list[str] = []
    done = threading.Event()

    def deliver(text: str, outcome: GrammarOutcome) -> None:
        delivered.append(text)
        done.set()

    checker = LatestOnly(session, deliver)
    checker.submit("Hal", "de")
    for _ in range(100):                     # wait until the first check is in flight
        if session.started:
            break
        threading.Event().wait(0.01)
    checker.submit("Hallo", "de")            # typing goes on while LanguageTool is busy
    checker.submit("Hallo Frau", "de")
    session.release.set()
    assert done.wait(5)
    checker.close()
    assert delivered == ["Hallo Frau"]       # "Hal" went stale while checked; "Hallo" was never sent
    assert session.started == ["Hal", "Hallo Frau"]
