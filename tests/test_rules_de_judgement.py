"""German requests judged as recipients judge them, through the real engine.

Every text here is written for this test (none comes from the judgement corpus): good requests
in the ways people really write them must get no error; bad ones must get one; bad openers and
phrases must be flagged at warning or above by a rule other than a missing part.
"""

from __future__ import annotations

import pytest

from linter import Severity, lint_text

GOOD = [
    # Met at an event, verb at the end of a long sentence.
    "Hallo Frau Schuster,\nbeim Stammtisch der Kölner Produktmanager saßen wir letzten Donnerstag nebeneinander, "
    "und Ihr Beispiel mit den Kundeninterviews geht mir nicht aus dem Kopf. Darf ich Ihnen zwei Fragen dazu "
    "schicken?\nDanke und Grüße\nTim",
    # Reconnecting after a shared event.
    "Liebe Jana,\nseit dem Hackathon in Jena haben wir nichts mehr voneinander gehört. Ich starte gerade ein "
    "ähnliches Vorhaben und würde gern von deinen Erfahrungen hören. Hast du Zeit für ein kurzes Telefonat?\n"
    "Viele Grüße\nMarek",
    # A referral with the verb far from its object.
    "Guten Tag Herr Ilić,\nIhre Kollegin Frau Neumann riet mir nach dem Workshop in Hamburg, mich wegen der "
    "Fördermittel für Quartiersspeicher direkt an Sie zu wenden. Wir planen gerade einen Speicher für 40 "
    "Haushalte. Hätten Sie 20 Minuten für ein Telefonat? Im Gegenzug teile ich gern unsere Lastprofile.\n"
    "Mit freundlichen Grüßen\nSabine Roth",
    # A specific thing of the recipient's.
    "Hallo Herr Becker,\nIhr Interview zur Nachfolge in Familienbetrieben habe ich mit großem Interesse gelesen. "
    "Ich übernehme im Sommer die Schreinerei meines Vaters. Wären Sie offen für einen kurzen Austausch?\n"
    "Beste Grüße\nLena Vogt",
    # Worked together, informal.
    "Hi Sven,\nwir waren 2018 zusammen im Traineeprogramm – lange her! Ich baue gerade ein Team für "
    "Embedded-Tests auf. Hättest du Lust auf einen Kaffee in Stuttgart?\nGrüße\nAli",
    # A short note that names one thing of theirs and asks nothing else.
    "Hallo Frau Dr. Yilmaz, Ihre Studie zu Hitzeschutz in Pflegeheimen hat unsere Planung verändert – danke "
    "dafür! Gern würde ich mich vernetzen. Viele Grüße, Jonas",
    # A question they asked in a group, inverted word order.
    "Sehr geehrte Frau Kaya,\nin einer Diskussion zu Haushaltsdaten fragten Sie nach Beispielen aus "
    "Kommunen. Wir haben in Bochum genau so ein Portal gebaut; gern zeige ich es Ihnen. Passt Ihnen Dienstag?"
    "\nFreundliche Grüße\nOle Brandt",
    # Something of theirs the sender uses.
    "Moin Frau Petersen,\nich nutze seit zwei Jahren Ihre Vorlage für barrierefreie Formulare und habe eine "
    "Ergänzung für Screenreader geschrieben. Darf ich sie Ihnen schicken?\nGruß\nHenning",
    # No shared past, but a trigger: a job posting.
    "Hallo Frau Lenz,\nich bewerbe mich gerade auf die ausgeschriebene Stelle als UX-Researcherin in Ihrem Team "
    "und habe eine Frage zur Rolle: Wie viel Anteil hat quantitative Forschung? Vielen Dank vorab!\n"
    "Beste Grüße\nMiriam",
    # No shared past, but a trigger: their new role.
    "Hallo Frau Ott,\nherzlichen Glückwunsch zur neuen Rolle bei den Stadtwerken! Wir haben in Ulm gerade ein "
    "ähnliches Projekt abgeschlossen; gern schicke ich Ihnen unseren Abschlussbericht.\nViele Grüße\nDaniel",
    # Written without umlauts.
    "Hallo Herr Kraus,\nwir haben uns auf dem Barcamp in Dresden ueber Mobilitaetsdaten unterhalten. Haetten Sie "
    "naechste Woche Zeit fuer einen kurzen Call?\nBeste Gruesse\nIda",
]

