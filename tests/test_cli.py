"""The command line, run in-process through ``main(argv)`` as a user would call it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
BAD_DE = EXAMPLES / "bad-request-de.txt"
GOOD_DE = EXAMPLES / "good-request-de.txt"
BAD_EN = EXAMPLES / "bad-request-en.txt"
GOOD_EN = EXAMPLES / "good-request-en.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code, out, _ = run(capsys, "--format", "json", *argv)
    return code, json.loads(out)


def test_bad_draft_exits_1_and_names_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(BAD_DE))
    assert code == EXIT_FINDINGS
    for rule in ("profile-visit", "platform-suggestion", "contact-collecting", "vague-future", "buzzwords"):
        assert f" {rule} " in out
    assert "score:" in out and "anatomy:" in out


def test_check_is_the_default_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(BAD_DE))[1] == run(capsys, "check", str(BAD_DE))[1]


def test_good_drafts_have_no_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run_json(capsys, str(GOOD_DE), str(GOOD_EN))
    assert code == EXIT_OK
    for file in doc["files"]:
        assert [f["rule"] for f in file["findings"] if f["severity"] == "error"] == []
        assert all(file["anatomy"].values()), file["anatomy"]
        assert file["score"] >= 90


def test_language_is_detected_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc = run_json(capsys, str(BAD_DE), str(BAD_EN))
    assert [f["lang"] for f in doc["files"]] == ["de", "en"]


def test_lang_option_overrides_detection(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc = run_json(capsys, "--lang", "en", str(BAD_DE))
    assert doc["files"][0]["lang"] == "en"


def test_exit_zero_and_fail_on(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "--exit-zero", str(BAD_DE))[0] == EXIT_OK
    # A good draft with one doubled space: only an info finding.
    draft = tmp_path / "d.txt"
    draft.write_text(GOOD_DE.read_text(encoding="utf-8").replace("Barcamp in", "Barcamp  in"), encoding="utf-8")
    _, doc = run_json(capsys, str(draft))
    assert {f["severity"] for f in doc["files"][0]["findings"]} == {"info"}
    assert run(capsys, str(draft))[0] == EXIT_OK
    assert run(capsys, "--fail-on", "warning", str(draft))[0] == EXIT_OK
    assert run(capsys, "--fail-on", "info", str(draft))[0] == EXIT_FINDINGS


def test_json_shape_and_positions(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    text = "Grüß Gott 😀 Frau Öztürk,\nSie haben mein Profil besucht."
    draft.write_text(text, encoding="utf-8")
    _code, doc = run_json(capsys, str(draft))
    assert doc["version"] == 1 and doc["errors"] == []
    file = doc["files"][0]
    assert set(file) >= {"path", "lang", "score", "anatomy", "findings"}
    visit = next(f for f in file["findings"] if f["rule"] == "profile-visit")
    assert set(visit) >= {"rule", "severity", "message", "suggestion", "line", "column", "start", "end",
                          "match", "source"}
    assert (visit["line"], visit["column"]) == (2, 1)
    assert text[visit["start"]:visit["end"]] == visit["match"] == "Sie haben mein Profil besucht"
    assert visit["source"] == "rule"


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = b"Sie haben mein Profil besucht."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "-")
    assert code == EXIT_FINDINGS
    assert "<stdin>:1:1: error profile-visit" in out


def test_directory_expands_to_drafts(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc = run_json(capsys, str(EXAMPLES))
    assert sorted(Path(f["path"]).name for f in doc["files"]) == sorted(p.name for p in EXAMPLES.glob("*.txt"))


def test_select_and_ignore_by_id_and_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc = run_json(capsys, "--select", "profile", str(BAD_DE))
    assert {f["rule"] for f in doc["files"][0]["findings"]} == {"profile-visit"}
    _, doc = run_json(capsys, "--ignore", "profile-visit,buzzwords", "--ignore", "no-", str(BAD_DE))
    rules = {f["rule"] for f in doc["files"][0]["findings"]}
    assert rules and not rules & {"profile-visit", "buzzwords", "no-connection", "no-offer"}


def test_unknown_selector_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--ignore", "profle-visit", str(BAD_DE))
    assert code == EXIT_ERROR and "profle-visit" in err and len(err.strip().splitlines()) == 1


def test_quiet_prints_only_findings(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "-q", str(BAD_DE))
    assert out.strip() and all(line.startswith(str(BAD_DE)) for line in out.strip().splitlines())


def test_color_follows_no_color_and_force_color(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(capsys, str(BAD_DE))[1]
    assert "\x1b[" not in run(capsys, "--no-color", str(BAD_DE))[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(capsys, str(BAD_DE))[1]


def test_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--format", "github", str(BAD_DE))
    assert any(line.startswith("::error file=") and "title=profile-visit" in line for line in out.splitlines())


@pytest.mark.parametrize("platform,limit", [("linkedin", 300), ("linkedin-free", 200)])
def test_platform_limits(capsys: pytest.CaptureFixture[str], tmp_path: Path, platform: str, limit: int) -> None:
    draft = tmp_path / "long.txt"
    draft.write_text(GOOD_DE.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(draft.read_text(encoding="utf-8")) > limit
    _, doc = run_json(capsys, "--platform", platform, str(draft))
    too_long = [f for f in doc["files"][0]["findings"] if f["rule"] == "too-long"]
    assert too_long and too_long[0]["severity"] == "error" and str(limit) in too_long[0]["message"]
    _, doc = run_json(capsys, str(draft))
    assert not [f for f in doc["files"][0]["findings"] if f["rule"] == "too-long"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from linter import __version__

    code, out, _ = run(capsys, "--version")
    assert code == EXIT_OK and __version__ in out


class TestSubcommands:
    def test_rules_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "rules", "--format", "json")
        rules = json.loads(out)
        assert code == EXIT_OK
        assert {(r["id"], r["lang"]) for r in rules} >= {("profile-visit", "de"), ("profile-visit", "en")}
        assert all({"id", "lang", "kind", "severity", "message"} <= set(r) for r in rules)

    def test_rules_lang_filter(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "rules", "--lang", "en", "--format", "json")
        assert {r["lang"] for r in json.loads(out)} == {"en"}

    def test_rule_explains(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "rule", "profile-visit", "--lang", "en")
        assert code == EXIT_OK
        for heading in ("What it does", "Why it hurts", "Example", "Instead"):
            assert heading in out
        assert "Flags every occurrence of phrases" in out

    def test_german_rule_is_explained_in_german(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "rule", "profile-visit", "--lang", "de")
        assert code == EXIT_OK
        for heading in ("Was die Regel tut", "Warum es schadet", "Beispiel", "Stattdessen"):
            assert heading in out
        assert "What it does" not in out and "Flags" not in out
        assert "Markiert jede Stelle" in out

    @pytest.mark.parametrize("rule_id", ["no-connection", "spelling", "too-long", "address-mix", "self-centred",
                                         "placeholder"])
    def test_every_kind_reads_in_its_rules_language(self, capsys: pytest.CaptureFixture[str], rule_id: str) -> None:
        code, out, _ = run(capsys, "rule", rule_id, "--lang", "de")
        assert code == EXIT_OK
        first = out.splitlines()[3]
        assert first.startswith(("  Markiert", "  Meldet")), first

    def test_unknown_rule(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "rule", "no-such-rule")
        assert code == EXIT_ERROR and "no-such-rule" in err


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from linter.cli import COMMANDS

    code, out, _ = run(capsys, "--help")
    assert code == EXIT_OK
    for command in COMMANDS:
        assert command in out


def test_each_command_has_its_own_help(capsys: pytest.CaptureFixture[str]) -> None:
    from linter.cli import COMMANDS

    for command in COMMANDS:
        code, out, _ = run(capsys, command, "--help")
        assert code == EXIT_OK and f"lint-request {command}" in out, command
