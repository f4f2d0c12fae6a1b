"""The batch pre-send gate on real CSV files: wrong greetings, templates signed with a recipient's name,
duplicate headers and empty folders (issue 15, items 1–4)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from linter.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

BODY = ("wir haben uns letzte Woche auf dem Barcamp in Köln nach Ihrem Vortrag über Barrierefreiheit "
        "unterhalten. Ich schreibe Ihnen, weil wir gerade die Website unseres Vereins überarbeiten. Gern "
        "schicke ich Ihnen im Gegenzug unsere Testergebnisse mit Screenreadern. Hätten Sie nächste Woche "
        "Zeit für ein kurzes Telefonat? Vielen Dank und viele Grüße\nJonas Weber")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return path


def batch_rows(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, list[dict]]:
    code, out, _ = run(capsys, "batch", "--jobs", "1", "--format", "json", "--out",
                       str(path.with_name("out.csv")), *argv, str(path))
    return code, json.loads(out)["rows"]


@pytest.mark.parametrize(("first", "last", "company", "greeting"), [
    ("Sabine", "Krämer", "Bäckerei Jäger", "Sehr geehrte Frau Bäcker"),   # starts like the company
    ("Thomas", "Schäfer", "Müller Logistik GmbH", "Guten Tag Frau Müller"),  # is the company's name
    ("Sabine", "Bergmann", "Acme", "Hallo Frau Berg"),                   # a surname that only starts alike
])
def test_greeting_must_name_the_recipient_not_the_company(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           first: str, last: str, company: str,
                                                           greeting: str) -> None:
    path = write_csv(tmp_path / "leads.csv", [["Vorname", "Nachname", "Firma", "Nachricht"],
                                             [first, last, company, f"{greeting},\n{BODY}"]])
    code, rows = batch_rows(capsys, path)
    assert code == EXIT_FINDINGS and rows[0]["status"] == "fail"
    assert "recipient-mismatch" in [f["rule"] for f in rows[0]["findings"]]


@pytest.mark.parametrize(("first", "last", "greeting"), [
    ("Sabine", "Krämer", "Sehr geehrte Frau Krämer"),
    ("Alexander", "Roth", "Hallo Alex"),           # a short form of the first name
    ("Jörg", "Müller-Lüdenscheidt", "Guten Tag Herr Müller-Lüdenscheidt"),
])
def test_greeting_with_the_recipients_own_name_passes(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      first: str, last: str, greeting: str) -> None:
    path = write_csv(tmp_path / "leads.csv", [["Vorname", "Nachname", "Firma", "Nachricht"],
                                             [first, last, "Bäckerei Jäger", f"{greeting},\n{BODY}"]])
    _code, rows = batch_rows(capsys, path)
    assert "recipient-mismatch" not in [f["rule"] for f in rows[0]["findings"]]


TEMPLATE = ("Hallo {first} {last},\nich habe gesehen, dass Sie bei {company} arbeiten, und würde mich gern mit "
            "Ihnen vernetzen. Vielleicht ergeben sich ja Synergien zwischen unseren Firmen. Viele Grüße, Jan")


@pytest.mark.parametrize("signature_line", [", Jan", "\nJan", "\nJan\nVertrieb"])
def test_template_signed_with_a_recipients_first_name_is_still_one_template(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, signature_line: str) -> None:
    people = [("Anna", "Berger", "Acme"), ("Jan", "Koch", "Beta AG"), ("Eva", "Lang", "Gamma"),
              ("Tom", "Roth", "Delta"), ("Ute", "Kraus", "Epsilon")]
    template = TEMPLATE.replace(", Jan", signature_line)
    rows = [["Vorname", "Nachname", "Firma", "Nachricht"],
            *([f, la, c, template.format(first=f, last=la, company=c)] for f, la, c in people)]
    code, out, _ = run(capsys, "batch", "--jobs", "1", "--format", "json", "--out", str(tmp_path / "o.csv"),
                       str(write_csv(tmp_path / "campaign.csv", rows)))
    doc = json.loads(out)
    assert code == EXIT_FINDINGS
    assert doc["summary"]["template_clusters"] == [{"id": "T1", "rows": 5, "line": 2}]
    for row in doc["rows"]:
        assert row["status"] == "fail"
        assert "mass-template" in [f["rule"] for f in row["findings"]]


def test_duplicate_header_says_which_column_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dup.csv", [["Vorname", "Nachname", "Nachricht", "Firma", "Nachricht"],
                                           ["Anna", "Berger", f"Hallo Frau Berger,\n{BODY}", "Acme", "alt"]])
    code, _, err = run(capsys, "batch", "--jobs", "1", "--out", str(tmp_path / "o.csv"), str(path))
    assert code == EXIT_OK
    assert ("2 columns are named 'Nachricht' (columns 3 and 5); the message is read from column 3" in err)
    code, out, _ = run(capsys, "batch", "--jobs", "1", "--format", "json", "--out", str(tmp_path / "o.csv"),
                       str(path))
    assert any("the message is read from column 3" in note for note in json.loads(out)["notes"])


def test_no_note_without_duplicate_headers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "one.csv", [["Vorname", "Nachname", "Nachricht", "Firma"],
                                           ["Anna", "Berger", f"Hallo Frau Berger,\n{BODY}", "Acme"]])
    _, _, err = run(capsys, "batch", "--jobs", "1", "--out", str(tmp_path / "o.csv"), str(path))
    assert "columns are named" not in err


GOOD = f"Hallo Frau Berger,\n{BODY}"


def test_folder_without_drafts_is_named_among_other_paths(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    empty = tmp_path / "emptydir"
    empty.mkdir()
    (empty / "notes.csv").write_text("not a draft", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, "-q", str(empty), str(good))
    assert code == EXIT_ERROR
    assert f"lint-request: error: {empty}: no drafts in this folder" in err
    code, out, _ = run(capsys, "--format", "json", str(empty), str(good))
    assert [f["path"] for f in json.loads(out)["files"]] == [str(good)]  # the other path is still linted


@pytest.mark.parametrize("command", [[], ["fix"]])
def test_folder_without_drafts_alone_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              command: list[str]) -> None:
    empty = tmp_path / "emptydir"
    empty.mkdir()
    code, _, err = run(capsys, *command, str(empty))
    assert code == EXIT_ERROR and err.strip() == f"lint-request: error: {empty}: no drafts in this folder " \
        "(folders are searched for *.txt and *.md)"
