"""Batch ingestion on all cores or a Dask cluster: read -> extract (on workers) -> store (here).

    >>> from saywho.batch import ingest
    >>> from saywho.store import Store
    >>> report = ingest(["crawl/"], Store("news.db"), workers=4)       # a LocalCluster of 4 processes
    >>> report = ingest(["crawl/"], Store("news.db"), scheduler="tcp://10.0.0.5:8786")

How the work is split, and why:

- The client (this process) reads the inputs lazily (``saywho.ingest.read_inputs``),
  skips articles already stored by the same extraction (content hash), and sends
  chunks of Articles to the workers, never more than a few chunks per worker in
  flight, so a corpus of any size streams through in bounded memory.
- Each worker process has one thread and loads the spaCy model once
  (:class:`LoadModel`, a worker plugin; ``saywho.nlp.load()`` is cached per process)
  and runs :func:`extract_chunk`: a chunk is parsed with ``nlp.pipe``; when that
  fails, its documents are redone one by one so that one bad document fails alone.
- Only the client writes to the database, one transaction per chunk
  (``Store.add_many``).  SQLite has one writer at a time and may not even be
  reachable from a remote worker; and because the client writes only results it
  has received, a worker that dies mid-chunk loses nothing (Dask runs the chunk
  again on another worker) and duplicates nothing (its half-done work never reached
  the database).  A re-run skips what is stored, so a killed client is resumed by
  running the same command again.
- Small inputs stay in this process: starting a cluster and loading the model in
  every worker costs seconds, more than a few dozen articles take.
"""
from __future__ import annotations

import logging
import os
import resource
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from .errors import InputError, SaywhoError
from .model import Article
from .store import IngestReport, Store

if TYPE_CHECKING:  # distributed is imported only when a cluster is used
    from distributed import Client

#: Articles per task: enough for ``nlp.pipe`` to batch, small enough that a dead
#: worker's lost work and the client's memory stay small.
DEFAULT_CHUNK = 32
#: Characters per ``nlp.pipe`` batch inside a chunk (documents x longest): a batch of
#: 8 news articles of 5,000 characters goes in one; long ones go alone.  Measured on
#: en_core_web_sm, a batch costs about 6 KB per character at its peak.
PIPE_CHARS = 40_000
#: With fewer articles to extract than this, a LocalCluster costs more than it saves.
MIN_PARALLEL = 96
#: Chunks in flight per worker: one running, one queued so the worker never waits.
IN_FLIGHT_PER_WORKER = 2
#: How often Dask re-runs a chunk whose worker died before calling it a failure
#: (``distributed.scheduler.allowed-failures``); a chunk that still fails is then
#: split and its articles tried one by one, so only a document that kills its
#: worker every time is recorded as a failure.
ALLOWED_FAILURES = 3

Item = Article | InputError
#: A chunk's results: an annotated Article, or (source, reason) for a document that failed.
Result = Article | tuple[str, str]


@dataclass
class BatchReport(IngestReport):
    """What :func:`run` did: the store's counts plus how it ran."""

    mode: str = "local"          # "local" (this process) or "dask"
    workers: int = 1
    seconds: float = 0.0
    #: peak resident memory of each worker process in MB (Dask runs), by worker address
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    @property
    def processed(self) -> int:
        return self.stored + self.failed


# ---------------------------------------------------------------- worker side


def extract_chunk(articles: list[Article]) -> list[Result]:
    """Annotate a chunk of Articles (on a worker, or here); a failing document fails alone.

    The chunk is parsed in one ``nlp.pipe`` batch; if anything in it raises, every
    document is redone on its own and the ones that raise come back as
    ``(source, reason)``.
    """
    from .pipeline import extract_articles

    try:
        out_ok: list[Result] = []
        for group in _parse_groups(articles):
            out_ok.extend(extract_articles(group, batch_size=len(group)))
        return out_ok
    except Exception:  # noqa: BLE001 - find which document it was, below
        pass
    out: list[Result] = []
    for art in articles:
        try:
            out.extend(extract_articles([art], batch_size=1))
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
            out.append((_source(art), f"extraction failed: {type(e).__name__}: {e}".splitlines()[0][:300]))
    return out