BAD = [
    "Hallo,\nich bin Vertriebsleiter bei CloudNova. Unsere Plattform hilft Teams wie Ihrem, Meetings um 30 % "
    "zu verkürzen. Darf ich Ihnen das in 15 Minuten zeigen?\nBeste Grüße",
    "Sehr geehrter Herr Kühn,\nich möchte mein Netzwerk in der Automobilbranche ausbauen und würde mich freuen, "
    "Sie als Kontakt zu gewinnen.\nMit freundlichen Grüßen",
    "Hallo Tina,\nich hoffe, du hattest ein schönes Wochenende! Ich bin gerade auf Jobsuche – könntest du mich "
    "bei deinem Arbeitgeber empfehlen?\nLG Paul",
    "Guten Tag,\nverzeihen Sie die ungefragte Nachricht. Ich bin Finanzcoach und zeige Menschen, wie sie ein "
    "passives Einkommen aufbauen. Interesse?\nGruß",
    "Hallo Herr Maier,\nSie wurden mir als Kontakt vorgeschlagen. Lassen Sie uns vernetzen!",
    "Sehr geehrte Damen und Herren,\nwir sind der führende Anbieter für Lohnbuchhaltung im Mittelstand und "
    "möchten Ihnen ein unverbindliches Erstgespräch anbieten.",
    # A negated meeting is no connection, even with everything else in place.
    "Hallo Frau Roth,\nwir sind uns leider noch nie persönlich begegnet. Ich würde mich trotzdem freuen, "
    "wenn wir uns vernetzen.\nViele Grüße\nKai",
]

BAD_FRAGMENTS = [
    "Ich hoffe, Sie sind gut in die neue Woche gestartet.",
    "Entschuldigen Sie, dass ich Sie so überfalle.",
    "Ich bin total begeistert von Ihrem Werdegang!",
    "Hätten Sie Lust auf einen virtuellen Kaffee?",
    "Könnten Sie meinen Lebenslauf an Ihre Personalleitung weitergeben?",
    "Wir unterstützen Praxen wie Ihre dabei, Wartezeiten zu halbieren.",
    "Ich bin gestern zufällig auf Ihre Website gestoßen.",
    "Ich habe hier etwas richtig Spannendes für Sie!",
    "Darf ich mich kurz vorstellen?",
]


def _worst(text: str, *, parts: bool = True) -> Severity | None:
    findings = [f for f in lint_text(text, lang="de").findings
                if parts or f.rule not in _MISSING_RULES]
    return max((f.severity for f in findings), default=None)


_MISSING_RULES = {"no-connection", "no-reason", "no-offer", "no-ask", "missing-greeting", "missing-please",
                  "missing-thanks", "missing-signoff"}


@pytest.mark.parametrize("text", GOOD, ids=range(len(GOOD)))
def test_good_requests_get_no_error(text: str) -> None:
    errors = [f.rule for f in lint_text(text, lang="de").findings if f.severity == Severity.ERROR]
    assert errors == []


@pytest.mark.parametrize("text", BAD, ids=range(len(BAD)))
def test_bad_requests_get_an_error(text: str) -> None:
    assert _worst(text) == Severity.ERROR


@pytest.mark.parametrize("text", BAD_FRAGMENTS, ids=range(len(BAD_FRAGMENTS)))
def test_bad_phrases_are_flagged_by_a_phrase_rule(text: str) -> None:
    worst = _worst(text, parts=False)
    assert worst is not None and worst >= Severity.WARNING


def test_good_requests_score_above_bad_ones() -> None:
    good = min(lint_text(t, lang="de").score for t in GOOD)
    bad = max(lint_text(t, lang="de").score for t in BAD)
    assert good > bad
