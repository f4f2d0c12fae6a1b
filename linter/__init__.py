"""lint-request: lint networking contact requests before you send them."""

from ._engine import Linter, lint_text
from ._model import ANATOMY_PARTS, LANGS, PLATFORMS, Finding, Recipient, Report, Severity, Span
from ._ruleset import RuleFileError
from ._version import __version__

__all__ = [
    "ANATOMY_PARTS",
    "LANGS",
    "PLATFORMS",
    "Finding",
    "Linter",
    "Recipient",
    "Report",
    "RuleFileError",
    "Severity",
    "Span",
    "__version__",
    "lint_text",
]
