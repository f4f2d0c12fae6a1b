"""One row's cells as the checks need them, validated with pydantic (cells come from outside).

Spreadsheet cells may be numbers, dates, formulas or empty; JSONL values may be
anything. The model turns them into text, normalises line breaks and says in
one line what is wrong with a cell that cannot be a message.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .._model import PLATFORMS
from .table import FormulaWithoutValue

PLATFORM_ALIASES = {
    "linkedinfree": "linkedin-free", "linkedinbasic": "linkedin-free", "linkedinkostenlos": "linkedin-free",
    "linkedinpremium": "linkedin", "salesnavigator": "linkedin", "linkedinsalesnavigator": "linkedin",
    "mail": "email", "emailintro": "email", "coldemail": "email", "kaltakquisemail": "email",
    "allgemein": "generic", "sonstige": "generic", "other": "generic",
}


@functools.lru_cache(maxsize=256)
def platform_of(value: str) -> str | None:
    """The platform a cell names ("LinkedIn", "E-Mail", "LinkedIn (free)"), or None when it names none."""
    key = re.sub(r"[\W_]+", "", value.casefold())
    if not key:
        return "generic"
    for platform in PLATFORMS:
        if key == platform.replace("-", ""):
            return platform
    return PLATFORM_ALIASES.get(key)


@functools.lru_cache(maxsize=1)
def row_model() -> Any:
    """The pydantic model of a row (built on first use: pydantic is slow to import)."""
    from datetime import date, datetime, time

    from pydantic import BaseModel, ConfigDict, field_validator

    class RowInput(BaseModel):
        model_config = ConfigDict(frozen=True)

        message: str = ""
        first_name: str = ""
        last_name: str = ""
        salutation: str = ""
        company: str = ""
        met: str = ""
        address: str = ""
        platform: str = ""

        @field_validator("message", mode="before")
        @classmethod
        def _message(cls, value: Any) -> str:
            if value is None:
                return ""
            if isinstance(value, FormulaWithoutValue):
                raise ValueError(f"is a formula without a saved result ({value.formula}); "
                                 "open and save the file in a spreadsheet program first")
            if isinstance(value, str):
                return value.replace("\r\n", "\n").replace("\r", "\n")
            if isinstance(value, (int, float, datetime, date, time)):
                return str(value)
            raise ValueError(f"is not text but a {type(value).__name__}")

        @field_validator("first_name", "last_name", "salutation", "company", "met", "address", "platform",
                         mode="before")
        @classmethod
        def _cell(cls, value: Any) -> str:
            if value is None or isinstance(value, FormulaWithoutValue):
                return ""
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return " ".join(str(value).split())

    return RowInput


def validate(values: dict[str, Any]) -> Any:
    """The row's fields as a RowInput; raises ValueError with a one-line message naming the field."""
    from pydantic import ValidationError

    try:
        return row_model().model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{field}: {first['msg'].removeprefix('Value error, ')}") from None
