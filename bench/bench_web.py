"""Web speed: requests/s and latency of `saywho serve` against a baseline, at 20 clients.

Starts each server on 127.0.0.1 (loopback only) over its own store of the same
articles, warms it up, then sends a fixed mix of pages and API calls from ``--clients``
keep-alive connections until ``--requests`` requests are answered or ``--seconds``
pass, whichever is first; prints requests/s, p50 and p95 per server and the ratio
new / baseline (measured in the same run, taking turns when ``--rounds`` > 1).

The client is a minimal HTTP/1.1 keep-alive client on asyncio streams, so that the
bench process itself takes little of the machine's CPU from the servers.

    .venv/bin/python bench/bench_web.py --new-db new.db --base-root ../base --base-db base.db \\
        --workers 2 --results bench/RESULTS.md

The baseline's store must have been written by the baseline's own code (``ingest``).

``--with-ingest INPUT`` measures this checkout's server alone, twice: idle, then while a
``saywho ingest INPUT`` writes into the same store (a scratch copy of ``--new-db``, so the
store given stays as it was); the timed run starts once the ingest has stored its first
chunk, and the ingest must still be running when it ends:

    .venv/bin/python bench/bench_web.py --new-db dev.db --with-ingest train.jsonl --workers 2 \\
        --results bench/RESULTS.md
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench_web: begin -->", "<!-- bench_web: end -->"
INGEST_BEGIN, INGEST_END = "<!-- bench_web_ingest: begin -->", "<!-- bench_web_ingest: end -->"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(root: Path, db: str, port: int, workers: int | None, old_entry: bool) -> subprocess.Popen[bytes]:
    """Start one server (its own code under ``root``) and wait until it answers (at most 120 s)."""
    py = str(ROOT / ".venv" / "bin" / "python")
    if old_entry:  # the baseline's CLI entry point
        cmd = [py, "-c", "import sys; from saywho.cli import run; sys.argv[0]='saywho'; run()"]
    else:
        cmd = [py, "-m", "saywho.cli"]
    cmd += ["serve", "--db", db, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("SAYWHO_TOKEN", None)
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server in {root} exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/counts", timeout=5) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    stop(proc)
    raise SystemExit(f"server in {root} did not answer within 120 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by :func:`start` (and its workers)."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def get_json(port: int, path: str) -> object:
    """GET ``path`` as JSON (setup only, not timed)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as r:
        return json.loads(r.read())


def the_mix(port: int, n_each: int = 3) -> list[str]:
    """The fixed mix of requests, from the store's own most quoted people and newest articles."""
    people = [p["name"] for p in get_json(port, f"/api/people?limit={n_each}")["items"]]  # type: ignore[index]
    arts = [a["hash"] for a in get_json(port, f"/api/articles?limit={n_each}")["items"]]  # type: ignore[index]
    mix: list[str] = []
    for name, h in zip(people, arts):
        surname = name.split()[-1]
        mix += [
            "/", "/?" + urlencode({"q": surname}), f"/articles/{h}", "/person?" + urlencode({"name": name}),
            "/api/quotes?" + urlencode({"speaker": surname}), "/api/people", "/api/events",
            "/api/timeline?" + urlencode({"person": name}),
        ]
    return mix


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length or chunked); returns the status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


@dataclass
class Run:
    """One timed run against one server."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def rps(self) -> float:
        """Answered requests per second."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        """The ``p`` percentile latency, in milliseconds."""
        xs = sorted(self.latencies)
        return 1000 * xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")


async def load(port: int, mix: list[str], clients: int, requests: int, seconds: float) -> Run:
    """``clients`` connections sending the mix in turn, until ``requests`` or ``seconds``."""
    run = Run()
    counter = iter(range(requests))
    deadline = time.monotonic() + seconds

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for i in counter:
                if time.monotonic() > deadline:
                    return
                path = mix[i % len(mix)]
                t = time.perf_counter()
                try:
                    writer.write(f"GET {quote(path, safe='/?=&%+')} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                    await writer.drain()
                    status = await asyncio.wait_for(_read_response(reader), timeout=60)
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
                    # a dropped or stuck request is an error, not the end of the bench: reconnect
                    run.errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                if status == 200:
                    run.latencies.append(time.perf_counter() - t)
                else:
                    run.errors += 1
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    run.seconds = time.perf_counter() - t0
    return run


def measure(name: str, root: Path, db: str, workers: int | None, old: bool, a: argparse.Namespace) -> Run:
    """Start, warm up, measure, stop one server."""
    port = free_port()
    proc = start(root, db, port, workers, old)
    try:
        mix = the_mix(port)
        asyncio.run(load(port, mix, a.clients, 3 * len(mix) * max(1, workers or 1), 120))  # warm-up
        r = asyncio.run(load(port, mix, a.clients, a.requests, a.seconds))
    finally:
        stop(proc)
    print(f"{name}: {r.rps:.1f} req/s, p50 {r.pct(0.5):.0f} ms, p95 {r.pct(0.95):.0f} ms, "
          f"{len(r.latencies)} answered, {r.errors} errors, {r.seconds:.1f} s", flush=True)
    return r


def article_count(port: int) -> int:
    """The store's article count, as the server reports it."""
    counts = get_json(port, "/api/counts")
    return int(counts["articles"])  # type: ignore[index]


