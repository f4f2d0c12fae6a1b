"""Concrete rewrites: turn a draft into an outline the sender only has to fill in.

The outline keeps the sender's useful sentences in their order, drops the ones
that carry only anti-patterns, and inserts one sentence for every missing part
of a good request, with [gaps] for what only the sender knows. Gaps the
recipient data can fill are filled. The TUI uses the same functions.
"""

from __future__ import annotations

import functools
import tomllib
import zlib
from dataclasses import dataclass
from typing import Any, cast

import regex

from ._context import Context
from ._engine import Linter, default_linter
from ._met import met_phrase
from ._model import ANATOMY_PARTS, Finding, Recipient, Report, Severity, Span
from ._recipient import register_from_address
from ._ruleset import rulesets_root
from ._segments import Layout, Piece, layout
from .kinds import ConsistencyRule

__all__ = ["Inserted", "Removed", "Suggestion", "fill_gaps", "greeting_note", "register_of", "sentence_for",
           "suggest"]

SENTENCE_KEYS = (*ANATOMY_PARTS, "please", "thanks")
"""What ``sentence_for`` can write: every anatomy part, plus please or thanks alone."""
CONTENT_PARTS = ("connection", "reason", "offer")
"""Parts that make a sentence worth keeping even when it also contains a weak phrase (an ask is easy to add)."""
GAP = regex.compile(r"\[(?!\()([^\[\]\n]{1,80})\](?!\()")

_ORDER = {part: index for index, part in enumerate(ANATOMY_PARTS)}
_ORDER.update(please=_ORDER["courtesy"], thanks=_ORDER["courtesy"])
# German writes the first word after "Hallo Anna," in lower case unless it is a noun or "Sie".
# Nouns cannot be told apart reliably, so only words that are never nouns are lowered.
_DE_LOWER_FIRST = frozenset(
    "wir ich vielen danke gern gerne im falls hätten hättest darf dürfte wären wärst lass lasst lassen mein meine "
    "meinem meinen meiner unser unsere unserem unseren unserer dein deine deinem deinen deiner es das dies diese "
    "dieser dieses da als seit nach vor bei beim auf am an in mit zu zum zur über für von vom wie was wann wo "
    "warum weil kürzlich neulich gestern heute letzte letzten letzter vergangene vergangenen schon bereits "
    "nochmals noch herzlichen besten kannst könnten könntest würden würdest hast haben hatte hatten habe bin "
    "war waren aktuell derzeit gerade momentan ganz kurz kurze sehr vielleicht ja nur eine ein einen einem "
    "einer sicher".split())
# "Ich würde mich gern mit Ihnen vernetzen", "I'd love to connect": the request's closing call.
_CONNECT = regex.compile(
    r"\b(?:vernetz\w*|connect(?:ed|ing)?|in\s+Kontakt\s+(?:bleiben|treten)|(?:stay|keep)\s+in\s+touch)\b",
    regex.IGNORECASE)
ADDRESS_RULE = "address-mix"
"""The German rule whose forms ("Sie", "du") tell how a draft addresses its reader."""
_MERGE_FIELDS = (
    (("first", "vor", "given", "fname"), "first_name"),
    (("last", "nach", "sur", "lname"), "last_name"),
    (("firma", "company", "unternehmen", "organi"), "company"),
    (("anrede", "salutation", "title"), "salutation"),
    (("name",), "first_name"),
)
_FIELD_GAPS = {
    "de": {"first_name": "[Vorname]", "last_name": "[Nachname]", "company": "[Firma]", "salutation": "[Anrede]",
           "": "[Angabe]"},
    "en": {"first_name": "[first name]", "last_name": "[last name]", "company": "[company]",
           "salutation": "[title]", "": "[detail]"},
}


