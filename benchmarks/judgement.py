"""Judgement benchmark: how well the rules tell good requests from bad ones on a labelled corpus.

Run ``python benchmarks/judgement.py ../shared/judgement/dev.jsonl`` (several files are measured
together). The figures are exactly those the corpus README defines:

- templates are linted with every gap (``[…]``, ``{…}``, ``{{…}}``, ``<…>``) filled with "Alex";
- whole requests: a bad one is *caught* when it gets an error, a good one or a filled template is
  *clean* when it gets none; the score's AUC is the chance that a random good/template request scores
  higher than a random bad one, ties counting half;
- fragments: rules of kind ``missing`` are not counted; a bad fragment is *flagged* when another rule
  reports at warning or above, a good fragment is *clean* when no other rule reports an error;
- grammar (LanguageTool) findings are not counted.

Options: ``--json`` prints the figures as JSON; ``--verbose`` also lists the good requests that get an
error and the bad ones not caught (stdout only: corpus text never goes into the docs, so the held-out
check stays fair); ``--write`` updates docs/judgement.md; ``--label NAME`` (implies ``--write``) records
the run's headline figures as a row of the history kept in docs/judgement-history.json, replacing an
earlier run of the same name.

A missing file or a malformed line is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "judgement.md"
HISTORY = ROOT / "docs" / "judgement-history.json"
LANGS = ("de", "en")
LABELS = ("bad", "good", "template")
FILLER = "Alex"
PLATFORM = "generic"

# Double braces first, so "{{company}}" becomes one word and not "{Alex}".
GAP = re.compile(r"\{\{[^{}\n]*\}\}|\{[^{}\n]*\}|\[[^\[\]\n]*\]|<[^<>\n]*>")

INFO, WARNING, ERROR = 1, 2, 3
"""Severity levels as integers, matching linter.Severity (an IntEnum), so the scoring needs no engine."""
SEVERITY_NAMES = {INFO: "info", WARNING: "warning", ERROR: "error"}

# Targets of issue 14: (figure key, label, threshold, languages the target applies to).
TARGETS: tuple[tuple[str, str, float, tuple[str, ...]], ...] = (
    ("whole_bad_caught", "whole bad caught", 0.90, ("all",)),
    ("whole_good_clean", "whole good/template clean", 0.90, ("de", "en")),
    ("auc", "score AUC (whole)", 0.90, ("all",)),
    ("bad_fragments_flagged", "bad fragments flagged", 0.60, ("all",)),
    ("good_fragments_clean", "good fragments clean", 0.95, ("all",)),
)
RATE_KEYS = ("whole_bad_caught", "whole_good_clean", "bad_fragments_flagged", "good_fragments_clean")


class CorpusError(Exception):
    """A corpus file that cannot be read; the message is the one line shown to the user."""


@dataclass(frozen=True)
class Item:
    """One labelled request or fragment of the corpus."""

    text: str
    lang: str
    label: str
    fragment: bool
    where: str = ""
    """``file:line``, for listings."""

    @property
    def good(self) -> bool:
        """Good requests and templates count together against bad ones."""
        return self.label != "bad"


@dataclass(frozen=True)
class Hit:
    """What one rule reported on one request: its id and the worst severity it reported there."""

    rule: str
    severity: int


@dataclass
class Result:
    """One linted item: the rules that fired (grammar left out) and the request's score."""

    item: Item
    hits: tuple[Hit, ...]
    score: float
    linted_text: str = ""


@dataclass
class Rate:
    """n of N, with the share as a fraction (None when N is 0)."""

    n: int = 0
    N: int = 0

    def add(self, hit: bool) -> None:
        self.N += 1
        self.n += int(hit)

    @property
    def share(self) -> float | None:
        return self.n / self.N if self.N else None

    def as_dict(self) -> dict[str, Any]:
        share = self.share
        return {"n": self.n, "N": self.N, "share": None if share is None else round(share, 4)}


@dataclass
class RuleRow:
    """How one rule fires over the corpus, counted once per request at its worst severity there."""

    rule: str
    kind: str = ""
    severities: set[str] = field(default_factory=set)
    fired: dict[str, int] = field(default_factory=dict)
    """Group ("bad whole", "good whole", "bad fragment", "good fragment") -> requests it fired on."""
    errors: dict[str, int] = field(default_factory=dict)
    """Group -> requests it reported an error on."""
    good_whole_errors_by_lang: dict[str, int] = field(default_factory=dict)


