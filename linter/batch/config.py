"""``[tool.lint-request.batch]`` (or ``[batch]`` in .lint-request.toml): column names and batch settings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from .._config import ConfigError
from .columns import FIELDS, LABELS

KEYS = (*(f"{LABELS[f]}-column" for f in FIELDS), "max-same", "similarity", "jobs", "format", "sheet",
        "delimiter", "encoding")


class BatchConfig(NamedTuple):
    columns: Mapping[str, str] = {}  # never mutated: a NamedTuple field, read-only by design
    max_same: int | None = None
    similarity: float | None = None
    jobs: int | None = None
    format: str | None = None
    sheet: str | None = None
    delimiter: str | None = None
    encoding: str | None = None


def validate_batch(section: dict[str, Any] | None, path: str) -> BatchConfig:
    """Validate the batch table of config file ``path``; ConfigError names the file and key."""
    if not section:
        return BatchConfig()
    from typing import Literal

    from pydantic import ConfigDict, Field, ValidationError, create_model

    fields: dict[str, Any] = {
        f"{field}_column": (str | None, Field(default=None, alias=f"{LABELS[field]}-column")) for field in FIELDS
    }
    model = create_model(
        "BatchSettings",
        __config__=ConfigDict(extra="forbid"),
        max_same=(int | None, Field(default=None, ge=1, alias="max-same")),
        similarity=(float | None, Field(default=None, gt=0, le=1)),
        jobs=(int | None, Field(default=None, ge=1)),
        format=(Literal["text", "json"] | None, None),
        sheet=(str | None, None),
        delimiter=(str | None, None),
        encoding=(str | None, None),
        **fields,
    )
    try:
        settings = model.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        message = f"unknown key; valid keys: {', '.join(KEYS)}" if first["type"] == "extra_forbidden" \
            else first["msg"]
        raise ConfigError(f"{path}: batch.{key}: {message}") from None
    return BatchConfig(
        columns={f: getattr(settings, f"{f}_column") for f in FIELDS if getattr(settings, f"{f}_column")},
        max_same=settings.max_same,
        similarity=settings.similarity,
        jobs=settings.jobs,
        format=settings.format,
        sheet=settings.sheet,
        delimiter=settings.delimiter,
        encoding=settings.encoding,
    )
