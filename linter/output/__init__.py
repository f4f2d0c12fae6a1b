"""Renderers: turn per-file results into text, JSON or GitHub annotations."""

from __future__ import annotations

from typing import NamedTuple

from .._io import Draft
from .._model import Report

FORMATS = ("text", "json", "github")


class FileResult(NamedTuple):
    """One linted draft: where it came from and what was found."""

    draft: Draft
    report: Report
