"""Fingerprints of a draft for the batch checks: a template key and a MinHash-style sketch.

Both work on the draft's words after *masking*: case and punctuation are
dropped, the row's own recipient fields (names, company) become one mask token,
and gendered greeting words ("Herr"/"Frau", "geehrter"/"geehrte") are unified,
so a mail merge of one template gives the same words for every recipient.

Everything here is deterministic across processes and runs: words become
CRC-32 ids, and only tuples of ints are passed to ``hash()`` (whose seed for
strings differs per process; for ints and tuples of ints it is fixed).

This runs for every row of a batch, so the per-word work is kept in C-level
calls (``str.split``, ``map``, ``zip``, dictionary lookups) and each distinct
token is normalised only once per process (two small caches).

Similarity is the Jaccard similarity of the sets of adjacent word pairs. The
sketch is a one-permutation MinHash: each pair's 32-bit hash is put into one of
``BINS`` slots by ``hash % BINS`` and each slot keeps its smallest hash, so a
sketch costs one pass over the pairs however many slots it has. For two texts
with similarity J, a slot holds the same minimum with probability J. LSH bands
of ``BAND`` slots make two texts a candidate pair when all slots of at least one
band agree: probability ``1 - (1 - J**BAND) ** BANDS``.
"""

from __future__ import annotations

import functools
import string
import zlib
from array import array
from collections.abc import Iterable
from itertools import repeat
from operator import and_
from typing import NamedTuple

MASK = "\x00"
UNIFY = {
    "herr": "\x01", "herrn": "\x01", "frau": "\x01", "mr": "\x01", "mrs": "\x01", "ms": "\x01", "miss": "\x01",
    "mx": "\x01", "geehrter": "geehrte", "lieber": "liebe", "liebes": "liebe",
}
SHINGLE = 2
"""Words per shingle: similarity is the Jaccard similarity of the sets of adjacent word pairs.

With pairs, a 50-word request that differs in one word from another is 0.92 similar; with
three-word shingles it would be 0.89, below the default threshold of 0.9."""
BINS = 30
"""Slots of the one-permutation MinHash sketch."""
BAND = 5
"""Slots per LSH band. 6 bands of 5 make a pair with similarity 0.9 a candidate with probability 0.995
(0.95: 0.9999), one with similarity 0.5 with probability 0.17, so few pairs need an exact comparison.
Fewer slots would not make the sketch cheaper (its cost is one step per word pair, not per slot) but
would lose candidates: 4 bands of 5 find a 0.9 pair with probability 0.97 only."""
BANDS = BINS // BAND
_MASK32 = (1 << 32) - 1
_CACHE_LIMIT = 500_000
_PUNCTUATION = string.punctuation + "„“”‚‘’«»‹›–—…·•"


class Fingerprint(NamedTuple):
    template: int           # identical for texts that are the same after masking
    shingles: bytes         # 32-bit shingle hashes (array "I", a repeat may occur twice), for the exact similarity
    sketch: bytes           # BINS 32-bit MinHash values (array "I"), for a quick similarity estimate
    bands: tuple[int, ...]  # LSH bucket keys, one per band


NO_WORD = -1
"""The id of a token of punctuation only ("–"), which is no word (a CRC-32 is never negative)."""


def word_id(word: str) -> int:
    """CRC-32 of a word's unified form ("herrn" and "frau" share one id)."""
    return zlib.crc32(UNIFY.get(word, word).encode())


MASK_ID = word_id(MASK)


class _TokenIds(dict[str, int]):
    """Token as split from the text -> the id of its word: lower case, without the punctuation around it."""

    def __missing__(self, token: str) -> int:
        if len(self) > _CACHE_LIMIT:  # the vocabulary of a batch is small; a pathological one starts over
            self.clear()
        word = token.lower().strip(_PUNCTUATION)
        value = self[token] = word_id(word) if word else NO_WORD
        return value


_ids = _TokenIds()


def word_ids(tokens: Iterable[str]) -> list[int]:
    """The ids of the words of a text split at whitespace, in order."""
    ids = list(map(_ids.__getitem__, tokens))
    return list(filter(NO_WORD.__ne__, ids)) if NO_WORD in ids else ids


@functools.lru_cache(maxsize=4096)
def _phrase(field: str) -> tuple[int, tuple[int, ...], list[int]]:
    """A recipient field as a phrase to mask: its sort key (the longer first) and its word ids, twice."""
    words = [word for word in (token.lower().strip(_PUNCTUATION) for token in field.split()) if word]
    ids = list(map(word_id, words))
    return -len(" ".join(words)), tuple(ids), ids


