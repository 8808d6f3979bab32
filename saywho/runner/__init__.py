"""Runs: read -> extract -> store, the one loop behind ``saywho extract`` and ``saywho ingest``.

    >>> from saywho.runner import ingest, extract
    >>> from saywho.readers import ReadOptions
    >>> report = ingest(["crawl/"], Store("news.db"), workers=4)       # a LocalCluster of 4 processes
    >>> report = ingest(["crawl/"], Store("news.db"), scheduler="tcp://10.0.0.5:8786")
    >>> for art in extract(["a.txt"], ReadOptions(published="2025-01-27")): ...

Modules: :mod:`.local` (the loop, :func:`process`), :mod:`.extract` (a chunk's
extraction, retried one by one), :mod:`.dask` (the same on a cluster),
:mod:`.progress` (the progress bar), :mod:`.report` (the counts), :mod:`.storewrite`
(retrying a lost database connection; one-line failures).  Articles are stored one
transaction per chunk (``chunk``, default 32): a killed run loses at most the open
chunk, and running it again resumes there.  Nothing heavy
(spaCy, Dask, SQLAlchemy) is imported until a run needs it.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..model import Article
from .dask import ALLOWED_FAILURES, IN_FLIGHT_PER_WORKER, connect, local_cluster, prepare
from .extract import PIPE_CHARS, Result, extract_chunk, peak_rss_mb
from .local import DEFAULT_CHUNK, MIN_PARALLEL, Extractor, Item, OnItem, process, run
from .progress import Progress
from .report import IngestReport, RunReport
from .storewrite import StoreUnavailable

if TYPE_CHECKING:  # pragma: no cover
    from ..readers import ReadOptions
    from ..store import Store

__all__ = [
    "ALLOWED_FAILURES", "DEFAULT_CHUNK", "IN_FLIGHT_PER_WORKER", "MIN_PARALLEL", "PIPE_CHARS", "Extractor",
    "IngestReport", "Item", "OnItem", "Progress", "Result", "RunReport", "StoreUnavailable", "connect",
    "cpu_count", "extract",
    "extract_chunk", "ingest", "local_cluster", "peak_rss_mb", "prepare", "process", "read", "run",
]


def read(paths: Iterable[str], options: "ReadOptions | None" = None, **fields: Any) -> Iterator[Item]:
    """The inputs as Articles and InputErrors (``saywho.readers.read_inputs``)."""
    from ..readers import read_inputs

    return read_inputs(paths, options, **fields)


def ingest(paths: Iterable[str], store: "Store", options: "ReadOptions | None" = None, *,
           published: str | None = None, max_chars: int | None = None, input_format: str | None = None,
           **kwargs: Any) -> RunReport:
    """Read ``paths``, extract what is not stored yet, store it: :func:`run` over the
    readers.  ``options`` (or ``published``, ``max_chars``, ``input_format``) say how to
    read; their run options decide what counts as stored.  ``kwargs`` go to :func:`run`."""
    from ..readers import ReadOptions

    opts = options or ReadOptions(published=published, max_chars=max_chars, input_format=input_format)
    return run(read(paths, opts), store, run_options=opts.as_run_options(), **kwargs)


def extract(paths: Iterable[str], options: "ReadOptions | None" = None, **kwargs: Any) -> Iterator[Article]:
    """Read ``paths`` and yield each article extracted, no store: :func:`process` over
    the readers.  ``kwargs`` go to :func:`process` (``report=`` to get the counts)."""
    from ..readers import ReadOptions

    return process(read(paths, options or ReadOptions()), None, label="extract", **kwargs)


def cpu_count() -> int:
    """Cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
