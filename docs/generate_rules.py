"""Regenerate docs/rules.md and docs/word-classes.md from the rule files: ``python docs/generate_rules.py``.

A test fails when either is out of date, so the reference never drifts from
the rules and word classes actually shipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

from linter import Linter

TARGET = Path(__file__).resolve().parent / "rules.md"
CLASSES_TARGET = Path(__file__).resolve().parent / "word-classes.md"


def render() -> str:
    rules = Linter().ruleset.all()
    ids = sorted({r.id for r in rules})
    lines = [
        "# Rule catalogue",
        "",
        "Generated from `rulesets/` by `python docs/generate_rules.py`; do not edit by hand.",
        "`lint-request rule ID` shows the same on the command line.",
        "",
        "| id | kind | de | en |",
        "|---|---|---|---|",
    ]
    by_id = {rule_id: [r for r in rules if r.id == rule_id] for rule_id in ids}
    for rule_id, versions in by_id.items():
        sev = {r.lang: r.severity.label for r in versions}
        lines.append(f"| [{rule_id}](#{rule_id}) | {versions[0].kind} | {sev.get('de', '–')} | {sev.get('en', '–')} |")
    for rule_id, versions in by_id.items():
        lines += ["", f"## {rule_id}", ""]
        for r in versions:
            part_name = getattr(r, "part", None)  # only missing-part rules have one
            part = f", anatomy part `{part_name}`" if part_name else ""
            lines += [
                f"**{r.lang}** — {r.kind}, {r.severity.label}{part}",
                "",
                f"- Message: {r.describe(r.message)}",
                f"- Instead: {r.describe(r.suggestion)}",
                f"- Why: {r.why}",
            ]
            if r.source:
                lines.append(f"- Source: {r.source}")
            if r.examples["fail"]:
                lines.append(f"- Flagged: {_quote(r.examples['fail'][0][0])}")
            if r.examples["pass"]:
                lines.append(f"- Not flagged: {_quote(r.examples['pass'][0][0])}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_classes() -> str:
    """The word classes and inflected forms of each language, as phrases refer to them."""
    import tomllib

    from linter._phrase import SPECIAL_CLASSES
    from linter._ruleset import rulesets_root

    lines = [
        "# Word classes",
        "",
        "Generated from `rulesets/classes/` by `python docs/generate_rules.py`; do not edit by hand.",
        "A phrase names a class as `{name}` and a base form's inflections as `word~`",
        "([writing-rules.md](writing-rules.md)); a `classes.toml` in your ruleset adds words to them.",
        "",
        "Built into the language in every language: " + ", ".join(f"`{{{name}}}`" for name in SPECIAL_CLASSES)
        + " (any one word, a capitalised word, a number).",
    ]
    for lang in ("de", "en"):
        path = rulesets_root() / "classes" / f"{lang}.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        lines += ["", f"## {lang}", ""]
        endings = data.get("endings") or []
        lines.append("Endings that `word~` adds when a base form has no list of its own: "
                     + (", ".join(f"`-{e}`" for e in endings) if endings else "none") + ".")
        lines += ["", "| class | matches |", "|---|---|"]
        for name, entries in sorted(data.get("classes", {}).items(), key=lambda item: item[0].lower()):
            lines.append(f"| `{{{name}}}` | {', '.join(_cell(e) for e in entries)} |")
        if data.get("forms"):
            lines += ["", "| base form | `word~` matches |", "|---|---|"]
            for base, forms in sorted(data["forms"].items(), key=lambda item: item[0].lower()):
                lines.append(f"| `{base}~` | {', '.join(_cell(f) for f in forms)} |")
    return "\n".join(lines).rstrip() + "\n"


def _cell(entry: str) -> str:
    return "`" + entry.replace("|", "\\|") + "`"


def _quote(text: str) -> str:
    text = text.replace("\n", " ⏎ ")
    if len(text) > 160:
        text = text[:157] + "…"
    return f"`{text}`" if text.strip() else "(empty text)"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    CLASSES_TARGET.write_text(render_classes(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET} and {CLASSES_TARGET}\n")
