"""Fingerprints of a draft for the batch checks: a template key and a MinHash-style sketch.

Both work on the draft's words after *masking*: case and punctuation are
dropped, the row's own recipient fields (names, company) become one mask token,
and gendered greeting words ("Herr"/"Frau", "geehrter"/"geehrte") are unified,
so a mail merge of one template gives the same words for every recipient.

Everything here is deterministic across processes and runs (no ``hash()`` of
strings, whose seed differs per process).
"""

from __future__ import annotations

import string
import zlib
from array import array
from collections.abc import Iterable
from itertools import repeat
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
(0.95: 0.9999), one with similarity 0.5 with probability 0.17, so few pairs need an exact comparison."""
BANDS = BINS // BAND
_MASK32 = (1 << 32) - 1
_PUNCTUATION = string.punctuation + "„“”‚‘’«»‹›–—…·•"


class Fingerprint(NamedTuple):
    template: int           # identical for texts that are the same after masking
    shingles: bytes         # sorted distinct 32-bit shingle hashes (array "I")
    sketch: bytes           # BINS 32-bit MinHash values (array "I"), for a quick similarity estimate
    bands: tuple[int, ...]  # LSH bucket keys, one per band


def words_of(text: str) -> list[str]:
    """Lower-cased words without the punctuation around them (map and filter run in C: faster than a regex)."""
    return list(filter(None, map(str.strip, text.lower().split(), repeat(_PUNCTUATION))))


def masked_words(text: str, fields: Iterable[str]) -> list[str]:
    """The draft's words, lower-cased, with each recipient field replaced by one mask token."""
    words = words_of(text)
    phrases = sorted({" ".join(words_of(f)) for f in fields if f and f.strip()}, key=len, reverse=True)
    if phrases:
        joined = f" {' '.join(words)} "
        for phrase in phrases:
            if len(phrase) > 1:
                needle = f" {phrase} "
                while needle in joined:  # adjacent repeats overlap on their separating space
                    joined = joined.replace(needle, f" {MASK} ")
        words = joined.split()
    return list(map(UNIFY.get, words, words))


class _WordIds(dict[str, int]):
    """Word -> CRC-32, filled on first sight (the vocabulary of a batch is small)."""

    def __missing__(self, word: str) -> int:
        if len(self) > 500_000:
            self.clear()
        value = self[word] = zlib.crc32(word.encode())
        return value


_ids = _WordIds()


def word_ids(words: list[str]) -> list[int]:
    return list(map(_ids.__getitem__, words))


def shingle_hashes(ids: list[int]) -> set[int]:
    """32-bit hashes of every run of ``SHINGLE`` word ids (of the whole text when it is shorter)."""
    if len(ids) < SHINGLE:
        return {hash(tuple(ids)) & _MASK32} if ids else set()
    # A tuple of ints hashes the same in every process and run, unlike a string; map keeps the loop in C.
    return set(map(_MASK32.__and__, map(hash, zip(*(ids[i:] for i in range(SHINGLE)), strict=False))))


def sketch(hashes: set[int]) -> list[int]:
    """One-permutation MinHash: the smallest hash per bin, empty bins filled from the next full one."""
    empty = 1 << 32
    slots = [empty] * BINS
    for h in hashes:  # a plain loop: faster here than sorting into a dict
        b = h % BINS
        if h < slots[b]:
            slots[b] = h
    if hashes and empty in slots:
        # Densification by rotation: an empty bin borrows the next full bin's value, offset by the distance.
        filled = slots[:]
        for i in range(BINS):
            if slots[i] == empty:
                step = 1
                while slots[(i + step) % BINS] == empty:
                    step += 1
                filled[i] = (slots[(i + step) % BINS] + step * 0x9E3779B1) & _MASK32
        slots = filled
    return slots if hashes else [0] * BINS


def fingerprint(text: str, fields: Iterable[str], seen: set[int] | None = None, *,
                similar: bool = True) -> Fingerprint:
    """Template key, shingles, sketch and LSH band keys of one draft.

    ``seen``: template keys of earlier rows; a repeat gets its key only (the clustering
    needs the rest from a template's first row alone). The key is added to it.
    ``similar=False``: the key only, when near-duplicates are not wanted.
    """
    ids = word_ids(masked_words(text, fields))
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
    bands = tuple(map(hash, zip(range(BANDS), *(slots[j * BANDS:(j + 1) * BANDS] for j in range(BAND)), strict=True)))
    # Unsorted: only set operations ever read it, and a set's order is the same for the same input.
    return Fingerprint(template, array("I", hashes).tobytes(), array("I", slots).tobytes(), bands)


def estimate(a: bytes, b: bytes) -> float:
    """Share of equal sketch slots: an unbiased estimate of the Jaccard similarity, cheap to compute."""
    diff = (int.from_bytes(a, "little") ^ int.from_bytes(b, "little")).to_bytes(len(a), "little")
    return array("I", diff).count(0) / BINS


def shingle_set(shingles: bytes) -> set[int]:
    """The shingle hashes of a Fingerprint as a set."""
    return set(array("I", shingles))


def jaccard(left: set[int], right: set[int]) -> float:
    """Exact Jaccard similarity of two shingle sets."""
    shared = len(left & right)
    union = len(left) + len(right) - shared
    return shared / union if union else 1.0
