"""recipient-mismatch, mass-template and near-duplicate are rule files like the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter import Recipient, lint_text
from linter.cli import EXIT_FINDINGS, EXIT_OK, main


@pytest.mark.parametrize("rule_id,kind", [("recipient-mismatch", "recipient"), ("mass-template", "batch"),
                                          ("near-duplicate", "batch")])
def test_rule_explains_the_batch_rules(capsys: pytest.CaptureFixture[str], rule_id: str, kind: str) -> None:
    assert main(["rule", rule_id]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{rule_id} [de] ({kind}" in out and f"{rule_id} [en] ({kind}" in out
    assert "Warum es schadet" in out and "Why it hurts" in out


def test_the_engine_compares_the_greeting_with_a_given_recipient() -> None:
    draft = "Sehr geehrte Frau Becker,\nwir haben uns gestern auf der Messe in Köln unterhalten."
    wrong = Recipient(first_name="Sabine", last_name="Krämer", salutation="Frau", company="Becker GmbH")
    right = Recipient(first_name="Ute", last_name="Becker", salutation="Frau")
    found = [f for f in lint_text(draft, lang="de", recipient=wrong).findings if f.rule == "recipient-mismatch"]
    assert [f.match for f in found] == ["Sehr geehrte Frau Becker"]
    assert "Sabine Krämer" in found[0].message and "„Sehr geehrte Frau Krämer,“" in found[0].suggestion
    assert not [f for f in lint_text(draft, lang="de", recipient=right).findings if f.rule == "recipient-mismatch"]
    assert not [f for f in lint_text(draft, lang="de").findings if f.rule == "recipient-mismatch"]


def test_a_user_rule_file_changes_how_batch_reports_a_mass_template(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules" / "en"
    rules.mkdir(parents=True)
    (rules / "mass-template.toml").write_text(
        'id = "mass-template"\nkind = "batch"\nseverity = "warning"\n'
        'message = "Template {cluster} goes to {count} people."\nsuggestion = "Personalise it."\nwhy = "Because."\n',
        encoding="utf-8")
    export = tmp_path / "export.csv"
    rows = [f"{name},Hi {name}, great profile! Let's connect." for name in ("Anna", "Ben", "Cara", "Dan", "Eve")]
    export.write_text("First name,Message\n" + "\n".join(f'{r.split(",")[0]},"{r.split(",", 1)[1]}"' for r in rows),
                      encoding="utf-8")
    code = main(["batch", str(export), "--ruleset", str(tmp_path / "rules"), "--jobs", "1", "--lang", "en",
                 "--ignore", "no-,missing-"])
    capsys.readouterr()
    checked = (tmp_path / "export.checked.csv").read_text(encoding="utf-8")
    assert checked.count("mass-template: Template T1 goes to 5 people.") == 5
    assert code in (EXIT_OK, EXIT_FINDINGS)
    code = main(["batch", str(export), "--jobs", "1", "--lang", "en", "--ignore", "mass-template", "--out",
                 str(tmp_path / "again.csv")])
    capsys.readouterr()
    assert "mass-template" not in (tmp_path / "again.csv").read_text(encoding="utf-8")
