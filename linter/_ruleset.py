"""Finding, validating and compiling rule files (built-in and the user's)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._cache import cached, stat_key
from ._model import LANGS
from ._prefilter import PrefixIndex
from ._vocabulary import CLASS_FILE, builtin_class_files, merge_vocabularies, read_class_file
from .kinds import KINDS, Rule, compile_rule, matcher_key, pattern_lists

if TYPE_CHECKING:  # the phrase compiler runs only when rule files are validated (not on a cache hit)
    from ._phrase import Vocabulary


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


def format_validation_error(path: Path, exc: Any) -> RuleFileError:
    """Turn pydantic's multi-line error into one line naming the field and valid choices."""
    errors = exc.errors()
    first = errors[0]
    from ._schema import ENTRY_TAGS

    loc = [str(part) for part in first["loc"] if part not in ENTRY_TAGS]
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
    return KINDS


COUNTING_KINDS = ("ratio", "consistency")
"""Rule kinds that count matches: patterns that are plain word lists are counted without a regex."""


def compile_entry(entry: str | dict[str, Any], vocabulary: Vocabulary) -> tuple[str, str | None]:
    """The regex source of one pattern entry (a phrase, ``{phrase, unless}`` or ``{regex}``) and its veto
    (``compile_phrase_parts``): the whole pattern is ``join_veto`` of the two."""
    from ._phrase import compile_phrase_parts

    if isinstance(entry, str):
        return compile_phrase_parts(entry, vocabulary)
    if "regex" in entry:
        return str(entry["regex"]), None
    return compile_phrase_parts(entry["phrase"], vocabulary, unless=entry.get("unless", ()))


def read_toml(path: Path) -> dict[str, Any]:
    """A rule or class file's table, its ``lang`` taken from a ``de/`` or ``en/`` folder when it has none."""
    import tomllib

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(path, f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot read: {exc}") from None
    if "lang" not in data and path.parent.name in LANGS:
        data["lang"] = path.parent.name
    return data


def validate_file(path: Path, vocabularies: dict[str, Vocabulary] | None = None) -> dict[str, Any]:
    """Parse and validate one rule file; the result is plain data (picklable without pydantic)."""
    import regex
    from pydantic import TypeAdapter, ValidationError

    from ._matcher import Matcher
    from ._phrase import PhraseError, Vocabulary, join_veto
    from ._prefilter import inner_literals, literal_prefixes
    from ._schema import rule_file_union
    from ._wordlist import word_list

    data = read_toml(path)
    if "lang" not in data:
        raise RuleFileError(path, f"missing; put the file in a de/ or en/ folder or set it ({', '.join(LANGS)})",
                            "lang")
    try:
        rule = TypeAdapter(rule_file_union()).validate_python(data)
    except ValidationError as exc:
        raise format_validation_error(path, exc) from None
    spec: dict[str, Any] = rule.model_dump(by_alias=True)
    spec["_path"] = str(path)
    spec["_regex"], spec["_prefixes"], spec["_inner"], spec["_words"], spec["_vetoes"] = {}, {}, {}, {}, {}
    vocabulary = (vocabularies or {}).get(spec["lang"]) or Vocabulary()
    flags = 0 if spec["case_sensitive"] else regex.IGNORECASE
    for field, entries in pattern_lists(spec).items():
        patterns, parts = [], []
        for number, entry in enumerate(entries, start=1):
            try:
                body, veto = compile_entry(entry, vocabulary)
            except PhraseError as exc:
                raise RuleFileError(path, f"entry {number}: {exc}", field) from None
            patterns.append(join_veto(body, veto))
            parts.append((body, veto) if veto else None)
        if any(parts):
            spec["_vetoes"][field] = parts
        # Each pattern compiled alone when validated; joined they must compile too.
        try:
            regex.compile(Matcher.combined_source(patterns), flags)
        except regex.error as exc:
            raise RuleFileError(path, f"patterns do not combine into one expression: {exc}", field) from None
        spec["_regex"][field] = patterns
        # Derived once here and cached with the spec: parsing costs ~30 ms per language.
        spec["_prefixes"][field] = [literal_prefixes(p) for p in patterns]
        spec["_inner"][field] = [inner_literals(p) for p in patterns]
        if spec["kind"] in COUNTING_KINDS:
            lists = [word_list(p, spec["case_sensitive"]) for p in patterns]
            if all(lists):
                spec["_words"][field] = lists
    return spec


_DERIVING_MODULES = ("_schema.py", "_prefilter.py", "_wordlist.py", "_phrase.py", "_vocabulary.py")
"""The code that validates and derives specs: part of the cache key, so changing it revalidates."""


def _stat_key(paths: Sequence[Path]) -> tuple[object, ...]:
    try:
        here = Path(__file__)
        return stat_key([here, *(here.with_name(name) for name in _DERIVING_MODULES), *paths])
    except OSError as exc:
        raise RuleFileError(getattr(exc, "filename", "?"), f"cannot read: {exc.strerror}") from None


class Sources:
    """The files a ruleset is built from: rule files and the class files their phrases use."""

    def __init__(self, rule_files: Sequence[Path], class_files: Sequence[Path]) -> None:
        self.rule_files, self.class_files = tuple(rule_files), tuple(class_files)
        self.key = _stat_key([*self.rule_files, *self.class_files])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sources) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def specs(self) -> list[dict[str, Any]]:
        """Validated specs, from the cache when no file changed."""
        def validate() -> list[dict[str, Any]]:
            vocabularies = merge_vocabularies([read_class_file(p) for p in self.class_files])
            return [validate_file(p, vocabularies) for p in self.rule_files]

        return cached("rules", self.key, validate)


