"""Regenerate docs/rules.md from the rule files: ``python docs/generate_rules.py``.

A test fails when docs/rules.md is out of date, so the reference never drifts
from the rules actually shipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

from linter import Linter

TARGET = Path(__file__).resolve().parent / "rules.md"


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


def _quote(text: str) -> str:
    text = text.replace("\n", " ⏎ ")
    if len(text) > 160:
        text = text[:157] + "…"
    return f"`{text}`" if text.strip() else "(empty text)"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
