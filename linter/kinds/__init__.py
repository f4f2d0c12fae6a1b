"""The rule kinds: one module each (pydantic model, runtime class, what it does), registered here."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import batch, consistency, length, missing, phrase, placeholder, ratio, recipient, substitution
from .base import Rule, matcher_key
from .batch import BatchRule
from .consistency import ConsistencyRule
from .length import LengthRule
from .missing import MissingRule
from .phrase import PhraseRule
from .placeholder import PlaceholderRule
from .ratio import RatioRule
from .recipient import RecipientRule
from .substitution import SubstitutionRule

MODULES: tuple[ModuleType, ...] = (phrase, placeholder, missing, substitution, length, consistency, ratio, recipient,
                                   batch)
"""Every kind's module, in the order the docs list them."""

CLASSES: dict[str, type[Rule]] = {
    cls.kind: cls
    for cls in (PhraseRule, PlaceholderRule, MissingRule, SubstitutionRule, LengthRule, ConsistencyRule, RatioRule,
                RecipientRule, BatchRule)
}
KINDS: tuple[str, ...] = tuple(CLASSES)
WHAT: dict[str, dict[str, str]] = {
    kind: module.WHAT for kind, module in zip(KINDS, MODULES, strict=True)
}
"""What each kind does, per language (shown by ``lint-request rule``)."""


def compile_rule(spec: dict[str, Any]) -> Rule:
    """Build the runtime rule for one validated rule spec."""
    return CLASSES[spec["kind"]](spec)


def pattern_lists(spec: dict[str, Any]) -> dict[str, list[Any]]:
    """Every list of pattern entries in a rule spec, by field name (as written in the file)."""
    return CLASSES[spec["kind"]].pattern_fields(spec)


def schemas() -> tuple[Any, ...]:
    """The pydantic model of every kind (imports pydantic: the slow path only)."""
    return tuple(module.schema() for module in MODULES)


__all__ = ["CLASSES", "KINDS", "MODULES", "WHAT", "BatchRule", "ConsistencyRule", "LengthRule", "MissingRule",
           "PhraseRule", "PlaceholderRule", "RatioRule", "RecipientRule", "Rule", "SubstitutionRule", "compile_rule",
           "matcher_key", "pattern_lists", "schemas"]
