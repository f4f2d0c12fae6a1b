"""Across the batch: exact templates (same text after masking) and near-duplicates (LSH + union-find).

Rows are added one by one as their results arrive, so the work is linear in
the number of rows: a row is compared only with the first row of each LSH
bucket it falls into, and only once per cluster.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from typing import NamedTuple

from .fingerprint import Fingerprint, estimate, similarity

ESTIMATE_MARGIN = 0.25
"""Candidates whose sketch estimate is this far below the threshold skip the exact comparison (4 standard errors)."""


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

    def add(self, row: int, fp: Fingerprint) -> None:
        self._template_of[row] = fp.template
        self._count[fp.template] += 1
        if fp.template in self._first:
            return  # same text as an earlier row: it shares that row's near-duplicate cluster
        self._first[fp.template] = row
        self._shingles[row] = (fp.shingles, fp.sketch)
        self._parent[row] = row
        compared: set[int] = set()
        for band in fp.bands:
            other = self._buckets.setdefault(band, row)
            if other == row or other in compared:
                continue
            compared.add(other)
            if self._find(other) != self._find(row) and self._similar(fp, *self._shingles[other]):
                self._union(other, row)

    def _similar(self, fp: Fingerprint, shingles: bytes, sketch: bytes) -> bool:
        if estimate(fp.sketch, sketch) < self.threshold - ESTIMATE_MARGIN:
            return False
        return similarity(fp.shingles, shingles) >= self.threshold

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
