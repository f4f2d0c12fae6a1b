"""``lint-request batch`` on real files, run in-process through ``main([...])`` as a user would call it.

Every test writes the export the way the program named in it writes one (csv
module with Excel's dialect, openpyxl, json lines), runs the command and reads
the annotated copy back with the same independent readers.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from linter.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

LINT = ["lint_status", "lint_score", "lint_findings"]
GOOD_DE = ("Hallo Frau Berger,\nwir haben uns letzte Woche auf dem Barcamp in Köln nach Ihrem Vortrag über "
           "Barrierefreiheit unterhalten. Ich schreibe Ihnen, weil wir gerade die Website unseres Vereins "
           "überarbeiten. Gern schicke ich Ihnen im Gegenzug unsere Testergebnisse mit Screenreadern. Hätten "
           "Sie nächste Woche Zeit für ein kurzes Telefonat? Vielen Dank und viele Grüße\nJonas Weber")
HEADER = ["Vorname", "Nachname", "Anrede", "Firma", "Nachricht"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["batch", "--jobs", "1", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def excel_csv(path: Path, rows: list[list[str]], *, delimiter: str = ";", encoding: str = "cp1252",
              newline: str = "\r\n") -> list[str]:
    """Write rows as Excel does (minimal quoting, LF inside cells, ``newline`` after each record).

    Returns each record's exact text, without its line break.
    """
    records = []
    for row in rows:
        buf = io.StringIO(newline="")
        csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerow(row)
        records.append(buf.getvalue()[:-1])
    path.write_bytes(newline.join(records).encode(encoding) + newline.encode())
    return records


def read_csv(path: Path, encoding: str, delimiter: str = ";") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def lint_cells(text: list[str], delimiter: str) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerow(text)
    return buf.getvalue()[:-1]


def german(last: str, honorific: str = "Frau") -> str:
    """The good German draft, greeting someone else."""
    return GOOD_DE.replace("Frau Berger", f"{honorific} {last}")


# --- CSV as German Excel writes it -----------------------------------------------------------------------


Export = tuple[Path, list[list[str]], list[str]]  # the file, its rows, each record's exact text


@pytest.fixture()
def german_export(tmp_path: Path) -> Export:
    rows = [
        HEADER,
        ["Anna", "Berger", "Frau", "Müller & Söhne", german("Berger")],
        # The mail merge slipped: this row greets the previous recipient.
        ["Jörg", "Schäfer", "Herr", "Bäckerei Roth", german("Berger")],
        ["Özlem", "Kühn", "Frau", "Stadtwerke", "Sehr geehrter Herr Kühn,\nSie haben mein Profil besucht."],
        ["Tom", "Groß", "Herr", "Acme", ""],
        ["Eva", "Lang", "Frau", "Beta; Gamma", "Hallo «Vorname», wir kennen uns von der Messe. Grüße"],
    ]
    path = tmp_path / "export.csv"
    return path, rows, excel_csv(path, rows)


def test_german_excel_csv_round_trip(capsys: pytest.CaptureFixture[str], german_export: Export) -> None:
    path, rows, records = german_export
    code, out, err = run(capsys, str(path))
    assert code == EXIT_FINDINGS and out == ""
    copy = path.with_name("export.checked.csv")
    data = copy.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # still cp1252, like the input
    back = read_csv(copy, "cp1252")
    assert len(back) == len(rows)
    assert back[0] == HEADER + LINT
    assert [r[:5] for r in back] == rows  # every original value, umlauts and the multi-line message included
    # Byte for byte: each record's original text, then ";" and the three lint cells, then CRLF.
    expected = "".join(f"{rec};{lint_cells(row[5:], ';')}\r\n" for rec, row in zip(records, back, strict=True))
    assert data == expected.encode("cp1252")
    status = {r[0]: (r[5], r[7]) for r in back[1:]}
    assert status["Anna"][0] == "pass"
    assert status["Jörg"][0] == "fail" and "recipient-mismatch: Die Anrede nennt „Berger“" in status["Jörg"][1]
    assert "recipient-mismatch: Die Anrede „Sehr geehrter Herr Kühn“ passt nicht" in status["Özlem"][1]
    assert status["Tom"][0] == "fail" and status["Tom"][1].startswith("empty-request:")
    assert "placeholder:" in status["Eva"][1] and "«Vorname»" in status["Eva"][1]
    assert "5 rows: 1 passed, 4 failed" in err and "wrote" in err


def test_never_overwrites_the_input(capsys: pytest.CaptureFixture[str], german_export: Export) -> None:
    path, _, _ = german_export
    before = path.read_bytes()
    code, _, err = run(capsys, str(path), "--out", str(path))
    assert code == EXIT_ERROR and "never overwritten" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_json_summary_on_stdout(capsys: pytest.CaptureFixture[str], german_export: Export,
                                tmp_path: Path) -> None:
    path, rows, _ = german_export
    code, out, err = run(capsys, str(path), "--format", "json", "--out", str(tmp_path / "o.csv"))
    assert code == EXIT_FINDINGS and err == ""
    doc = json.loads(out)
    assert doc["encoding"] == "cp1252" and doc["delimiter"] == ";"
    assert doc["columns"]["message"] == "Nachricht" and doc["columns"]["first-name"] == "Vorname"
    assert doc["summary"]["rows"] == len(rows) - 1
    assert doc["summary"]["passed"] + doc["summary"]["failed"] == len(rows) - 1
    assert [r["line"] for r in doc["rows"]] == [2, 5, 8, 10, 11]  # multi-line messages span lines
    jorg = doc["rows"][1]
    mismatch = next(f for f in jorg["findings"] if f["rule"] == "recipient-mismatch")
    assert mismatch["severity"] == "error" and mismatch["match"] == "Hallo Frau Berger"
    assert "„Hallo Herr Schäfer,“" in mismatch["suggestion"]
    assert doc["summary"]["rules"]["recipient-mismatch"] == 2


def test_missing_message_column_lists_the_columns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    excel_csv(path, [["Vorname", "Nachname", "Firma"], ["Anna", "Berger", "Acme"]])
    code, out, err = run(capsys, str(path))
    assert code == EXIT_ERROR and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "no message column" in err and "'Vorname', 'Nachname', 'Firma'" in err
    assert not (tmp_path / "contacts.checked.csv").exists()
    code, _, err = run(capsys, str(path), "--message-column", "Notiz")
    assert code == EXIT_ERROR and "--message-column 'Notiz': no such column" in err


def test_columns_named_by_flags_and_config(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "crm.csv"
    excel_csv(path, [["Given", "Family", "Body"], ["Jan", "Meier", german("Berger", "Herr")]],
              delimiter=",", encoding="utf-8", newline="\n")
    code, out, _ = run(capsys, str(path), "--message-column", "body", "--first-name-column", "Given",
                       "--last-name-column", "Family", "--format", "json")
    assert json.loads(out)["columns"] == {"message": "Body", "first-name": "Given", "last-name": "Family"}
    assert "recipient-mismatch" in json.loads(out)["summary"]["rules"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".lint-request.toml").write_text('[batch]\nmessage-column = "Body"\nmax-same = 5\n',
                                                  encoding="utf-8")
    assert run(capsys, str(path), "--format", "json")[0] == EXIT_OK  # no name columns: nothing to mismatch
    (tmp_path / ".lint-request.toml").write_text('[batch]\nmesage-column = "Body"\n', encoding="utf-8")
    code, _, err = run(capsys, str(path))
    assert code == EXIT_ERROR and "batch.mesage-column: unknown key" in err


def test_ragged_rows_are_kept_and_marked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    text = ("Vorname;Nachname;Nachricht;Firma\r\n"
            "Anna;Berger;Hallo Frau Berger, danke für das Gespräch!;Acme\r\n"
            "Jan;Meier;Hallo Herr Meier; danke für das Gespräch!;Beta\r\n"   # an unquoted ";" in the message
            "Eva;Lang;Hallo Frau Lang, danke!\r\n"                           # short: trailing column missing
            "\r\n"                                                          # a blank line
            "Tom;Roth\r\n"                                                  # short: no message at all
            "Ute;Kraus;Hallo Frau Kraus, bis bald!;Gamma\r\n")
    path.write_bytes(text.encode("cp1252"))
    code, _, err = run(capsys, str(path))
    assert code == EXIT_ERROR
    assert "line 3: 5 fields, the header has 4" in err and "line 6: 2 fields, the header has 4" in err
    lines = path.with_name("ragged.checked.csv").read_bytes().decode("cp1252").split("\r\n")
    assert len(lines) == len(text.split("\r\n"))
    assert lines[2].startswith('Jan;Meier;Hallo Herr Meier; danke für das Gespräch!;Beta;error;;"read-error: line 3:')
    assert lines[3].startswith("Eva;Lang;Hallo Frau Lang, danke!;;")  # padded so the lint cells line up
    assert lines[3].split(";")[4] in ("pass", "fail")
    assert lines[4] == ""
    assert lines[5].startswith('Tom;Roth;;;error;;"read-error: line 6: 2 fields, the header has 4; the message')
    assert lines[6].startswith("Ute;Kraus;Hallo Frau Kraus, bis bald!;Gamma;")


def test_unclosed_quote_keeps_the_rest_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    text = 'Name;Nachricht\r\nAnna;Hallo Anna, danke!\r\nJan;"Hallo Jan,\r\nbis bald\r\nTom;Hi\r\n'
    path.write_bytes(text.encode("utf-8"))
    code, _, err = run(capsys, str(path))
    assert code == EXIT_ERROR and "line 3: a quoted field is never closed (lines 3–5" in err
    copy = path.with_name("broken.checked.csv").read_bytes().decode("utf-8")
    assert copy.endswith('Jan;"Hallo Jan,\r\nbis bald\r\nTom;Hi\r\n')


def test_utf8_bom_comma_and_lf_are_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "hubspot.csv"
    rows = [["First Name", "Last Name", "Salutation", "Message"],
            ["Priya", "Patel", "Ms", "Dear Mr. Smith,\nwe met at PyCon. Could we talk? 🙂 Thanks, Tom"]]
    excel_csv(path, rows, delimiter=",", encoding="utf-8-sig", newline="\n")
    code, _, _ = run(capsys, str(path))
    assert code == EXIT_FINDINGS
    data = path.with_name("hubspot.checked.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfFirst Name,Last Name,Salutation,Message,lint_status,lint_score,")
    back = read_csv(path.with_name("hubspot.checked.csv"), "utf-8-sig", ",")
    assert back[1][:4] == rows[1]
    findings = back[1][6]
    assert "recipient-mismatch: The greeting names “Smith”, but this request goes to Priya Patel." in findings
    assert b"\r\n" not in data


def test_latin1_export_gets_plain_quotes_in_findings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # 0x90 is undefined in cp1252, so this file can only be Latin-1; „ and “ do not exist there.
    path = tmp_path / "alt.csv"
    path.write_bytes("Nachricht;Notiz\r\nSie haben mein Profil besucht.;\x90\r\n".encode("latin-1"))
    code, _, _ = run(capsys, str(path), "--format", "json", "--out", str(tmp_path / "o.csv"))
    assert code == EXIT_FINDINGS
    copy = (tmp_path / "o.csv").read_bytes()
    text = copy.decode("latin-1")
    assert text.startswith("Nachricht;Notiz;lint_status;lint_score;lint_findings\r\n"
                           "Sie haben mein Profil besucht.;\x90;")
    assert '"Sie haben mein Profil besucht"' in read_csv(tmp_path / "o.csv", "latin-1")[1][4]


def test_sep_line_and_tab_delimiter(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "hint.csv"
    path.write_text("sep=|\nNachricht|Vorname\nHallo Anna, danke!|Anna\n", encoding="utf-8")
    run(capsys, str(path))
    assert path.with_name("hint.checked.csv").read_text(encoding="utf-8").splitlines()[:2] == [
        "sep=|", "Nachricht|Vorname|lint_status|lint_score|lint_findings"]
    tsv = tmp_path / "unicode.txt"
    tsv.write_bytes("Message\tFirst Name\r\nHi Anna, thanks!\tAnna\r\n".encode("utf-16"))
    _, out, _ = run(capsys, str(tsv), "--format", "json")
    assert json.loads(out)["delimiter"] == "tab" and json.loads(out)["encoding"] == "utf-16"
    assert tsv.with_name("unicode.checked.txt").read_bytes().decode("utf-16").startswith(
        "Message\tFirst Name\tlint_status\tlint_score\tlint_findings\r\nHi Anna, thanks!\tAnna\t")


# --- checks that need the row or the batch ---------------------------------------------------------------


def test_address_column_and_platform_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    long = "Hallo Anna,\nwir haben uns auf dem Barcamp gesehen. " + "Danke für deinen Vortrag! " * 12 + "Grüße, Jo"
    excel_csv(path, [
        ["Vorname", "Nachname", "Du/Sie", "Plattform", "Nachricht"],
        ["Anna", "Berger", "du", "LinkedIn (free)", long],
        ["Jan", "Meier", "per Du", "Telefon", GOOD_DE.replace("Frau Berger", "Herr Meier")],
    ])
    _, out, _ = run(capsys, str(path), "--format", "json", "--out", str(tmp_path / "o.csv"))
    rows = json.loads(out)["rows"]
    anna = {f["rule"]: f for f in rows[0]["findings"]}
    assert anna["too-long"]["severity"] == "error" and "200" in anna["too-long"]["message"]
    jan = {f["rule"]: f for f in rows[1]["findings"]}
    assert jan["address-mix"]["message"].startswith("Laut Spalte „Du/Sie“ duzen Sie Jan Meier, die Anfrage siezt")
    assert "„dich“, „dir“, „dein“" in jan["address-mix"]["suggestion"]
    assert "too-long" not in jan  # "Telefon" is no platform: generic limits
    notes = json.loads(out)["notes"]  # after the note of grammar `auto`, off without a LanguageTool configured
    assert notes[0].startswith("grammar and spelling check off")
    assert notes[1:] == ["1 row: unknown platform 'Telefon' (checked as generic)"]


def test_english_recipient_mismatch(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "leads.jsonl"
    path.write_text(json.dumps({"first_name": "Priya", "last_name": "Patel", "salutation": "Ms",
                                "message": "Hi Tom,\nwe met at PyCon. Would you share your slides? Thanks, Sam"})
                    + "\n", encoding="utf-8")
    _, out, _ = run(capsys, str(path), "--format", "json")
    finding = next(f for f in json.loads(out)["rows"][0]["findings"] if f["rule"] == "recipient-mismatch")
    assert finding["message"] == "The greeting names “Tom”, but this request goes to Priya Patel."
    assert finding["suggestion"].endswith("open with “Hi Priya,”.")


def template_rows(count: int, text: str) -> list[list[str]]:
    names = [("Anna", "Berger"), ("Jan", "Meier"), ("Eva", "Lang"), ("Tom", "Roth"), ("Ute", "Kraus"),
             ("Max", "Vogel"), ("Lea", "Engel")]
    return [[first, last, "Acme", text.format(first=first, last=last)] for first, last in names[:count]]


TEMPLATE = ("Hallo {first} {last},\nich bin auf Ihr Profil gestoßen und finde es sehr interessant. Gern würde ich "
            "Sie zu unserem Netzwerk einladen und mich mit Ihnen austauschen. Viele Grüße, Sam")


def test_mass_template_and_near_duplicates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "campaign.csv"
    near = GOOD_DE.replace("Frau Berger", "Frau Engel")
    rows = [["Vorname", "Nachname", "Firma", "Nachricht"], *template_rows(5, TEMPLATE),
            ["Lea", "Engel", "Beta", near],
            ["Max", "Vogel", "Beta", near.replace("Frau Engel", "Herr Vogel").replace("nächste Woche", "morgen")]]
    excel_csv(path, rows)
    code, out, _ = run(capsys, str(path), "--format", "json", "--out", str(tmp_path / "o.csv"))
    doc = json.loads(out)
    assert code == EXIT_FINDINGS
    assert doc["summary"]["template_clusters"] == [{"id": "T1", "rows": 5, "line": 2}]
    for row in doc["rows"][:5]:
        finding = row["findings"][0]
        assert finding["rule"] == "mass-template" and finding["severity"] == "error"
        assert finding["message"].startswith("Derselbe Text geht an 5 Empfänger (Vorlage T1)")
        assert row["status"] == "fail"
    for row in doc["rows"][5:]:
        assert [f["rule"] for f in row["findings"]][:1] == ["near-duplicate"]
        assert "(Gruppe N1, mindestens 90 % ähnlich)" in row["findings"][0]["message"]
    assert doc["summary"]["near_duplicate_clusters"] == [{"id": "N1", "rows": 2, "line": 12}]
    # Up to --max-same recipients may get the same text; the near-duplicate warning stays.
    code, out, _ = run(capsys, str(path), "--format", "json", "--max-same", "5", "--out", str(tmp_path / "o.csv"))
    doc = json.loads(out)
    assert doc["summary"]["template_clusters"] == []
    assert {f["rule"] for f in doc["rows"][0]["findings"]} >= {"near-duplicate"}
    code, out, _ = run(capsys, str(path), "--format", "json", "--ignore", "mass-template,near-duplicate",
                       "--out", str(tmp_path / "o.csv"))
    assert not {"mass-template", "near-duplicate"} & set(json.loads(out)["summary"]["rules"])


def test_parallel_run_gives_the_same_copy(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    rows = [["Vorname", "Nachname", "Firma", "Nachricht"]]
    for i in range(12):
        rows += template_rows(7, TEMPLATE if i % 2 else GOOD_DE.replace("Frau Berger", "{first} {last}"))
    excel_csv(path, rows)
    assert main(["batch", "--jobs", "1", str(path), "--out", str(tmp_path / "one.csv")]) == EXIT_FINDINGS
    assert main(["batch", "--jobs", "2", str(path), "--out", str(tmp_path / "two.csv")]) == EXIT_FINDINGS
    capsys.readouterr()
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_clusters_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    path = tmp_path / "seed.csv"
    near = GOOD_DE.replace("Frau Berger", "{first} {last}")
    rows = [["Vorname", "Nachname", "Firma", "Nachricht"], *template_rows(7, near),
            *template_rows(4, near.replace("nächste Woche", "morgen").replace("Vielen Dank", "Danke"))]
    excel_csv(path, rows)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}.csv"
        subprocess.run([sys.executable, "-m", "linter", "batch", str(path), "--out", str(out), "--jobs", "1",
                        "--max-same", "6"], env={"PYTHONHASHSEED": seed, "PATH": ""}, capture_output=True,
                       check=False)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and b"mass-template" in outputs[0]


# --- XLSX and JSONL ----------------------------------------------------------------------------------------


def test_xlsx_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kontakte"
    met = datetime(2024, 5, 17, 0, 0)
    sheet.append(["Vorname", "Nachname", "Anrede", "Kennengelernt", "Umsatz", "Formel", "Nachricht"])
    sheet.append(["Anna", "Berger", "Frau", met, 1234.5, "=E2*2", GOOD_DE])
    sheet.append([None, None, None, None, None, None, None])  # an empty row in the middle
    sheet.append(["Jan", "Meier", "Herr", met, 7, "=E4+1", "Sehr geehrte Frau Berger,\nSie haben mein Profil besucht."])
    sheet["D2"].number_format = "DD.MM.YYYY"
    other = book.create_sheet("Notizen")
    other["A1"] = "bleibt"
    path = tmp_path / "kontakte.xlsx"
    book.save(path)

    code, _, err = run(capsys, str(path))
    assert code == EXIT_FINDINGS
    copy = openpyxl.load_workbook(tmp_path / "kontakte.checked.xlsx")
    ws = copy["Kontakte"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == ["Vorname", "Nachname", "Anrede", "Kennengelernt", "Umsatz", "Formel", "Nachricht", *LINT]
    assert values[1][:7] == ["Anna", "Berger", "Frau", met, 1234.5, "=E2*2", GOOD_DE]
    assert ws["D2"].number_format == "DD.MM.YYYY"
    assert values[2] == [None] * 10
    assert values[3][:7] == ["Jan", "Meier", "Herr", met, 7, "=E4+1", values[3][6]]
    assert values[1][7] == "pass" and isinstance(values[1][8], int)
    assert values[3][7] == "fail" and "recipient-mismatch" in values[3][9]
    assert copy["Notizen"]["A1"].value == "bleibt"
    assert "2 rows: 1 passed, 1 failed" in err

    code, _, err = run(capsys, str(path), "--sheet", "Fehlt")
    assert code == EXIT_ERROR and "no sheet 'Fehlt'; the workbook has: 'Kontakte', 'Notizen'" in err


def test_xlsx_message_formula_without_result_is_an_error_row(capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Vorname", "Nachricht"])
    book.active.append(["Anna", '="Hallo "&A2'])
    path = tmp_path / "formel.xlsx"
    book.save(path)
    code, _, err = run(capsys, str(path))
    assert code == EXIT_ERROR and "line 2: column 'Nachricht' is a formula without a saved result" in err
    ws = openpyxl.load_workbook(tmp_path / "formel.checked.xlsx").active
    assert ws["B2"].value == '="Hallo "&A2' and ws["C2"].value == "error"


def test_jsonl_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 1, "first_name": "Anna", "last_name": "Berger", "message": GOOD_DE}, ensure_ascii=False),
        '{"id":2,"first_name":"Jan","message":"Sie haben mein Profil besucht.","tags":["a","b"]}',
        "",
        '["not", "an", "object"]',
        '{"id": 3, "message": ',
        '{ }',
    ]
    path = tmp_path / "crm.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, str(path))
    assert code == EXIT_ERROR
    assert "line 4: a JSON array, not an object" in err and "line 5: not valid JSON" in err
    out = path.with_name("crm.checked.jsonl").read_text(encoding="utf-8").split("\n")
    assert len(out) == len(lines) + 1 and out[-1] == ""
    for before, after in zip(lines, out[:-1], strict=True):
        if not before.strip() or not before.startswith("{") or before.endswith(": "):
            assert after == before  # blank and unreadable lines stay as they are
            continue
        parsed = json.loads(after)
        assert {k: v for k, v in parsed.items() if k not in LINT} == json.loads(before)
        assert after.startswith(before[: before.rindex("}")].rstrip())
        assert set(LINT) <= set(parsed)
    assert json.loads(out[0])["lint_status"] == "pass"
    assert json.loads(out[1])["lint_status"] == "fail" and "profile-visit" in json.loads(out[1])["lint_findings"]
    assert json.loads(out[5])["lint_findings"].startswith("empty-request:")


def test_jsonl_values_that_are_not_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [{"message": ["Hallo", "Anna"], "first_name": "Anna"},
             {"message": None, "first_name": "Jan"},
             {"message": 2024, "first_name": "Eva"},
             {"message": "Hallo Frau Berger,\r\nwir kennen uns vom Barcamp. Danke!", "first_name": 12.0,
              "last_name": "  Berger \t ", "company": {"name": "Acme"}}]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, str(path), "--format", "json")
    assert code == EXIT_ERROR and err == ""
    doc = json.loads(out)
    assert doc["errors"] == ["line 1: column 'message' is not text but a list"]
    rows = doc["rows"]
    assert rows[0]["status"] == "error" and rows[1]["findings"][0]["rule"] == "empty-request"
    assert rows[2]["status"] in ("pass", "fail") and rows[2]["score"] is not None   # a number is read as text
    # "12" (not "12.0") is no name the greeting could contradict; the CRLF became "\n" before linting.
    assert not [f for f in rows[3]["findings"] if f["rule"] == "recipient-mismatch"]
    assert all(f["start"] < f["end"] or f["start"] == f["end"] == 0 for f in rows[3]["findings"])


def test_a_checked_copy_is_not_checked_again(capsys: pytest.CaptureFixture[str], german_export: Export) -> None:
    path, _, _ = german_export
    run(capsys, str(path))
    code, _, err = run(capsys, str(path.with_name("export.checked.csv")))
    assert code == EXIT_ERROR and "already has a 'lint_status' column" in err


def test_unreadable_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name, data, message in [
        ("missing.csv", None, "no such file or directory"),
        ("empty.csv", b"", "no header row"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old Excel .xls files cannot be read"),
        ("fake.xlsx", b"Nachricht\nHallo", "not an .xlsx file"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ]:
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        code, _, err = run(capsys, str(path))
        assert code == EXIT_ERROR and message in err and len(err.strip().splitlines()) == 1, (name, err)
    assert run(capsys, "-")[0] == EXIT_ERROR


def test_cli_import_stays_light() -> None:
    code = ("import sys, linter.cli; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in {'openpyxl', 'pydantic'} or m.startswith('linter.batch')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_progress_bar_only_on_a_terminal(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                         german_export: Export) -> None:
    from linter.batch import progress

    path, _, _ = german_export
    assert run(capsys, str(path))[2].count("\r") == 0  # stderr is not a terminal here

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["batch", "--jobs", "1", str(path)]) == EXIT_FINDINGS
    shown = terminal.getvalue()
    assert shown.startswith("\r[") and "5 rows" in shown and "rows/s" in shown
    assert "\r\x1b[K" in shown.split("export.csv (csv")[0]  # the bar is cleared before the summary