GROUPS = ("bad whole", "good whole", "bad fragment", "good fragment")


def group_of(item: Item) -> str:
    return f"{'good' if item.good else 'bad'} {'fragment' if item.fragment else 'whole'}"


# -- reading -----------------------------------------------------------------------------------------


def fill_gaps(text: str) -> str:
    """Fill every template gap with a plain word, as a sender would."""
    return GAP.sub(FILLER, text)


def _item(raw: Any, where: str) -> Item:
    if not isinstance(raw, dict):
        raise CorpusError(f"{where}: expected a JSON object")
    text, lang, label, fragment = (raw.get(k) for k in ("text", "lang", "label", "fragment"))
    if not isinstance(text, str):
        raise CorpusError(f"{where}: 'text' must be a string")
    if lang not in LANGS:
        raise CorpusError(f"{where}: 'lang' must be one of {', '.join(LANGS)}, got {lang!r}")
    if label not in LABELS:
        raise CorpusError(f"{where}: 'label' must be one of {', '.join(LABELS)}, got {label!r}")
    if not isinstance(fragment, bool):
        raise CorpusError(f"{where}: 'fragment' must be true or false, got {fragment!r}")
    return Item(text=text, lang=lang, label=label, fragment=fragment, where=where)


def load_corpus(paths: Sequence[str | Path]) -> list[Item]:
    """Every item of every file, in order; blank lines are skipped."""
    items: list[Item] = []
    for path in map(Path, paths):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise CorpusError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"{path}: cannot read: {exc}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{where}: not valid JSON ({exc.msg})") from None
            items.append(_item(raw, where))
    if not items:
        raise CorpusError(f"{', '.join(map(str, paths))}: no requests found")
    return items


# -- linting -----------------------------------------------------------------------------------------

Lint = Callable[[str, str], tuple[Iterable[tuple[str, int]], float]]
"""(text, lang) -> ((rule id, severity) per non-grammar finding, score)."""
KindOf = Callable[[str, str], str]
"""(rule id, lang) -> the rule's kind, e.g. "missing"."""


def engine() -> tuple[Lint, KindOf]:
    """The real engine's lint function and kind lookup, through the public API only."""
    from linter import Linter

    linter = Linter()

    def lint(text: str, lang: str) -> tuple[list[tuple[str, int]], float]:
        report = linter.lint(text, lang=lang, platform=PLATFORM)
        hits = [(f.rule, int(f.severity)) for f in report.findings if getattr(f, "source", "rule") != "grammar"]
        return hits, float(report.score)

    return lint, rule_kind_lookup(linter)


def rule_kind_lookup(linter: Any) -> KindOf:
    """Map a rule id to its kind through the loaded ruleset, tolerating a restructured engine.

    Tries ``ruleset.find(id)`` and the rule's ``kind``; then the class name (``MissingRule`` ->
    "missing"); then the catalogue's naming habit (``missing-…``, ``no-…`` are missing-part rules);
    else "unknown", which is counted like any non-missing rule.
    """

    @functools.cache
    def kind_of(rule_id: str, lang: str) -> str:
        rules: list[Any] = []
        try:
            rules = list(linter.ruleset.find(rule_id))
        except Exception:  # noqa: BLE001 - any engine shape without a usable find() falls back below
            rules = []
        rules.sort(key=lambda r: getattr(r, "lang", lang) != lang)  # the item's language first
        for rule in rules:
            kind = getattr(rule, "kind", None)
            if isinstance(kind, str) and kind:
                return kind
            name = type(rule).__name__
            if name.endswith("Rule") and name != "Rule":
                return name[: -len("Rule")].lower()
        if rule_id.startswith(("missing-", "no-")):
            return "missing"
        return "unknown"

    return kind_of


def lint_all(items: Sequence[Item], lint: Lint) -> list[Result]:
    """Lint each item (templates with their gaps filled); one Hit per rule at its worst severity."""
    results = []
    for item in items:
        text = fill_gaps(item.text) if item.label == "template" else item.text
        raw, score = lint(text, item.lang)
        worst: dict[str, int] = {}
        for rule, severity in raw:
            worst[rule] = max(worst.get(rule, 0), int(severity))
        results.append(Result(item, tuple(Hit(r, s) for r, s in worst.items()), score, text))
    return results


