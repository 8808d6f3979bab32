"""The one read -> extract -> store loop, for ``saywho extract`` (no store) and
``saywho ingest`` (a store), in this process or on Dask.

- Inputs (Articles and InputErrors, e.g. ``saywho.readers.read_inputs``) are consumed
  lazily; with a store, an article already stored by the same extraction (content
  hash, run options) is counted "unchanged" and not extracted again.
- Articles are extracted in chunks (:func:`~saywho.runner.extract.extract_chunk`, here
  or on Dask workers, :mod:`saywho.runner.dask`).
- Only this process writes to the store, one transaction per chunk (``Store.add_many``,
  ``chunk`` articles, default 32): SQLite has one writer at a time and may not be
  reachable from a remote worker.  A run killed mid-way loses at most the articles of
  the chunk being written (its transaction is rolled back whole); a re-run skips what
  is stored, so it resumes there.  An article the store refuses is retried alone and
  recorded as a failure; the rest of its chunk is stored.
- A lost database connection is retried with backoff for ``retry_seconds``
  (SAYWHO_STORE_RETRY_SECONDS, default 60); then the run stops with
  :class:`~saywho.runner.storewrite.StoreUnavailable` (what it stored; run it again).
- Small inputs stay in this process: starting a cluster and loading the model in
  every worker costs seconds, more than a few dozen articles take.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Article
from .extract import Result, extract_chunk, source_of
from .progress import Progress
from .report import RunReport
from .storewrite import StoreUnavailable, one_line, retrying

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

    from ..store import Store

#: Articles per task: enough for ``nlp.pipe`` to batch, small enough that a dead
#: worker's lost work and the client's memory stay small.
DEFAULT_CHUNK = 32
#: With fewer articles to extract than this, a LocalCluster costs more than it saves.
MIN_PARALLEL = 96

Item = Article | InputError
#: The extraction step: a chunk of Articles -> their results (default :func:`extract_chunk`).
Extractor = Callable[[list[Article]], list[Result]]
#: ``on_item(status, item)``: status is added, replaced, unchanged, extracted (no store) or
#: failed; a failed item is always an InputError (source and reason).
OnItem = Callable[[str, Item], None]


def process(items: Iterable[Item], store: "Store | None" = None, *, report: RunReport | None = None,
            workers: int = 1, scheduler: str | None = None, client: "Client | None" = None,
            chunk: int = DEFAULT_CHUNK, min_parallel: int = MIN_PARALLEL, run_options: dict[str, Any] | None = None,
            force: bool = False, quiet: bool = True, label: str = "ingest", on_item: OnItem | None = None,
            extractor: Extractor | None = None, timeout: float = 20,
            retry_seconds: float | None = None) -> Iterator[Article]:
    """Extract every Article of ``items`` (not yet stored, with a store) and yield each one,
    after it is stored when there is a store; every failure is recorded and reported.

    ``report``: filled in as the run goes (pass one to read the counts of a streamed
    run).  ``workers`` > 1: a LocalCluster of that many processes when there are at
    least ``min_parallel`` articles to extract.  ``scheduler``: the address of a running
    Dask cluster (``client``: a connected one).  ``chunk``: articles per task and per
    transaction.  ``run_options``: what defines "the same extraction" (see
    ``Store.start_run``); ``force`` re-extracts stored articles.  ``quiet=False``: a
    progress bar on stderr when it is a terminal.  ``extractor``: the extraction step
    (local runs only).  ``timeout``: seconds to wait for the scheduler.  ``retry_seconds``:
    how long to retry a store whose connection was lost (default: the settings').
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    t0 = time.perf_counter()
    run = _Run(store, report if report is not None else RunReport(), force=force, quiet=quiet, label=label,
               on_item=on_item, retry_seconds=retry_seconds, run_options=run_options, workers=workers)
    try:
        for _sent, results in _results(run.todo(items), run.report, workers=workers, scheduler=scheduler,
                                       client=client, chunk=chunk, min_parallel=min_parallel,
                                       extractor=extractor, timeout=timeout):
            yield from run.write(results)
    finally:
        run.bar.close()
        run.report.seconds = time.perf_counter() - t0


class _Run:
    """One run's state (store, run row, report, progress bar) and the loop's steps:
    :meth:`todo` (what to extract), :meth:`write` (store a chunk, record its failures)."""

    def __init__(self, store: "Store | None", report: RunReport, *, force: bool, quiet: bool, label: str,
                 on_item: OnItem | None, retry_seconds: float | None, run_options: dict[str, Any] | None,
                 workers: int) -> None:
        self.store, self.report, self.force, self.on_item = store, report, force, on_item
        if retry_seconds is None:
            from ..settings import lenient

            retry_seconds = lenient().store_retry_seconds
        self.retry_seconds = retry_seconds
        self.run_ = self.keep(lambda: store.start_run(run_options or {}, source="ingest")) if store is not None \
            else None
        report.run_id, report.workers = (self.run_["id"] if self.run_ else None), workers
        self.bar = Progress(label, quiet=quiet)

    def keep(self, fn: Callable[[], Any]) -> Any:
        """A store call, retried while the database is unreachable (bounded)."""
        return retrying(fn, seconds=self.retry_seconds,
                        where=self.store.where if self.store is not None else "store",
                        stored=lambda: self.report.added + self.report.replaced)

    def note(self, status: str, item: Item, n: int = 1) -> None:
        """Count a processed item on the bar and tell ``on_item``."""
        if status != "failed" and status != "unchanged":
            self.bar.update(self.report, n)
        if self.on_item:
            self.on_item(status, item)

    def fail(self, source: str, reason: str) -> None:
        """Record a failure (in the store's failures table too) and report it."""
        reason = one_line(reason, 500)  # one line, whatever raised it
        if self.store is not None:
            store, run_ = self.store, self.run_
            self.keep(lambda: store.add_failure(source, reason, run_["id"]))
        self.report.failed += 1
        self.report.failures.append((source, reason))
        self.bar.update(self.report, 1)
        if self.on_item:
            self.on_item("failed", InputError(source, reason))

    def current(self, art: Article) -> bool:
        """Stored already by an extraction like this run's."""
        store = self.store
        # has() first: a cheap lookup, where is_current() costs more and matters only for stored ones
        return store is not None and self.keep(lambda: store.has(art.hash) and store.is_current(art.hash, self.run_))

    def todo(self, items: Iterable[Item]) -> Iterator[Article]:
        """The articles to extract: input errors recorded, unchanged stored ones skipped."""
        for item in items:
            if isinstance(item, InputError):
                self.fail(item.source, item.reason)
            elif not self.force and self.current(item):
                self.report.unchanged += 1
                self.bar.update(self.report, 1)
                self.note("unchanged", item)
            else:
                yield item

    def write(self, results: list[Result]) -> Iterator[Article]:
        """Store the chunk's articles in one transaction, record its failures, pass them on."""
        arts = [r for r in results if isinstance(r, Article)]
        if self.store is None:
            self.report.extracted += len(arts)
            statuses: list[str | None] = ["extracted"] * len(arts)
        else:
            store = self.store
            for a in arts:
                if self.force and self.current(a):
                    self.keep(lambda: store.delete(a.hash))  # so that add_many writes it again
            statuses = self.store_chunk(arts)
        for status, art in zip(statuses, arts):
            if status is None:  # refused by the store: recorded as a failure already
                continue
            if status != "extracted":
                setattr(self.report, status, getattr(self.report, status) + 1)
            self.note(status, art)
            yield art
        for r in results:
            if isinstance(r, tuple):
                self.fail(*r)

    def add(self, arts: list[Article]) -> list[str | None]:
        """Store ``arts`` in one transaction: their statuses."""
        store, run_ = self.store, self.run_
        assert store is not None
        return [res.status for res in self.keep(lambda: store.add_many(arts, run_, batch_size=max(1, len(arts))))]

    def store_chunk(self, arts: list[Article]) -> list[str | None]:
        """The chunk in one transaction; when the store refuses it (not a lost connection),
        each article alone, so that the one it refuses fails alone (status None)."""
        try:
            return self.add(arts)
        except StoreUnavailable:
            raise
        except Exception:  # noqa: BLE001 - find which article it was, below
            pass
        statuses: list[str | None] = []
        for a in arts:
            try:
                statuses += self.add([a])
            except StoreUnavailable:
                raise
            except Exception as e:  # noqa: BLE001 - one article the store refuses must not stop the run
                self.fail(source_of(a), f"not stored: {type(e).__name__}: {one_line(e)}")
                statuses.append(None)
        return statuses


def _results(pending: Iterator[Article], report: RunReport, *, workers: int, scheduler: str | None,
             client: "Client | None", chunk: int, min_parallel: int, extractor: Extractor | None,
             timeout: float) -> Iterator[tuple[list[Article], list[Result]]]:
    """Each chunk with its results: here, or on Dask when asked and worth it."""
    from .dask import chunks

    if client is None and scheduler is None and workers > 1:
        # Look ahead: small inputs are done here, without starting a cluster.
        head = list(islice(pending, min_parallel))
        pending = _chain(head, pending)
        if len(head) < min_parallel:
            workers = 1
    if client is None and scheduler is None and workers == 1:
        report.mode, report.workers = "local", 1
        step = extractor or extract_chunk
        for c in chunks(pending, chunk):
            yield c, step(c)
        return
    if extractor is not None:
        raise ValueError("a custom extractor runs in this process only (workers=1, no scheduler)")
    from .dask import dask_results

    report.mode = "dask"
    yield from dask_results(pending, client=client, scheduler=scheduler, workers=workers, chunk=chunk,
                            report=report, timeout=timeout)


def _chain(head: list[Article], rest: Iterator[Article]) -> Iterator[Article]:
    yield from head
    yield from rest


def run(items: Iterable[Item], store: "Store", **kwargs: Any) -> RunReport:
    """:func:`process` to the end with a store: every article stored, the counts returned.
    ``kwargs`` as for :func:`process`."""
    report = kwargs.pop("report", None) or RunReport()
    for _ in process(items, store, report=report, **kwargs):
        pass
    return report
