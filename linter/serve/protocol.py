"""Read a ``/v2/check`` request the way LanguageTool's server does: parameters, ``text`` or ``data``.

Errors are :class:`RequestError` with LanguageTool's wording; the app answers them as
``Error: …`` in plain text with the given status. Unknown parameters are ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from .annotation import AnnotatedText
from .languages import LanguageError, check_code, preferred_variants

MODES = ("all", "textLevelOnly", "allButTextLevelOnly")
LEVELS = ("default", "picky")


class RequestError(Exception):
    """A request LanguageTool would refuse; ``str()`` is the message after ``Error: ``."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """Everything a check request asked for."""

    text: AnnotatedText
    language: str
    preferred_variants: tuple[str, ...] = ()
    mother_tongue: str = ""
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    level: str = "default"
    mode: str = "all"
    allow_incomplete: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    """``metaData`` of ``data``, e.g. ``EmailToAddress`` (the recipient) and ``FullName`` (the user)."""
    platform: str = ""
    """lint-request's own, optional parameter (LanguageTool ignores unknown ones too)."""


def parse_params(query: str, body: bytes) -> dict[str, str]:
    """Query string and form body as one dict (the body wins), whatever the Content-Type said.

    Browser clients post ``application/x-www-form-urlencoded``, but some send the same body
    as ``text/plain`` or with no type at all; LanguageTool's server reads it either way.
    """
    params = dict(parse_qsl(query, keep_blank_values=True))
    if body:
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            raise RequestError("The request body is not UTF-8") from None
        params.update(parse_qsl(decoded.strip(), keep_blank_values=True))
    return params


def _list(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())


def _flag(value: str | None) -> bool:
    return value in ("true", "yes")


def _annotated(params: dict[str, str]) -> tuple[AnnotatedText, dict[str, str]]:
    if "text" in params and "data" in params:
        raise RequestError("Set only 'text' or 'data' parameter, not both")
    if "text" in params:
        return AnnotatedText.of_text(params["text"]), {}
    if "data" not in params:
        raise RequestError("Missing 'text' or 'data' parameter")
    try:
        data = json.loads(params["data"])
    except ValueError:
        raise RequestError("Could not parse JSON from 'data' parameter") from None
    if not isinstance(data, dict):
        raise RequestError("'data' key in JSON requires 'text' or 'annotation' key")
    meta = _meta(data.get("metaData"))
    if "text" in data and "annotation" in data:
        raise RequestError("'data' key in JSON requires either 'text' or 'annotation' key, not both")
    if "text" in data:
        return AnnotatedText.of_text(_string(data["text"])), meta
    if "annotation" not in data:
        raise RequestError("'data' key in JSON requires 'text' or 'annotation' key")
    items = data["annotation"]
    if not isinstance(items, list):
        raise RequestError("'annotation' must be a list")
    pieces: list[tuple[str, str | None]] = []
    for node in items:
        if not isinstance(node, dict):
            raise RequestError(f"Only 'text' and 'markup' are supported in 'annotation' list: {_show(node)}")
        if "text" in node and "markup" in node:
            raise RequestError("Only either 'text' or 'markup' are supported in an object in 'annotation' "
                               f"list, not both: {_show(node)}")
        if "text" in node and "interpretAs" in node:
            raise RequestError(f"'text' cannot be used with 'interpretAs' (only 'markup' can): {_show(node)}")
        if "text" in node:
            pieces.append((_string(node["text"]), None))
        elif "markup" in node:
            pieces.append((_string(node["markup"]), _string(node.get("interpretAs", ""))))
        else:
            raise RequestError(f"Only 'text' and 'markup' are supported in 'annotation' list: {_show(node)}")
    return AnnotatedText(pieces), meta


def _string(value: Any) -> str:
    """Jackson's ``asText()``: strings as they are, numbers and booleans as JSON writes them."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, (dict, list)):
        return ""
    return json.dumps(value)


def _show(node: Any) -> str:
    return json.dumps(node, ensure_ascii=False)[:200]


def _meta(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(key): _string(val) for key, val in value.items()}


def check_request(params: dict[str, str], *, max_length: int) -> CheckRequest:
    """Build the request from its parameters; raises RequestError as LanguageTool would."""
    text, meta = _annotated(params)
    length = len(text.plain)
    if length > max_length:
        raise RequestError(f"Your text exceeds the limit of {max_length} characters (it's {length} characters). "
                           "Please submit a shorter text.", 413)
    language = params.get("language", "")
    for old, new in (("enabled", "enabledRules"), ("disabled", "disabledRules")):
        if old in params:
            raise RequestError(f"You specified '{old}' but the parameter is now called '{new}' in v2 of the API")
    mode = params.get("mode") or "all"
    if mode not in MODES:
        raise RequestError(f"Mode must be one of 'textLevelOnly', 'allButTextLevelOnly', or 'all' but was: '{mode}'")
    level = params.get("level") or "default"
    if level not in LEVELS:
        level = "picky" if level.lower() == "picky" else "default"  # LanguageTool knows more levels; ours are two
    try:
        variants = preferred_variants(params.get("preferredVariants"), language.strip() or None)
        mother = check_code(params["motherTongue"], "motherTongue") if params.get("motherTongue") else ""
    except LanguageError as exc:
        raise RequestError(str(exc)) from None
    request = CheckRequest(
        text=text,
        language=language,
        preferred_variants=variants,
        mother_tongue=mother,
        enabled_rules=_list(params.get("enabledRules")),
        disabled_rules=_list(params.get("disabledRules")),
        enabled_categories=_list(params.get("enabledCategories")),
        disabled_categories=_list(params.get("disabledCategories")),
        enabled_only=_flag(params.get("enabledOnly")),
        level=level,
        mode=mode,
        allow_incomplete=params.get("allowIncompleteResults") == "true",
        meta=meta,
        platform=params.get("platform", ""),
    )
    if request.enabled_only and (request.disabled_rules or request.disabled_categories):
        raise RequestError("You cannot specify disabled rules or categories using enabledOnly=true")
    if request.enabled_only and not (request.enabled_rules or request.enabled_categories):
        raise RequestError("You must specify enabled rules or categories when using enabledOnly=true")
    return request
