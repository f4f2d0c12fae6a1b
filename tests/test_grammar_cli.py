"""Grammar end to end: ``main([...])`` → language-tool-python's remote_server path → a loopback LanguageTool."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from languagetool_fake import FakeLanguageTool, closed_port_url

from linter.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

GRAMMAR_ENV = ("LINT_REQUEST_GRAMMAR", "LINT_REQUEST_LANGUAGETOOL_URL")
REAL_SERVER = os.environ.get("LINT_REQUEST_LANGUAGETOOL_URL", "")
"""Read at import: conftest.py hides the variable from every test so that `auto` stays predictable."""

DRAFT = ("Hallo Frau Öztürk 😀,\n"
         "wir haben uns auf dem Barcamp in Köln nach Ihrem Vortarg über Barrierefreiheit unterhalten. "
         "Gern schicke ich Ihnen unsere Testergebnisse, daß Sie sehen, was fehlt.\n"
         "Hätten Sie Zeit für ein Frage? Vielen Dank und viele Grüße\nJonas Weber\n")


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code, out, err = run(capsys, "--format", "json", *argv)
    return code, json.loads(out), err


def server(fake: FakeLanguageTool) -> tuple[str, ...]:
    return ("--grammar", "server", "--languagetool-url", fake.url)


def lt_findings(doc: dict) -> list[dict]:
    return [f for file in doc["files"] for f in file["findings"] if f["source"] == "languagetool"]


def test_languagetool_findings_have_exact_positions_after_umlauts_and_emoji(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, draft: Path) -> None:
    _, doc, err = run_json(capsys, *server(fake), str(draft))
    found = {f["match"]: f for f in lt_findings(doc)}
    assert set(found) == {"Vortarg", "ein Frage"}              # "daß" is the own spelling rule's span
    typo = found["Vortarg"]
    start = DRAFT.index("Vortarg")
    assert (typo["start"], typo["end"]) == (start, start + len("Vortarg"))
    assert (typo["line"], typo["column"]) == (2, DRAFT.split("\n")[1].index("Vortarg") + 1)
    assert typo["rule"] == "LT:GERMAN_SPELLER_RULE" and typo["category"] == "TYPOS"
    assert typo["severity"] == "warning" and typo["replacements"] == ["Vortrag"]
    assert found["ein Frage"]["category"] == "GRAMMAR" and found["ein Frage"]["line"] == 3
    daß = [f for f in doc["files"][0]["findings"] if f["match"] == "daß"]
    assert [(f["rule"], f["source"]) for f in daß] == [("spelling", "rule")]
    assert [c["language"] for c in fake.checks] == ["de-DE"]
    assert err == ""


def test_grammar_adds_findings_but_not_score_or_a_failing_exit(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, draft: Path) -> None:
    code_off, doc_off, _ = run_json(capsys, "--grammar", "off", str(draft))
    code_on, doc_on, _ = run_json(capsys, *server(fake), str(draft))
    assert code_on == code_off == EXIT_OK                       # LanguageTool's findings are warnings
    assert doc_on["files"][0]["score"] == doc_off["files"][0]["score"]
    own = [f for f in doc_on["files"][0]["findings"] if f["source"] == "rule"]
    assert own == doc_off["files"][0]["findings"]
    assert run(capsys, *server(fake), "--fail-on", "warning", str(draft))[0] == EXIT_FINDINGS


def test_text_output_names_languagetool_rules(capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool,
                                              draft: Path) -> None:
    _, out, _ = run(capsys, *server(fake), str(draft))
    assert f"{draft}:2:" in out and " warning LT:GERMAN_SPELLER_RULE Möglicher Tippfehler gefunden." in out
    assert "(fix: Vortrag)" in out


FAILURES = ["down", "slow", "error500", "error500-json", "garbage", "not-matches", "bad-offsets", "ratelimit",
            "languages-error500"]


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failing_languagetool_changes_nothing_but_one_warning_line(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, draft: Path, tmp_path: Path,
        failure: str) -> None:
    config = tmp_path / "lt.toml"
    config.write_text("grammar-timeout = 0.5\n", encoding="utf-8")
    url = closed_port_url() if failure == "down" else fake.url
    fake.mode, fake.delay = failure.removeprefix("languages-"), 6.0
    fake.fail_languages = failure.startswith("languages-")
    grammar = ("--config", str(config), "--grammar", "server", "--languagetool-url", url)

    expected = run(capsys, "--config", str(config), "--grammar", "off", "--fail-on", "info", str(draft))
    started = time.monotonic()
    code, out, err = run(capsys, *grammar, "--fail-on", "info", str(draft))
    assert time.monotonic() - started < 4.5                      # the 0.5 s timeout, not the 6 s server, decides
    assert (code, out) == expected[:2]
    assert len(err.splitlines()) == 1 and err.startswith("lint-request: warning: grammar check skipped: ")
    assert url.removeprefix("http://") in err or failure == "not-matches"

    code_json, doc, _ = run_json(capsys, *grammar, str(draft))
    assert lt_findings(doc) == [] and code_json == EXIT_OK
    assert doc["notes"] and doc["notes"][-1].startswith("grammar check skipped")

    code, out, err = run(capsys, *grammar, "--grammar-required", str(draft))
    assert code == EXIT_ERROR and err.startswith("lint-request: error: grammar check skipped")
    assert "no-" not in out or "score:" in out                   # the findings are still printed


def test_messages_say_what_went_wrong(capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool,
                                      draft: Path) -> None:
    expected = {
        "error500": "answered HTTP 500",
        "garbage": "answered with something that is not JSON",
        "ratelimit": "rate limit reached (HTTP 429); try again in 7 s",
        "not-matches": "sent an answer that is not LanguageTool's (the answer has no list of matches)",
    }
    for mode, needle in expected.items():
        fake.mode = mode
        assert needle in run(capsys, *server(fake), str(draft))[2], mode
    assert "is not reachable (connection refused)" in run(
        capsys, "--grammar", "server", "--languagetool-url", closed_port_url(), str(draft))[2]


def test_batch_sends_identical_texts_once_and_warns_once(capsys: pytest.CaptureFixture[str],
                                                         fake: FakeLanguageTool, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    texts = [DRAFT, DRAFT.replace("Öztürk", "Berger"), "Dear Ms Smith, I recieve your adress. Thanks, Jo"]
    for i in range(9):
        (folder / f"{i}.txt").write_text(texts[i % 3], encoding="utf-8")
    _, doc, err = run_json(capsys, *server(fake), str(folder))
    assert len(fake.checks) == 3 and err == ""
    assert sorted(c["language"] for c in fake.checks) == ["de-DE", "de-DE", "en-US"]
    english = [(f["match"], f["source"]) for f in doc["files"][2]["findings"] if f["match"] in ("recieve", "adress")]
    assert english == [("recieve", "rule"), ("adress", "languagetool")]  # one finding per span

    for i in range(9, 30):
        (folder / f"{i}.txt").write_text(f"Hallo, das ist Anfrge Nummer {i}.", encoding="utf-8")
    fake.mode = "error500"
    fake.checks.clear()
    err = run(capsys, *server(fake), str(folder))[2]
    assert err.splitlines() == [(f"lint-request: warning: grammar check skipped for 30 of 30 drafts: LanguageTool "
                                 f"at {fake.url} answered HTTP 500 Internal Server Error")]
    assert len(fake.checks) <= 4            # at most the requests in flight; after the first failure it stops


def test_auto_without_configuration_says_so_once_and_not_when_quiet_or_json(
        capsys: pytest.CaptureFixture[str], draft: Path) -> None:
    code, _, err = run(capsys, "--verbose", str(draft))
    assert code == EXIT_OK
    assert err.splitlines() == [("lint-request: info: grammar and spelling check off: no LanguageTool configured "
                                 "(run `lint-request grammar setup` or pass --languagetool-url URL; "
                                 "see docs/grammar.md)")]
    assert run(capsys, "-q", "--verbose", str(draft))[2] == ""
    _, doc, err = run_json(capsys, str(draft))
    assert err == "" and doc["notes"][0].startswith("grammar and spelling check off")
    assert run(capsys, "--grammar-required", str(draft))[0] == EXIT_ERROR


def test_environment_chooses_the_server_and_cli_beats_it(capsys: pytest.CaptureFixture[str],
                                                         fake: FakeLanguageTool, draft: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINT_REQUEST_LANGUAGETOOL_URL", fake.url)
    _, doc, _ = run_json(capsys, str(draft))                     # auto → the configured server
    assert len(lt_findings(doc)) == 2
    _, doc, err = run_json(capsys, "--grammar", "off", str(draft))
    assert lt_findings(doc) == [] and err == "" and doc["notes"] == []
    monkeypatch.setenv("LINT_REQUEST_GRAMMAR", "off")
    assert lt_findings(run_json(capsys, str(draft))[1]) == []
    monkeypatch.setenv("LINT_REQUEST_GRAMMAR", "always")
    code, _, err = run(capsys, str(draft))
    assert code == EXIT_ERROR and err == ("lint-request: error: LINT_REQUEST_GRAMMAR: unknown grammar mode "
                                          "'always'; choose one of auto, server, local, public, off\n")


def test_config_keys_reach_languagetool(capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool,
                                        draft: Path, tmp_path: Path) -> None:
    config = tmp_path / ".lint-request.toml"
    config.write_text(f'grammar = "server"\nlanguagetool-url = "{fake.url}/v2/"\ngrammar-language = "de-CH"\n'
                      'grammar-picky = true\ngrammar-disabled-rules = ["DE_AGREEMENT"]\n'
                      'grammar-disabled-categories = ["CASING"]\n', encoding="utf-8")
    _, doc, _ = run_json(capsys, "--config", str(config), str(draft))
    sent = fake.checks[-1]
    assert (sent["language"], sent["level"], sent["disabledRules"], sent["disabledCategories"]) == (
        "de-CH", "picky", "DE_AGREEMENT", "CASING")
    assert {f["match"] for f in lt_findings(doc)} == {"Vortarg"}
    run_json(capsys, "--config", str(config), "--grammar-language", "de-AT", str(draft))
    assert fake.checks[-1]["language"] == "de-AT"                # the command line beats the file

    config.write_text('grammar = "sometimes"\n', encoding="utf-8")
    code, _, err = run(capsys, "--config", str(config), str(draft))
    assert code == EXIT_ERROR and err.startswith(f"lint-request: error: {config}: grammar: ")


def test_server_mode_needs_a_url(capsys: pytest.CaptureFixture[str], draft: Path) -> None:
    code, out, err = run(capsys, "--grammar", "server", str(draft))
    assert code == EXIT_ERROR and out == ""
    assert "--grammar: grammar mode 'server' needs the server's URL" in err


def test_select_and_ignore_apply_to_languagetool_rules(capsys: pytest.CaptureFixture[str],
                                                       fake: FakeLanguageTool, draft: Path) -> None:
    _, doc, _ = run_json(capsys, *server(fake), "--ignore", "LT:GERMAN_SPELLER_RULE", str(draft))
    assert [f["rule"] for f in lt_findings(doc)] == ["LT:DE_AGREEMENT"]
    _, doc, _ = run_json(capsys, *server(fake), "--ignore", "LT:", str(draft))
    assert lt_findings(doc) == []


def test_public_mode_warns_that_drafts_leave_and_keeps_to_the_limits(
        capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("linter.grammar.adapter.PUBLIC_API_URL", fake.url + "/")
    folder = tmp_path / "drafts"
    folder.mkdir()
    for i in range(21):
        (folder / f"{i:02}.txt").write_text(f"Hallo, meine Anfrge Nummer {i}.", encoding="utf-8")
    (folder / "big.txt").write_text("Anfrge " * 3000, encoding="utf-8")
    _, out, err = run(capsys, "-q", "--grammar", "public", str(folder))
    notice, warning = err.splitlines()
    assert notice == ("lint-request: note: grammar: drafts are sent to the public LanguageTool API "
                      "(api.languagetool.org) and leave this machine")
    assert len(fake.checks) == 19 and fake.language_requests == 1  # 20 per minute, the handshake included
    assert warning.startswith("lint-request: warning: grammar check skipped for 3 of 22 drafts: ")
    assert "20 requests per minute" in warning or "20 KB per request" in warning
    assert out.count("LT:GERMAN_SPELLER_RULE") == 19


def test_grammar_status(capsys: pytest.CaptureFixture[str], fake: FakeLanguageTool) -> None:
    code, out, _ = run(capsys, "grammar", "status", "--languagetool-url", fake.url)
    assert code == EXIT_OK
    assert "server:     reachable; de-DE, de-AT, de-CH, en-US, en-GB supported" in out
    code, out, _ = run(capsys, "grammar", "status", "--grammar", "server", "--languagetool-url", closed_port_url())
    assert code == EXIT_ERROR and "server:     not reachable: LanguageTool at http://127.0.0.1:" in out
    code, out, _ = run(capsys, "grammar", "status")
    assert code == EXIT_OK and "grammar and spelling check off" in out
    code, out, _ = run(capsys, "grammar", "status", "--grammar", "local")
    assert code == EXIT_ERROR and "`lint-request grammar setup` installs it" in out


def test_grammar_setup_without_java_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, out, err = run(capsys, "grammar", "setup")
    assert code == EXIT_ERROR and out == ""
    assert err.startswith("lint-request: error: Java not found: the local LanguageTool needs Java 17 or newer")
    assert len(err.splitlines()) == 1


@pytest.mark.skipif(not os.environ.get("JAVA_HOME") and not any(
    (Path(p) / "java").exists() for p in os.environ.get("PATH", "").split(os.pathsep)),
    reason="needs a java on PATH to get past the Java check")
def test_grammar_setup_with_an_unreachable_download_says_so(tmp_path: Path) -> None:
    # language-tool-python reads its download host from the environment when it is imported,
    # so this runs the installed command in a fresh process.
    env = {**os.environ, "LTP_PATH": str(tmp_path / "ltp"),
           "LTP_DOWNLOAD_HOST_NEW_RELEASES": closed_port_url() + "/",
           "LTP_DOWNLOAD_HOST_RELEASE": closed_port_url() + "/"}
    done = subprocess.run([sys.executable, "-m", "linter", "grammar", "setup"], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == EXIT_ERROR and "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("lint-request: error: cannot download LanguageTool from http://127.0.0.1:")
    assert "connection refused" in last
    assert not (tmp_path / "ltp" / "LanguageTool-6.8").exists()


def test_a_plain_run_does_not_import_language_tool_python(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Hallo Frau Berger, wir kennen uns vom Barcamp.", encoding="utf-8")
    code = ("import sys; from linter.cli import main; main([sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'language_tool_python', 'requests', 'concurrent'}), file=sys.stderr)")
    env = {**os.environ, "LTP_PATH": str(tmp_path / "ltp")}
    for name in GRAMMAR_ENV:
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env,
                          check=False)
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.skipif(not REAL_SERVER,
                    reason="set LINT_REQUEST_LANGUAGETOOL_URL to a LanguageTool server to run this test")
def test_a_real_languagetool_server(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Grüße aus Köln 😀! Ich habe eine Anfrrage an Sie.", encoding="utf-8")
    code, doc, err = run_json(capsys, "--grammar", "server", "--languagetool-url", REAL_SERVER, "--grammar-required",
                              str(draft))
    assert code != EXIT_ERROR, err
    typos = [f for f in lt_findings(doc) if f["category"] == "TYPOS"]
    assert any(f["match"] == "Anfrrage" for f in typos), typos