def scratch_copy(db: str, folder: Path) -> str:
    """A consistent copy of the SQLite store ``db`` in ``folder`` (the backup API: a WAL
    store's pages not yet checkpointed are included)."""
    import sqlite3

    dest = str(folder / "bench_web_ingest.db")
    with sqlite3.connect(db) as src, sqlite3.connect(dest) as out:
        src.backup(out)
    return dest


@dataclass
class IngestRun:
    """The timed run while an ingest writes: the load, and what the ingest did meanwhile."""

    run: Run
    stored_during: int
    still_running: bool
    ingest_failed: bool


def measure_with_ingest(db: str, source: str, a: argparse.Namespace) -> IngestRun:
    """Serve a scratch copy of ``db``; start ``saywho ingest source`` into it; once it has
    stored its first articles, time the load; then stop the ingest (the copy is dropped)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench_web_") as tmp:
        copy = scratch_copy(db, Path(tmp))
        port = free_port()
        proc = start(ROOT, copy, port, a.workers, False)
        ingest = None
        try:
            mix = the_mix(port)
            asyncio.run(load(port, mix, a.clients, 3 * len(mix) * max(1, a.workers or 1), 120))  # warm-up
            before = article_count(port)
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            ingest = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), "-m", "saywho.cli", "ingest", source,
                                       "--db", copy], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE)
            deadline = time.monotonic() + 300
            while article_count(port) == before:  # the model loads first: wait for real writes
                if ingest.poll() is not None or time.monotonic() > deadline:
                    err = ingest.stderr.read().decode()[-2000:] if ingest.stderr else ""
                    raise SystemExit(f"the ingest stored nothing (exit {ingest.poll()}): {err}")
                time.sleep(0.5)
            start_count = article_count(port)
            r = asyncio.run(load(port, mix, a.clients, a.requests, a.seconds))
            stored = article_count(port) - start_count
            running = ingest.poll() is None
            failed = not running and ingest.returncode not in (0, None)
        finally:
            if ingest is not None and ingest.poll() is None:
                ingest.terminate()
                ingest.wait(timeout=60)
            stop(proc)
    print(f"while ingesting: {r.rps:.1f} req/s, p50 {r.pct(0.5):.0f} ms, p95 {r.pct(0.95):.0f} ms, "
          f"{len(r.latencies)} answered, {r.errors} errors, {r.seconds:.1f} s; the ingest stored {stored} "
          f"articles meanwhile{'' if running else ' and had finished'}", flush=True)
    return IngestRun(r, stored, running, failed)


def main_with_ingest(a: argparse.Namespace) -> None:
    """Idle, then with an ingest writing into the same store; best of the rounds each."""
    load_before = os.getloadavg()[0]
    idle: list[Run] = []
    busy: list[IngestRun] = []
    for i in range(a.rounds):
        steps = ["idle", "ingest"] if i % 2 == 0 else ["ingest", "idle"]
        for step in steps:
            if step == "idle":
                idle.append(measure("idle", ROOT, a.new_db, a.workers, False, a))
            else:
                busy.append(measure_with_ingest(a.new_db, a.with_ingest, a))
    b = max(idle, key=lambda r: r.rps)
    n = max(busy, key=lambda r: r.run.rps)
    if a.results:
        write_ingest_results(Path(a.results), a, b, n, idle, busy, load_before)


def main() -> None:
    """Parse the options, run the rounds, print (and optionally write) the results."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--new-db", required=True, help="store written by this checkout's ingest")
    ap.add_argument("--base-root", help="checkout of the baseline commit (not with --with-ingest)")
    ap.add_argument("--base-db", help="store written by the baseline's ingest (not with --with-ingest)")
    ap.add_argument("--with-ingest", metavar="INPUT", default=None,
                    help="measure this server idle and while `saywho ingest INPUT` writes into (a copy of) its store")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=3000, help="most requests per timed run")
    ap.add_argument("--seconds", type=float, default=40.0, help="longest timed run")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--results", default=None, help="write the table into this markdown file")
    a = ap.parse_args()
    if a.with_ingest:
        main_with_ingest(a)
        return
    if not (a.base_root and a.base_db):
        ap.error("--base-root and --base-db are needed (or --with-ingest)")
    load_before = os.getloadavg()[0]
    base: list[Run] = []
    new: list[Run] = []
    for i in range(a.rounds):
        order = [("base", Path(a.base_root).resolve(), a.base_db, None, True),
                 ("new", ROOT, a.new_db, a.workers, False)]
        for name, root, db, workers, old in (order if i % 2 == 0 else order[::-1]):
            (base if name == "base" else new).append(measure(name, root, db, workers, old, a))
    b = max(base, key=lambda r: r.rps)
    n = max(new, key=lambda r: r.rps)
    ratio = n.rps / b.rps if b.rps else float("inf")
    print(f"ratio new/base: {ratio:.2f}x requests/s (goal >= 3x)")
    if a.results:
        write_results(Path(a.results), a, b, n, base, new, ratio, load_before)


