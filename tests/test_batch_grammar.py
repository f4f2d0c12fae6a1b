"""``lint-request batch`` with LanguageTool: a real CSV export, ``main([...])``, the loopback LanguageTool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from languagetool_fake import FakeLanguageTool, closed_port_url
from test_batch import GOOD_DE, excel_csv, read_csv

from linter.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

HEADER = ["Vorname", "Nachname", "Anrede", "Firma", "Nachricht"]
TYPO = GOOD_DE.replace("Vortrag", "Vortarg")                      # the fake's German speller flags "Vortarg"
COMPANY = GOOD_DE.replace("unseres Vereins", "der Anfrge GmbH")   # … and "Anfrge", here the row's company


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["batch", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def server(fake: FakeLanguageTool | str) -> tuple[str, ...]:
    return ("--grammar", "server", "--languagetool-url", fake if isinstance(fake, str) else fake.url)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    excel_csv(path, [
        HEADER,
        ["Anna", "Berger", "Frau", "Acme", GOOD_DE],
        ["Anna", "Berger", "Frau", "Acme", TYPO],
        ["Anna", "Berger", "Frau", "Anfrge GmbH", COMPANY],      # a company name is no typo …
        ["Anna", "Berger", "Frau", "Acme", COMPANY],             # … in another row's text it is
        ["Anna", "Berger", "Frau", "Acme", TYPO.replace("\n", "\r\n")],
        ["Jan", "Meier", "Herr", "Beta", ""],
        ["Jan", "Meier", "Herr", "Beta", "Hallo Herr Meier,\nhätten Sie Zeit für ein Frage? Danke, Jo"],
    ])
    return path


def json_rows(out: str) -> list[dict]:
    return json.loads(out)["rows"]


def lt(row: dict) -> list[tuple[str, str]]:
    return [(f["rule"], f["match"]) for f in row["findings"] if f["rule"].startswith("LT:")]


def test_languagetool_findings_join_each_row(capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool,
                                             export: Path, tmp_path: Path) -> None:
    code_off, out_off, _ = run(capsys, "--jobs", "1", "--grammar", "off", "--format", "json", str(export),
                               "--out", str(tmp_path / "off.csv"))
    code, out, err = run(capsys, "--jobs", "1", *server(fake), "--format", "json", str(export))
    assert err == "" and code == code_off
    rows, rows_off = json_rows(out), json_rows(out_off)
    speller = "LT:GERMAN_SPELLER_RULE"
    assert [lt(r) for r in rows] == [[], [(speller, "Vortarg")], [], [(speller, "Anfrge")],
                                     [(speller, "Vortarg")], [], [("LT:DE_AGREEMENT", "ein Frage")]]
    typo = next(f for f in rows[1]["findings"] if f["rule"] == speller)
    assert (typo["start"], typo["end"]) == (TYPO.index("Vortarg"), TYPO.index("Vortarg") + 7)
    assert typo["severity"] == "warning" and typo["suggestion"] == "Meinten Sie „Vortrag“?"
    # CRLF in the cell: offsets count the message as linted, with "\n" line breaks, like the own rules' offsets.
    assert rows[4]["findings"] == rows[1]["findings"]
    for row, before in zip(rows, rows_off, strict=True):
        assert row["score"] == before["score"] and row["status"] == before["status"]
        assert [f for f in row["findings"] if not f["rule"].startswith("LT:")] == before["findings"]
        starts = [f["start"] for f in row["findings"]]
        assert starts == sorted(starts)                           # merged in position order
    assert json.loads(out)["summary"]["rules"][speller] == 3

    # The annotated copy says it too; --fail-on warning makes a typo fail its row, as in `check`.
    code, _, _ = run(capsys, "--jobs", "1", *server(fake), "--fail-on", "warning", "--ignore", "near-duplicate",
                     str(export))
    copy = read_csv(export.with_name("export.checked.csv"), "cp1252")
    assert copy[2][5] == "fail" and f"{speller}: Möglicher Tippfehler gefunden." in copy[2][7]
    assert copy[1][5] == "pass" and "LT:" not in copy[1][7]
    assert code == EXIT_FINDINGS


def test_identical_texts_are_sent_once_per_run(capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("linter.batch.run.CHUNK", 4)  # the repeats arrive in different chunks, from both workers
    path = tmp_path / "repeats.csv"
    texts = [TYPO, GOOD_DE, "Hallo Jan,\nhätten Sie Zeit für ein Frage? Danke, Jo"]
    excel_csv(path, [HEADER, *(["Anna", "Berger", "Frau", "Acme", texts[i % 3]] for i in range(9)),
                     ["Jan", "Meier", "Herr", "Beta", ""]])
    _, out, _ = run(capsys, "--jobs", "2", "--max-same", "5", *server(fake), "--format", "json", str(path))
    assert len(fake.checks) == 3 and fake.language_requests == 1      # one session, one handshake
    assert [lt(r) for r in json_rows(out)[:3]] == [[("LT:GERMAN_SPELLER_RULE", "Vortarg")], [],
                                                   [("LT:DE_AGREEMENT", "ein Frage")]]
    assert [lt(r) for r in json_rows(out)[3:6]] == [lt(r) for r in json_rows(out)[:3]]


@pytest.mark.parametrize("failure", ["down", "error500"])
def test_a_failing_languagetool_changes_nothing_but_one_warning_line(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, export: Path, tmp_path: Path,
        failure: str) -> None:
    url = closed_port_url() if failure == "down" else fake.url
    fake.mode = failure
    expected_code, _, _ = run(capsys, "--jobs", "1", "--grammar", "off", str(export), "--out", str(tmp_path / "a"))
    code, _, err = run(capsys, "--jobs", "1", *server(url), str(export), "--out", str(tmp_path / "b"))
    assert code == expected_code == EXIT_FINDINGS
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()
    warnings = [line for line in err.splitlines() if "grammar" in line]
    assert len(warnings) == 1 and warnings[0].startswith("lint-request: warning: grammar check skipped for 6 of 7 ")
    assert url.removeprefix("http://") in warnings[0]
    assert len(fake.checks) <= 4            # after the first failure the session stops asking

    code, out, err = run(capsys, "--jobs", "1", *server(url), "--format", "json", str(export),
                         "--out", str(tmp_path / "c"))
    assert json.loads(out)["notes"][0].startswith("grammar check skipped for 6 of 7 drafts")
    assert err.startswith("lint-request: warning: grammar check skipped")

    code, _, err = run(capsys, "--jobs", "1", *server(url), "--grammar-required", str(export),
                       "--out", str(tmp_path / "d"))
    assert code == EXIT_ERROR and "lint-request: error: grammar check skipped for 6 of 7 drafts" in err
    assert (tmp_path / "d").read_bytes() == (tmp_path / "a").read_bytes()   # the copy is still written


def test_grammar_required_without_a_languagetool_stops_before_the_work(capsys: pytest.CaptureFixture[str],
                                                                       export: Path) -> None:
    code, out, err = run(capsys, "--grammar-required", str(export))
    assert code == EXIT_ERROR and out == ""
    assert err.startswith("lint-request: error: grammar check required, but grammar and spelling check off")
    assert len(err.splitlines()) == 1
    assert not export.with_name("export.checked.csv").exists()


def test_settings_come_from_environment_and_config_as_for_check(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, export: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_REQUEST_LANGUAGETOOL_URL", fake.url)
    _, out, _ = run(capsys, "--jobs", "1", "--format", "json", str(export))    # auto → the configured server
    assert lt(json_rows(out)[1]) == [("LT:GERMAN_SPELLER_RULE", "Vortarg")]
    monkeypatch.delenv("LINT_REQUEST_LANGUAGETOOL_URL")
    config = tmp_path / "lt.toml"
    config.write_text(f'grammar = "server"\nlanguagetool-url = "{fake.url}"\ngrammar-language = "de-CH"\n'
                      'grammar-disabled-rules = ["DE_AGREEMENT"]\n', encoding="utf-8")
    fake.checks.clear()
    _, out, _ = run(capsys, "--jobs", "1", "--config", str(config), "--format", "json", str(export))
    assert {c["language"] for c in fake.checks} == {"de-CH"} and lt(json_rows(out)[6]) == []
    run(capsys, "--jobs", "1", "--config", str(config), "--grammar-language", "de-AT", str(export))
    assert fake.checks[-1]["language"] == "de-AT"                # the command line beats the file
    fake.checks.clear()
    code, out, _ = run(capsys, "--jobs", "1", "--config", str(config), "--grammar", "off", "--format", "json",
                       str(export))
    assert fake.checks == [] and json.loads(out)["notes"] == []
    code, _, err = run(capsys, "--jobs", "1", "--config", str(config), "--ignore", "LT:", "--format", "json",
                       str(export))
    assert code == EXIT_FINDINGS and err == ""


def test_text_summary_counts_languagetool_rules(capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool,
                                                export: Path) -> None:
    code, out, err = run(capsys, "--jobs", "1", *server(fake), str(export))
    assert out == "" and "LT:GERMAN_SPELLER_RULE (3 rows)" in err and code == EXIT_FINDINGS
    assert run(capsys, "--jobs", "1", *server(fake), "--select", "LT:", str(export))[0] == EXIT_OK
