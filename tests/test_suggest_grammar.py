"""``lint-request suggest`` with LanguageTool: ``main([...])`` against the loopback fake server."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from languagetool_fake import FakeLanguageTool, closed_port_url

from linter.cli import EXIT_ERROR, EXIT_OK, main

# Line 2 keeps its sentences (a typo and "daß"); line 3 is dropped by profile-visit, typo and all;
# line 4 keeps "ein Frage".
DRAFT = ("Hallo Frau Öztürk 😀,\n"
         "wir haben uns auf dem Barcamp in Köln nach Ihrem Vortarg über Barrierefreiheit unterhalten. "
         "Gern schicke ich Ihnen unsere Testergebnisse, daß Sie sehen, was fehlt.\n"
         "Sie haben mein Profil besucht, meine Anfrge kommt daher.\n"
         "Hätten Sie Zeit für ein Frage? Vielen Dank und viele Grüße\nJonas Weber\n")
INFO_LINE = ("lint-request: info: grammar and spelling check off: no LanguageTool configured "
             "(run `lint-request grammar setup` or pass --languagetool-url URL; see docs/grammar.md)\n")


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["suggest", "--variant", "0", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code, out, err = run(capsys, "--format", "json", *argv)
    return code, json.loads(out), err


def server(url: str) -> tuple[str, ...]:
    return ("--grammar", "server", "--languagetool-url", url)


def without(doc: dict, *keys: str) -> dict:
    return {k: v for k, v in doc.items() if k not in keys}


def test_findings_in_kept_sentences_are_listed_and_the_outline_is_untouched(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, draft: Path) -> None:
    code, doc, err = run_json(capsys, *server(fake.url), str(draft))
    assert code == EXIT_OK and err == ""
    assert [c["language"] for c in fake.checks] == ["de-DE"] and fake.checks[0]["text"] == DRAFT
    assert [g["match"] for g in doc["grammar"]] == ["Vortarg", "daß", "ein Frage"]  # not "Anfrge": dropped
    assert "Profil besucht" in doc["removed"][0]["text"] and "Anfrge" in doc["removed"][0]["text"]
    typo = doc["grammar"][0]
    start = DRAFT.index("Vortarg")
    assert typo == {"rule": "LT:GERMAN_SPELLER_RULE", "severity": "warning", "category": "TYPOS",
                    "message": "Möglicher Tippfehler gefunden.", "match": "Vortarg", "replacements": ["Vortrag"],
                    "start": start, "end": start + 7, "line": 2, "column": start - DRAFT.index("\n")}
    assert doc["grammar"][2]["rule"] == "LT:DE_AGREEMENT" and doc["grammar"][2]["line"] == 4
    assert doc["notes"] == []

    _, off, _ = run_json(capsys, "--grammar", "off", str(draft))
    assert off["grammar"] == [] and off["notes"] == []
    assert without(doc, "grammar") == without(off, "grammar")      # LanguageTool rewrites nothing
    assert "Vortarg" in doc["outline"] and "ein Frage" in doc["outline"]


def test_commentary_names_each_finding_once(capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool,
                                            draft: Path) -> None:
    code, out, err = run(capsys, *server(fake.url), str(draft))
    _, out_off, err_off = run(capsys, "--grammar", "off", str(draft))
    assert code == EXIT_OK and out == out_off
    added = [line for line in err.splitlines() if line not in err_off.splitlines()]
    line_2 = DRAFT.split("\n")[1]
    typo, dass = line_2.index("Vortarg") + 1, line_2.index("daß") + 1
    assert added == [
        "LanguageTool: 3 issues in the sentences kept (line:column in the draft):",
        f"  ! 2:{typo} 'Vortarg' → 'Vortrag': Möglicher Tippfehler gefunden. (LT:GERMAN_SPELLER_RULE)",
        f"  ! 2:{dass} 'daß' → 'dass': Möglicher Tippfehler gefunden. (LT:GERMAN_SPELLER_RULE)",
        "  ! 4:21 'ein Frage' → 'eine Frage': Did you mean 'eine Frage'? (LT:DE_AGREEMENT)",
    ]
    assert err.index("LanguageTool:") < err.index("Score ")


def test_recipient_names_are_not_typos_and_ignore_applies(capsys: pytest.CaptureFixture[str],
                                                          fake: FakeLanguageTool, draft: Path,
                                                          tmp_path: Path) -> None:
    _, doc, _ = run_json(capsys, *server(fake.url), "--company", "Vortarg", str(draft))
    assert [g["match"] for g in doc["grammar"]] == ["daß", "ein Frage"]
    config = tmp_path / "c.toml"
    config.write_text('ignore = ["LT:DE_AGREEMENT"]\n', encoding="utf-8")
    _, doc, _ = run_json(capsys, "--config", str(config), *server(fake.url), str(draft))
    assert [g["match"] for g in doc["grammar"]] == ["Vortarg", "daß"]


@pytest.mark.parametrize("failure", ["down", "slow", "error500", "garbage"])
def test_a_failing_languagetool_changes_nothing_but_one_warning_line(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, draft: Path, tmp_path: Path,
        failure: str) -> None:
    config = tmp_path / "lt.toml"
    config.write_text("grammar-timeout = 0.5\n", encoding="utf-8")
    url = closed_port_url() if failure == "down" else fake.url
    fake.mode, fake.delay = failure, 6.0
    grammar = ("--config", str(config), *server(url))

    _, out_off, err_off = run(capsys, "--config", str(config), "--grammar", "off", str(draft))
    started = time.monotonic()
    code, out, err = run(capsys, *grammar, str(draft))
    assert time.monotonic() - started < 4.5                      # the 0.5 s timeout decides, not the server
    assert code == EXIT_OK and out == out_off
    warning, *commentary = err.splitlines(keepends=True)
    assert "".join(commentary) == err_off
    assert warning.startswith("lint-request: warning: grammar check skipped: LanguageTool at ")

    code, doc, err = run_json(capsys, *grammar, str(draft))
    _, doc_off, _ = run_json(capsys, "--config", str(config), "--grammar", "off", str(draft))
    assert code == EXIT_OK and err == warning
    assert without(doc, "notes") == without(doc_off, "notes") and doc["notes"] == [warning.split(": ", 2)[2].strip()]

    code, out, err = run(capsys, *grammar, "--grammar-required", str(draft))
    assert code == EXIT_ERROR and out == out_off                 # the outline is still printed
    assert err.startswith("lint-request: error: grammar check skipped: ")


def test_auto_without_configuration_says_so_as_check_does(capsys: pytest.CaptureFixture[str], draft: Path) -> None:
    code, out, err = run(capsys, str(draft))
    assert code == EXIT_OK and "info:" not in err                # nobody asked for grammar: quiet
    code, out, err = run(capsys, "--verbose", str(draft))
    assert code == EXIT_OK and err.startswith(INFO_LINE) and err.count("info:") == 1
    main(["--verbose", str(draft)])
    assert capsys.readouterr().err.startswith(INFO_LINE)         # the same line as check's
    _, doc, err = run_json(capsys, str(draft))
    assert err == "" and doc["notes"] == [INFO_LINE.split(": ", 2)[2].strip()] and doc["grammar"] == []
    code, out, err = run(capsys, "--grammar-required", str(draft))
    assert code == EXIT_ERROR and err.startswith("lint-request: error: grammar check required, but ")
    assert "Hallo Frau" in out


def test_environment_and_config_choose_the_server_and_the_command_line_wins(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, draft: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_REQUEST_LANGUAGETOOL_URL", fake.url)
    _, doc, _ = run_json(capsys, str(draft))                     # auto → the server in the environment
    assert len(doc["grammar"]) == 3
    _, doc, err = run_json(capsys, "--grammar", "off", str(draft))
    assert doc["grammar"] == [] and doc["notes"] == [] and err == ""
    monkeypatch.delenv("LINT_REQUEST_LANGUAGETOOL_URL")

    config = tmp_path / ".lint-request.toml"
    config.write_text(f'grammar = "server"\nlanguagetool-url = "{fake.url}"\ngrammar-language = "de-CH"\n',
                      encoding="utf-8")
    _, doc, _ = run_json(capsys, "--config", str(config), str(draft))
    assert fake.checks[-1]["language"] == "de-CH" and len(doc["grammar"]) == 3
    run_json(capsys, "--config", str(config), "--grammar-language", "de-AT", str(draft))
    assert fake.checks[-1]["language"] == "de-AT"
    code, _, err = run(capsys, "--config", str(config), "--languagetool-url", "ftp://x", str(draft))
    assert code == EXIT_ERROR and err.startswith("lint-request: error: --languagetool-url: 'ftp://x' is not")
