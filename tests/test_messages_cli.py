"""What findings say, through the real command line (issue 15, items 9, 10 and 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.cli import main


def findings(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, *argv: str) -> list[dict]:
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    main(["--format", "json", *argv, str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return json.loads(out)["files"][0]["findings"]


# --- item 9: address-mix names the form to keep and pairs that point both ways -----------------------------


def test_address_mix_in_a_du_draft_asks_for_the_du_form(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = ("Hallo Jan, danke dir für den Tipp mit dem Barcamp. Kannst du mir Ihre Folien schicken? "
            "Ich schicke dir dafür unsere Notizen. Viele Grüße, Eva")
    mix = [f for f in findings(capsys, tmp_path, text) if f["rule"] == "address-mix"]
    assert [f["match"] for f in mix] == ["Ihre"]
    suggestion = mix[0]["suggestion"]
    assert "Bleiben Sie bei der du-Form" in suggestion and "„Ihre“ ↔ „deine“" in suggestion
    assert "→ „Sie“" not in suggestion and "umgekehrt" not in suggestion


def test_address_mix_in_a_sie_draft_asks_for_the_sie_form(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = ("Guten Tag Frau Berger, danke für Ihren Vortrag. Könnten Sie mir Ihre Folien schicken? "
            "Kannst du mir auch die Liste geben? Viele Grüße, Eva")
    mix = [f for f in findings(capsys, tmp_path, text) if f["rule"] == "address-mix"]
    assert [f["match"] for f in mix] == ["du"]
    assert "Bleiben Sie bei der Sie-Form" in mix[0]["suggestion"]


# --- item 10: short sign-offs count -----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Hallo Anna, wir kennen uns vom Barcamp. Hätten Sie Zeit für ein Telefonat? Grüße",
    "Hallo Anna, wir kennen uns vom Barcamp. Hätten Sie Zeit für ein Telefonat?\nGrüße\nJan",
    "Hallo Anna, wir kennen uns vom Barcamp. Hätten Sie Zeit für ein Telefonat?\n\nDanke und Grüße, Jan",
    "Hallo Anna, wir kennen uns vom Barcamp. Hätten Sie Zeit für ein Telefonat? Danke und Grüße, Jan",
    "Hi Anna, we met at PyCon. Could we talk next week? Cheers",
    "Hi Anna, we met at PyCon. Could we talk next week? Best, Jan",
    "Hi Anna, we met at PyCon. Could we talk next week?\n\nThanks and regards,\nJan",
    "Hi Anna, we met at PyCon. Could we talk next week? Thanks and regards, Jan",
    "Hi Anna, we met at PyCon. Could we talk next week? Regards",
])
def test_short_signoffs_are_signoffs(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> None:
    assert "missing-signoff" not in [f["rule"] for f in findings(capsys, tmp_path, text)]


@pytest.mark.parametrize("text", [
    "Hallo Anna, Ihre Grüße an das Team habe ich weitergegeben. Hätten Sie Zeit für ein Telefonat?",
    "Hi Anna, I send my best to your team. Could we talk next week?",
])
def test_greetings_inside_a_sentence_are_no_signoff(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    text: str) -> None:
    assert "missing-signoff" in [f["rule"] for f in findings(capsys, tmp_path, text)]


# --- item 12: LinkedIn's limit is hard --------------------------------------------------------------------

LONG_DE = ("Hallo Frau Berger, wir haben uns letzte Woche auf dem Barcamp in Köln nach Ihrem Vortrag über "
           "Barrierefreiheit kurz unterhalten. Ich baue gerade ein Team für die Barrierefreiheit unserer "
           "Vereins-Website auf und schreibe Ihnen, weil Ihre Checkliste genau das ist, was uns fehlt. Gern schicke "
           "ich Ihnen im Gegenzug unsere Testergebnisse. Viele Grüße, Jonas")
LONG_EN = ("Hi Priya, we met last Thursday at the DevOps meetup in Leeds and talked about flaky integration tests "
           "after your talk. I'm writing because we're rolling out contract testing this month and your checklist "
           "is exactly what we're missing. In return I'd be happy to share our migration notes from the last two "
           "quarters. Would you be open to connecting? Thanks, Tom")


@pytest.mark.parametrize(("text", "platform", "said"), [
    (LONG_DE, "linkedin", "LinkedIn lässt in einer Kontaktanfrage aber höchstens 300 zu – Längeres schneidet "
                          "LinkedIn ab oder nimmt es gar nicht an."),
    (LONG_DE, "linkedin-free", "LinkedIn lässt ohne Premium-Konto in einer Kontaktanfrage aber höchstens 200 zu"),
    (LONG_EN, "linkedin", "LinkedIn allows at most 300 in a connection request – it cuts off or refuses"),
    (LONG_EN, "linkedin-free", "without Premium LinkedIn allows at most 200"),
])
def test_linkedin_limit_is_said_to_be_hard(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str,
                                           platform: str, said: str) -> None:
    found = [f for f in findings(capsys, tmp_path, text, "--platform", platform) if f["rule"] == "too-long"]
    assert len(found) == 1 and found[0]["severity"] == "error"
    assert said in found[0]["message"] and "empfohlen" not in found[0]["message"]


def test_generic_limit_stays_a_recommendation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    found = [f for f in findings(capsys, tmp_path, LONG_DE * 3) if f["rule"] == "too-long"]
    assert len(found) == 1 and "empfohlen sind höchstens 800 Zeichen" in found[0]["message"]


def test_platform_message_with_an_unknown_placeholder_is_a_rule_error(capsys: pytest.CaptureFixture[str],
                                                                      tmp_path: Path) -> None:
    rule = tmp_path / "de" / "short.toml"
    rule.parent.mkdir()
    rule.write_text('id = "house-short"\nkind = "length"\nseverity = "warning"\nmax_chars = 900\n'
                    'message = "Zu lang."\nsuggestion = "Kürzen."\nwhy = "Zeit."\n'
                    '[platforms.linkedin]\nmax_chars = 300\nmessage = "Zu lang: {chars}"\n', encoding="utf-8")
    code = main(["check-rules", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 2 and "platforms.linkedin.message uses unknown placeholder {chars}" in err
