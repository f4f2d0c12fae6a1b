"""Finding, validating and compiling rule files (built-in and the user's)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ._cache import cached, stat_key
from ._model import LANGS
from ._prefilter import PrefixIndex
from ._rules import Rule, compile_rule, matcher_key, pattern_lists


class RuleFileError(Exception):
    """A rule file that cannot be used; ``str()`` is a one-line message naming file and field."""

    def __init__(self, path: Path | str, message: str, field: str = "") -> None:
        self.path, self.field, self.detail = str(path), field, message
        where = f"{self.path}: {field}: " if field else f"{self.path}: "
        super().__init__(where + message)


@functools.lru_cache(maxsize=1)
def rulesets_root() -> Path:
    """The folder of the shipped ``rulesets`` package (rule files and suggestion phrasings)."""
    import rulesets

    # For an installed or checked-out package this is importlib.resources.files()
    # without that module's import cost; anything else (a zip) goes through it.
    root = Path(rulesets.__file__).parent if rulesets.__file__ else None
    if root is None or not root.is_dir():
        from importlib import resources

        root = Path(str(resources.files("rulesets")))
    return root


@functools.lru_cache(maxsize=1)
def builtin_rule_files() -> tuple[Path, ...]:
    """The rule files shipped inside the package (one folder per language), sorted for stable output."""
    root = rulesets_root()
    return tuple(sorted(p for lang in LANGS for p in (root / lang).glob("*.toml")))


def discover(path: Path) -> list[Path]:
    """Rule files under a user-given path: one ``.toml`` file or a directory tree of them."""
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.toml") if p.is_file())
        if not files:
            raise RuleFileError(path, "no *.toml rule files found in this directory")
        return files
    raise RuleFileError(path, "no such file or directory")


def _format_validation_error(path: Path, exc: Any) -> RuleFileError:
    """Turn pydantic's multi-line error into one line naming the field and valid choices."""
    errors = exc.errors()
    first = errors[0]
    loc = [str(part) for part in first["loc"]]
    # A discriminated union puts the kind's name first in the location; drop it.
    if loc and loc[0] in _kinds():
        loc = loc[1:]
    field = ".".join(loc) or "kind"
    kind = first["type"]
    if kind == "union_tag_invalid":
        message = f"unknown kind {first['input'].get('kind')!r}; valid kinds: {', '.join(_kinds())}"
    elif kind == "union_tag_not_found":
        field, message = "kind", f"missing; valid kinds: {', '.join(_kinds())}"
    elif kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        message = "unknown field"
    else:
        message = first["msg"].removeprefix("Value error, ")
    more = len(errors) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return RuleFileError(path, message, field)


def _kinds() -> tuple[str, ...]:
    from ._schema import KINDS

    return KINDS


COUNTING_KINDS = ("ratio", "consistency")
"""Rule kinds that count matches: patterns that are plain word lists are counted without a regex."""


