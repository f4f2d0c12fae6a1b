"""benchmarks/judgement.py computes the corpus README's figures; checked on a small corpus of our own.

The engine is replaced by a lookup table (filled text -> findings, score), so the expected figures
are worked out by hand below and do not move when the rules change.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import judgement  # noqa: E402

E, W = 3, 2  # error, warning

# (row, filled text the fake engine expects, findings, score). Our own sentences.
CORPUS: list[tuple[dict[str, Any], str, list[tuple[str, int]], int]] = [
    # 1 bad whole en: caught (an error)
    ({"text": "Buy our widget today, best prices in town.", "lang": "en", "label": "bad", "fragment": False},
     "Buy our widget today, best prices in town.", [("pitchy", E), ("pitchy", W)], 60),
    # 2 bad whole de: only a warning, not caught
    ({"text": "Ich möchte Ihnen gern unser Tool zeigen.", "lang": "de", "label": "bad", "fragment": False},
     "Ich möchte Ihnen gern unser Tool zeigen.", [("meh", W)], 80),
    # 3 good whole en: clean
    ({"text": "We met at the river clean-up; may I ask about your kayak club?", "lang": "en", "label": "good",
      "fragment": False},
     "We met at the river clean-up; may I ask about your kayak club?", [], 90),
    # 4 good whole de: an error from a missing-part rule still counts on a whole request
    ({"text": "Wir sind beide im Lauftreff am Kanal. Hätten Sie kurz Zeit?", "lang": "de", "label": "good",
      "fragment": False},
     "Wir sind beide im Lauftreff am Kanal. Hätten Sie kurz Zeit?", [("no-hook", E)], 60),
    # 5 template whole en: gaps filled; a warning keeps it clean
    ({"text": "Hi {{first}}, I read your note on [topic] and have one question for {team}.", "lang": "en",
      "label": "template", "fragment": False},
     "Hi Alex, I read your note on Alex and have one question for Alex.", [("meh", W)], 80),
    # 6 bad fragment en: only a missing part -> not flagged
    ({"text": "Dear Sir or Madam", "lang": "en", "label": "bad", "fragment": True},
     "Dear Sir or Madam", [("no-hook", E)], 50),
    # 7 bad fragment de: a warning from another rule -> flagged
    ({"text": "Ich baue gerade mein Netzwerk aus.", "lang": "de", "label": "bad", "fragment": True},
     "Ich baue gerade mein Netzwerk aus.", [("meh", W), ("no-hook", E)], 40),
    # 8 good fragment en: missing part not counted -> clean
    ({"text": "Thanks for your talk on soil health.", "lang": "en", "label": "good", "fragment": True},
     "Thanks for your talk on soil health.", [("no-hook", E)], 70),
    # 9 template fragment de: an error from another rule -> not clean
    ({"text": "<Vorname>, danke für den Vortrag.", "lang": "de", "label": "template", "fragment": True},
     "Alex, danke für den Vortrag.", [("pitchy", E)], 70),
]


def fake_engine() -> tuple[judgement.Lint, judgement.KindOf]:
    table = {(filled, row["lang"]): (hits, score) for row, filled, hits, score in CORPUS}

    def lint(text: str, lang: str) -> tuple[list[tuple[str, int]], float]:
        return table[(text, lang)]  # a KeyError means the gaps were not filled as expected

    def kind_of(rule: str, lang: str) -> str:
        return "missing" if rule == "no-hook" else "phrase"

    return lint, kind_of


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "mini.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row, *_ in CORPUS), encoding="utf-8")
    return path


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    lint, kind_of = fake_engine()
    assert judgement.main([*args, "--json"], lint=lint, kind_of=kind_of) == 0
    return json.loads(capsys.readouterr().out)


def rate(n: int, total: int) -> dict:
    return {"n": n, "N": total, "share": round(n / total, 4)}


def test_auc_counts_ties_half() -> None:
    assert judgement.auc([2, 1], [1]) == 0.75
    assert judgement.auc([1], [1, 1, 0]) == pytest.approx(2 / 3)
    assert judgement.auc([], [1]) is None


def test_every_gap_form_is_filled() -> None:
    assert judgement.fill_gaps("Hi [Name] / {{first_name}} / {company} / <Ort>!") == "Hi Alex / Alex / Alex / Alex!"


def test_figures_overall_and_per_language(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figs = run_json([str(corpus)], capsys)["figures"]
    # good whole scores 90, 60, 80 against bad 60, 80: wins 1+1, 0.5+0, 1+0.5 of 6 pairs
    assert figs["all"] == {"whole_bad_caught": rate(1, 2), "whole_good_clean": rate(2, 3), "auc": round(4 / 6, 4),
                           "auc_pairs": 6, "bad_fragments_flagged": rate(1, 2), "good_fragments_clean": rate(1, 2)}
    assert figs["en"] == {"whole_bad_caught": rate(1, 1), "whole_good_clean": rate(2, 2), "auc": 1.0,
                          "auc_pairs": 2, "bad_fragments_flagged": rate(0, 1), "good_fragments_clean": rate(1, 1)}
    assert figs["de"] == {"whole_bad_caught": rate(0, 1), "whole_good_clean": rate(0, 1), "auc": 0.0,
                          "auc_pairs": 1, "bad_fragments_flagged": rate(1, 1), "good_fragments_clean": rate(0, 1)}


def test_rule_table_counts_requests_per_group(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = {r["rule"]: r for r in run_json([str(corpus)], capsys)["rules"]}
    assert set(rules) == {"pitchy", "meh", "no-hook"}
    # pitchy fires twice on request 1 but counts once, at its worst severity
    assert rules["pitchy"]["fired"] == {"bad whole": 1, "good fragment": 1}
    assert rules["pitchy"]["errors"] == {"bad whole": 1, "good fragment": 1}
    assert rules["no-hook"]["errors"] == {"good whole": 1, "bad fragment": 2, "good fragment": 1}
    assert rules["no-hook"]["good_whole_errors_by_lang"] == {"de": 1}
    assert rules["no-hook"]["kind"] == "missing"
    assert rules["meh"]["fired"] == {"bad whole": 1, "good whole": 1, "bad fragment": 1}
    assert rules["meh"]["errors"] == {} and rules["meh"]["severities"] == ["warning"]
    assert next(iter(rules)) == "no-hook"  # most errors on good whole requests first


def test_two_files_are_measured_together(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figs = run_json([str(corpus), str(corpus)], capsys)["figures"]
    assert figs["all"]["whole_bad_caught"] == rate(2, 4)
    assert figs["all"]["auc"] == round(4 / 6, 4)  # same pairs, four times as many


def test_label_keeps_earlier_runs_and_the_doc_shows_no_corpus_text(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc, history = tmp_path / "judgement.md", tmp_path / "history.json"
    lint, kind_of = fake_engine()
    for label in ("before", "after", "before"):
        args = [str(corpus), "--label", label, "--doc", str(doc), "--history", str(history)]
        assert judgement.main(args, lint=lint, kind_of=kind_of) == 0
    runs = json.loads(history.read_text(encoding="utf-8"))
    assert [r["label"] for r in runs] == ["before", "after"]
    assert runs[0]["figures"]["whole_good_clean"]["de"] == rate(0, 1)
    text = doc.read_text(encoding="utf-8")
    assert "| before |" in text and "| after |" in text
    assert "| `no-hook` | missing | error | **1** (de 1) |" in text
    for row, filled, *_ in CORPUS:
        assert row["text"] not in text and filled not in text
    # --verbose lists requests on stdout only
    judgement.main([str(corpus), "--verbose", "--doc", str(doc), "--write", "--history", str(history)],
                   lint=lint, kind_of=kind_of)
    out = capsys.readouterr().out
    assert "[de] good/template whole requests with an error: 1" in out and "Wir sind beide im Lauftreff" in out
    assert "[de] bad whole requests not caught: 1" in out and "Ich möchte Ihnen gern" in out
    assert "[en] bad fragments not flagged (missing parts left out): 1" in out and "Dear Sir or Madam" in out
    assert "Lauftreff" not in doc.read_text(encoding="utf-8")


@pytest.mark.parametrize("content, expected", [
    ('{"text": "Hi", "lang": "en", "label": "good", "fragment": false}\n{"text": "Hi", \n', ":2: not valid JSON"),
    ('{"text": "Hi", "lang": "fr", "label": "good", "fragment": false}\n', ":1: 'lang' must be one of de, en"),
    ('{"text": "Hi", "lang": "en", "label": "nice", "fragment": false}\n', "'label' must be one of"),
    ('["Hi"]\n', ":1: expected a JSON object"),
    (None, "no such file"),
])
def test_bad_corpus_is_one_line_and_exit_2(tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / "broken.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "judgement.py"), str(path)],
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and expected in done.stderr and "Traceback" not in done.stderr


class _Rule:
    def __init__(self, rule_id: str, lang: str, kind: str | None) -> None:
        self.id, self.lang = rule_id, lang
        if kind is not None:
            self.kind = kind


class MissingRule(_Rule):
    """Stands in for an engine whose rules carry no ``kind``: the class name tells it."""


class _Ruleset:
    def find(self, rule_id: str) -> list[_Rule]:
        return [r for r in (_Rule("greeting", "de", "phrase"), _Rule("greeting", "en", "missing"),
                            MissingRule("hook", "en", None)) if r.id == rule_id]


class _Linter:
    ruleset = _Ruleset()


class _Restructured:
    """An engine without ``ruleset.find``."""


def test_kind_lookup_prefers_the_language_then_the_class_then_the_id() -> None:
    kind_of = judgement.rule_kind_lookup(_Linter())
    assert kind_of("greeting", "en") == "missing" and kind_of("greeting", "de") == "phrase"
    assert kind_of("hook", "de") == "missing"
    assert kind_of("no-anything", "en") == "missing" and kind_of("a-rule-nobody-wrote", "en") == "unknown"
    assert judgement.rule_kind_lookup(_Restructured())("missing-thanks", "de") == "missing"
