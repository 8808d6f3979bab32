"""The extraction step on a Dask cluster: a LocalCluster of this machine's cores or a
running cluster.  ``distributed`` is imported only here, and only when a cluster is used.

- Each worker process has one thread and loads the spaCy model once (a worker plugin;
  ``saywho.nlp.load()`` is cached per process) and runs :func:`extract_chunk`.
- Never more than a few chunks per worker are in flight, so a corpus of any size
  streams through in bounded memory.
- Results come back here, where the run stores them: a worker that dies mid-chunk
  loses nothing (Dask runs the chunk again on another worker) and duplicates nothing
  (its half-done work never reached the database).
"""
from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import SaywhoError
from ..model import Article
from .extract import Result, extract_chunk, peak_rss_mb, source_of
from .report import RunReport

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

#: Chunks in flight per worker: one running, one queued so the worker never waits.
IN_FLIGHT_PER_WORKER = 2
#: How often Dask re-runs a chunk whose worker died before calling it a failure
#: (``distributed.scheduler.allowed-failures``); a chunk that still fails is then
#: split and its articles tried one by one, so only a document that kills its
#: worker every time is recorded as a failure.
ALLOWED_FAILURES = 3

_WARM_UP = ('"We will not raise taxes," the minister, Ann Lee, said on Monday after meeting union leaders.\n'
            'Lee told reporters the plan was fair.\n')


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _load_model() -> None:
    """Load the model and run one tiny extraction: the first one imports the later stages
    (dates, events) and fills caches, a second or more that should not land in a task."""
    from ..pipeline import extract

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


def local_cluster(workers: int, **kwargs: Any) -> Any:
    """A Dask LocalCluster of ``workers`` processes, one thread each, on 127.0.0.1 only,
    no dashboard, Dask's log lines silenced except errors."""
    import dask
    from distributed import LocalCluster

    _quiet_worker_logs()
    # A worker killed while running a chunk makes the chunk "suspicious"; after this many
    # deaths Dask gives up on it (KilledWorker) and the run splits it to find the culprit.
    dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
    opts: dict[str, Any] = dict(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                dashboard_address=None, silence_logs=logging.ERROR)
    opts.update(kwargs)
    with warnings.catch_warnings():
        # the scheduler's HTTP endpoint (health checks; no dashboard) moves off a busy 8787 with a warning
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        return LocalCluster(**opts)


def _worker_version() -> str:
    from ..version import __version__

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
    from ..version import __version__

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


def dask_results(pending: Iterator[Article], *, client: "Client | None", scheduler: str | None, workers: int,
                 chunk: int, report: RunReport, timeout: float) -> Iterator[tuple[list[Article], list[Result]]]:
    """Each chunk of ``pending`` with its results, extracted on the cluster, in the order
    they finish.  A cluster is started (``workers`` processes) unless a ``client`` or a
    ``scheduler`` address is given; one started here is closed here."""
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
        yield from _stream(client, pending, chunk, IN_FLIGHT_PER_WORKER * nworkers, scheduler)
        try:
            report.peak_rss_mb = {k: round(v, 1) for k, v in client.run(peak_rss_mb).items()}
        except Exception:  # noqa: BLE001 - a figure for the report, not worth failing the run for
            pass
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


def _stream(client: "Client", pending: Iterator[Article], chunk: int, limit: int,
            scheduler: str | None) -> Iterator[tuple[list[Article], list[Result]]]:
    """Submit chunks, at most ``limit`` in flight, and yield each finished one."""
    from distributed import KilledWorker, as_completed

    sent: dict[str, list[Article]] = {}
    done = as_completed(loop=client.loop)

    def submit(c: list[Article]) -> None:
        # pure=False: the same articles sent twice (a split chunk) are two tasks
        fut = client.submit(extract_chunk, c, pure=False)
        sent[fut.key] = c
        done.add(fut)

    def collect(fut: Any) -> tuple[list[Article], list[Result]] | None:
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
                return None
            results = [(source_of(c[0]), f"extraction killed {ALLOWED_FAILURES} workers "
                        f"(out of memory or a crash): {str(e).splitlines()[0][:200]}")]
        except Exception as e:  # noqa: BLE001
            # extract_chunk catches each document's errors itself: this is the cluster
            # failing (saywho missing on a worker, a lost connection); stop with one line.
            raise SaywhoError(f"{scheduler or 'the local Dask cluster'}: a task failed: "
                              f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}") from None
        fut.release()  # the worker may drop the result now
        return c, results

    for c in chunks(pending, chunk):
        submit(c)
        while done.count() >= limit:
            if (got := collect(next(done))) is not None:
                yield got
    while not done.is_empty():
        if (got := collect(next(done))) is not None:
            yield got
