"""Broken user rule files: exit 2 and one line naming the file, the field and the valid choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main

VALID = """\
id = "my-rule"
kind = "phrase"
severity = "warning"
message = "Bitte nicht „{match}“."
suggestion = "Schreiben Sie etwas Konkretes."
why = "Weil."
patterns = ["Quatsch"]

[examples]
fail = ["Das ist Quatsch.", "Quatsch!", "So ein Quatsch"]
pass = ["Das ist gut.", "Quatschen wir später.", "Klatsch"]
"""


def write_rule(tmp_path: Path, content: str, name: str = "my-rule.toml") -> Path:
    folder = tmp_path / "rules" / "de"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(content, encoding="utf-8")
    return tmp_path / "rules"


def check_rules(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = main(["check-rules", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_valid_ruleset_passes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = check_rules(capsys, write_rule(tmp_path, VALID))
    assert code == EXIT_OK
    assert "1 rule valid, 6 examples run, 0 failed" in err


def test_failing_example_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = check_rules(capsys, write_rule(tmp_path, VALID.replace('"Klatsch"', '"Quatsch hier"')))
    assert code == EXIT_FINDINGS
    assert "de/my-rule: pass example should not fire but did: 'Quatsch hier'" in out


@pytest.mark.parametrize(
    "content,expected",
    [
        ("id = 'x'\nkind = [", "not valid TOML"),
        (VALID.replace('kind = "phrase"', 'kind = "phrasal"'),
         "unknown kind 'phrasal'; valid kinds: phrase, placeholder, missing, substitution, length, consistency"),
        (VALID.replace('kind = "phrase"\n', ""), "kind: missing; valid kinds: phrase"),
        (VALID.replace('why = "Weil."\n', ""), "why: required field is missing"),
        (VALID.replace('["Quatsch"]', "[{ regex = '(Quatsch' }]"), "patterns.0.regex: invalid regular expression"),
        (VALID.replace('["Quatsch"]', '["so ein {unsinn}"]'),
         "patterns: entry 1: column 8: unknown word class {unsinn}; known classes: "),
        (VALID.replace('["Quatsch"]', '["Quatsch ...0 Sache"]'),
         "patterns: entry 1: column 9: a gap spans 1 to 60 words: write ... or ...N with N from 1 to 60"),
        (VALID.replace('["Quatsch"]', '["(Quatsch|Unsinn"]'),
         "patterns: entry 1: column 16: missing ')' to close the '(' at column 1"),
        (VALID.replace('["Quatsch"]', "['\\bQuatsch\\b']"),
         "patterns: entry 1: column 1: '\\\\bQuatsch\\\\b' is not a word; a regular expression is written { regex"),
        (VALID.replace('severity = "warning"', 'severity = "fatal"'),
         "severity: Input should be 'info', 'warning' or 'error'"),
        (VALID.replace("{match}", "{treffer}"), "message uses unknown placeholder {treffer}; this kind allows: match"),
        (VALID.replace('id = "my-rule"', 'id = "My Rule"'), "id: String should match pattern"),
        (VALID + "colour = 'red'\n", "colour: unknown field"),
    ],
)
def test_broken_rule_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, expected: str) -> None:
    folder = write_rule(tmp_path, content)
    for argv in (["check-rules", str(folder)], ["--ruleset", str(folder), "-"]):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == EXIT_ERROR
        lines = err.strip().splitlines()
        assert len(lines) == 1, lines
        assert "my-rule.toml" in lines[0] and expected in lines[0], lines[0]
        assert "Traceback" not in out + err


def test_duplicate_ids_are_rejected(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_rule(tmp_path, VALID, "a.toml")
    code, _, err = check_rules(capsys, write_rule(tmp_path, VALID, "b.toml"))
    assert code == EXIT_ERROR and "duplicate rule id 'my-rule'" in err


def test_language_from_folder_or_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    loose = tmp_path / "loose.toml"
    loose.write_text(VALID, encoding="utf-8")
    code, _, err = check_rules(capsys, loose)
    assert code == EXIT_ERROR and "lang: missing" in err
    loose.write_text('lang = "de"\n' + VALID, encoding="utf-8")
    assert check_rules(capsys, loose)[0] == EXIT_OK


def test_user_rule_is_used_by_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = write_rule(tmp_path, VALID)
    draft = tmp_path / "d.txt"
    draft.write_text("Hallo Frau Berger, das ist Quatsch.", encoding="utf-8")
    main(["--ruleset", str(folder), "--select", "my-rule", str(draft)])
    out, _ = capsys.readouterr()
    assert "warning my-rule Bitte nicht „Quatsch“." in out


def test_user_rule_replaces_builtin_with_same_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = write_rule(tmp_path, VALID.replace('id = "my-rule"', 'id = "buzzwords"'), "buzzwords.toml")
    draft = tmp_path / "d.txt"
    draft.write_text("Quatsch und Synergien.", encoding="utf-8")
    main(["--ruleset", str(folder), "--select", "buzzwords", "--format", "json", str(draft)])
    out, _ = capsys.readouterr()
    assert '"match": "Quatsch"' in out and '"match": "Synergien"' not in out
