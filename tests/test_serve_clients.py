"""LanguageTool clients that other people wrote, pointed at `lint-request serve`.

language-tool-python validates every key it reads (rule.id, rule.issueType, rule.category.id,
context.offset/text, replacements, length, message) and turns UTF-16 offsets into Python ones;
pylanguagetool's command line prints the context of every match with ``^`` under the finding.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from serve_fixtures import serve_in_thread

DRAFT = ("Hallo Herr Krüger 🚀🎉,\nSie haben mein Profil besucht. Gern würde ich mich mit Ihnen vernetzen, "
         "daß wäre großartig.\nViele Grüße\nJonas Weber")


@pytest.fixture(scope="module")
def url() -> object:
    with serve_in_thread() as base:
        yield base


def test_language_tool_python_reads_every_match_with_python_offsets(url: str) -> None:
    language_tool_python = pytest.importorskip("language_tool_python")
    tool = language_tool_python.LanguageTool("de-DE", remote_server=url)
    try:
        matches = tool.check(DRAFT)
    finally:
        tool.close()
    by_rule = {m.rule_id: m for m in matches}
    spelling = by_rule["spelling"]
    # Two emoji before the finding: LanguageTool's UTF-16 offsets, turned into str offsets by the client.
    assert DRAFT[spelling.offset:spelling.offset + spelling.error_length] == "daß"
    assert spelling.replacements == ["dass"]
    assert spelling.category == "LINT_REQUEST_POLISH" and spelling.rule_issue_type == "style"
    visit = by_rule["profile-visit"]
    assert DRAFT[visit.offset:visit.offset + visit.error_length].startswith("Sie haben mein Profil besucht")
    assert visit.rule_issue_type == "misspelling"  # an error: the colour clients use for their worst
    assert spelling.matched_text == "daß"  # context offsets count UTF-16 too; no emoji in this one's context
    assert visit.sentence == "Sie haben mein Profil besucht."
    missing = by_rule["no-connection"]
    assert DRAFT[missing.offset:missing.offset + missing.error_length].startswith("Hallo Herr Krüger")


def test_language_tool_python_auto_language_and_correct(url: str) -> None:
    language_tool_python = pytest.importorskip("language_tool_python")
    tool = language_tool_python.LanguageTool("auto", remote_server=url)
    try:
        corrected = tool.correct("Ich freue mich, daß es klappt. 😀 Schöne Grüße, daß ist gut")
        english = tool.check("Hi Anna 😀, I saw your profile and want to connect.")
    finally:
        tool.close()
    assert corrected == "Ich freue mich, dass es klappt. 😀 Schöne Grüße, dass ist gut"
    assert "profile-visit" in {m.rule_id for m in english}


def test_pylanguagetool_api_and_command_line(url: str, tmp_path: Path) -> None:
    api = pytest.importorskip("pylanguagetool.api")
    text = "Hallo Frau Weiß,\nSie haben mein Profil besucht.\nGrüße\nJonas"
    doc = api.check(text, api_url=url + "/v2/", lang="auto", preferred_variants="de-AT",
                    disabled_rules="WHITESPACE_RULE", picky=True)
    assert doc["language"]["code"] == "de-AT"
    assert "profile-visit" in {m["rule"]["id"] for m in doc["matches"]}
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    command = "import sys; from pylanguagetool.cli import main; sys.argv[0] = 'pylanguagetool'; main()"
    result = subprocess.run([sys.executable, "-c", command, "-a", url + "/v2/", "--no-color", "-r",
                             "--rule-categories", "-l", "de-DE", str(draft)],
                            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert result.returncode == 1 and not result.stderr, result.stderr  # pylanguagetool exits 1 on findings
    lines = result.stdout.splitlines()
    marker = next(i for i, line in enumerate(lines) if "profile-visit" in line)
    # The client underlines the finding in the context it got: ^ under "Sie haben mein Profil besucht".
    context_line, carets = next((lines[i], lines[i + 1]) for i in range(marker, 0, -1)
                                if lines[i + 1].strip().startswith("^"))
    start = carets.index("^")
    assert context_line[start:start + carets.count("^")] == "Sie haben mein Profil besucht"
    assert "LINT_REQUEST_DECLINED" in result.stdout
    assert f"Text checked by {url}/v2/" in result.stdout
