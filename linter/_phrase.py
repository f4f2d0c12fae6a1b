"""The phrase language of rule files, compiled once into regular expressions.

A phrase reads like the requests it judges::

    wir haben uns ... {treffen}
    ich habe (Ihr|dein) *profil* ... (gesehen|besucht)
    [ganz] herzlich* dank*

Words are matched as whole words (case as the rule says), adjacent words with
any whitespace between them. ``word*`` / ``*word`` allow more letters after /
before a word; ``word~`` matches the word's inflected forms (the language's
form lists, else its common endings); ``(a|b c)`` are alternatives; ``[a]`` is
optional; ``{class}`` is a word class of the language; ``...`` is a gap of
any words inside the same sentence (``...3``: up to three words); ``^`` is the
start of a line (after at most three spaces or tabs); ``,`` ``:`` ``;`` ``!`` ``?`` are literal punctuation.
``unless`` phrases veto a match when they occur between its start and the end
of its sentence; one that begins with ``^`` vetoes only where the match starts.

The result is a plain regex source, so the matcher and its prefilter treat a
phrase exactly like a hand-written pattern.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_GAP = 60
"""Words a ``...`` gap may span: more than any real sentence, and a hard bound for the matcher."""


def _latin_capitals() -> str:
    """A character class of the capital letters of the Latin script (up to Latin Extended-B).

    Spelled out, because the standard library's ``re`` has no ``\\p{Lu}``; with it, phrases
    compile with ``re``, which compiles faster and spares the CLI importing ``regex``.
    """
    ranges: list[list[int]] = []
    for code in range(0x250):
        char = chr(code)
        if char.isupper() or char.istitle():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"


SPECIAL_CLASSES: Mapping[str, str] = {
    # Built into the language: what these match cannot be listed as words.
    "word": r"\w[\w'’-]*",
    "Name": f"(?-i:{_latin_capitals()})[\\w'’-]*",
    "number": r"\d+(?:[.,]\d+)*",
}

# "^": the start of a line, after at most three spaces or tabs. Look-behinds of fixed width,
# one per indentation, because ``re`` (unlike ``regex``) has no variable-width look-behind.
_LINE_START = "(?:" + "|".join(
    [r"(?<![^\n])"] + [rf"(?<={edge}[ \t]{{{n}}})" for n in (1, 2, 3) for edge in ("^", r"\n")]) + ")"

# A gap word: any run of visible characters that does not end a sentence. A full stop
# inside a token ("z.B", "3.5", "example.com") or after a known abbreviation or a
# number ("Dr.", "12.") does not end it either.
_ABBREVIATIONS = (r"(?:z\.\s?B|d\.\s?h|u\.\s?a|bzw|ca|Dr|Prof|Hr|Fr|Nr|St|vgl|ggf|evtl|inkl|usw|etc"
                  r"|e\.g|i\.e|Mr|Mrs|Ms|vs|\d+)\.")
# The plain word first: most gap words are plain, and an abbreviation only needs the
# second alternative once the first could not continue past its full stop.
_GAP_WORD = rf"(?:[^\s.!?…]++(?:\.(?=\w)[^\s.!?…]*+)*+|{_ABBREVIATIONS})"
_GAP_SEP = r"(?:[^\S\n]++\n?+|\n)[^\S\n]*+"  # whitespace with at most one line break: a blank line ends a sentence
# One word of a gap with the space before it. A gap word always ends before whitespace, so
# requiring that makes the split of the text into gap words unique, and the group atomic:
# the matcher never backtracks into a word, which made long gaps the costliest part of a draft.
_GAP_UNIT = rf"(?>{_GAP_SEP}{_GAP_WORD}(?=\s))"
# The rest of the sentence, a word or a single other character at a time (for ``unless``):
# a veto is tried after each of them, not after every letter.
_SENTENCE_REST = r"(?:\w++|[^\w.!?\n]|\.(?=\w))*?"  # possessive: a word is never split
_CLINGING = r"[,;:)\]\"'’”“»«]*"  # punctuation right after a word, before a gap

_PUNCTUATION = {",", ";", ":", "!", "?"}
_WORD_CHARS = re.compile(r"[\w'’.&+/@#%€$-]+")
_CLASS_NAME = re.compile(r"[A-Za-z][\w-]*")
_GAP = re.compile(r"(?:\.\.\.|…)(\d*)")


class PhraseError(ValueError):
    """A phrase that cannot be compiled; ``column`` is 1-based within the phrase."""

    def __init__(self, message: str, column: int) -> None:
        self.column = column
        super().__init__(f"column {column}: {message}")


@dataclass(frozen=True)
class Vocabulary:
    """The word classes and inflected forms of one language (``rulesets/classes/<lang>.toml`` plus the user's)."""

    classes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    endings: tuple[str, ...] = ()

    def names(self) -> list[str]:
        return sorted({*self.classes, *SPECIAL_CLASSES}, key=str.lower)


# ---- tokens -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # word | class | gap | open | close | optopen | optclose | bar | start | punct
    text: str
    column: int
    bound: int = 0


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos, length = 0, len(source)
    while pos < length:
        char = source[pos]
        column = pos + 1
        if char.isspace():
            pos += 1
            continue
        if char in "()[]|^":
            kinds = {"(": "open", ")": "close", "[": "optopen", "]": "optclose", "|": "bar", "^": "start"}
            tokens.append(_Token(kinds[char], char, column))
            pos += 1
            continue
        if char == "{":
            end = source.find("}", pos)
            if end < 0:
                raise PhraseError("a word class needs a closing }", column)
            name = source[pos + 1:end].strip()
            if not _CLASS_NAME.fullmatch(name):
                raise PhraseError(f"{{{name}}} is no word class name (letters, digits and -)", column)
            tokens.append(_Token("class", name, column))
            pos = end + 1
            continue
        gap = _GAP.match(source, pos)
        if gap:
            bound = int(gap.group(1)) if gap.group(1) else MAX_GAP
            if not 1 <= bound <= MAX_GAP:
                raise PhraseError(f"a gap spans 1 to {MAX_GAP} words: write ... or ...N with N from 1 to {MAX_GAP}",
                                  column)
            tokens.append(_Token("gap", gap.group(), column, bound))
            pos = gap.end()
            continue
        if char in _PUNCTUATION:
            tokens.append(_Token("punct", char, column))
            pos += 1
            continue
        end = pos
        while end < length and not source[end].isspace() and source[end] not in "()[]|{}^":
            end += 1
        tokens.append(_Token("word", source[pos:end], column))
        pos = end
    return tokens


# ---- syntax tree ----------------------------------------------------------------------------


@dataclass
class _Node:
    kind: str  # word | class | gap | alt | opt | start | punct
    token: _Token
    branches: list[list[_Node]] = field(default_factory=list)


class _Parser:
    def __init__(self, tokens: list[_Token], source: str) -> None:
        self.tokens, self.pos, self.source = tokens, 0, source

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def alternatives(self, closing: str | None, opening: _Token | None = None) -> list[list[_Node]]:
        branches = [self.sequence()]
        while (token := self.peek()) is not None and token.kind == "bar":
            self.pos += 1
            branches.append(self.sequence())
        token = self.peek()
        if closing is None and token is not None:
            raise PhraseError(f"unexpected {token.text!r}", token.column)
        if closing is not None:
            if token is None or token.kind != closing:
                want = ")" if closing == "close" else "]"
                where = f" to close the {opening.text!r} at column {opening.column}" if opening else ""
                raise PhraseError(f"missing {want!r}{where}", len(self.source) + 1)
            self.pos += 1
        return branches

    def sequence(self) -> list[_Node]:
        items: list[_Node] = []
        while (token := self.peek()) is not None and token.kind not in ("bar", "close", "optclose"):
            self.pos += 1
            if token.kind == "open":
                items.append(_Node("alt", token, self.alternatives("close", token)))
            elif token.kind == "optopen":
                items.append(_Node("opt", token, self.alternatives("optclose", token)))
            else:
                items.append(_Node(token.kind, token))
        return items


# ---- compiling ------------------------------------------------------------------------------


class _Compiler:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._classes: dict[str, str] = {}
        self._expanding: list[str] = []

    def phrase(self, source: str) -> str:
        tokens = _tokenize(source)
        if not tokens:
            raise PhraseError("the phrase is empty", 1)
        return self.branches(_Parser(tokens, source).alternatives(None))

    def branches(self, branches: list[list[_Node]]) -> str:
        parts = []
        for branch in branches:
            if not branch:
                raise PhraseError("an alternative is empty (write [a|b] for an optional word)", 1)
            for edge in (branch[0], branch[-1]):
                if edge.kind == "gap":
                    raise PhraseError("a gap needs words on both sides", edge.token.column)
            parts.append(self.sequence(branch))
        return _alternatives(parts)

    def sequence(self, items: list[_Node]) -> str:
        """Items joined by separators: whitespace, or a gap's words; optional items carry their separator."""
        if all(node.kind == "opt" for node in items):
            raise PhraseError("a phrase needs at least one word that is not optional", items[0].token.column)
        out = ""
        previous: _Node | None = None
        gap: _Node | None = None
        leading: list[_Node] = []  # optional items before the first required one
        for node in items:
            if node.kind == "gap":
                if gap is not None:
                    raise PhraseError("two gaps in a row", node.token.column)
                if previous is None:
                    raise PhraseError("a gap cannot follow a leading optional part", node.token.column)
                gap = node
                continue
            if previous is None and node.kind == "opt":
                leading.append(node)
                continue
            body = self.node(node)
            if previous is None:
                # "[a] [b] c": each leading optional item carries the separator to what follows it.
                chain = [*leading, node]
                out = body
                for optional, after in zip(reversed(chain[:-1]), reversed(chain[1:]), strict=True):
                    out = f"(?:{self.node(optional)}{_separator(optional, after)})?" + out
                previous = node
                continue
            if gap is not None:
                # Punctuation may cling to the word before the gap: "wir, die …, haben".
                sep = f"{_CLINGING}{_GAP_UNIT}{{0,{gap.token.bound}}}?{_GAP_SEP}"
                gap = None
            else:
                sep = _separator(previous, node)
            out += f"(?:{sep}{body})?" if node.kind == "opt" else sep + body
            previous = node
        return out

    def node(self, node: _Node) -> str:
        token = node.token
        if node.kind == "word":
            return self.word(token)
        if node.kind == "class":
            return self.word_class(token)
        if node.kind in ("alt", "opt"):
            return self.branches(node.branches) if len(node.branches) > 1 or node.kind == "opt" \
                else "(?:" + self.sequence(node.branches[0]) + ")"
        if node.kind == "start":
            return _LINE_START if token.column == 1 else _raise("^ belongs at the start of a phrase",
                                                                         token.column)
        if node.kind == "punct":
            return re.escape(token.text)
        raise PhraseError(f"unexpected {token.text!r}", token.column)

    def word(self, token: _Token) -> str:
        text = token.text
        if "~" in text and "*" in text:
            raise PhraseError(f"{token.text!r}: use either ~ (forms) or * (more letters), not both", token.column)
        inflect = text.endswith("~")
        if inflect:
            text = text[:-1]
        head_star, tail_star = text.startswith("*"), text.endswith("*")
        core = text.strip("*")
        if "*" in core or not core:
            raise PhraseError(f"{token.text!r}: * stands at the start or end of a word, next to letters "
                              "(a lone * would match anything: use ... for a gap)", token.column)
        if "\\" in core or not _WORD_CHARS.fullmatch(core):
            raise PhraseError(f"{token.text!r} is not a word; a regular expression is written "
                              "{ regex = '''…''' } (docs/writing-rules.md)", token.column)
        if inflect:
            forms = self.vocabulary.forms.get(core.lower()) or tuple(
                core + ending for ending in ("", *self.vocabulary.endings))
            body = _alternation(forms)
        else:
            body = re.escape(core)
        head = r"\w*" if head_star else (r"\b" if core[0].isalnum() or core[0] == "_" else "")
        tail = r"\w*" if tail_star else (r"\b" if core[-1].isalnum() or core[-1] == "_" else "")
        if head_star:
            head = r"\b\w*"
        return head + body + tail

    def word_class(self, token: _Token) -> str:
        name = token.text
        if name in SPECIAL_CLASSES:
            return r"\b" + SPECIAL_CLASSES[name]
        entries = self.vocabulary.classes.get(name)
        if entries is None:
            raise PhraseError(f"unknown word class {{{name}}}; known classes: "
                              + ", ".join(self.vocabulary.names()), token.column)
        if name in self._classes:
            return self._classes[name]
        if name in self._expanding:
            raise PhraseError(f"word class {{{name}}} contains itself", token.column)
        self._expanding.append(name)
        try:
            compiled = []
            for number, entry in enumerate(entries, start=1):
                try:
                    compiled.append(self.phrase(entry))
                except PhraseError as exc:
                    raise PhraseError(f"in word class {{{name}}}, entry {number} ({entry!r}): {exc}",
                                      token.column) from None
        finally:
            self._expanding.pop()
        result = _alternatives(compiled)
        self._classes[name] = result
        return result


_PLAIN_WORD = re.compile(r"\\b((?:[^\\()|*+?\[\]{}.^$]|\\[^bBsSwWdD])+)\\b")
"""A compiled whole word and nothing else: ``\\bword\\b`` with escaped punctuation at most."""


_INFIX_WORD = re.compile(r"\\b\\w\*((?:[^\\()|*+?\[\]{}.^$]|\\[^bBsSwWdD])+)\\w\*")
"""A compiled word with a star on both sides, ``*core*``: ``\\b\\w*core\\w*``."""


def _alternatives(parts: Sequence[str]) -> str:
    """One alternation of compiled parts; whole words share one pair of word boundaries.

    ``\\b(?:ich|mich|mir)\\b`` is what the prefilter's word-list counting
    recognises (``_wordlist``), and the engine tests the boundaries once
    instead of once per word. Longer parts come first, so at one position the
    longest alternative wins, as it would in the order written.
    """
    unique = _unique(parts)
    if len(unique) == 1:
        return unique[0]
    infixes = [_INFIX_WORD.fullmatch(part) for part in unique]
    cores = [m.group(1) for m in infixes if m]
    if len(cores) > 1:
        # "*vortrag*", "*artikel*": one lazy walk along the word that tries every core at each letter,
        # instead of a greedy walk and a walk back per core. Each ends the match where the word ends.
        merged = r"\b\w*?(?:" + "|".join(cores) + r")\w*"
        first = next(i for i, m in enumerate(infixes) if m)
        unique = [merged if i == first else part for i, (part, m) in enumerate(zip(unique, infixes, strict=True))
                  if not m or i == first]
    words = [m.group(1) for part in unique if (m := _PLAIN_WORD.fullmatch(part))]
    others = [part for part in unique if not _PLAIN_WORD.fullmatch(part)]
    if len(words) > 1:
        ordered = sorted(words, key=lambda w: (-len(w), w))
        others.append(r"\b(?:" + "|".join(ordered) + r")\b")
    else:
        others += [rf"\b{w}\b" for w in words]
    if len(others) == 1:
        return others[0]
    if all(part.startswith(r"\b") for part in others):
        # One boundary test for all: the engine tries each alternative, so a shared \b
        # would otherwise be tested once per alternative at every position.
        return r"\b(?:" + "|".join(part[2:] for part in others) + ")"
    return "(?:" + "|".join(others) + ")"


def _raise(message: str, column: int) -> str:
    raise PhraseError(message, column)


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _alternation(words: Sequence[str]) -> str:
    # Longest first: at one position the first alternative that fits wins.
    ordered = sorted(_unique(words), key=lambda w: (-len(w), w))
    return ordered[0] if len(ordered) == 1 else "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


def _edge_is_punct(node: _Node, last: bool) -> bool:
    """Whether ``node`` starts (or, with ``last``, ends) with punctuation in every alternative."""
    if node.kind in ("alt", "opt"):
        return all(branch and _edge_is_punct(branch[-1 if last else 0], last) for branch in node.branches)
    return node.kind == "punct"


def _separator(before: _Node, after: _Node) -> str:
    if _edge_is_punct(after, last=False):
        return r"[^\S\n]*"  # "Anna," and "Anna ,": punctuation needs no space before it
    if _edge_is_punct(before, last=True):
        return r"\s*"
    if before.kind == "start":
        return ""
    return r"\s+"


def compile_phrase(source: str, vocabulary: Vocabulary, *, unless: Sequence[str] = ()) -> str:
    """The regex source of one phrase; ``unless`` phrases veto a match in the rest of its sentence.

    Case is the rule's business (its matcher's flags); only ``{Name}`` insists on a capital.
    """
    return join_veto(*compile_phrase_parts(source, vocabulary, unless=unless))


def compile_phrase_parts(source: str, vocabulary: Vocabulary, *,
                         unless: Sequence[str] = ()) -> tuple[str, str | None]:
    """The phrase (with its line-start exceptions) and, when it has exceptions in the rest of its sentence,
    the veto: a pattern that matches at the phrase's start exactly when one of them follows there."""
    compiler = _Compiler(vocabulary)
    body = compiler.phrase(source)
    at_start: list[str] = []
    in_sentence: list[str] = []
    for number, item in enumerate(unless, start=1):
        try:
            veto = compiler.phrase(item)
        except PhraseError as exc:
            raise PhraseError(f"unless entry {number} ({item!r}): {exc}", exc.column) from None
        # "^ …" describes the line the match starts on: checked there alone, not walked along the sentence.
        (at_start if item.lstrip().startswith("^") else in_sentence).append(veto)
    # A zero-width assertion: the prefilter still sees the phrase's own literal prefix.
    head = f"(?!{_either(at_start)})" if at_start else ""
    return head + body, _SENTENCE_REST + _either(in_sentence) if in_sentence else None


def join_veto(body: str, veto: str | None) -> str:
    """One regex for a phrase and its veto.

    The phrase is tried first (a look-ahead), so the costlier search for a veto in
    the rest of the sentence runs only where the phrase matches. (The prefiltered
    path tries the two apart, and the phrase only once: ``Matcher``.)
    """
    return body if veto is None else f"(?=(?:{body}))(?!{veto}){body}"


def _either(sources: Sequence[str]) -> str:
    return sources[0] if len(sources) == 1 else "(?:" + "|".join(sources) + ")"