def write_results(path: Path, a: argparse.Namespace, b: Run, n: Run, base: list[Run], new: list[Run],
                  ratio: float, load_before: float) -> None:
    """Put the table between this bench's markers in ``path`` (appended the first time)."""
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    medians = (f"median rounds: base {statistics.median(r.rps for r in base):.1f}, "
               f"new {statistics.median(r.rps for r in new):.1f} req/s")
    text = f"""{BEGIN}
## Web server speed (bench/bench_web.py)

Written {when}; store: the PolNeAR dev articles (84), ingested by each side's own code;
{a.clients} concurrent keep-alive clients on loopback, the same mix each run (search page empty and
with a name, article page, person page, `/api/quotes?speaker=`, `/api/people`, `/api/events`,
`/api/timeline`), at most {a.requests} requests or {a.seconds:.0f} s per run after a warm-up; best of
{a.rounds} round(s), taking turns ({medians}). Machine: {os.cpu_count()} cores ({platform.machine()}),
shared: load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after.

| server | requests/s | p50 ms | p95 ms | errors |
|---|---|---|---|---|
| baseline: the previous main, 1 process | {b.rps:.1f} | {b.pct(0.5):.0f} | {b.pct(0.95):.0f} | {b.errors} |
| `saywho serve --workers {a.workers}` | {n.rps:.1f} | {n.pct(0.5):.0f} | {n.pct(0.95):.0f} | {n.errors} |

Ratio new / baseline: **{ratio:.1f}x** requests/s (goal >= 3x: {"meets" if ratio >= 3 else "misses"}).

Where a request's time went before (measured in-process, one request at a time): each
`people()`, `quotes(speaker=)` and `timeline()` call first checked the link fingerprint (ten
whole-table counts and maxima); the search page counted every table and scanned the articles
for the outlet menu; `/api/people` built the whole people list to show 50; and turning records
into JSON (`dataclasses.asdict`, which deep-copies, then `jsonable_encoder`) took about 0.5 ms a
record, most of a list request. Now the answers are kept per process until the store changes
(the SQLite file's and its WAL's size and time; the fingerprint on PostgreSQL), records convert
field by field, the store is linked once before serving, and `--workers` runs a process per core.

Run: `.venv/bin/python bench/bench_web.py --new-db NEW.db --base-root BASE_CHECKOUT --base-db BASE.db
--workers {a.workers} --rounds {a.rounds} --results bench/RESULTS.md` (each store ingested by its own code).
{END}"""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        new_text = old[:old.index(BEGIN)] + text + old[old.index(END) + len(END):]
    else:
        new_text = old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new_text, encoding="utf-8")


def write_ingest_results(path: Path, a: argparse.Namespace, idle: Run, busy: IngestRun, idles: list[Run],
                         busies: list[IngestRun], load_before: float) -> None:
    """Put the idle / while-ingesting table between its own markers in ``path``."""
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    text = f"""{INGEST_BEGIN}
## Web server speed while an ingest writes (bench/bench_web.py --with-ingest)

Written {when}; `saywho serve --workers {a.workers}` over a store of the PolNeAR dev articles, the
mix and clients of the table above ({a.clients} keep-alive clients, at most {a.requests} requests or
{a.seconds:.0f} s per run after a warm-up), best of {a.rounds} round(s) each, taking turns: once idle,
once while `saywho ingest` of the PolNeAR train articles writes into the same SQLite store (a scratch
copy; the timed run starts once the ingest has stored its first articles). Machine:
{os.cpu_count()} cores ({platform.machine()}), shared with the ingest and other jobs: load average
{load_before:.2f} before, {os.getloadavg()[0]:.2f} after.

| server | requests/s | p50 ms | p95 ms | errors |
|---|---|---|---|---|
| idle | {idle.rps:.1f} | {idle.pct(0.5):.0f} | {idle.pct(0.95):.0f} | {idle.errors} |
| one `saywho ingest` writing | {busy.run.rps:.1f} | {busy.run.pct(0.5):.0f} | {busy.run.pct(0.95):.0f} | {busy.run.errors} |

During the timed run the ingest stored {busy.stored_during} articles and was
{"still running at its end" if busy.still_running else "finished before its end"}
(rounds: idle {", ".join(f"{r.rps:.1f}" for r in idles)} req/s; ingesting
{", ".join(f"{r.run.rps:.1f}" for r in busies)} req/s). The requests that failed while ingesting: {busy.run.errors}.

Run: `.venv/bin/python bench/bench_web.py --new-db DEV.db --with-ingest TRAIN.jsonl --workers {a.workers}
--rounds {a.rounds} --results bench/RESULTS.md`.
{INGEST_END}"""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if INGEST_BEGIN in old and INGEST_END in old:
        new_text = old[:old.index(INGEST_BEGIN)] + text + old[old.index(INGEST_END) + len(INGEST_END):]
    elif END in old:  # right after the idle comparison
        cut = old.index(END) + len(END)
        new_text = old[:cut] + "\n\n" + text + old[cut:]
    else:
        new_text = old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new_text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
