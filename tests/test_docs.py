"""Documentation that is derived from code stays in sync with it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_rule_reference_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("generate_rules", ROOT / "docs" / "generate_rules.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == module.render(), \
        "run: python docs/generate_rules.py"
    assert (ROOT / "docs" / "word-classes.md").read_text(encoding="utf-8") == module.render_classes(), \
        "run: python docs/generate_rules.py"


def test_readme_has_exactly_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", setup)
    assert len(commands) == 2
    assert "lint-request" in commands[0] and "docs/examples/" in commands[0]
    assert "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    example = commands[0].split("docs/examples/", 1)[1].split()[0]
    assert (ROOT / "docs" / "examples" / example).is_file()


def test_crm_workflow_lists_the_recognised_headers() -> None:
    from linter.batch.columns import HEADERS, LABELS, normalise

    doc = (ROOT / "docs" / "crm-workflow.md").read_text(encoding="utf-8")
    for field, headers in HEADERS.items():
        row = next(line for line in doc.splitlines() if f"`--{LABELS[field]}-column`" in line and line.startswith("|"))
        listed = row.rsplit("|", 2)[1].split(" (and ")[0]
        assert [normalise(h) for h in listed.split(",")] == list(headers), field


def test_readme_sample_output_is_what_the_example_prints(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line of the README's sample output appears in the real output (a trailing "…" shortens a line)."""
    from linter.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("Output, in the style of ruff and Vale:", 1)[1].split("```\n", 2)[1]
    monkeypatch.chdir(ROOT)  # the sample shows the path as given from the repository's root
    main(["--exit-zero", "--no-color", "docs/examples/bad-request-de.txt"])
    printed = capsys.readouterr().out.splitlines()
    for line in sample.strip().splitlines():
        if line.endswith("…"):
            assert any(out.startswith(line[:-1].rstrip()) for out in printed), line
        else:
            assert line in printed, line
