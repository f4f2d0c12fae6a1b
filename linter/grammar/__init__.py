"""Grammar and spelling through LanguageTool (language-tool-python), merged into lint-request's reports.

    settings = resolve_settings({"mode": "server", "url": "http://localhost:8081"}, config)
    with open_session(settings) as session:
        outcome = session.check(text, report.lang)
        report = merge_findings(report, outcome.findings)   # outcome.warning: why nothing came back

Names load on first use, so ``import linter.grammar.settings`` on the CLI's cold path costs
almost nothing; language_tool_python itself is imported only when a session connects.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "MODES": "settings",
    "VARIANTS": "settings",
    "GrammarSettings": "settings",
    "Plan": "settings",
    "plan": "settings",
    "resolve_settings": "settings",
    "GrammarConfigError": "errors",
    "GrammarUnavailable": "errors",
    "GrammarOutcome": "session",
    "GrammarSession": "session",
    "open_session": "session",
    "merge_findings": "merge",
    "LatestOnly": "background",
}

__all__ = [
    "MODES",
    "VARIANTS",
    "GrammarConfigError",
    "GrammarOutcome",
    "GrammarSession",
    "GrammarSettings",
    "GrammarUnavailable",
    "LatestOnly",
    "Plan",
    "merge_findings",
    "open_session",
    "plan",
    "resolve_settings",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'linter.grammar' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