# -- scoring -----------------------------------------------------------------------------------------


def auc(good: Sequence[float], bad: Sequence[float]) -> float | None:
    """Chance that a random good score is higher than a random bad one; ties count half."""
    if not good or not bad:
        return None
    wins = sum(1.0 if g > b else 0.5 if g == b else 0.0 for g in good for b in bad)
    return wins / (len(good) * len(bad))


def counted(result: Result, kind_of: KindOf) -> list[Hit]:
    """The hits a figure counts: on fragments, missing-part rules are left out."""
    if not result.item.fragment:
        return list(result.hits)
    return [h for h in result.hits if kind_of(h.rule, result.item.lang) != "missing"]


def figures_for(results: Sequence[Result], kind_of: KindOf) -> dict[str, Any]:
    """The README's figures over ``results``."""
    rates = {key: Rate() for key in RATE_KEYS}
    good_scores: list[float] = []
    bad_scores: list[float] = []
    for result in results:
        hits = counted(result, kind_of)
        worst = max((h.severity for h in hits), default=0)
        item = result.item
        if not item.fragment:
            if item.good:
                rates["whole_good_clean"].add(worst < ERROR)
                good_scores.append(result.score)
            else:
                rates["whole_bad_caught"].add(worst >= ERROR)
                bad_scores.append(result.score)
        elif item.good:
            rates["good_fragments_clean"].add(worst < ERROR)
        else:
            rates["bad_fragments_flagged"].add(worst >= WARNING)
    area = auc(good_scores, bad_scores)
    return {
        **{key: rate.as_dict() for key, rate in rates.items()},
        "auc": None if area is None else round(area, 4),
        "auc_pairs": len(good_scores) * len(bad_scores),
    }


def figures(results: Sequence[Result], kind_of: KindOf) -> dict[str, dict[str, Any]]:
    """Figures over all results and per language."""
    out = {"all": figures_for(results, kind_of)}
    for lang in LANGS:
        out[lang] = figures_for([r for r in results if r.item.lang == lang], kind_of)
    return out


def rule_table(results: Sequence[Result], kind_of: KindOf) -> list[RuleRow]:
    """Every rule that fires, with per-group counts; most errors on good whole requests first."""
    rows: dict[str, RuleRow] = {}
    for result in results:
        group = group_of(result.item)
        for hit in result.hits:
            row = rows.setdefault(hit.rule, RuleRow(hit.rule))
            kind = kind_of(hit.rule, result.item.lang)
            if kind not in row.kind.split("/"):
                row.kind = f"{row.kind}/{kind}" if row.kind else kind
            row.severities.add(SEVERITY_NAMES.get(hit.severity, str(hit.severity)))
            row.fired[group] = row.fired.get(group, 0) + 1
            if hit.severity >= ERROR:
                row.errors[group] = row.errors.get(group, 0) + 1
                if group == "good whole":
                    lang = result.item.lang
                    row.good_whole_errors_by_lang[lang] = row.good_whole_errors_by_lang.get(lang, 0) + 1
    return sorted(rows.values(), key=lambda r: (-r.errors.get("good whole", 0), -sum(r.fired.values()), r.rule))


def measure(items: Sequence[Item], lint: Lint, kind_of: KindOf) -> tuple[list[Result], dict[str, Any], list[RuleRow]]:
    results = lint_all(items, lint)
    return results, figures(results, kind_of), rule_table(results, kind_of)


# -- presenting --------------------------------------------------------------------------------------


def fmt_rate(rate: dict[str, Any]) -> str:
    if not rate["N"]:
        return "–"
    return f"{rate['share'] * 100:.0f} % ({rate['n']}/{rate['N']})"


