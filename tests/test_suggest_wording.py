"""What ``lint-request suggest`` writes for --name and --met, and where it puts the sender's sentences
(issue 15, items 5-8 and the register in its JSON), through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter import lint_text
from linter.cli import EXIT_OK, main
from linter.suggest import fill_gaps

SIE_DRAFT = "Sehr geehrte Damen und Herren,\nSie haben mein Profil besucht. Ich würde mich gern mit Ihnen vernetzen.\n"
DU_DRAFT = "Hallo,\nich habe dein Profil gesehen. Lass uns vernetzen!\n"
EN_DRAFT = "Hello,\nI saw your profile. Let's connect!\n"


def suggest_json(capsys: pytest.CaptureFixture[str], tmp_path: Path, draft: str, *argv: str) -> dict:
    path = tmp_path / "draft.txt"
    path.write_text(draft, encoding="utf-8")
    code = main(["suggest", "--format", "json", *argv, str(path)])
    out, err = capsys.readouterr()
    assert code == EXIT_OK and "Traceback" not in out + err
    return json.loads(out)


def greeting(doc: dict) -> str:
    return doc["outline"].split("\n", 1)[0]


# --- item 5: a first name alone on a Sie draft ------------------------------------------------------------


@pytest.mark.parametrize("variant", ["0", "1"])
def test_first_name_alone_on_a_sie_draft_is_used_and_the_gap_explained(capsys: pytest.CaptureFixture[str],
                                                                       tmp_path: Path, variant: str) -> None:
    doc = suggest_json(capsys, tmp_path, SIE_DRAFT, "--name", "Sabine", "--variant", variant)
    assert greeting(doc) in ("Hallo Sabine [Nachname],", "Guten Tag Sabine [Nachname],")
    assert any("first name only" in note and "[Nachname]" in note for note in doc["notes"])


def test_first_name_note_is_in_the_text_commentary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(SIE_DRAFT, encoding="utf-8")
    assert main(["suggest", "--name", "Sabine", str(path)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert "Sabine [Nachname]," in out
    assert "Note: --name gave a first name only" in err


def test_full_name_on_a_sie_draft_needs_no_note(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = suggest_json(capsys, tmp_path, SIE_DRAFT, "--name", "Sabine Berger", "--variant", "1")
    assert greeting(doc) in ("Hallo Sabine Berger,", "Guten Tag Sabine Berger,")
    assert not any("--name" in note for note in doc["notes"])


def test_first_name_on_a_du_draft_greets_by_first_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = suggest_json(capsys, tmp_path, DU_DRAFT, "--name", "Sabine", "--variant", "0")
    assert greeting(doc) == "Hallo Sabine,"


# --- item 6: titles go with the surname -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("Dr. Priya Shah", {"Hi Priya,", "Hello Priya,", "Dear Priya,"}),
    ("Dr. Shah", {"Hi Dr. Shah,", "Hello Dr. Shah,", "Dear Dr. Shah,"}),
    ("Prof. Dr. Priya Shah", {"Hi Priya,", "Hello Priya,", "Dear Priya,"}),
])
def test_english_title_is_not_put_before_a_first_name(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      name: str, expected: set[str]) -> None:
    doc = suggest_json(capsys, tmp_path, EN_DRAFT, "--name", name)
    assert greeting(doc) in expected


def test_german_title_goes_between_salutation_and_surname(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = suggest_json(capsys, tmp_path, SIE_DRAFT, "--name", "Frau Dr. Anna Berger", "--variant", "0")
    assert greeting(doc) in ("Hallo Frau Dr. Berger,", "Guten Tag Frau Dr. Berger,")


# --- item 7: --met as correct German and English ----------------------------------------------------------

GERMAN_MET = [
    ("Barcamp Köln, März", "beim Barcamp Köln im März"),                      # the README's example
    ("Barcamp Köln", "beim Barcamp Köln"),
    ("dem Barcamp Köln", "beim Barcamp Köln"),
    ("das Barcamp in Bonn", "beim Barcamp in Bonn"),
    ("die Jobmesse in Essen", "bei der Jobmesse in Essen"),
    ("Digitalkonferenz Berlin, 12. März", "bei der Digitalkonferenz Berlin am 12. März"),
    ("OMR Festival, Hamburg", "beim OMR Festival in Hamburg"),
    ("Netzwerkabend der IHK, letzten Dienstag", "beim Netzwerkabend der IHK letzten Dienstag"),
    ("unser Stammtisch", "bei unserem Stammtisch"),
    ("eine Konferenz in Leipzig", "bei einer Konferenz in Leipzig"),
    ("jährliche Tagung der Bibliotheken", "bei der jährlichen Tagung der Bibliotheken"),
    ("das große Sommerfest", "beim großen Sommerfest"),
    ("auf der Messe in Stuttgart", "auf der Messe in Stuttgart"),
    ("Workshop Barrierefreiheit, Mai 2024", "beim Workshop Barrierefreiheit im Mai 2024"),
    ("DevOps-Meetup, 03.05.2024", "beim DevOps-Meetup am 03.05.2024"),
    ("Messe München, Frühjahr 2024", "bei der Messe München im Frühjahr 2024"),
    ("Webinar, Dienstag", "beim Webinar am Dienstag"),
    ("die re:publica", "bei der re:publica"),
    ("letzte Woche", "letzte Woche"),
]
ENGLISH_MET = [
    ("DevOps meetup in Leeds", "at the DevOps meetup in Leeds"),              # from the issue
    ("Barcamp Cologne, March", "at Barcamp Cologne in March"),
    ("PyCon 2024", "at PyCon 2024"),
    ("the PyCon sprints", "at the PyCon sprints"),
    ("a conference in Berlin", "at a conference in Berlin"),
    ("Web Summit, Lisbon", "at Web Summit in Lisbon"),
    ("yesterday's workshop", "at yesterday's workshop"),
    ("on the train to Berlin", "on the train to Berlin"),
    ("KubeCon Europe, 21 March 2024", "at KubeCon Europe on 21 March 2024"),
    ("monthly Python meetup", "at the monthly Python meetup"),
    ("PyData London, March 12, 2024", "at PyData London on March 12, 2024"),
    ("last week", "last week"),
    ("our office in Leeds", "at our office in Leeds"),
    ("Leeds tech meetup, last Tuesday", "at the Leeds tech meetup last Tuesday"),
    ("Product Camp, Berlin, May", "at Product Camp in Berlin in May"),
    ("conference dinner, 2023", "at the conference dinner in 2023"),
]


@pytest.mark.parametrize(("lang", "draft", "met", "expected"),
                         [("de", SIE_DRAFT, m, e) for m, e in GERMAN_MET]
                         + [("en", EN_DRAFT, m, e) for m, e in ENGLISH_MET])
def test_met_reads_as_a_correct_phrase(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, draft: str,
                                       met: str, expected: str) -> None:
    for variant in ("0", "1", "2"):
        doc = suggest_json(capsys, tmp_path, draft, "--met", met, "--variant", variant)
        connection = next(i["text"] for i in doc["inserted"] if i["part"] == "connection")
        # The phrase sits between the signal word and the topic, exactly as expected.
        before = {"de": ("Gespräch ", "als wir "), "en": ("met ", "conversation ", "you ")}[lang]
        after = {"de": " über [Thema]", "en": (" and talked", " about [topic]", ", where")}[lang]
        assert any(f"{b}{expected}{a}" in connection for b in before
                   for a in (after if isinstance(after, tuple) else (after,))), connection
        report = lint_text(fill_gaps(doc["outline"], lang), lang=lang)
        assert report.anatomy["connection"], connection


def test_readme_met_example(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = suggest_json(capsys, tmp_path, SIE_DRAFT, "--name", "Frau Anna Berger", "--met", "Barcamp Köln, März",
                       "--company", "Stadtwerke", "--offer", "unsere Testergebnisse", "--variant", "2")
    assert " beim Barcamp Köln im März über [Thema]" in doc["outline"]


# --- item 8: the sender's closing stays last, lower case after "Hallo Sabine," -----------------------------


def test_kept_closing_sentence_stays_after_the_inserted_content(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    doc = suggest_json(capsys, tmp_path, DU_DRAFT, "--name", "Sabine", "--met", "Barcamp Köln, März",
                       "--variant", "0")
    outline = doc["outline"]
    connection = next(i["text"] for i in doc["inserted"] if i["part"] == "connection")
    assert outline.startswith("Hallo Sabine,\n\n" + connection[:1].lower() + connection[1:])
    assert outline.index("beim Barcamp Köln") < outline.index("Lass uns vernetzen!")


def test_sender_sentence_after_greeting_comma_starts_in_lower_case(capsys: pytest.CaptureFixture[str],
                                                                   tmp_path: Path) -> None:
    draft = ("Hallo Sabine,\nWir haben uns gestern auf dem Barcamp über Barrierefreiheit unterhalten. "
             "Hast du nächste Woche Zeit für einen Kaffee?\nViele Grüße\nJan")
    doc = suggest_json(capsys, tmp_path, draft, "--variant", "0")
    assert doc["outline"].startswith("Hallo Sabine,\n\nwir haben uns gestern")


def test_english_keeps_the_capital_after_the_greeting(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = suggest_json(capsys, tmp_path, EN_DRAFT, "--name", "Priya", "--variant", "0")
    assert doc["outline"].split("\n\n")[1][:1].isupper()


# --- item 14: English has no Sie/du -----------------------------------------------------------------------


def test_english_json_has_no_register(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert suggest_json(capsys, tmp_path, EN_DRAFT)["register"] is None
    assert suggest_json(capsys, tmp_path, SIE_DRAFT)["register"] == "sie"
    assert suggest_json(capsys, tmp_path, DU_DRAFT)["register"] == "du"
