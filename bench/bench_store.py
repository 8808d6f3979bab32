"""Store benchmark: load synthetic quotes, then time the queries people ask.

    .venv/bin/python bench/bench_store.py                        # 100,000 quotes, SQLite
    .venv/bin/python bench/bench_store.py --pg postgresql://saywho@127.0.0.1:5432/bench
    .venv/bin/python bench/bench_store.py --quotes 5000          # quick

Prints load time and p50/p95 latency of (a) full-text search (one or two words, a
page of 50) and (b) speaker + since-date (a page of 50), on each backend, and the
ratio against a baseline in the same run: the same filter by a LIKE scan over the
quote text / speaker name (what a store without FTS and person index would do).
Goal (issue 4): p95 < 50 ms on SQLite at 100,000 quotes.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from saywho.model import Article, Person, Quote, Speaker  # noqa: E402
from saywho.store import Store  # noqa: E402

WORDS = ("tariff trade border economy growth deal summit lines red minister election budget tax health "
         "school climate energy defence security migration housing police court vote reform union strike "
         "inflation rates bank market jobs wages rail road water farm food war peace talks treaty").split()
FILLER = "the a of to and in that is was for on with we will not our it be this they have".split()


def synthetic(n_quotes: int, per_article: int, seed: int = 7) -> list[Article]:
    rnd = random.Random(seed)
    speakers = [f"Speaker{i} Surname{i}" for i in range(500)]
    arts = []
    for i in range(0, n_quotes, per_article):
        parts, quotes, people = [], [], {}
        pos = 0
        for _ in range(min(per_article, n_quotes - i)):
            words = [rnd.choice(WORDS) if rnd.random() < 0.3 else rnd.choice(FILLER) for _ in range(rnd.randint(8, 25))]
            body = '"' + " ".join(words) + '"'
            who = speakers[int(rnd.paretovariate(1.2)) % len(speakers)]
            sent = f"{body} {who} said. "
            quotes.append(Quote(pos, pos + len(body), body, rnd.choice(["direct", "mixed", "indirect"]),  # type: ignore[arg-type]
                                Speaker(who, who, pos + len(body) + 1, pos + len(body) + 1 + len(who)), cue="said"))
            people.setdefault(who, Person(who)).mentions.append((pos + len(body) + 1, pos + len(body) + 1 + len(who)))
            parts.append(sent)
            pos += len(sent)
        day = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        arts.append(Article(id=f"b{i}", text="".join(parts), published=day, outlet=rnd.choice(["bbc", "ft", "gn"]),
                            quotes=quotes, people=list(people.values())))
    return arts


def timed(fn: Callable[[], object], n: int) -> tuple[float, float]:
    ts = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1000)
    ts.sort()
    return statistics.median(ts), ts[min(len(ts) - 1, int(round(0.95 * len(ts))) - 1)]


def bench(label: str, url: str, arts: list[Article], n_queries: int) -> None:
    st = Store(url)
    t0 = time.perf_counter()
    st.add_many(arts, batch_size=200)
    load = time.perf_counter() - t0
    c = st.counts()
    print(f"\n== {label}: {c['quotes']:,} quotes in {c['articles']:,} articles, loaded in {load:.1f} s "
          f"({c['quotes'] / load:,.0f} quotes/s)")
    rnd = random.Random(1)
    fts_q = [" ".join(rnd.sample(WORDS, rnd.choice([1, 2]))) for _ in range(n_queries)]
    spk_q = [(f"Speaker{int(rnd.paretovariate(1.2)) % 500} Surname", f"2024-{rnd.randint(1, 12):02d}-01")
             for _ in range(n_queries)]
    it_f, it_s = iter(fts_q * 3), iter(spk_q * 3)

    def fts() -> object:
        return st.quotes(search=next(it_f), limit=50)

    def spk() -> object:
        name, since = next(it_s)
        return st.quotes(speaker=name, since=since, limit=50)

    like_sql = text("SELECT q.id FROM quotes q JOIN articles a ON a.hash = q.article_hash WHERE "
                    + " AND ".join(f"lower(q.text) LIKE :w{i}" for i in range(2))
                    + " ORDER BY q.published DESC, q.article_hash, q.start LIMIT 50")
    spk_sql = text("SELECT q.id FROM quotes q JOIN articles a ON a.hash = q.article_hash WHERE "
                   "lower(q.speaker_name) LIKE :s AND a.published >= :d "
                   "ORDER BY q.published DESC, q.article_hash, q.start LIMIT 50")

    def fts_base() -> object:
        ws = next(it_f).split()
        ws = (ws + ws)[:2]
        with st.engine.connect() as conn:
            return conn.execute(like_sql, {"w0": f"%{ws[0]}%", "w1": f"%{ws[1]}%"}).all()

    def spk_base() -> object:
        name, since = next(it_s)
        with st.engine.connect() as conn:
            return conn.execute(spk_sql, {"s": f"%{name.lower()}%", "d": since}).all()

    for name, fn, base in (("FTS (page of 50)", fts, fts_base), ("speaker+since (page of 50)", spk, spk_base)):
        fn()  # warm the caches
        p50, p95 = timed(fn, n_queries)
        b50, b95 = timed(base, max(10, n_queries // 5))
        print(f"   {name:<28} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms   | LIKE-scan baseline p50 {b50:6.1f} ms "
              f"p95 {b95:6.1f} ms  -> {b50 / p50:5.1f}x faster at p50")
    st.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--per-article", type=int, default=10)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--pg", default=os.environ.get("SAYWHO_BENCH_PG_URL"),
                    help="PostgreSQL URL of an EMPTY database (default: $SAYWHO_BENCH_PG_URL; none: SQLite only)")
    a = ap.parse_args()
    arts = synthetic(a.quotes, a.per_article)
    with tempfile.TemporaryDirectory() as d:
        bench("SQLite", f"sqlite:///{d}/bench.db", arts, a.queries)
    if a.pg:
        bench("PostgreSQL", a.pg, arts, a.queries)


if __name__ == "__main__":
    main()
