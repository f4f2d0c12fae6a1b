"""Across the batch: exact templates (same text after masking) and near-duplicates (LSH + union-find).

Rows are added one by one as their results arrive, so the work is linear in
the number of rows: a row is compared only with the first row of each LSH
bucket it falls into, and only once per cluster.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from typing import NamedTuple

from .fingerprint import Fingerprint, estimate, jaccard, shingle_set

ESTIMATE_MARGIN = 0.15
"""Candidates whose sketch estimate is this far below the threshold skip the exact comparison.

The estimate's standard error is about 0.055 at a similarity of 0.9, so a pair that
reaches the threshold is skipped with a probability below 0.5 %."""
SET_CACHE = 4096


class Cluster(NamedTuple):
    id: str       # "T1" for templates, "N1" for near-duplicates, numbered by first row
    size: int     # rows in the cluster
    first: int    # the cluster's first row (0-based)


class Clusters:
    """Collects fingerprints; ``templates()`` and ``near_duplicates()`` give row → cluster afterwards."""

    def __init__(self, threshold: float = 0.9) -> None:
        self.threshold = threshold
        self._template_of: dict[int, int] = {}     # row -> template key
        self._first: dict[int, int] = {}           # template key -> first row with it
        self._count: Counter[int] = Counter()      # template key -> rows
        self._shingles: dict[int, tuple[bytes, bytes]] = {}  # first row of a template -> shingles, sketch
        self._buckets: dict[int, int] = {}         # LSH band key -> first row that fell into it
        self._parent: dict[int, int] = {}          # union-find over rows, by first rows of templates
        self._sets: dict[int, set[int]] = {}       # a few shingle sets, decoded

    def add(self, row: int, fp: Fingerprint) -> None:
        self._template_of[row] = fp.template
        self._count[fp.template] += 1
        if fp.template in self._first:
            return  # same text as an earlier row: it shares that row's near-duplicate cluster
        self._first[fp.template] = row
        self._shingles[row] = (fp.shingles, fp.sketch)
        self._parent[row] = row
        compared: set[int] = set()
        mine: set[int] | None = None
        floor = self.threshold - ESTIMATE_MARGIN
        for band in fp.bands:
            other = self._buckets.setdefault(band, row)
            if other == row or other in compared:
                continue
            compared.add(other)
            shingles, sketch = self._shingles[other]
            if estimate(fp.sketch, sketch) < floor or self._find(other) == self._find(row):
                continue
            if mine is None:
                mine = shingle_set(fp.shingles)
            if jaccard(mine, self._set_of(other, shingles)) >= self.threshold:
                self._union(other, row)

    def _set_of(self, row: int, shingles: bytes) -> set[int]:
        """The shingle set of a bucket's first row; popular ones are compared often, so a few are kept."""
        found = self._sets.get(row)
        if found is None:
            if len(self._sets) >= SET_CACHE:
                self._sets.clear()
            found = self._sets[row] = shingle_set(shingles)
        return found

    def _find(self, row: int) -> int:
        parent = self._parent
        root = row
        while parent[root] != root:
            root = parent[root]
        while parent[row] != root:  # path compression
            parent[row], row = root, parent[row]
        return root

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # The smaller row number stays the root, so cluster ids follow the file's order.
            self._parent[max(ra, rb)] = min(ra, rb)

    def templates(self, max_same: int) -> dict[int, Cluster]:
        """Row → template cluster, for templates sent to more than ``max_same`` rows."""
        big = {key: n for key, n in self._count.items() if n > max_same}
        clusters: dict[int, Cluster] = {}
        for number, key in enumerate(sorted(big, key=self._first.__getitem__), start=1):
            clusters[key] = Cluster(f"T{number}", big[key], self._first[key])
        return {row: clusters[key] for row, key in self._template_of.items() if key in clusters}

    def near_duplicates(self, exclude: Container[int] = ()) -> dict[int, Cluster]:
        """Row → near-duplicate cluster, for clusters of two or more rows; ``exclude``d rows get none.

        A cluster whose rows are all excluded (a template cluster reported as such) gets no id.
        """
        root_of = {row: self._find(self._first[key]) for row, key in self._template_of.items()}
        sizes = Counter(root_of.values())
        shown = {root for row, root in root_of.items() if sizes[root] > 1 and row not in exclude}
        numbered = {root: Cluster(f"N{n}", sizes[root], root) for n, root in enumerate(sorted(shown), start=1)}
        return {row: numbered[root] for row, root in root_of.items() if root in numbered and row not in exclude}
