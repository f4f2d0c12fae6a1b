"""The engine's own mechanics, independent of the catalogue's wording."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from linter import Finding, Linter, Severity, Span, lint_text
from linter._engine import score
from linter._langdetect import detect_language
from linter._position import LineIndex


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Hallo Frau Berger, wir haben uns auf dem Barcamp unterhalten.", "de"),
        ("Hi Priya, we met at the DevOps meetup in Leeds.", "en"),
        ("Sehr geehrter Herr Meier", "de"),
        ("Thanks for the great talk!", "en"),
        ("Hi Jürgen, great to meet you at the conference. Would you be open to a call?", "en"),
        ("Grüezi", "de"),
        ("", "de"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def finding(rule: str, severity: Severity) -> Finding:
    return Finding(rule=rule, severity=severity, message="m", span=Span(0, 0))


def test_score_counts_each_rule_once_by_its_worst_severity() -> None:
    assert score([]) == 100
    assert score([finding("a", Severity.ERROR), finding("a", Severity.ERROR)]) == 75
    assert score([finding("a", Severity.WARNING), finding("b", Severity.INFO)]) == 90
    assert score([finding(str(i), Severity.ERROR) for i in range(5)]) == 0
    assert score([], empty=True) == 0


def test_line_index_counts_characters_not_bytes() -> None:
    text = "Grüße 😀\nÄrger über ß\n\nx"
    index = LineIndex(text)
    assert index.line_col(0) == (1, 1)
    assert index.line_col(text.index("😀")) == (1, 7)
    assert index.line_col(text.rindex("ß")) == (2, 12)
    assert index.line_col(text.index("x")) == (4, 1)


def test_spans_point_at_the_match_with_umlauts_and_emoji() -> None:
    text = "Grüß Gott 😀😀 Frau Öztürk! Sie haben mein Profil besucht. Synergien!"
    for f in lint_text(text).findings:
        if f.match:
            assert text[f.span.start:f.span.end] == f.match


def test_findings_are_sorted_by_position() -> None:
    report = lint_text("Vielleicht ergeben sich Synergien. Sie haben mein Profil besucht.")
    starts = [f.span.start for f in report.findings]
    assert starts == sorted(starts)


def test_anatomy_is_computed_even_for_ignored_rules() -> None:
    text = (Path(__file__).parent.parent / "docs" / "examples" / "good-request-de.txt").read_text(encoding="utf-8")
    ignored = Linter(ignore=["no-", "missing-"]).lint(text)
    assert all(ignored.anatomy.values())
    assert not [f for f in ignored.findings if f.rule.startswith(("no-", "missing-"))]


def test_unless_parts_silence_a_phrase_rule() -> None:
    alone = lint_text("Hallo Herr Kern, wir sind beide in der XING-Gruppe Logistik.")
    assert "shared-group-only" in {f.rule for f in alone.findings}
    met = lint_text("Hallo Herr Kern, wir sind beide in der XING-Gruppe Logistik und haben uns beim "
                    "Gruppentreffen in Hamburg kennengelernt.")
    assert "shared-group-only" not in {f.rule for f in met.findings}


def test_substitution_keeps_a_leading_capital_and_offers_a_fix() -> None:
    report = lint_text("Daß wir uns kennen, weiß ich. Ich hoffe, daß es klappt.", lang="de")
    fixes = [f.replacements for f in report.findings if f.rule == "spelling"]
    assert fixes == [("Dass",), ("dass",)]


def test_address_mix_flags_the_rarer_form() -> None:
    report = lint_text("Hallo Anna, wie geht es dir? Ich habe deine Nachricht gelesen. Können Sie mir helfen?",
                       lang="de")
    flagged = [f.match for f in report.findings if f.rule == "address-mix"]
    assert flagged == ["Sie"]


def test_public_api_is_small_and_typed() -> None:
    import linter

    assert set(linter.__all__) >= {"lint_text", "Linter", "Report", "Finding", "Severity", "Span", "Recipient"}
    assert (Path(linter.__file__).parent / "py.typed").exists()


def test_cli_import_does_not_load_textual_or_languagetool() -> None:
    code = ("import sys, linter.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'language_tool_python', "
            "'pydantic', 'rich'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_linting_a_draft_with_a_warm_cache_does_not_import_pydantic(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Sie haben mein Profil besucht.", encoding="utf-8")
    code = ("import sys; from linter.cli import main; main([sys.argv[1]]); "
            "print('PYDANTIC' if 'pydantic' in sys.modules else 'NO-PYDANTIC', file=sys.stderr)")
    env_run = [sys.executable, "-c", code, str(draft)]
    subprocess.run(env_run, capture_output=True, text=True)  # first run fills the cache
    second = subprocess.run(env_run, capture_output=True, text=True)
    assert "NO-PYDANTIC" in second.stderr
