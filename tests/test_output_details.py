"""Output details through the real command line (issue 15, items 13-16): line endings kept by `fix`,
usage lines, plurals, `grammar status` for a server that is no LanguageTool, a quiet default run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from languagetool_fake import FakeLanguageTool

from linter.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

GOOD = ("Hallo Frau Berger,\nwir haben uns letzte Woche auf dem Barcamp in Köln nach Ihrem Vortrag über "
        "Barrierefreiheit unterhalten. Ich schreibe Ihnen, weil wir gerade die Website unseres Vereins "
        "überarbeiten. Gern schicke ich Ihnen im Gegenzug unsere Testergebnisse. Hätten Sie nächste Woche "
        "Zeit für ein kurzes Telefonat? Vielen Dank und viele Grüße\nJonas Weber\n")
INFO = "grammar and spelling check off: no LanguageTool configured"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# --- item 13: fix keeps each line's own ending ------------------------------------------------------------

MIXED = ("Hallo Frau Berger,\r\nich schreibe, daß wir uns kennen.\nZweite  Zeile.\r\nViele Grüße\r\n"
         "Jan\r\n").encode()
FIXED = ("Hallo Frau Berger,\r\nich schreibe, dass wir uns kennen.\nZweite Zeile.\r\nViele Grüße\r\n"
         "Jan\r\n").encode()


def test_fix_keeps_each_lines_own_ending(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(MIXED)
    code, _, err = run(capsys, "fix", str(path))
    assert code == EXIT_OK and "fixed 2 issues" in err
    assert path.read_bytes() == FIXED


def test_fix_on_stdin_keeps_each_lines_own_ending(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MIXED), encoding="utf-8", newline=""))
    code = main(["fix", "-"])
    out = capsys.readouterr().out
    assert code == EXIT_OK and out.encode() == FIXED


def test_fix_of_a_plain_crlf_file_stays_crlf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(MIXED.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    run(capsys, "fix", str(path))
    assert path.read_bytes() == FIXED.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


# --- item 14: usage lines, "1 field", grammar status ------------------------------------------------------


@pytest.mark.parametrize(("command", "usage"), [
    ("check", "Usage: lint-request check [OPTIONS] PATH..."),
    ("fix", "Usage: lint-request fix [OPTIONS] PATH..."),
    ("suggest", "Usage: lint-request suggest [OPTIONS] [PATH]"),
    ("batch", "Usage: lint-request batch [OPTIONS] FILE"),
    ("rule", "Usage: lint-request rule [OPTIONS] RULE_ID"),
    ("check-rules", "Usage: lint-request check-rules [OPTIONS] PATH..."),
    ("tui", "Usage: lint-request tui [OPTIONS] [PATH]"),
])
def test_usage_lines_name_the_arguments(capsys: pytest.CaptureFixture[str], command: str, usage: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == EXIT_OK and out.splitlines()[0] == usage


def test_usage_error_shows_the_same_usage_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--no-such-option", "x.txt")
    assert code == EXIT_ERROR and err.splitlines()[0] == "Usage: lint-request check [OPTIONS] PATH..."


def test_short_row_says_1_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("Vorname;Nachname;Nachricht\nAnna\n", encoding="utf-8")
    code, _, err = run(capsys, "batch", "--jobs", "1", "--out", str(tmp_path / "o.csv"), str(path))
    assert code == EXIT_ERROR
    assert "line 2: 1 field, the header has 3" in err


@pytest.mark.parametrize("mode", ["garbage", "not-matches", "error500"])
def test_grammar_status_tells_a_wrong_server_from_an_unreachable_one(capsys: pytest.CaptureFixture[str],
                                                                      fake: FakeLanguageTool, mode: str) -> None:
    fake.mode, fake.fail_languages = mode, True
    code, out, _ = run(capsys, "grammar", "status", "--languagetool-url", fake.url)
    assert code == EXIT_ERROR
    assert "server:     answers, but not as LanguageTool: " in out and "not reachable" not in out


# --- item 15: no grammar info line unless asked for -------------------------------------------------------


def test_default_run_says_nothing_about_grammar(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    code, _, err = run(capsys, str(good))
    assert code == EXIT_OK and err == ""
    assert run(capsys, "suggest", str(good))[2].count("info:") == 0


@pytest.mark.parametrize("how", [["--verbose"], ["-v"], ["--grammar", "auto"]])
def test_info_line_with_verbose_or_when_grammar_was_asked_for(capsys: pytest.CaptureFixture[str], good: Path,
                                                               how: list[str]) -> None:
    code, _, err = run(capsys, *how, str(good))
    assert code == EXIT_OK and err == f"lint-request: info: {INFO} (run `lint-request grammar setup` or pass " \
        "--languagetool-url URL; see docs/grammar.md)\n"


def test_info_line_when_the_environment_or_config_names_a_mode(capsys: pytest.CaptureFixture[str], good: Path,
                                                                tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_REQUEST_GRAMMAR", "auto")
    assert INFO in run(capsys, str(good))[2]
    monkeypatch.delenv("LINT_REQUEST_GRAMMAR")
    config = tmp_path / ".lint-request.toml"
    config.write_text('grammar = "auto"\n', encoding="utf-8")
    assert INFO in run(capsys, "--config", str(config), str(good))[2]


def test_batch_is_quiet_about_grammar_by_default(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("Vorname;Nachname;Nachricht\nAnna;Berger;Hallo Frau Berger, wie geht es?\n", encoding="utf-8")
    _, _, err = run(capsys, "batch", "--jobs", "1", "--out", str(tmp_path / "o.csv"), str(path))
    assert INFO not in err
    _, _, err = run(capsys, "batch", "-v", "--jobs", "1", "--out", str(tmp_path / "o.csv"), str(path))
    assert INFO in err


def test_grammar_status_and_help_say_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert INFO in run(capsys, "grammar", "status")[1]
    help_text = " ".join(run(capsys, "check", "--help")[1].split())
    assert "--verbose" in help_text and "no LanguageTool is configured" in help_text


# --- item 16: the score formula once, in --help ------------------------------------------------------------


def test_score_formula_is_in_help_not_in_every_run(capsys: pytest.CaptureFixture[str], good: Path,
                                                   tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Sie haben mein Profil besucht.", encoding="utf-8")
    code, out, _ = run(capsys, str(good), str(bad))
    assert code == EXIT_FINDINGS
    assert "minus 25" not in out and out.count("score:") == 2
    assert out.splitlines()[-1].startswith("Found ") and out.splitlines()[-1].endswith("in 2 files.")
    help_text = " ".join(run(capsys, "check", "--help")[1].split())
    assert "The score is 100, minus 25 per error rule, 8 per warning rule and 2 per info rule" in help_text
