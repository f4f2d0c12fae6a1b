"""The phrase language: what a phrase matches, word classes a user can extend, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from linter import Linter
from linter._phrase import MAX_GAP, PhraseError, Vocabulary, compile_phrase
from linter.cli import EXIT_ERROR, EXIT_OK, main

VOCABULARY = Vocabulary(
    classes={"sprechen": ("gesprochen", "unterhalten", "ausgetauscht"), "werk": ("Vortrag~", "Artikel", "Podcast*")},
    forms={"vortrag": ("Vortrag", "Vortrags", "Vorträge", "Vorträgen")},
    endings=("e", "en", "er", "es", "em", "n", "s"),
)


def found(phrase: str, text: str, *, unless: tuple[str, ...] = ()) -> str | None:
    m = regex.search(compile_phrase(phrase, VOCABULARY, unless=unless), text, regex.IGNORECASE)
    return m.group() if m else None


@pytest.mark.parametrize(
    "phrase,text,expected",
    [
        ("Synergie*", "viele Synergieeffekte", "Synergieeffekte"),
        ("Synergie*", "Antisynergie", None),                              # whole words only
        ("*profil", "Ihr Kundenprofil", "Kundenprofil"),
        ("[ganz] herzlich* Dank", "ganz herzlichen Dank", "ganz herzlichen Dank"),
        ("[ganz] herzlich* Dank", "herzlichsten Dank", "herzlichsten Dank"),
        ("(vor kurzem|neulich) {werk}", "neulich Ihren Vortrag", None),    # adjacent: no room for "Ihren"
        ("(vor kurzem|neulich) ...2 {werk}", "neulich Ihren Vorträgen", "neulich Ihren Vorträgen"),
        ("Ihr* {werk}", "Ihre Podcastfolge", "Ihre Podcastfolge"),
        ("gut~ Idee", "eine gute Idee", "gute Idee"),
        ("Hallo {Name} ,", "Hallo Anna, schön", "Hallo Anna,"),
        ("Hallo {Name} ,", "Hallo zusammen, schön", None),                # {Name} needs a capital
        ("^ Grüße", "Text.\n  Grüße\nJan", "Grüße"),
        ("^ Grüße", "Viele Grüße", None),
        ("wir haben uns ... {sprechen}", "Wir haben uns am Rand der Tagung lange unterhalten.",
         "Wir haben uns am Rand der Tagung lange unterhalten"),
        ("wir haben uns ... {sprechen}", "Wir haben uns gesehen. Dann haben wir gesprochen.", None),  # new sentence
        ("wir haben uns ... {sprechen}", "Wir haben uns\n\nlange unterhalten", None),                # blank line
        ("wir haben uns ... {sprechen}", "Wir haben uns z. B. bei Dr. Weber\nkurz ausgetauscht",
         "Wir haben uns z. B. bei Dr. Weber\nkurz ausgetauscht"),        # abbreviations, one line break
        ("wir haben uns ...2 {sprechen}", "Wir haben uns dort sehr lange unterhalten", None),
    ],
)
def test_what_a_phrase_matches(phrase: str, text: str, expected: str | None) -> None:
    assert found(phrase, text) == expected


def test_unless_vetoes_a_match_in_the_rest_of_its_sentence() -> None:
    phrase, unless = "wir haben uns ... {sprechen}", ("nie", "noch nicht")
    assert found(phrase, "Wir haben uns leider noch nie persönlich gesprochen.", unless=unless) is None
    assert found(phrase, "Wir haben uns noch nicht ausgetauscht.", unless=unless) is None
    assert found(phrase, "Wir haben uns gestern gesprochen. Nie war es so nett.", unless=unless) is not None


def test_an_exception_that_begins_at_a_line_start_is_checked_only_where_the_match_starts() -> None:
    phrase, unless = "^ (Hallo|Liebe) {Name}", ("^ (Hallo|Liebe) (Team|Kollegen)",)
    assert found(phrase, "Hallo Team,\nkurz zur Messe.", unless=unless) is None
    assert found(phrase, "Hallo Jana,\nkurz zur Messe.", unless=unless) == "Hallo Jana"
    # Later in the sentence is not where this match starts: no veto.
    assert found(phrase, "Hallo Jana und liebe Kollegen,", unless=unless) == "Hallo Jana"
    # Without ^, the same exception is searched along the rest of the sentence.
    assert found(phrase, "Hallo Jana und liebe Kollegen,", unless=("(Hallo|Liebe) (Team|Kollegen)",)) is None


def test_a_verb_final_sentence_of_forty_words_matches() -> None:
    middle = ("vor zwei Wochen am zweiten Tag der Fachtagung für Lagertechnik in Dortmund nach der langen "
              "Podiumsdiskussion über Fördermittel beim Kaffee an dem Stand eines Herstellers aus dem "
              "Sauerland wirklich ziemlich ausführlich über Ihre neuen guten")
    sentence = f"Wir haben uns {middle} Erfahrungen unterhalten."
    assert len(sentence.split()) == 40
    assert found("wir haben uns ... {sprechen}", sentence) == sentence[:-1]


@pytest.mark.parametrize(
    "phrase,message",
    [
        ("a ... ", "column 3: a gap needs words on both sides"),
        ("a ...0 b", "column 3: a gap spans 1 to 60 words"),
        (f"a ...{MAX_GAP + 1} b", "a gap spans 1 to 60 words"),
        ("a * b", "column 3: '*': * stands at the start or end of a word"),
        ("Kaffee {getraenk}", "column 8: unknown word class {getraenk}; known classes: Name, number, sprechen, werk"),
        ("[a|b]", "column 1: a phrase needs at least one word that is not optional"),
        ("a (b|c", "missing ')' to close the '(' at column 3"),
        ("a b]", "column 4: unexpected ']'"),
        (r"\bfoo", "is not a word; a regular expression is written { regex"),
        ("a ^ b", "column 3: ^ belongs at the start of a phrase"),
        ("x~*", "use either ~ (forms) or * (more letters), not both"),
    ],
)
def test_phrase_errors_name_the_column_and_the_choices(phrase: str, message: str) -> None:
    with pytest.raises(PhraseError) as error:
        compile_phrase(phrase, VOCABULARY)
    assert message in str(error.value)


RULE = """\
id = "fun-words"
kind = "phrase"
severity = "warning"
message = "„{match}“ ist zu locker."
suggestion = "Schreiben Sie sachlich."
why = "Weil Fremde das nicht mögen."
patterns = ["so ein {spass}"]

