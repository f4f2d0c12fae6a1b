"""The suggestion engine: every phrasing works, and every bad draft becomes an outline without errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter import Linter, Recipient, Severity, lint_text
from linter._ruleset import load_ruleset
from linter._segments import split_sentences
from linter.suggest import (
    GAP,
    SENTENCE_KEYS,
    fill_gaps,
    register_of,
    sentence_for,
    suggest,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
REGISTERS = {"de": ("sie", "du"), "en": ("sie",)}
PART_RULE = {"please": "missing-please", "thanks": "missing-thanks"}


def _bad_drafts() -> list[tuple[str, str]]:
    """Every fail example of every built-in rule, plus the shipped bad example drafts."""
    drafts = [(r.lang, text) for r in load_ruleset([]).all() for text, _ in r.examples["fail"]]
    drafts += [("de", (EXAMPLES / "bad-request-de.txt").read_text()),
               ("en", (EXAMPLES / "bad-request-en.txt").read_text())]
    return drafts


BAD_DRAFTS = _bad_drafts()


def _errors(text: str, lang: str) -> list[str]:
    return [f"{f.rule}: {f.match!r}" for f in lint_text(text, lang=lang).findings if f.severity >= Severity.ERROR]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("key", SENTENCE_KEYS)
def test_every_phrasing_raises_its_own_signal(lang: str, key: str) -> None:
    linter = Linter()
    for register in REGISTERS[lang]:
        for variant in range(3):
            sentence = fill_gaps(sentence_for(key, lang, register=register, variant=variant), lang)
            report = linter.lint(sentence, lang=lang)
            fired = {f.rule for f in report.findings}
            if key in PART_RULE:
                assert PART_RULE[key] not in fired, sentence
            else:
                assert report.anatomy[key], f"{register}/{variant}: {sentence!r} does not count as {key}"
            # A single sentence lacks the other parts; only phrase-level errors count here.
            assert not [e for e in _errors(sentence, lang) if not e.startswith("no-connection")], sentence


def test_unfilled_gaps_are_flagged_by_the_placeholder_rule() -> None:
    for lang in ("de", "en"):
        outline = suggest("", lang=lang).outline
        gaps = GAP.findall(outline)
        flagged = [f.match for f in lint_text(outline, lang=lang).findings if f.rule == "placeholder"]
        assert gaps and len(flagged) == len(gaps), (outline, flagged)


@pytest.mark.parametrize("index", range(len(BAD_DRAFTS)))
def test_outline_of_every_bad_draft_has_no_error_once_filled(index: int) -> None:
    lang, text = BAD_DRAFTS[index]
    for variant in (None, 1, 2):
        result = suggest(text, lang=lang, variant=variant)
        # The engine's own plausible words, and one dumb filler for every gap.
        for filled in (fill_gaps(result.outline, lang), GAP.sub("Beispiel", result.outline)):
            assert not _errors(filled, lang), f"{text!r} →\n{filled}"


def test_bad_german_draft_keeps_nothing_bad_and_fills_every_part() -> None:
    text = (EXAMPLES / "bad-request-de.txt").read_text()
    result = suggest(text)
    dropped = {rule for r in result.removed for rule in r.rules}
    assert {"profile-visit", "platform-suggestion", "contact-collecting", "vague-future"} <= dropped
    assert "Profil besucht" not in result.outline and "Synergien" not in result.outline
    assert [i.part for i in result.inserted] == ["greeting", "connection", "reason", "offer", "ask", "courtesy",
                                                 "signoff"]
    assert result.score_before < 50 <= result.score_after
    assert result.outline.startswith(result.inserted[0].text)


def test_good_draft_is_left_alone() -> None:
    for name in ("good-request-de.txt", "good-request-en.txt"):
        text = (EXAMPLES / name).read_text()
        result = suggest(text)
        assert result.removed == () and result.inserted == ()
        assert result.outline == text.strip()


def test_useful_sentences_stay_in_order_and_missing_parts_go_where_they_belong() -> None:
    text = ("Hallo Frau Berger,\n\nwir haben uns gestern auf der Messe in Essen unterhalten. "
            "Sie haben mein Profil besucht. Hätten Sie nächste Woche Zeit für einen Kaffee?\n\nViele Grüße\nJonas")
    result = suggest(text, variant=0)
    outline = result.outline
    assert outline.startswith("Hallo Frau Berger,\n\nwir haben uns gestern")
    assert "Profil besucht" not in outline
    offer = next(i.text for i in result.inserted if i.part == "offer")
    # The offer goes after the connection and before the ask; the sign-off stays last.
    assert outline.index("Messe in Essen") < outline.index(offer) < outline.index("Kaffee?")
    assert outline.endswith("Viele Grüße\nJonas")


def test_recipient_fills_the_gaps_it_knows() -> None:
    recipient = Recipient(first_name="Anna", last_name="Berger", salutation="Frau", company="Stadtwerke Köln",
                          met="Barcamp Köln, März", offer="unsere Checkliste für barrierefreie PDFs")
    result = suggest("Sie haben mein Profil besucht.", recipient=recipient, variant=0)
    assert result.outline.startswith("Hallo Frau Berger,")
    assert "beim Barcamp Köln im März" in result.outline
    assert "unsere Checkliste für barrierefreie PDFs" in result.outline
    assert "[Datum]" not in result.outline and "[Angebot]" not in result.outline


def test_merge_fields_are_filled_or_turned_into_gaps() -> None:
    text = "Hallo {{first_name}},\n\nwir haben uns auf der Messe unterhalten. Grüße an alle bei %FIRMA%."
    known = suggest(text, recipient=Recipient(first_name="Anna", company="ACME"))
    assert "Hallo Anna," in known.outline and "{{" not in known.outline and "ACME" in known.outline
    unknown = suggest(text)
    assert "{{" not in unknown.outline and "[Vorname]" in unknown.outline and "[Firma]" in unknown.outline


def test_du_drafts_get_du_sentences() -> None:
    text = "Hi Jan, ich hab dich auf dem Barcamp gesehen und dein Vortrag war super."
    assert register_of(text, "de") == "du"
    result = suggest(text, variant=0)
    inserted = " ".join(i.text for i in result.inserted)
    assert re.search(r"\b(?:dir|dich|du|deine?)\b", inserted)
    assert not re.search(r"\b(?:Sie|Ihnen|Ihre?)\b", inserted)
    assert "address-mix" not in {f.rule for f in lint_text(fill_gaps(result.outline, "de")).findings}


def test_the_register_counts_the_forms_as_the_address_mix_rule_does() -> None:
    # "Sie hat"/"Sie war" speak of a third person: the draft itself says du twice.
    text = ("Hallo Jan, Frau Beck hat mir von dir erzählt. Sie hat gesagt, Sie war mit euch auf der Messe. "
            "Grüß euch alle!")
    assert register_of(text, "de") == "du"
    assert register_of("Hallo Frau Beck, haben Sie kurz Zeit? Ihr Vortrag hat mir gefallen.", "de") == "sie"


def test_variants_differ_between_drafts_and_repeat_for_the_same_draft() -> None:
    drafts = [f"Sie haben mein Profil besucht. Ich arbeite bei Firma {n}." for n in range(12)]
    outlines = {suggest(d).outline.split("\n\n", 1)[1] for d in drafts}
    assert len(outlines) > 3
    assert suggest(drafts[0]).outline == suggest(drafts[0]).outline
    assert suggest(drafts[0], variant=5).outline == suggest(drafts[1], variant=5).outline.replace(
        "Firma 1", "Firma 0")


def test_sentences_split_at_punctuation_but_not_at_abbreviations_or_dates() -> None:
    text = "Am 12. März sprachen wir z. B. über Dr. Meier. Das war gut! Noch eine Zeile\n\n- Punkt eins\n- Punkt zwei"
    pieces = [text[p.start:p.end] for p in split_sentences(text, 0, len(text))]
    assert pieces == ["Am 12. März sprachen wir z. B. über Dr. Meier.", "Das war gut!", "Noch eine Zeile",
                      "- Punkt eins", "- Punkt zwei"]


def test_unknown_part_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown part"):
        sentence_for("closing", "de")


def test_met_keeps_a_preposition_the_user_wrote() -> None:
    with_prep = sentence_for("connection", "de", recipient=Recipient(met="auf dem Barcamp Köln"), variant=0)
    without = sentence_for("connection", "de", recipient=Recipient(met="Barcamp Köln"), variant=0)
    assert "auf dem Barcamp Köln" in with_prep and "bei auf" not in with_prep
    assert "beim Barcamp Köln" in without
