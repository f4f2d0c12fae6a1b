"""The built-in catalogue as data: complete, consistent, and calibrated on real drafts."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from linter import Linter, Severity, lint_text
from linter._ruleset import builtin_rule_files

CATALOGUE = {
    "empty-request", "no-connection", "no-reason", "no-offer", "missing-please", "missing-thanks",
    "missing-greeting", "platform-suggestion", "profile-visit", "profile-flattery", "shared-group-only",
    "contact-collecting", "vague-future", "buzzwords", "default-text", "welcome-newcomer", "cold-pitch",
    "recruiter-pool", "info-request", "profile-share", "event-before-meeting", "business-card", "self-centred",
    "too-long", "placeholder",
}
GERMAN_ONLY = {"address-mix"}
EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
RULES = Linter().ruleset.all()


def test_every_catalogue_rule_exists_in_both_languages() -> None:
    by_lang = {lang: {r.id for r in RULES if r.lang == lang} for lang in ("de", "en")}
    assert by_lang["de"] >= CATALOGUE and by_lang["en"] >= CATALOGUE
    assert by_lang["de"] >= GERMAN_ONLY
    # Apart from German-only rules, both languages offer the same ids, so --ignore works for both.
    assert by_lang["de"] - GERMAN_ONLY == by_lang["en"]


def test_file_name_is_the_rule_id_and_folder_the_language() -> None:
    for path in builtin_rule_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data["id"] == path.stem, path
        assert data.get("lang", path.parent.name) == path.parent.name, path


def test_every_anatomy_part_has_signals_in_each_language() -> None:
    from linter import ANATOMY_PARTS

    for lang in ("de", "en"):
        parts = {getattr(r, "part", None) for r in RULES if r.lang == lang}
        assert set(ANATOMY_PARTS) <= parts, lang


def test_messages_and_suggestions_are_filled_in() -> None:
    for rule in RULES:
        assert rule.suggestion.strip() and rule.why.strip() and rule.message.strip(), rule.id


@pytest.mark.parametrize("name", ["good-request-de.txt", "good-request-en.txt"])
def test_a_well_written_request_gets_no_error(name: str) -> None:
    report = lint_text((EXAMPLES / name).read_text(encoding="utf-8"))
    assert [f.rule for f in report.findings if f.severity == Severity.ERROR] == []
    assert all(report.anatomy.values()), report.anatomy


GOOD = [
    ("de", "Liebe Anna,\n\nschön, dass wir uns gestern beim Meetup der Python User Group Köln über Testdaten "
           "unterhalten haben. Ich melde mich, weil ich aktuell einen Workshop zu Hypothesis vorbereite. Gern "
           "schicke ich dir vorab meine Folien – hättest du Lust, einen Blick darauf zu werfen? Danke dir!\n\n"
           "Viele Grüße\nMarkus"),
    ("de", "Sehr geehrter Herr Dr. Schmidt,\n\nHerr Yilmaz hat mir empfohlen, mich bei Ihnen zu melden. Wir "
           "planen derzeit die Umstellung unserer Buchhaltung auf E-Rechnungen und ich schreibe Ihnen, weil Sie "
           "genau das bei der Stadtwerke AG begleitet haben. Gern stelle ich Ihnen im Gegenzug unsere Erfahrungen "
           "mit dem Lieferantenportal vor. Wären Sie offen für ein kurzes Telefonat?\n\nVielen Dank und "
           "freundliche Grüße\nPetra Lange"),
    ("en", "Dear Dr. Osei,\n\nMaria Lopez suggested I get in touch. We are currently migrating our lab notebooks "
           "to an open format and I'm writing because your team did exactly that last year. In return I'd be "
           "happy to share our evaluation of the three tools we tested. Could we talk for 20 minutes next week?"
           "\n\nThank you and kind regards,\nSam"),
]


@pytest.mark.parametrize("lang,text", GOOD)
def test_more_good_requests_get_no_error(lang: str, text: str) -> None:
    report = lint_text(text)
    assert report.lang == lang
    assert [f.rule for f in report.findings if f.severity == Severity.ERROR] == []


BAD = [
    ("Sehr geehrter Herr Meier, ich würde Sie gern zu meinen Kontakten hinzufügen und mich freuen, bald von "
     "Ihnen zu hören.", {"default-text"}),
    ("Guten Tag Herr Schröder, Ihr Profil liest sich sehr interessant und ich kann mir gut vorstellen, daß sich "
     "eine geschäftliche Verbindung aus unserem Kontakt ergeben kann.", {"profile-flattery", "vague-future"}),
    ("Herzlich willkommen im XING-Netzwerk. Ich freue mich, daß Sie Mitglied geworden sind und füge Sie sehr "
     "gerne als Kontakt hinzu.", {"welcome-newcomer", "spelling"}),
    ("Hallo, ich falle mal mit der Tür ins Haus: Können Sie sich vorstellen, dass Nahrungsergänzung etwas für "
     "Sie ist?", {"cold-pitch"}),
    ("Um Sie bei Projektangeboten, welche Ihrem Profil entsprechen, berücksichtigen zu können, würde ich Sie gern "
     "als Kontakt hinzufügen.", {"recruiter-pool"}),
    ("Ich nutze die Gelegenheit, um mehr über Ihr Unternehmen zu erfahren. Was machen Sie genau?",
     {"info-request"}),
    ("Hallo! Schön Sie zu treffen. Hier ist meine Visitenkarte, rufen Sie mich an!", {"business-card"}),
    ("Kann ich mein Profil mit Ihnen teilen?", {"profile-share"}),
    ("Da Sie an meiner Veranstaltung teilnehmen möchten, würde ich Sie gerne zu meinen Kontakten zählen.",
     {"event-before-meeting"}),
    ("Wir sind beide in der XING-Gruppe Immobilien. Kontakte schaden nur denen, die keine haben.",
     {"shared-group-only", "contact-collecting"}),
    ("Hallo {{first_name}}, wie geht es dir? Ich hoffe, Sie hatten ein schönes Wochenende.",
     {"placeholder", "address-mix"}),
    ("Hi, I'd like to add you to my professional network on LinkedIn.", {"default-text", "missing-greeting"}),
    ("Hello, you viewed my profile, so I'd like to have you in my network. Who knows what the future holds!",
     {"profile-visit", "contact-collecting", "vague-future"}),
]


@pytest.mark.parametrize("text,expected", BAD)
def test_source_anti_patterns_are_caught(text: str, expected: set[str]) -> None:
    report = lint_text(text)
    assert expected <= {f.rule for f in report.findings}
    assert report.max_severity() == Severity.ERROR