[examples]
fail = ["Das ist so ein Quatsch.", "so ein Quatsch!", "Ach, so ein Quatsch"]
pass = ["Das ist gut.", "so ein Vortrag", "Quatsch allein"]
"""


def ruleset(tmp_path: Path, name: str, classes: str, rule: str | None = None) -> Path:
    folder = tmp_path / name / "de"
    folder.mkdir(parents=True)
    (folder / "classes.toml").write_text(classes, encoding="utf-8")
    if rule is not None:
        (folder / "fun-words.toml").write_text(rule, encoding="utf-8")
    return folder.parent


def lint(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, *rulesets: Path) -> tuple[int, str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    argv = [arg for path in rulesets for arg in ("--ruleset", str(path))]
    code = main([*argv, "--select", "fun-words", "--lang", "de", "-q", str(draft)])
    return code, capsys.readouterr().out


def test_a_user_ruleset_adds_a_word_to_a_class(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = ruleset(tmp_path, "base", '[classes]\nspass = ["Quatsch"]\n', RULE)
    more = ruleset(tmp_path, "more", '[classes]\nspass = ["Unfug"]\n')
    code, out = lint(capsys, tmp_path, "Hallo Anna, das ist so ein Unfug.", base)
    assert code == EXIT_OK and "fun-words" not in out
    code, out = lint(capsys, tmp_path, "Hallo Anna, das ist so ein Unfug.", base, more)
    assert code == EXIT_OK and "warning fun-words „so ein Unfug“ ist zu locker." in out
    assert main(["check-rules", str(base), str(more)]) == EXIT_OK


def sources(rule: object) -> str:
    matchers = [getattr(rule, name) for name in ("pattern", "numerator", "denominator") if hasattr(rule, name)]
    matchers += list(getattr(rule, "forms", {}).values())
    return "\n".join(source for m in matchers for source in m.sources)


def test_a_user_class_reaches_the_builtin_rules(tmp_path: Path) -> None:
    """Words added to a built-in class are compiled into the built-in rules that use it."""
    import tomllib

    from linter._ruleset import rulesets_root

    plain = Linter()
    used = None
    for lang in ("de", "en"):
        classes = tomllib.loads((rulesets_root() / "classes" / f"{lang}.toml").read_text(encoding="utf-8"))
        for rule in plain.ruleset.for_lang(lang):
            text = Path(rule.path).read_text(encoding="utf-8")
            name = next((n for n in classes.get("classes", {}) if "{" + n + "}" in text), None)
            if name is not None:
                used = (lang, name, rule.id)
                break
        if used:
            break
    if used is None:
        pytest.skip("no built-in rule uses a word class")
    lang, name, rule_id = used
    folder = tmp_path / "extra" / lang
    folder.mkdir(parents=True)
    (folder / "classes.toml").write_text(f'[classes]\n{name} = ["quuxiert"]\n', encoding="utf-8")
    extended = Linter(rulesets=[str(tmp_path / "extra")])
    before = next(r for r in plain.ruleset.for_lang(lang) if r.id == rule_id)
    after = next(r for r in extended.ruleset.for_lang(lang) if r.id == rule_id)
    assert "quuxiert" not in sources(before) and "quuxiert" in sources(after)
    assert {(r.id, r.lang) for r in extended.ruleset.all()} == {(r.id, r.lang) for r in plain.ruleset.all()}


def test_a_broken_class_file_is_one_line_naming_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = ruleset(tmp_path, "bad", '[classes]\nspass = ["so ein {unfug}"]\n', RULE)
    code = main(["check-rules", str(bad)])
    _, err = capsys.readouterr()
    assert code == EXIT_ERROR
    line, = err.strip().splitlines()
    assert "classes.toml: classes.spass: in word class {spass}, entry 1" in line
    assert "unknown word class {unfug}" in line and "Traceback" not in err


def test_builtin_patterns_are_short_and_mostly_phrases() -> None:
    """Rules a person can read: no pattern string over 200 characters, raw regexes only as the exception."""
    import tomllib

    from linter._ruleset import builtin_rule_files
    from linter.kinds import pattern_lists

    long, raw, total = [], 0, 0
    for path in builtin_rule_files():
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
        spec.setdefault("lang", path.parent.name)
        for field, entries in pattern_lists(spec).items():
            for entry in entries:
                text = entry if isinstance(entry, str) else entry.get("phrase") or entry.get("regex", "")
                total += 1
                raw += isinstance(entry, dict) and "regex" in entry
                if len(text) > 200:
                    long.append(f"{path.parent.name}/{path.name}: {field}: {text[:60]}…")
    assert long == []
    assert raw <= total // 10, f"{raw} of {total} built-in patterns are raw regular expressions"


def test_builtin_patterns_compile_with_the_standard_library_re() -> None:
    """A draft is checked without importing ``regex``: every built-in alternative (and veto) compiles with ``re``."""
    import re

    linter = Linter()
    refused = []
    for lang in ("de", "en"):
        for rule in linter.ruleset.for_lang(lang):
            matchers = [getattr(rule, name) for name in ("pattern", "numerator", "denominator", "greeting")
                        if hasattr(rule, name)] + list(getattr(rule, "forms", {}).values())
            for matcher in matchers:
                for index in range(len(matcher.sources)):
                    compiled = [matcher.single(index), matcher._vetoes[index]]  # single() compiles the veto too
                    refused += [f"{matcher.key} #{index}" for p in compiled
                                if p is not None and not isinstance(p, re.Pattern)]
    assert refused == []
