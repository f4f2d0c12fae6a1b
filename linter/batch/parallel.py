"""Ordered, bounded parallel map over chunks: results come back in input order, input is read as needed."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 4
"""Chunks queued per worker: enough to keep every core busy, few enough to keep memory flat."""


def ordered_map(fn: Callable[[T], R], chunks: Iterable[T], *, jobs: int,
                initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Iterator[R]:
    """``map(fn, chunks)`` over ``jobs`` processes; ``jobs == 1`` runs in this process."""
    if jobs <= 1:
        initializer(*initargs)
        yield from map(fn, chunks)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    # fork lets the workers inherit the compiled rules; where it is missing (Windows, macOS default) they
    # build their own from the rule cache.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        pending: deque[Future[R]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(fn, chunk))
            if len(pending) >= jobs * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