def masked_ids(tokens: Iterable[str], fields: Iterable[str], keep_from: int | None = None) -> list[int]:
    """The ids of the draft's words, with each recipient field replaced by one mask id.

    Longer fields first (the full name before the first name); every occurrence, as whole words.
    ``keep_from``: the index of the first word of the sender's sign-off; a field there is the
    sender's own name ("Viele Grüße, Jan" sent to Jan Koch), not the recipient's, and stays.
    """
    ids = word_ids(tokens)
    if keep_from is not None and keep_from < len(ids):
        return _mask(ids[:keep_from], fields) + ids[keep_from:]
    return _mask(ids, fields)


def _mask(ids: list[int], fields: Iterable[str]) -> list[int]:
    """``ids`` with every whole occurrence of a field replaced by ``MASK_ID`` (changed in place)."""
    phrases = sorted({p[:2]: p for p in map(_phrase, filter(None, fields)) if p[0] < -1}.values())
    for _, _, phrase in phrases:
        first, size = phrase[0], len(phrase)
        if first not in ids:  # the common case for all but the names in the greeting
            continue
        i = ids.index(first)
        try:
            while True:
                if ids[i:i + size] == phrase:
                    ids[i:i + size] = [MASK_ID]
                i = ids.index(first, i + 1)
        except ValueError:  # no further occurrence
            pass
    return ids


def shingle_hashes(ids: list[int]) -> list[int]:
    """32-bit hashes of every run of ``SHINGLE`` word ids (of the whole text when it is shorter), repeats included.

    A tuple of ints hashes the same in every process and run, unlike a string; ``map`` keeps the loop in C.
    """
    if len(ids) < SHINGLE:
        return [hash(tuple(ids)) & _MASK32] if ids else []
    return list(map(and_, map(hash, zip(ids, *(ids[i:] for i in range(1, SHINGLE)), strict=False)), repeat(_MASK32)))


def sketch(hashes: list[int]) -> list[int]:
    """One-permutation MinHash: the smallest hash per slot, an empty slot filled from the next full one."""
    if not hashes:
        return [0] * BINS
    empty = 1 << 32
    slots = [empty] * BINS
    for h in hashes:  # a plain loop: faster here than sorting into a dict (a repeat does not change a minimum)
        b = h % BINS
        if h < slots[b]:
            slots[b] = h
    if empty in slots:
        # Densification by rotation: an empty slot borrows the next full slot's value, offset by the distance.
        filled = slots[:]
        for i in range(BINS):
            if slots[i] == empty:
                step = 1
                while slots[(i + step) % BINS] == empty:
                    step += 1
                filled[i] = (slots[(i + step) % BINS] + step * 0x9E3779B1) & _MASK32
        slots = filled
    return slots


def fingerprint(text: str, fields: Iterable[str], seen: set[int] | None = None, *,
                similar: bool = True, tokens: list[str] | None = None,
                keep_from: int | None = None) -> Fingerprint:
    """Template key, shingle hashes, sketch and LSH band keys of one draft.

    ``tokens``: the text already split at whitespace (lower case or not), as the engine did.
    ``keep_from``: where the sender's sign-off starts, in words (see ``masked_ids``).

    ``seen``: template keys of earlier rows; a repeat gets its key only (the clustering
    needs the rest from a template's first row alone). The key is added to it.
    ``similar=False``: the key only, when near-duplicates are not wanted.
    """
    ids = masked_ids(text.split() if tokens is None else tokens, fields, keep_from)
    template = hash(tuple(ids))  # 64 bits: the same words in the same order, in every process
    if seen is not None:
        if template in seen:
            return Fingerprint(template, b"", b"", ())
        seen.add(template)
    if not similar:
        return Fingerprint(template, b"", b"", ())
    hashes = shingle_hashes(ids)
    slots = sketch(hashes)
    # Band i holds slots i, i + BANDS, i + 2 * BANDS, …; the band number keeps equal values in different bands apart.
    bands = tuple(map(hash, zip(range(BANDS), *[slots[j * BANDS:(j + 1) * BANDS] for j in range(BAND)], strict=False)))
    # Not deduplicated here: the clustering builds a set for the few rows it compares exactly.
    return Fingerprint(template, array("I", hashes).tobytes(), array("I", slots).tobytes(), bands)


def estimate(a: int, b: int) -> float:
    """Share of equal sketch slots (sketches as ``int.from_bytes(sketch, "little")``): an unbiased estimate
    of the Jaccard similarity, cheap to compute."""
    return array("I", (a ^ b).to_bytes(BINS * 4, "little")).count(0) / BINS


def shingle_set(shingles: bytes) -> set[int]:
    """The shingle hashes of a Fingerprint as a set."""
    return set(array("I", shingles))


def jaccard(left: set[int], right: set[int]) -> float:
    """Exact Jaccard similarity of two shingle sets."""
    shared = len(left & right)
    union = len(left) + len(right) - shared
    return shared / union if union else 1.0
