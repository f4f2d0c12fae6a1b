"""German built-in rules through the real engine: verb-final sentences and negation."""

from __future__ import annotations

import pytest

from linter import lint_text

# One sentence, the participle at its very end, the pronoun at its start.
LONG_MEETING = (
    "wir haben uns im vergangenen Herbst während der dreitägigen Jahrestagung des Bundesverbands "
    "für erneuerbare Wärme in Leipzig am späten Abend nach der langen Podiumsrunde über kommunale "
    "Wärmeplanung, neue Förderprogramme für Quartiersnetze und die künftige Rolle kleiner Stadtwerke "
    "im ländlichen Raum ausführlich und erstaunlich offen miteinander unterhalten."
)


def _rules(text: str) -> set[str]:
    return {f.rule for f in lint_text(text, lang="de").findings}


def test_a_verb_final_sentence_of_forty_words_is_a_connection() -> None:
    assert len(LONG_MEETING.split()) >= 40
    text = f"Guten Tag Frau Albrecht,\n{LONG_MEETING}\n\nViele Grüße\nMara Köhler"
    report = lint_text(text, lang="de")
    assert report.anatomy["connection"] is True
    assert "no-connection" not in {f.rule for f in report.findings}


def test_the_same_sentence_cut_before_its_verb_is_no_connection() -> None:
    # Near miss: everything but the participle; nothing else says how they know each other.
    cut = LONG_MEETING.rsplit(" ", 2)[0] + "."
    report = lint_text(f"Guten Tag Frau Albrecht,\n{cut}\n\nViele Grüße\nMara Köhler", lang="de")
    assert report.anatomy["connection"] is False


@pytest.mark.parametrize("sentence", [
    "wir sind uns bisher leider nie persönlich begegnet, aber ich kenne Ihre Firma.",
    "wir haben uns zwar noch nicht getroffen, trotzdem schreibe ich Ihnen.",
    "mit Ihnen habe ich bislang keinen einzigen Satz gesprochen.",
])
def test_a_negated_meeting_is_no_connection(sentence: str) -> None:
    report = lint_text(f"Hallo Herr Brandt,\n{sentence}\n\nGruß\nEla", lang="de")
    assert report.anatomy["connection"] is False
    assert "no-connection" in {f.rule for f in report.findings}


def test_a_negation_far_from_the_verb_does_not_cancel_the_meeting() -> None:
    text = ("Hallo Herr Brandt,\nwir haben uns nicht in Berlin, sondern erst Wochen später beim Sommerfest "
            "des Gründerzentrums in Potsdam am Grill getroffen.\n\nGruß\nEla")
    assert lint_text(text, lang="de").anatomy["connection"] is True