def _parse_groups(articles: list[Article]) -> Iterator[list[Article]]:
    """The chunk in order, cut into ``nlp.pipe`` batches of at most PIPE_CHARS characters
    counted as (documents x longest): the parser's memory grows with the batch, and a
    worker's peak memory is what limits how many fit on a machine."""
    group: list[Article] = []
    longest = 0
    for art in articles:
        n = len(art.text)
        if group and (len(group) + 1) * max(longest, n) > PIPE_CHARS:
            yield group
            group, longest = [], 0
        group.append(art)
        longest = max(longest, n)
    if group:
        yield group


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports ru_maxrss in KB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


_WARM_UP = ('"We will not raise taxes," the minister, Ann Lee, said on Monday after meeting union leaders.\n'
            'Lee told reporters the plan was fair.\n')


def _load_model() -> None:
    """Load the model and run one tiny extraction: the first one imports the later stages
    (dates, events) and fills caches, a second or more that should not land in a task."""
    from .pipeline import extract

    _quiet_worker_logs()
    extract(_WARM_UP, published="2025-01-27", id="warm-up")


def _quiet_worker_logs() -> None:
    for name in ("distributed", "dask", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _worker_plugin() -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadModel(WorkerPlugin):
        """Load the spaCy model when a worker starts (also a worker the nanny restarted),
        so that it is loaded once per worker process and never inside a timed task."""

        name = "saywho-load-model"

        def setup(self, worker: Any) -> None:
            _load_model()

    return LoadModel()


# ---------------------------------------------------------------- client side


def _source(art: Article) -> str:
    return art.source or art.url or art.id


class Bar:
    """A progress bar on stderr (articles done, articles/s, failures); silent when
    ``quiet`` or when stderr is not a terminal.  ``tqdm`` comes with spaCy."""

    def __init__(self, label: str = "ingest", quiet: bool = False, total: int | None = None) -> None:
        self._bar = None
        if not quiet and sys.stderr.isatty():
            import shutil

            from tqdm import tqdm

            cols, rows = shutil.get_terminal_size()
            # a pseudo-terminal may report a 0x0 size (script, some CI runners): tqdm would draw nothing
            self._bar = tqdm(desc=label, total=total, unit=" articles", file=sys.stderr,
                             ncols=cols if cols >= 40 else 100, nrows=max(rows, 2), smoothing=0.1,
                             mininterval=0.5)

    def update(self, report: IngestReport, n: int) -> None:
        if self._bar is not None:
            self._bar.set_postfix_str(f"{report.failed} failed, {report.unchanged} already stored", refresh=False)
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def local_cluster(workers: int, **kwargs: Any) -> Any:
    """A Dask LocalCluster of ``workers`` processes, one thread each, on 127.0.0.1 only,
    no dashboard, Dask's log lines silenced except errors."""
    import dask
    from distributed import LocalCluster

    _quiet_worker_logs()
    # A worker killed while running a chunk makes the chunk "suspicious"; after this many
    # deaths Dask gives up on it (KilledWorker) and run() splits it to find the culprit.
    dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
    opts: dict[str, Any] = dict(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                dashboard_address=None, silence_logs=logging.ERROR)
    opts.update(kwargs)
    with warnings.catch_warnings():
        # the scheduler's HTTP endpoint (health checks; no dashboard) moves off a busy 8787 with a warning
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        return LocalCluster(**opts)


def _worker_version() -> str:
    from . import __version__

    return __version__


def connect(scheduler: str | Any, timeout: float = 20) -> "Client":
    """A client of a cluster (address or cluster object), its workers checked to run this
    saywho version, the model-loading plugin registered."""
    from distributed import Client

    _quiet_worker_logs()
    where = scheduler if isinstance(scheduler, str) else "the local Dask cluster"
    try:
        client = Client(scheduler, set_as_default=False, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as e:
        raise SaywhoError(f"{where}: cannot connect to the Dask scheduler ({str(e).splitlines()[0][:200]})") from None
    try:
        prepare(client, where)
    except BaseException:
        client.close()
        raise
    return client


def prepare(client: "Client", where: str = "the Dask cluster") -> None:
    """Check that every worker runs this saywho version, and have each load the model once."""
    from . import __version__

    try:
        versions = client.run(_worker_version)
    except Exception as e:  # noqa: BLE001 - e.g. saywho not installed on the workers
        raise SaywhoError(f"{where}: the workers cannot run saywho ({type(e).__name__}: "
                          f"{str(e).splitlines()[0][:200] if str(e) else ''}); install saywho {__version__} "
                          "on every worker") from None
    wrong = sorted({v for v in versions.values() if v != __version__})
    if wrong:
        raise SaywhoError(f"{where}: workers run saywho {', '.join(wrong)}, this is {__version__}; "
                          "install the same version everywhere")
    client.register_plugin(_worker_plugin())


def run(items: Iterable[Item], store: Store, *, workers: int = 1, scheduler: str | None = None,
        client: "Client | None" = None, chunk: int = DEFAULT_CHUNK, min_parallel: int = MIN_PARALLEL,
        run_options: dict[str, Any] | None = None, force: bool = False, quiet: bool = True,
        on_item: Callable[[str, Item], None] | None = None, timeout: float = 20) -> BatchReport:
    """Extract every Article of ``items`` not yet stored and store it; record every failure.

    ``items``: Articles and InputErrors, e.g. ``saywho.ingest.read_inputs(paths)``;
    consumed lazily.  ``workers`` > 1: a LocalCluster of that many processes (when
    there are at least ``min_parallel`` articles to extract, else this process).
    ``scheduler``: the address of a running Dask cluster (``client``: a connected
    one); the model loads on its workers.  ``chunk``: articles per task and per
    database transaction.  ``run_options``: the options that define "the same
    extraction" (see ``Store.start_run``); ``force`` re-extracts stored articles.
    ``quiet=False`` shows a progress bar on stderr when it is a terminal.
    ``on_item(status, item)``: called once per input (added, replaced, unchanged,
    failed).  ``timeout``: seconds to wait for the scheduler.
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    t0 = time.perf_counter()
    run_ = store.start_run(run_options or {}, source="ingest")
    report = BatchReport(run_id=run_["id"], workers=workers)
    bar = Bar("ingest", quiet=quiet)

    def note(status: str, item: Item) -> None:
        if on_item:
            on_item(status, item)

    def fail(source: str, reason: str, item: Item) -> None:
        store.add_failure(source, reason, run_["id"])
        report.failed += 1
        report.failures.append((source, reason))
        note("failed", item)
        bar.update(report, 1)

    def todo() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                fail(item.source, item.reason, item)
            # has() first: a cheap lookup, where is_current() costs more and matters only for stored ones
            elif store.has(item.hash) and store.is_current(item.hash, run_):
                if force:
                    yield item
                    continue
                report.unchanged += 1
                note("unchanged", item)
                bar.update(report, 1)
            else:
                yield item

    def write(sent: list[Article], results: list[Result]) -> None:
        """One transaction for the chunk's articles; failures recorded one by one."""
        by_source = {_source(a): a for a in sent}
        arts = [r for r in results if isinstance(r, Article)]
        if force:
            for a in arts:
                if store.has(a.hash) and store.is_current(a.hash, run_):
                    store.delete(a.hash)  # so that add_many writes it again
        for res, art in zip(store.add_many(arts, run_, batch_size=max(1, len(arts))), arts):
            setattr(report, res.status, getattr(report, res.status) + 1)
            note(res.status, art)
        bar.update(report, len(arts))
        for r in results:
            if isinstance(r, tuple):
                src, reason = r
                item = by_source.get(src)
                fail(src, reason, InputError(src, reason) if item is None else item)

    pending = todo()
    try:
        if client is None and scheduler is None and workers > 1:
            # Look ahead: small inputs are done here, without starting a cluster.
            head = list(islice(pending, min_parallel))
            rest = pending
            pending = _chain(head, rest)
            if len(head) < min_parallel:
                workers = 1
        if client is None and scheduler is None and workers == 1:
            for c in _chunks(pending, chunk):
                write(c, extract_chunk(c))
            report.mode, report.workers = "local", 1
        else:
            report.mode = "dask"
            _run_dask(pending, write, client=client, scheduler=scheduler, workers=workers, chunk=chunk,
                      report=report, timeout=timeout)
    finally:
        bar.close()
    report.seconds = time.perf_counter() - t0
    return report


def _chain(head: list[Article], rest: Iterator[Article]) -> Iterator[Article]:
    yield from head
    yield from rest


def _run_dask(pending: Iterator[Article], write: Callable[[list[Article], list[Result]], None], *,
              client: "Client | None", scheduler: str | None, workers: int, chunk: int,
              report: BatchReport, timeout: float) -> None:
    from distributed import KilledWorker, as_completed

    cluster = None
    own_client = client is None
    if client is None:
        if scheduler is None:
            cluster = local_cluster(workers)
        client = connect(scheduler if scheduler is not None else cluster, timeout=timeout)
    else:
        prepare(client)
    try:
        # a cluster of others may have any number of workers (and gain or lose some): ask it
        nworkers = workers if cluster is not None else max(1, len(client.scheduler_info()["workers"]))
        report.workers = nworkers
        limit = IN_FLIGHT_PER_WORKER * nworkers
        sent: dict[str, list[Article]] = {}
        done = as_completed(loop=client.loop)

        def submit(c: list[Article]) -> None:
            # pure=False: the same articles sent twice (a split chunk) are two tasks
            fut = client.submit(extract_chunk, c, pure=False)
            sent[fut.key] = c
            done.add(fut)

        def collect(fut: Any) -> None:
            c = sent.pop(fut.key)
            try:
                results = fut.result()
            except KilledWorker as e:
                # The chunk killed ALLOWED_FAILURES workers (out of memory, a crash in C code):
                # one task per article finds the one to blame; the rest are stored.
                fut.release()
                if len(c) > 1:
                    for a in c:
                        submit([a])
                    return
                results = [(_source(c[0]), f"extraction killed {ALLOWED_FAILURES} workers "
                            f"(out of memory or a crash): {str(e).splitlines()[0][:200]}")]
            except Exception as e:  # noqa: BLE001
                # extract_chunk catches each document's errors itself: this is the cluster
                # failing (saywho missing on a worker, a lost connection); stop with one line.
                raise SaywhoError(f"{scheduler or 'the local Dask cluster'}: a task failed: "
                                  f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}") from None
            fut.release()  # the worker may drop the result now
            write(c, results)

        for c in _chunks(pending, chunk):
            submit(c)
            while done.count() >= limit:
                collect(next(done))
        while not done.is_empty():
            collect(next(done))
        try:
            report.peak_rss_mb = {k: round(v, 1) for k, v in client.run(peak_rss_mb).items()}
        except Exception:  # noqa: BLE001 - a figure for the report, not worth failing the run for
            pass
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


def ingest(paths: Iterable[str], store: Store, *, published: str | None = None, max_chars: int | None = None,
           input_format: str | None = None, force: bool = False, **kwargs: Any) -> BatchReport:
    """:func:`run` over ``saywho.ingest.read_inputs(paths, ...)``: the same arguments and
    the same run options as ``saywho.store.ingest``, so that both count an article
    stored by the other as already stored.  ``kwargs`` go to :func:`run`."""
    from .ingest import read_inputs

    options: dict[str, Any] = {"published": published} if published else {}
    items = read_inputs(paths, published=published, max_chars=max_chars, input_format=input_format)
    return run(items, store, run_options=options, force=force, **kwargs)


def cpu_count() -> int:
    """Cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
