"""Word classes and inflected forms: the vocabulary that phrases refer to as ``{class}`` and ``word~``.

The built-in vocabulary of a language is ``rulesets/classes/<lang>.toml``. A
user ruleset adds to it with a file named ``classes.toml``: its entries extend
a class of the same name (so built-in rules match the new words too) or define
a new one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._model import LANGS

if TYPE_CHECKING:  # compiled only when rule files are validated
    from ._phrase import Vocabulary

CLASS_FILE = "classes.toml"
"""The name of a user's class file inside a ruleset folder."""


def builtin_class_files(root: Path) -> tuple[Path, ...]:
    return tuple(path for lang in LANGS if (path := root / "classes" / f"{lang}.toml").is_file())


def read_class_file(path: Path) -> dict[str, Any]:
    """One validated class file as plain data; ``RuleFileError`` names file and field on failure."""
    from pydantic import ValidationError

    from ._ruleset import format_validation_error, read_toml
    from ._schema import ClassFile

    data = read_toml(path)
    if "lang" not in data and path.stem in LANGS:  # the built-in rulesets/classes/de.toml
        data["lang"] = path.stem
    try:
        parsed = ClassFile.model_validate(data)
    except ValidationError as exc:
        raise format_validation_error(path, exc) from None
    return {**parsed.model_dump(), "_path": str(path)}


def merge_vocabularies(files: Sequence[dict[str, Any]]) -> dict[str, Vocabulary]:
    """One vocabulary per language; later files add entries to earlier classes and forms."""
    from ._phrase import Vocabulary

    merged: dict[str, dict[str, Any]] = {lang: {"classes": {}, "forms": {}, "endings": []} for lang in LANGS}
    for data in files:
        target = merged[data["lang"]]
        for table in ("classes", "forms"):
            for name, entries in data[table].items():
                known = target[table].setdefault(name, [])
                known.extend(entry for entry in entries if entry not in known)
        target["endings"].extend(e for e in data["endings"] if e not in target["endings"])
    vocabularies = {
        lang: Vocabulary({k: tuple(v) for k, v in data["classes"].items()},
                         {k.lower(): tuple(v) for k, v in data["forms"].items()}, tuple(data["endings"]))
        for lang, data in merged.items()
    }
    _check_classes(files, vocabularies)
    return vocabularies


def _check_classes(files: Sequence[dict[str, Any]], vocabularies: dict[str, Vocabulary]) -> None:
    """Compile every class once, so a broken entry is reported at its class file, not at a rule."""
    from ._phrase import PhraseError, compile_phrase
    from ._ruleset import RuleFileError

    for lang, vocabulary in vocabularies.items():
        for name in vocabulary.classes:
            try:
                compile_phrase("{" + name + "}", vocabulary)
            except PhraseError as exc:
                owner = next((d["_path"] for d in reversed(files) if d["lang"] == lang and name in d["classes"]),
                             "?")
                detail = str(exc).split(": ", 1)[1] if str(exc).startswith("column") else str(exc)
                raise RuleFileError(owner, detail, f"classes.{name}") from None
