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
    # Long for a reason: the closures below share the run's state (store, run, report,
    # bar) and are the loop's three steps; as module functions they would pass it all around.
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    t0 = time.perf_counter()
    report = report if report is not None else RunReport()
    if retry_seconds is None:
        from ..settings import lenient

        retry_seconds = lenient().store_retry_seconds

    def keep(fn: Callable[[], Any]) -> Any:
        """A store call, retried while the database is unreachable (bounded)."""
        return retrying(fn, seconds=retry_seconds, where=store.where if store is not None else "store",
                        stored=lambda: report.added + report.replaced)

    run_ = keep(lambda: store.start_run(run_options or {}, source="ingest")) if store is not None else None
    report.run_id, report.workers = (run_["id"] if run_ else None), workers
    bar = Progress(label, quiet=quiet)

    def note(status: str, item: Item, n: int = 1) -> None:
        if status != "failed" and status != "unchanged":
            bar.update(report, n)
        if on_item:
            on_item(status, item)

    def fail(source: str, reason: str) -> None:
        reason = one_line(reason, 500)  # one line, whatever raised it
        if store is not None:
            keep(lambda: store.add_failure(source, reason, run_["id"]))
        report.failed += 1
        report.failures.append((source, reason))
        bar.update(report, 1)
        if on_item:
            on_item("failed", InputError(source, reason))

    def current(art: Article) -> bool:
        # has() first: a cheap lookup, where is_current() costs more and matters only for stored ones
        return store is not None and keep(lambda: store.has(art.hash) and store.is_current(art.hash, run_))

    def todo() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                fail(item.source, item.reason)
            elif not force and current(item):
                report.unchanged += 1
                bar.update(report, 1)
                note("unchanged", item)
            else:
                yield item

    def write(results: list[Result]) -> Iterator[Article]:
        """Store the chunk's articles in one transaction, record its failures, pass them on."""
        arts = [r for r in results if isinstance(r, Article)]
        if store is None:
            report.extracted += len(arts)
            statuses: list[str | None] = ["extracted"] * len(arts)
        else:
            for a in arts:
                if force and current(a):
                    keep(lambda: store.delete(a.hash))  # so that add_many writes it again
            statuses = store_chunk(arts)
        for status, art in zip(statuses, arts):
            if status is None:  # refused by the store: recorded as a failure already
                continue
            if status != "extracted":
                setattr(report, status, getattr(report, status) + 1)
            note(status, art)
            yield art
        for r in results:
            if isinstance(r, tuple):
                fail(*r)

    def add(arts: list[Article]) -> list[str | None]:
        return [res.status for res in keep(lambda: store.add_many(arts, run_, batch_size=max(1, len(arts))))]

    def store_chunk(arts: list[Article]) -> list[str | None]:
        """The chunk in one transaction; when the store refuses it (not a lost connection),
        each article alone, so that the one it refuses fails alone (status None)."""
        try:
            return add(arts)
        except StoreUnavailable:
            raise
        except Exception:  # noqa: BLE001 - find which article it was, below
            pass
        statuses: list[str | None] = []
        for a in arts:
            try:
                statuses += add([a])
            except StoreUnavailable:
                raise
            except Exception as e:  # noqa: BLE001 - one article the store refuses must not stop the run
                fail(source_of(a), f"not stored: {type(e).__name__}: {one_line(e)}")
                statuses.append(None)
        return statuses

    try:
        for _sent, results in _results(todo(), report, workers=workers, scheduler=scheduler, client=client,
                                       chunk=chunk, min_parallel=min_parallel, extractor=extractor,
                                       timeout=timeout):
            yield from write(results)
    finally:
        bar.close()
        report.seconds = time.perf_counter() - t0


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
