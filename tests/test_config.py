"""Configuration files: found upwards from the working directory; the command line wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.cli import EXIT_ERROR, main

DRAFT = "Sie haben mein Profil besucht. Vielleicht ergeben sich Synergien."


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    return tmp_path


def rules_found(capsys: pytest.CaptureFixture[str], *argv: str) -> set[str]:
    main(["--format", "json", *argv, "d.txt"])
    out, _ = capsys.readouterr()
    return {f["rule"] for f in json.loads(out)["files"][0]["findings"]}


def test_pyproject_table_is_found_upwards(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[tool.lint-request]\nignore = ["profile-visit"]\n', encoding="utf-8")
    found = rules_found(capsys)
    assert "profile-visit" not in found and "buzzwords" in found


def test_dotfile_and_command_line_precedence(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".lint-request.toml").write_text('select = ["buzzwords"]\nformat = "text"\n', encoding="utf-8")
    assert rules_found(capsys) == {"buzzwords"}
    assert rules_found(capsys, "--select", "profile-visit") == {"profile-visit"}


def test_pyproject_without_our_table_is_ignored(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert "profile-visit" in rules_found(capsys)


def test_explicit_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = project / "custom.toml"
    cfg.write_text('[tool.lint-request]\nselect = ["profile-visit"]\n', encoding="utf-8")
    assert rules_found(capsys, "--config", str(cfg)) == {"profile-visit"}


def test_config_rulesets_are_relative_to_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = project / "house-rules" / "de"
    rules.mkdir(parents=True)
    (rules / "quatsch.toml").write_text(
        "id = 'house-synergy'\nkind = 'phrase'\nseverity = 'info'\nmessage = 'm'\nsuggestion = 's'\n"
        "why = 'w'\npatterns = ['''Synergien''']\n", encoding="utf-8")
    (project / ".lint-request.toml").write_text('rulesets = ["house-rules"]\n', encoding="utf-8")
    assert "house-synergy" in rules_found(capsys)


@pytest.mark.parametrize(
    "content,expected",
    [
        ('[tool.lint-request]\nplatform = "myspace"\n', "platform: Input should be"),
        ('[tool.lint-request]\ncolour = "red"\n', "colour: unknown key; valid keys: lang, platform"),
        ('[tool.lint-request\n', "not valid TOML"),
        ('[tool.lint-request]\nfail-on = "fatal"\n', "fail-on: Input should be 'info', 'warning' or 'error'"),
    ],
)
def test_broken_config(project: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str) -> None:
    (project / "pyproject.toml").write_text(content.replace("[tool.lint-request\n", "[tool.lint-request\n"),
                                            encoding="utf-8")
    code = main(["d.txt"])
    _, err = capsys.readouterr()
    assert code == EXIT_ERROR
    assert len(err.strip().splitlines()) == 1 and "pyproject.toml" in err and expected in err, err


def test_missing_explicit_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", "nope.toml", "d.txt"]) == EXIT_ERROR
    assert "nope.toml: no such config file" in capsys.readouterr().err
