"""The prefilter is an optimisation only: with it, every rule finds exactly what a full scan finds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

from linter import Linter
from linter._matcher import Matcher, Scan
from linter._prefilter import (
    BOUNDARY,
    GATES,
    SPACES,
    UNSAFE,
    fold,
    inner_literals,
    leading_literal,
    literal_prefixes,
)
from linter._wordlist import word_list
from linter.kinds import ConsistencyRule, RatioRule, Rule

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import make_drafts  # noqa: E402


def texts() -> list[str]:
    linter = Linter()
    found = [t for r in linter.ruleset.all() for outcome in ("fail", "pass") for t, _ in r.examples[outcome]]
    found += make_drafts(400, seed=11, english_share=0.5)
    found += [p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "examples").glob("*.txt")]
    seeds = ROOT.parent / "shared" / "seeds"
    found += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))] if seeds.is_dir() else []
    # Whitespace runs, line starts, odd spacing and capitals: where folding could go wrong.
    found += ["Hallo   Frau\tMüller,\n\n  Sie  haben\n mein   Profil\u00a0besucht.", "ICH HABE IHR PROFIL GESEHEN",
              "x\n\n\nVielleicht  ergibt   sich ja  etwas!", "  Hi Anna,\r\n I  came   across your profile."]
    return found


def findings(linter: Linter, text: str, lang: str) -> list[tuple[str, int, int]]:
    report = linter.lint(text, lang=lang)
    return [(f.rule, f.span.start, f.span.end) for f in report.findings]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_prefilter_finds_exactly_what_a_full_scan_finds(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    linter = Linter()
    corpus = texts()
    fast = [findings(linter, t, lang) for t in corpus]
    monkeypatch.setattr(Scan, "candidates", lambda self, matcher: None)
    slow = [findings(linter, t, lang) for t in corpus]
    mismatches = [(t[:80], a, b) for t, a, b in zip(corpus, fast, slow, strict=True) if a != b]
    assert mismatches == []


def rule_matchers(rule: Rule) -> list[Matcher]:
    found = [getattr(rule, name) for name in ("pattern", "numerator", "denominator") if hasattr(rule, name)]
    return found + list(getattr(rule, "forms", {}).values())


def counted_matchers(rule: Rule) -> list[Matcher]:
    if isinstance(rule, RatioRule):
        return [rule.numerator, rule.denominator]
    return list(rule.forms.values()) if isinstance(rule, ConsistencyRule) else []


def test_word_lists_are_counted_exactly_as_a_full_scan_counts() -> None:
    linter = Linter()
    matchers = [(lang, m) for lang in ("de", "en") for rule in linter.ruleset.for_lang(lang)
                for m in counted_matchers(rule) if m.words is not None]
    assert {m.key for _, m in matchers} >= {"de/self-centred/numerator", "de/self-centred/denominator",
                                         "de/address-mix/forms.du", "en/self-centred/numerator"}
    corpus = [*texts(), "I'm sure I/we can help; US or us? Us!", "Ich/wir, ICH und ich_x, mein2 und meine-Idee",
              "Sie, SIE, sie: Ihnen/Ihre (Ihr) Sie-Anfrage"]
    for text in corpus:
        scans = {lang: Scan(text, index=linter.ruleset.prefix_index(lang)) for lang in ("de", "en")}
        for lang, matcher in matchers:
            candidates = scans[lang].candidates(matcher)
            if candidates is None:
                continue
            expected = sum(1 for m in matcher.combined.finditer(text) if m.end() > m.start())
            assert matcher.count_at(text, candidates) == expected, (matcher.key, text[:80])


@pytest.mark.parametrize(
    "pattern,case_sensitive,expected",
    [
        (r"\b(?i:ich|mich)\b", True, ({"ich", "mich"}, True)),
        (r"\b(?:Sie|Ihnen)\b", True, ({"Sie", "Ihnen"}, False)),
        (r"\b[Uu]s\b", True, ({"Us", "us"}, False)),
        (r"\bHallo\b", False, ({"hallo"}, True)),             # the rule ignores case: words lower-cased
        (r"(?i)\bHallo\b", True, ({"hallo"}, True)),           # so does a leading flag
        (r"\bmein(?:e[nmrs]?)?\b", True, None),                # an optional part: not enumerated
        (r"\b(?:Sie(?!\s+hat)|Ihnen)\b", True, None),          # a look-ahead
        (r"\bich\s+habe\b", True, None),                      # more than one word
        (r"\b(?i:a)b\b", True, None),                          # case ignored in part of a word only
        (r"\bwin-win\b", True, None),                          # not letters only
        (r"\b(?:ich|du)", True, None),                          # no boundary at the end
    ],
)
def test_word_list(pattern: str, case_sensitive: bool, expected: tuple[set[str], bool] | None) -> None:
    found = word_list(pattern, case_sensitive)
    assert (None if found is None else (set(found[0]), found[1])) == expected


def test_characters_the_prefilter_accepts_lower_case_as_regex_ignores_case() -> None:
    # The prefilter finds literals in a lower-cased copy; on every character it accepts,
    # str.lower() must give what regex's case-insensitive matching treats as equal.
    disagree = []
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or UNSAFE.match(char):
            continue
        lower = char.lower()
        if lower != char and (len(lower) != 1 or regex.match(regex.escape(lower), char, regex.IGNORECASE) is None):
            disagree.append(hex(code))
    assert disagree == []


def test_spaces_are_exactly_what_regex_calls_whitespace() -> None:
    # Surrogates cannot be joined into one string; none of them is whitespace.
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    expected = set(regex.findall(r"\s", every))
    assert set(SPACES) == expected


@pytest.mark.parametrize(
    "pattern,prefixes",
    [
        (r"\bSynergie", {BOUNDARY + "synergie"}),
        (r"\bich\s+habe\s+(?:mir\s+)?Ihr", {BOUNDARY + "ich habe mir ihr", BOUNDARY + "ich habe ihr"}),
        (r"(?:Hallo|Hi)\s*,", {"hallo,", "hallo ,", "hi,", "hi ,"}),
        (r"gr(?:ü|ue)(?:ß|ss)e", {"grüße", "grüsse", "grueße", "gruesse"}),
        (r"\{\{\s*\w+", {"{{"}),
        (r"X{3,}", {"x"}),
        (r"\w+ly", None),                        # no literal start
        (r"\s*hallo", None),                     # could start inside a whitespace run
        (r"\p{Lu}\p{Ll}+", None),                # regex-only syntax: no prefilter, still correct
    ],
)
def test_literal_prefixes(pattern: str, prefixes: set[str] | None) -> None:
    found = literal_prefixes(pattern)
    assert (set(found) if found is not None else None) == prefixes


@pytest.mark.parametrize(
    "pattern,literals",
    [
        (r"\bbei\s+(?:\w+\s+)?passenden\s+Stellen", {"passenden stellen"}),
        (r"\b(?:Sie|du)\s+(?:\w+\s+){0,3}?(?:ergibt|ergeben)\b", {"ergibt", "ergeben"}),
        (r"\bwir\s+(?:\w+\s+)?kennen\s+(?:könnten|sollten)", {"kennen könnten", "kennen sollten"}),
        (r"\bSynergien\s+nutzen", None),        # the prefix alone is rare enough
        (r"\bich\s+\w+", None),                 # nothing literal after the prefix
        (r"\bich\s+bin", None),                  # too short to rule anything out
        (r"\bich\s+(?:\w+\s+)?gespannt", {"gespannt"}),  # past an optional part
        (r"\bich\s+(?:bin\s+)?gespannt", None),  # the prefixes run through the optional part
        (r"\b(?:ich|wir)\b", None),
    ],
)
def test_inner_literals(pattern: str, literals: set[str] | None) -> None:
    found = inner_literals(pattern)
    assert (set(found) if found is not None else None) == literals


def test_every_match_of_a_gated_alternative_contains_one_of_its_inner_literals() -> None:
    linter = Linter()
    matchers = [m for lang in ("de", "en") for rule in linter.ruleset.for_lang(lang) for m in rule_matchers(rule)
                if any(gate != GATES for gate in m.gates)]
    assert len(matchers) > 20
    corpus = texts()
    checked = 0
    for matcher in matchers:
        for text in corpus:
            for m in matcher.combined.finditer(text):
                gate = matcher.gates[Matcher.alternative(m)]
                if gate != GATES:
                    checked += 1
                    folded = " ".join(m.group().lower().split())
                    assert any(literal in folded for literal in gate.split("\n")), (matcher.key, m.group())
    assert checked > 100


@pytest.mark.parametrize(
    "pattern,case_sensitive,literal",
    [
        (r"  +(?<=\S  +)(?=\S)", True, "  "),  # a repeat adds its minimum count
        (r"--+", False, "--"),                  # caseless text needs no case folding
        (r"XXX", True, "XXX"),
        (r"XXX", False, None),                  # would need case folding
        (r"(?i)XXX", True, None),               # a leading flag makes it case-insensitive
        (r"\bfoo", True, None),                 # starts with an assertion, not text
        (r"(", True, None),                     # unparsable: no literal, no error
    ],
)
def test_leading_literal(pattern: str, case_sensitive: bool, literal: str | None) -> None:
    assert leading_literal(pattern, case_sensitive) == literal


def test_fold_maps_back_to_original_offsets() -> None:
    text = "  Grüße\t\tAN  Jörg,\n\nbis   bald "
    folded = fold(text)
    assert folded is not None and folded.text == " grüße an jörg, bis bald "
    for pos, char in enumerate(folded.text):
        if char != " ":
            assert text[folded.original(pos)].lower() == char


@pytest.mark.parametrize("text", ["a\n\nb", "\n\na\n\n", "a\n\n\nb c", "a \n\nb", "a\r\n\r\nb",
                                  "a\n\nb  c\n\nd", "a\n \nb\n\nc", "a\n\n\n\nb"])
def test_fold_finds_every_long_whitespace_run(text: str) -> None:
    folded = fold(text)
    edges = [" " if char.isspace() else "" for char in (text[0], text[-1])]
    assert folded is not None and folded.text == edges[0] + " ".join(text.split()) + edges[1]
    for pos, char in enumerate(folded.text):
        if char != " ":
            assert text[folded.original(pos)] == char, (text, pos)


@pytest.mark.parametrize("text", ["Straſſe", "\u0130stanbul", "Kelvin \u212a", "a\x1cb"])
def test_fold_refuses_texts_it_cannot_map(text: str) -> None:
    assert fold(text) is None


@pytest.mark.parametrize("lang", ["de", "en"])
def test_long_texts_are_prefiltered_chunk_by_chunk_with_the_same_result(lang: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past PREFILTER_LENGTH the text is folded in chunks; matches near chunk borders must not get lost."""
    from linter._matcher import CHUNK, PREFILTER_LENGTH

    linter = Linter()
    # Odd separators put chunk borders inside whitespace runs and right before prefixes.
    pieces = texts()
    text = ""
    for number, piece in enumerate(pieces * 4):
        text += piece + ("\n\n" if number % 3 else "   \t ") + " " * (number % 7)
        if len(text) > PREFILTER_LENGTH + 3 * CHUNK:
            break
    assert len(text) > PREFILTER_LENGTH
    chunked = findings(linter, text, lang)
    monkeypatch.setattr(Scan, "candidates", lambda self, matcher: None)
    assert chunked == findings(linter, text, lang)