def fmt_auc(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def fmt_figure(figs: dict[str, Any], key: str) -> str:
    return fmt_auc(figs["auc"]) if key == "auc" else fmt_rate(figs[key])


def target_met(figs: dict[str, dict[str, Any]], key: str, threshold: float, scopes: tuple[str, ...]) -> bool:
    values = [figs[s]["auc"] if key == "auc" else figs[s][key]["share"] for s in scopes]
    return all(v is not None and v >= threshold for v in values)


def figures_table(figs: dict[str, dict[str, Any]], *, targets: bool) -> list[str]:
    """Markdown table: one row per figure, columns all/de/en (and the target beside them)."""
    head = "| figure | all | de | en |" + (" target | met |" if targets else "")
    lines = [head, "|---|---|---|---|" + ("---|---|" if targets else "")]
    for key, label, threshold, scopes in TARGETS:
        cells = [fmt_figure(figs[s], key) for s in ("all", *LANGS)]
        row = f"| {label} | " + " | ".join(cells) + " |"
        if targets:
            bound = f"{threshold:.2f}" if key == "auc" else f"{threshold * 100:.0f} %"
            where = "" if scopes == ("all",) else " in " + " and ".join(scopes) + " each"
            row += f" ≥ {bound}{where} | {'✓' if target_met(figs, key, threshold, scopes) else '✗'} |"
        lines.append(row)
    return lines


def _cell(row: RuleRow, group: str) -> str:
    fired, errors = row.fired.get(group, 0), row.errors.get(group, 0)
    if not fired:
        return "·"
    return f"{fired} ({errors} err)" if errors else str(fired)


def rules_table(rows: Sequence[RuleRow]) -> list[str]:
    """Markdown table: per rule, requests it fires on per group ("(k err)": k of them as an error)."""
    lines = ["| rule | kind | severity | **errors on good whole** | bad whole | good whole | bad fragment | "
             "good fragment |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        errs = row.errors.get("good whole", 0)
        by_lang = ", ".join(f"{lang} {n}" for lang, n in sorted(row.good_whole_errors_by_lang.items()))
        bad_mark = " ⚠" if errs > 2 else ""
        err_cell = f"**{errs}**{bad_mark} ({by_lang})" if errs else "0"
        severities = "/".join(s for s in ("error", "warning", "info") if s in row.severities)
        lines.append(f"| `{row.rule}` | {row.kind} | {severities} | {err_cell} | "
                     + " | ".join(_cell(row, g) for g in GROUPS) + " |")
    return lines


def group_sizes(results: Sequence[Result]) -> str:
    sizes = {g: sum(1 for r in results if group_of(r.item) == g) for g in GROUPS}
    return ", ".join(f"{g} {n}" for g, n in sizes.items())


def listings(results: Sequence[Result], kind_of: KindOf) -> list[str]:
    """Per language: good/template whole requests with an error (and which rules), bad ones not caught."""
    def short(text: str) -> str:
        flat = " ".join(text.split())
        return flat if len(flat) <= 80 else flat[:79] + "…"

    lines: list[str] = []
    for lang in LANGS:
        mine = [r for r in results if r.item.lang == lang and not r.item.fragment]
        noisy = [r for r in mine if r.item.good and any(h.severity >= ERROR for h in r.hits)]
        lines.append(f"\n[{lang}] good/template whole requests with an error: {len(noisy)}")
        for r in noisy:
            rules = ", ".join(sorted(h.rule for h in r.hits if h.severity >= ERROR))
            lines.append(f"  {r.item.label:8} {rules:40} {short(r.linted_text)}  ({r.item.where})")
        missed = [r for r in mine if not r.item.good and not any(h.severity >= ERROR for h in r.hits)]
        lines.append(f"[{lang}] bad whole requests not caught: {len(missed)}")
        for r in missed:
            rules = ", ".join(sorted(f"{h.rule}:{SEVERITY_NAMES.get(h.severity, h.severity)}" for h in r.hits))
            lines.append(f"  {rules or '(nothing)':40} {short(r.linted_text)}  ({r.item.where})")
    for lang in LANGS:
        frags = [r for r in results if r.item.lang == lang and r.item.fragment]
        noisy = [r for r in frags if r.item.good and any(h.severity >= ERROR for h in counted(r, kind_of))]
        lines.append(f"\n[{lang}] good fragments with an error (missing parts left out): {len(noisy)}")
        for r in noisy:
            rules = ", ".join(sorted(h.rule for h in counted(r, kind_of) if h.severity >= ERROR))
            lines.append(f"  {rules:40} {short(r.linted_text)}  ({r.item.where})")
        missed = [r for r in frags if not r.item.good and not any(h.severity >= WARNING for h in counted(r, kind_of))]
        lines.append(f"[{lang}] bad fragments not flagged (missing parts left out): {len(missed)}")
        for r in missed:
            rules = ", ".join(sorted(f"{h.rule}:{SEVERITY_NAMES.get(h.severity, h.severity)}"
                                     for h in counted(r, kind_of)))
            lines.append(f"  {rules or '(nothing)':40} {short(r.linted_text)}  ({r.item.where})")
    return lines


def text_report(results: Sequence[Result], figs: dict[str, Any], rows: Sequence[RuleRow], kind_of: KindOf,
                *, verbose: bool) -> str:
    lines = [f"Judgement on {len(results)} requests ({group_sizes(results)})", ""]
    lines += figures_table(figs, targets=True)
    lines += ["", "Per rule (requests it fires on; '(k err)': k of them as an error; good = good or template):", ""]
    lines += rules_table(rows)
    if verbose:
        lines += listings(results, kind_of)
    return "\n".join(lines) + "\n"


# -- docs/judgement.md -------------------------------------------------------------------------------


def headline(figs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The figures one history row keeps."""
    return {
        "whole_bad_caught": figs["all"]["whole_bad_caught"],
        "whole_good_clean": {s: figs[s]["whole_good_clean"] for s in ("all", *LANGS)},
        "auc": figs["all"]["auc"],
        "bad_fragments_flagged": figs["all"]["bad_fragments_flagged"],
        "good_fragments_clean": figs["all"]["good_fragments_clean"],
    }


def read_history(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, list):
        raise CorpusError(f"{path}: expected a JSON list of runs")
    return data


def record(history: list[dict[str, Any]], label: str, run: dict[str, Any]) -> list[dict[str, Any]]:
    """Add a run; a run with the same label replaces the earlier one in its place."""
    entry = {"label": label, **run}
    for i, old in enumerate(history):
        if old.get("label") == label:
            return [*history[:i], entry, *history[i + 1:]]
    return [*history, entry]


def history_table(history: Sequence[dict[str, Any]]) -> list[str]:
    if not history:
        return ["No run recorded yet; `--label NAME` records one."]
    lines = ["| run | date | commit | corpus | bad caught | good clean (de / en) | AUC | bad frag. flagged | "
             "good frag. clean |",
             "|---|---|---|---|---|---|---|---|---|"]
    for run in history:
        f = run["figures"]
        clean = f["whole_good_clean"]
        lines.append(
            f"| {run['label']} | {run.get('date', '')} | {run.get('commit', '')} | {run.get('corpus', '')} | "
            f"{fmt_rate(f['whole_bad_caught'])} | {fmt_rate(clean['all'])} "
            f"(de {fmt_rate(clean['de'])} / en {fmt_rate(clean['en'])}) | {fmt_auc(f['auc'])} | "
            f"{fmt_rate(f['bad_fragments_flagged'])} | {fmt_rate(f['good_fragments_clean'])} |")
    return lines


LABEL_NOTES = (
    ("60 (de, template)", "a vendor's pitch of its service that names no connection and no trigger: by issue "
     "14's own calibration nothing lets the recipient place the sender, so `no-connection` is right as an error."),
    ("18 (en, template)", "names only the recipient's profession; the same reasoning as line 60."),
    ("131 (en, good fragment)", "still holds its author's unfilled bracket gap. Labelled `good`, not `template`, "
     "it is scored unfilled, and a placeholder sent as is must stay an error; filled, it is clean. It is the one "
     "good fragment with an error."),
    ("139 (en, bad whole)", "claims a past collaboration; the source objects that the claim is false, which no "
     "text can show. It is the one bad request not caught."),
)
"""Dev-file labels the figures disagree with, by line: why the rules are left as they are (no corpus text)."""


def render_doc(results: Sequence[Result], figs: dict[str, Any], rows: Sequence[RuleRow],
               history: Sequence[dict[str, Any]], corpus: str, date: str) -> str:
    """docs/judgement.md: figures, targets, history and the per-rule table; never corpus text."""
    lines = [
        "# Judgement",
        "",
        "How well lint-request tells good contact requests from bad ones, measured on a labelled corpus",
        "of real published requests and fragments (`../shared/judgement/dev.jsonl`: each one quoted",
        "from an article, blog post or template collection and labelled `bad`, `good` or `template` by",
        "the person who published it). A held-out half by other authors is measured the same way and",
        "is not shared. The corpus is for measuring only: no sentence of it goes into a rule or a test,",
        "and this page shows figures, never its text.",
        "",
        "Scored as the corpus README defines (`benchmarks/judgement.py`):",
        "",
        '- templates are linted with every gap (`[…]`, `{…}`, `{{…}}`, `<…>`) filled with "Alex";',
        "  each request is linted in its labelled language, platform `generic`, without grammar;",
        "- **whole requests**: a bad one is *caught* when it gets at least one error; a good one or a",
        "  filled template is *clean* when it gets no error; the **AUC** is the chance that a random",
        "  good/template request scores higher than a random bad one (ties count half);",
        "- **fragments** (an opener, a phrase, a closing line): missing-part rules (kind `missing`)",
        "  are not counted; a bad fragment is *flagged* when another rule reports at warning or above,",
        "  a good fragment is *clean* when no other rule reports an error.",
        "",
        "Reproduce (`--verbose` lists the requests behind the figures on stdout, `--json` prints JSON,",
        "`--label NAME` records a run in the history below):",
        "",
        "```sh",
        "python benchmarks/judgement.py ../shared/judgement/dev.jsonl --write",
        "```",
        "",
        "## Figures",
        "",
        f"Corpus: {corpus}, {len(results)} requests ({group_sizes(results)}); measured {date}.",
        "Targets from issue 14.",
        "",
        *figures_table(figs, targets=True),
        "",
        "## History",
        "",
        *history_table(history),
        "",
        "## Labels read differently",
        "",
        "Where a dev-file label and the rules disagree and the rules are kept (line numbers of `dev.jsonl`):",
        "",
        *[f"- line {line}: {why}" for line, why in LABEL_NOTES],
        "",
        "## Per rule",
        "",
        "Requests each rule fires on, counted once per request at its worst severity there; \"(k err)\":",
        "k of them as an error. **Errors on good whole** is what issue 14 caps at 2 per rule (⚠ above",
        "it). \"good\" columns count good requests and filled templates together. Fragment columns",
        "include missing-part rules, which the fragment figures leave out.",
        "",
        *rules_table(rows),
        "",
    ]
    return "\n".join(lines)


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


# -- command line ------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="JSON-lines corpus file(s), measured together")
    parser.add_argument("--json", action="store_true", help="print the figures and per-rule counts as JSON")
    parser.add_argument("--verbose", action="store_true",
                        help="also list good requests with an error and bad ones not caught (stdout only)")
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    parser.add_argument("--label", help="record this run's headline figures in the history under this name "
                        "(implies --write; a run with the same name is replaced)")
    parser.add_argument("--doc", type=Path, default=DOC, help=argparse.SUPPRESS)
    parser.add_argument("--history", type=Path, default=HISTORY, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def as_json(figs: dict[str, Any], rows: Sequence[RuleRow]) -> str:
    return json.dumps({
        "figures": figs,
        "rules": [{"rule": r.rule, "kind": r.kind, "severities": sorted(r.severities), "fired": r.fired,
                   "errors": r.errors, "good_whole_errors_by_lang": r.good_whole_errors_by_lang} for r in rows],
    }, indent=2, ensure_ascii=False)


def main(argv: Sequence[str] | None = None, *, lint: Lint | None = None, kind_of: KindOf | None = None) -> int:
    """Run the benchmark; ``lint``/``kind_of`` default to the real engine (tests may pass their own)."""
    args = parse_args(argv)
    try:
        items = load_corpus(args.paths)
        history = read_history(args.history) if args.label or args.write else []
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if lint is None or kind_of is None:
        real_lint, real_kind = engine()
        lint, kind_of = lint or real_lint, kind_of or real_kind
    results, figs, rows = measure(items, lint, kind_of)
    print(as_json(figs, rows) if args.json else text_report(results, figs, rows, kind_of, verbose=args.verbose),
          end="\n" if args.json else "")
    corpus = " + ".join(f"`{Path(p).name}`" for p in args.paths)
    date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d")
    if args.label:
        history = record(history, args.label, {"date": date, "commit": git_commit(), "corpus": corpus,
                                               "figures": headline(figs)})
        args.history.write_text(json.dumps(history, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.write or args.label:
        args.doc.write_text(render_doc(results, figs, rows, history, corpus, date), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