def validate_file(path: Path) -> dict[str, Any]:
    """Parse and validate one rule file; the result is plain data (picklable without pydantic)."""
    import tomllib

    import regex
    from pydantic import TypeAdapter, ValidationError

    from ._matcher import Matcher
    from ._prefilter import inner_literals, literal_prefixes
    from ._schema import RuleFile
    from ._wordlist import word_list

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(path, f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot read: {exc}") from None
    if "lang" not in data and path.parent.name in LANGS:
        data["lang"] = path.parent.name
    if "lang" not in data:
        raise RuleFileError(path, f"missing; put the file in a de/ or en/ folder or set it ({', '.join(LANGS)})",
                            "lang")
    try:
        rule = TypeAdapter(RuleFile).validate_python(data)
    except ValidationError as exc:
        raise _format_validation_error(path, exc) from None
    spec = rule.model_dump(by_alias=True)
    spec["_path"] = str(path)
    spec["_prefixes"], spec["_inner"], spec["_words"] = {}, {}, {}
    flags = 0 if spec["case_sensitive"] else regex.IGNORECASE
    for field, patterns in pattern_lists(spec).items():
        # Each pattern compiled alone when validated; joined they must compile too.
        try:
            regex.compile(Matcher.combined_source(patterns), flags)
        except regex.error as exc:
            raise RuleFileError(path, f"patterns do not combine into one expression: {exc}", field) from None
        # Derived once here and cached with the spec: parsing costs ~30 ms per language.
        spec["_prefixes"][field] = [literal_prefixes(p) for p in patterns]
        spec["_inner"][field] = [inner_literals(p) for p in patterns]
        if spec["kind"] in COUNTING_KINDS:
            lists = [word_list(p, spec["case_sensitive"]) for p in patterns]
            if all(lists):
                spec["_words"][field] = lists
    return spec


def _specs_key(paths: Sequence[Path]) -> tuple[object, ...]:
    try:
        # The code that validates and derives specs is part of the key, so changing it revalidates.
        here = Path(__file__)
        derived = [here.with_name(name) for name in ("_schema.py", "_prefilter.py", "_wordlist.py")]
        return stat_key([here, *derived, *paths])
    except OSError as exc:
        raise RuleFileError(getattr(exc, "filename", "?"), f"cannot read: {exc.strerror}") from None


def load_specs(paths: Sequence[Path], key: tuple[object, ...] | None = None) -> list[dict[str, Any]]:
    """Validated specs of ``paths``, from the cache when no file changed (``key``: their stat key, if known)."""
    return cached("rules", key or _specs_key(paths), lambda: [validate_file(p) for p in paths])


@functools.lru_cache(maxsize=1)
def _builtin_specs_key() -> tuple[object, ...]:
    # The built-in specs and their prefix index share this key: stat the files once per process.
    return _specs_key(builtin_rule_files())


def builtin_prefix_index(lang: str) -> PrefixIndex:
    """The prefilter index over the built-in rules of ``lang`` (cached on disk like the specs)."""
    files = builtin_rule_files()

    def build() -> PrefixIndex:
        return PrefixIndex(
            (matcher_key(spec, field), prefixes, spec["_inner"][field])
            for spec in load_specs(files, _builtin_specs_key()) if spec["lang"] == lang
            for field, prefixes in spec["_prefixes"].items() if all(prefixes)
        )

    return cached("index", (*_builtin_specs_key(), lang), build)


class Ruleset:
    """All rules, per language, in catalogue order; a language compiles on first use."""

    def __init__(self, specs: dict[str, list[dict[str, Any]]]) -> None:
        self._specs = specs
        self._compiled: dict[str, tuple[Rule, ...]] = {}

    @property
    def langs(self) -> list[str]:
        return sorted(self._specs)

    def ids(self) -> set[str]:
        """Every rule id in any language, without compiling anything."""
        return {spec["id"] for specs in self._specs.values() for spec in specs}

    def for_lang(self, lang: str) -> tuple[Rule, ...]:
        rules = self._compiled.get(lang)
        if rules is None:
            rules = self._compiled[lang] = tuple(compile_rule(s) for s in self._specs.get(lang, ()))
        return rules

    def all(self) -> list[Rule]:
        return [rule for lang in self.langs for rule in self.for_lang(lang)]

    def find(self, rule_id: str) -> list[Rule]:
        return [rule for rule in self.all() if rule.id == rule_id]


def merge_specs(groups: Iterable[list[dict[str, Any]]]) -> Ruleset:
    """Merge spec groups in order; a later group's rule replaces an earlier one with the same id and lang."""
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    for specs in groups:
        seen: dict[tuple[str, str], str] = {}
        for spec in specs:
            key = (spec["lang"], spec["id"])
            if key in seen:
                raise RuleFileError(spec["_path"], f"duplicate rule id {spec['id']!r} for lang "
                                    f"{spec['lang']!r}, also defined in {seen[key]}", "id")
            seen[key] = spec["_path"]
            by_key[key] = spec
    per_lang: dict[str, list[dict[str, Any]]] = {}
    for (lang, _), spec in by_key.items():
        per_lang.setdefault(lang, []).append(spec)
    return Ruleset(per_lang)


def load_ruleset(user_paths: Sequence[Path] = ()) -> Ruleset:
    """The built-in rules plus the user's rule files or folders, compiled."""
    groups = [[{**spec, "_builtin": True} for spec in load_specs(builtin_rule_files(), _builtin_specs_key())]]
    for user_path in user_paths:
        groups.append(load_specs(discover(Path(user_path))))
    return merge_specs(groups)
