"""The languages the server announces, and which one a request means (``language``, ``auto``, variants)."""

from __future__ import annotations

import re
from typing import NamedTuple

from .._langdetect import detect_language

# (name, short code, long code) as LanguageTool's /v2/languages lists them, sorted by name.
LANGUAGES: tuple[tuple[str, str, str], ...] = (
    ("English", "en", "en"),
    ("English (Australian)", "en", "en-AU"),
    ("English (Canadian)", "en", "en-CA"),
    ("English (GB)", "en", "en-GB"),
    ("English (New Zealand)", "en", "en-NZ"),
    ("English (South African)", "en", "en-ZA"),
    ("English (US)", "en", "en-US"),
    ("German", "de", "de"),
    ("German (Austria)", "de", "de-AT"),
    ("German (Germany)", "de", "de-DE"),
    ("German (Swiss)", "de", "de-CH"),
)
NAMES = {long: name for name, _, long in LANGUAGES}
DEFAULT_VARIANT = {"de": "de-DE", "en": "en-US"}
"""What ``auto`` reports without ``preferredVariants``, like LanguageTool."""

_CODE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$")


class LanguageError(ValueError):
    """A ``language``, ``preferredVariants`` or ``motherTongue`` value that cannot be used (HTTP 400)."""


class Chosen(NamedTuple):
    """The language a check runs in."""

    lint: str | None
    """``de`` or ``en`` for lint-request's rules; None for other languages (only LanguageTool checks them)."""
    code: str
    """The code the answer reports and LanguageTool is asked in, e.g. ``de-AT`` or ``fr``."""
    name: str
    detected_code: str
    detected_name: str
    confidence: float


def languages_json() -> list[dict[str, str]]:
    return [{"name": name, "code": code, "longCode": long} for name, code, long in LANGUAGES]


def normalize(code: str) -> str:
    """``de_at`` → ``de-AT`` (LanguageTool accepts either case and separator)."""
    parts = code.strip().replace("_", "-").split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def check_code(code: str, what: str) -> str:
    if not _CODE.match(code.strip()):
        raise LanguageError(f"'{code}' is not a language code known to LanguageTool. Supported language codes "
                            f"are: {', '.join(long for _, _, long in LANGUAGES)}, and auto ({what})")
    return normalize(code)


def preferred_variants(value: str | None, language: str | None) -> tuple[str, ...]:
    """The ``preferredVariants`` list; LanguageTool allows it only with ``language=auto``."""
    if not value:
        return ()
    if language != "auto":
        raise LanguageError("You specified 'preferredVariants' but you didn't specify 'language=auto'")
    variants = []
    for item in re.split(r",\s*", value.strip()):
        if not item:
            continue
        if "-" not in item:
            raise LanguageError(f"Invalid format for 'preferredVariants', expected a dash as in 'en-GB': '{item}'")
        variants.append(check_code(item, "preferredVariants"))
    return tuple(variants)


def choose(text: str, language: str | None, variants: tuple[str, ...] = ()) -> Chosen:
    """The language for ``text``: the one asked for, or with ``auto`` German or English as detected."""
    if not language or not language.strip():
        raise LanguageError("Missing 'language' parameter, e.g. 'language=en-US' for American English "
                            "or 'language=de-DE' for German")
    found = detect_language(text, default="")
    detected = found or "de"
    confidence = 0.95 if found else 0.5  # the detector counts function words; without any it only guesses
    detected_code = next((v for v in variants if v.split("-")[0] == detected), DEFAULT_VARIANT[detected])
    detected_name = NAMES.get(detected_code, detected_code)
    if language.strip() == "auto":
        return Chosen(detected, detected_code, detected_name, detected_code, detected_name, confidence)
    code = check_code(language, "language")
    base = code.split("-")[0]
    return Chosen(base if base in DEFAULT_VARIANT else None, code, NAMES.get(code, code), detected_code,
                  detected_name, confidence)