@dataclass(frozen=True, slots=True)
class Removed:
    """A sentence dropped from the draft and the rules that made it go."""

    text: str
    rules: tuple[str, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Inserted:
    """A sentence added for a missing part of the request; it may contain [gaps]."""

    part: str
    text: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The reworked draft and what changed, with the score before and after (gaps filled)."""

    outline: str
    removed: tuple[Removed, ...]
    inserted: tuple[Inserted, ...]
    score_before: int
    score_after: int
    lang: str = "de"
    register: str = "sie"  # "sie" or "du" for German; "" for a language without the distinction
    merge_fields: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()  # e.g. why the greeting does not use --name as given


@functools.lru_cache(maxsize=4)
def _phrasings(lang: str) -> dict[str, Any]:
    with open(rulesets_root() / "phrasings" / f"{lang}.toml", "rb") as handle:
        return tomllib.load(handle)


def register_of(text: str, lang: str, recipient: Recipient | None = None, linter: Linter | None = None) -> str:
    """``"du"`` when the draft (or the recipient's address field) uses du, else ``"sie"``.

    The draft's words are counted as the address-mix rule counts them ("Sie hat …" is she, not you).
    """
    if lang != "de":
        return "sie"
    from_address = register_from_address(recipient.address) if recipient else ""
    if from_address:
        return from_address
    linter = linter or default_linter()
    rule = next((r for r in linter.ruleset.for_lang("de") if r.id == ADDRESS_RULE and isinstance(r, ConsistencyRule)),
                None)
    if rule is None:
        return "sie"
    ctx = Context(text)
    ctx.scan.index = linter.ruleset.prefix_index("de")
    counts = rule.counts(ctx)
    return "du" if counts.get("du", 0) > counts.get("Sie", 0) else "sie"


_TITLES = frozenset("dr prof professor professorin mag ing dipl dr.-ing dipl.-ing".split())


def _split_title(first: str) -> tuple[str, str]:
    """``("Dr.", "Priya")`` for "Dr. Priya": a title goes with the surname, never with the first name."""
    words = first.split()
    titles = []
    while words and words[0].casefold().rstrip(".") in _TITLES:
        titles.append(words.pop(0))
    return " ".join(titles), " ".join(words)


def _greeting_name(lang: str, register: str, recipient: Recipient | None, fields: dict[str, str]) -> str:
    """The name for the greeting: Frau/Herr (and title) with the surname for Sie, the first name for du and English."""
    r = recipient or Recipient()
    salutation = r.salutation.strip().removesuffix("n") if r.salutation.strip() == "Herrn" else r.salutation.strip()
    title, first = _split_title(r.first_name.strip())
    last = r.last_name.strip()
    if lang == "de" and register == "sie":
        if last and (salutation or title):
            return " ".join(w for w in (salutation, title, last) if w)  # "Frau Dr. Berger", "Dr. Berger"
        if first:
            # A first name alone is used, the surname left as a gap ("Guten Tag Sabine [Nachname],").
            return f"{first} {last or fields['surname']}"
        return fields["name"]
    if first:
        return first
    if lang == "en" and (salutation or title) and last:
        return f"{title or salutation} {last}"  # "Dr. Shah", "Ms Shah"
    return fields["name"]


def greeting_note(lang: str, register: str, recipient: Recipient | None) -> str:
    """Why the greeting does not use the name as given ("" when it does), for the commentary."""
    r = recipient or Recipient()
    first = _split_title(r.first_name.strip())[1]
    last = r.last_name.strip()
    if lang == "de" and register == "sie" and first and not last:
        return (f"--name gave a first name only: a Sie request greets with the full name or Frau/Herr and the "
                f"surname, so fill in [Nachname] (or, to write per du, use --address du for \"Hallo {first},\")")
    if lang == "de" and register == "du" and not first and last:
        return "--name gave no first name: a du request greets by first name, so fill in [Vorname]"
    return ""


def sentence_for(part: str, lang: str, *, register: str = "sie", recipient: Recipient | None = None,
                 variant: int = 0) -> str:
    """One sentence for a missing part, in the draft's language and register, recipient data filled in."""
    if part not in SENTENCE_KEYS:
        raise ValueError(f"unknown part {part!r}; choose one of {', '.join(SENTENCE_KEYS)}")
    data = _phrasings(lang)
    register = register if register in data else "sie"
    options: list[str] = data[register][part]
    fields = data["fields"][register]
    r = recipient or Recipient()
    values = {
        "name": _greeting_name(lang, register, recipient, fields),
        "met": met_phrase(r.met.strip(), lang, data["met"]) if r.met.strip() else fields["met"],
        "company": r.company.strip() or fields["company"],
        "offer": r.offer.strip().rstrip(".") or fields["offer"],
    }
    return options[variant % len(options)].format(**values)




def fill_gaps(text: str, lang: str) -> str:
    """Replace every [gap] with plausible words (to score an outline as if the sender had filled it)."""
    fill = _phrasings(lang)["fill"]
    fallback = "Köln" if lang == "de" else "Cologne"
    # cast: the regex module ships no type information, so its sub() returns Any to mypy.
    return cast(str, GAP.sub(lambda m: fill.get(m.group(1).strip(), fallback), text))


def _variant(seed: int, part: str) -> int:
    # Each part picks on its own, so two drafts rarely end up with the same outline.
    return zlib.crc32(f"{seed}:{part}".encode())


def _fill_merge_fields(text: str, report: Report, recipient: Recipient | None) -> tuple[str, list[tuple[str, str]]]:
    """Replace {{first_name}}-style merge fields by the recipient's data or by a [gap]."""
    r = recipient or Recipient()
    gaps = _FIELD_GAPS.get(report.lang, _FIELD_GAPS["en"])
    done: list[tuple[str, str]] = []
    for f in sorted((f for f in report.findings if f.rule == "placeholder"), key=lambda f: -f.span.start):
        if f.match.startswith("["):
            continue  # already a gap in the outline's own style
        key = f.match.lower()
        field = next((name for words, name in _MERGE_FIELDS if any(w in key for w in words)), "")
        value = (getattr(r, field) if field else "").strip() or gaps[field]
        text = text[:f.span.start] + value + text[f.span.end:]
        done.append((f.match, value))
    return text, done[::-1]


class _Planner:
    """The outline for one draft: what to keep, what to drop, what to insert where."""

    def __init__(self, linter: Linter, lang: str, platform: str, recipient: Recipient | None,
                 register: str, seed: int) -> None:
        self.linter, self.lang, self.platform, self.recipient = linter, lang, platform, recipient
        self.register, self.seed = register, seed
        self.kinds = {r.id: r.kind for r in linter.ruleset.for_lang(lang)}

    def lint(self, text: str) -> Report:
        return self.linter.lint(text, lang=self.lang, platform=self.platform, recipient=self.recipient)

    def parts_of(self, text: str) -> set[str]:
        return {part for part, present in self.lint(text).anatomy.items() if present}

    def is_signoff(self, line: str) -> bool:
        return self.lint(line).anatomy.get("signoff", False)

    def sentence(self, key: str) -> str:
        return sentence_for(key, self.lang, register=self.register, recipient=self.recipient,
                            variant=_variant(self.seed, key))

    def weak_rules(self, findings: list[Finding], piece: Piece, text: str) -> tuple[str, ...] | None:
        """The rules that make this sentence worth dropping, or None to keep it."""
        inside = [f for f in findings if f.span.start < piece.end and f.span.end > piece.start
                  and self.kinds.get(f.rule) == "phrase"]
        if not inside:
            return None
        errors = any(f.severity >= Severity.ERROR for f in inside)
        if not errors and self.parts_of(text[piece.start:piece.end]) & set(CONTENT_PARTS):
            return None
        return tuple(sorted({f.rule for f in inside}))

    def missing(self, kept_text: str) -> list[str]:
        """What the kept text still lacks, as keys for ``sentence_for``, in reading order."""
        fired = {f.rule for f in self.lint(kept_text).findings}
        parts = [part for r in self.linter.ruleset.for_lang(self.lang)
                 if (part := getattr(r, "part", None)) and r.id in fired and part != "courtesy"]
        thanks, please = "missing-thanks" in fired, "missing-please" in fired
        if thanks or please:
            parts.append("courtesy" if thanks and please else "thanks" if thanks else "please")
        return sorted(set(parts), key=lambda p: _ORDER[p])


def _stronger(a: str, b: str) -> str:
    """Of two separators, the one that breaks more (a paragraph beats a line beats a space)."""
    return a if a.count("\n") >= b.count("\n") else b


def suggest(text: str, report: Report | None = None, recipient: Recipient | None = None, *,
            variant: int | None = None, platform: str = "generic", lang: str | None = None,
            linter: Linter | None = None) -> Suggestion:
    """Rework ``text`` into an outline; see the module docstring for what is kept, dropped and added."""
    linter = linter or default_linter()
    report = report or linter.lint(text, lang=lang, platform=platform, recipient=recipient)
    lang = report.lang
    working, merged = _fill_merge_fields(text.replace("\r\n", "\n"), report, recipient)
    current = linter.lint(working, lang=lang, platform=platform, recipient=recipient) if merged else report
    register = register_of(working, lang, recipient, linter)
    seed = zlib.crc32(text.encode("utf-8", "replace")) if variant is None else variant
    plan = _Planner(linter, lang, platform, recipient, register, seed)
    findings = list(current.findings)
    shape: Layout = layout(working, plan.is_signoff)

    removed: list[Removed] = []
    greeting = ""
    if shape.greeting:
        g = shape.greeting
        own = working[g.start:g.end]
        if GAP.search(own) or "greeting" in plan.parts_of(own):
            greeting = own
        else:
            removed.append(Removed(own, ("missing-greeting",), Span(g.start, g.end)))

    kept: list[list[str | set[str]]] = []  # [text, separator after it, parts it carries]
    for piece in shape.body:
        sentence = working[piece.start:piece.end]
        rules = plan.weak_rules(findings, piece, working) if any(ch.isalnum() for ch in sentence) else ()
        if rules is None:
            kept.append([sentence, piece.sep, plan.parts_of(sentence)])
        else:
            removed.append(Removed(sentence, rules, Span(piece.start, piece.end)))
            if kept:
                kept[-1][1] = _stronger(kept[-1][1], piece.sep)  # type: ignore[arg-type]  # slot 1 is the separator
    signoff = working[shape.signoff.start:shape.signoff.end] if shape.signoff else ""

    kept_text = "\n\n".join(x for x in (greeting, " ".join(str(k[0]) for k in kept), signoff) if x)
    has_words = any(ch.isalnum() for ch in kept_text)
    missing = plan.missing(kept_text) if has_words else [p for p in SENTENCE_KEYS if p not in ("please", "thanks")]
    inserted = [Inserted(key, plan.sentence(key)) for key in missing]
    body = _place(kept, [i for i in inserted if i.part not in ("greeting", "signoff")])
    if not greeting and any(i.part == "greeting" for i in inserted):
        greeting = next(i.text for i in inserted if i.part == "greeting")
    if not signoff and any(i.part == "signoff" for i in inserted):
        signoff = next(i.text for i in inserted if i.part == "signoff")
    if lang == "de" and greeting.endswith(",") and body:
        body[0][0] = _lower_first(body[0][0])  # inserted or the sender's own: "Hallo Anna,\nwir haben …"

    body_text = "".join(f"{t}{sep}" for t, sep, _, _ in body[:-1]) + (body[-1][0] if body else "")
    outline = "\n\n".join(x for x in (greeting, body_text, signoff) if x)
    filled = fill_gaps(outline, lang)
    after = linter.lint(filled, lang=lang, platform=platform, recipient=recipient)
    note = greeting_note(lang, register, recipient) if any(i.part == "greeting" for i in inserted) else ""
    return Suggestion(outline=outline, removed=tuple(removed), inserted=tuple(inserted),
                      score_before=report.score, score_after=after.score, lang=lang,
                      register=register if lang == "de" else "", merge_fields=tuple(merged),
                      notes=(note,) if note else ())


def _place(kept: list[list[Any]], inserted: list[Inserted]) -> list[list[Any]]:
    """Put each inserted sentence before the first kept sentence that belongs later in a request.

    Returns ``[text, separator after it, part order, inserted?]`` items in reading order.
    """
    body: list[list[Any]] = []
    queue, rank = list(inserted), 0
    for sentence, sep, parts in kept:
        own = [_ORDER[p] for p in parts if p in CONTENT_PARTS or p in ("ask", "courtesy")]
        if not own and _closing(sentence):
            own = [_ORDER["ask"]]  # "Lass uns vernetzen!" closes the request: the new content goes before it
        rank = max(own) if own else rank
        while queue and _ORDER[queue[0].part] < rank:
            item = queue.pop(0)
            body.append([item.text, " ", _ORDER[item.part], True])
        body.append([sentence, sep or " ", rank, False])
    for item in queue:
        order = _ORDER[item.part]
        # A new paragraph where a run of new sentences turns from the content to the ask.
        if body and body[-1][3] and order >= _ORDER["ask"] > body[-1][2]:
            body[-1][1] = "\n\n"
        body.append([item.text, " ", order, True])
    return body


def _closing(sentence: str) -> bool:
    """Whether a kept sentence that carries no part is the request's closing call ("Ich würde mich gern mit
    Ihnen vernetzen.", "Lets connect!"): what the outline inserts belongs before it."""
    return bool(_CONNECT.search(sentence))


def _lower_first(sentence: str) -> str:
    """The sentence with its first word in lower case when German writes it so after "Hallo Anna,"."""
    word = sentence.split(" ", 1)[0].strip("„“\"'(").rstrip(",.!?:;")
    return sentence[:1].lower() + sentence[1:] if word.lower() in _DE_LOWER_FIRST and word[:1].isupper() else sentence
