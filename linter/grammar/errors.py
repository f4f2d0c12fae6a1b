"""Why a grammar check did not happen; every ``str()`` is one line for the user."""

from __future__ import annotations


class GrammarConfigError(ValueError):
    """A grammar setting that cannot be used (bad mode, URL, variant); a usage error (exit 2)."""


class GrammarUnavailable(Exception):
    """LanguageTool could not be asked or did not answer usefully; the rule-based lint goes on."""


class GrammarWrongAnswer(GrammarUnavailable):
    """Something answered at the address, but not as LanguageTool does (an error page, other JSON, no JSON)."""


class GrammarTextRefused(GrammarUnavailable):
    """LanguageTool works but refused this one text (too long, unsupported language)."""


class GrammarRateLimited(GrammarUnavailable):
    """LanguageTool refused because of its rate limit; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float = 60.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def network_reason(exc: BaseException) -> str:
    """A few words for a failed HTTP request ("connection refused", "timed out"), not a stack of wrappers."""
    import re

    text = str(exc)
    if "timed out" in text.lower() or type(exc).__name__ in ("Timeout", "ReadTimeout", "ConnectTimeout"):
        return "timed out"
    errno_text: list[str] = re.findall(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if errno_text:
        reason = errno_text[-1].strip().rstrip(".")
        if "name or service not known" in reason.lower() or "name resolution" in reason.lower():
            return "host not found"
        return reason[0].lower() + reason[1:]
    return text.splitlines()[0][:160] if text else type(exc).__name__