@functools.lru_cache(maxsize=4)
def prefix_index(sources: Sources, lang: str) -> PrefixIndex:
    """The prefilter index over the built-in rules of ``lang`` (cached on disk, and in memory per process)."""
    def build() -> PrefixIndex:
        return PrefixIndex(
            (matcher_key(spec, field), prefixes, spec["_inner"][field])
            for spec in sources.specs() if spec["lang"] == lang
            for field, prefixes in spec["_prefixes"].items() if any(prefixes)
        )

    return cached("index", (*sources.key, lang), build)


class Ruleset:
    """All rules, per language, in catalogue order; a language compiles on first use."""

    def __init__(self, specs: dict[str, list[dict[str, Any]]], builtin: Sources | None = None) -> None:
        self._specs = specs
        self._builtin = builtin
        self._compiled: dict[str, tuple[Rule, ...]] = {}

    def prefix_index(self, lang: str) -> PrefixIndex:
        """The prefilter index of the built-in rules (an empty one when there are none)."""
        return prefix_index(self._builtin, lang) if self._builtin is not None else PrefixIndex(())

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


def merge_specs(groups: Iterable[list[dict[str, Any]]], builtin: Sources | None = None) -> Ruleset:
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
    return Ruleset(per_lang, builtin)


def sources(user_paths: Sequence[Path] = ()) -> tuple[Sources, Sources | None]:
    """The built-in sources and the user's (None without user rule files).

    A user's class files (``classes.toml``) extend the vocabulary of the built-in rules as well.
    """
    files = [file for path in user_paths for file in discover(Path(path))]
    class_files = [*builtin_class_files(rulesets_root()), *(f for f in files if f.name == CLASS_FILE)]
    rule_files = [f for f in files if f.name != CLASS_FILE]
    return Sources(builtin_rule_files(), class_files), Sources(rule_files, class_files) if rule_files else None


def load_ruleset(user_paths: Sequence[Path] = ()) -> Ruleset:
    """The built-in rules plus the user's rule files or folders, compiled."""
    builtin, user = sources(user_paths)
    groups = [[{**spec, "_builtin": True} for spec in builtin.specs()]]
    if user is not None:
        groups.append(user.specs())
    return merge_specs(groups, builtin)
