#!/usr/bin/env python
"""Run event extraction over PolNeAR dev and write every event found, with a sample marked for judging by reading.

    .venv/bin/python scripts/events_polnear.py                       # 84 dev articles, sample of 30
    .venv/bin/python scripts/events_polnear.py --sample 30 --seed 5 -o eval/events_sample.jsonl

Writes one row per event found (``"sampled": true`` on the random sample of
``--sample`` drawn with ``--seed``) and prints (stderr: progress; stdout: figures)
how many events saywho finds, by type, and, when the sampled rows already hold
verdicts, the precision of the judged sample.
Verdicts are kept across runs: a row whose (article id, evidence) is already in
the file keeps its ``verdict`` and ``reason``.

PolNeAR texts are copyrighted news: the sample keeps only a short snippet (under
200 characters) around each trigger, enough to check the judgement, with offsets
into the article.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "evaldata" / "polnear-dev.jsonl"


def snippet(text: str, start: int, end: int, limit: int = 190) -> str:
    s = " ".join(text[start:end].split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("-o", "--output", type=Path, default=HERE.parent / "eval" / "events_sample.jsonl")
    args = ap.parse_args(argv)

    from saywho.model import Article
    from saywho.pipeline import extract_articles

    if not args.data.exists():
        print(f"error: {args.data}: not found", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    articles = (Article(id=r["id"], text=r["text"], published=r.get("published"), title=r.get("title")) for r in rows)
    found = []
    per_type: dict[str, int] = {}
    for n, art in enumerate(extract_articles(articles, batch_size=8), 1):
        print(f"\r{n}/{len(rows)} articles", end="", file=sys.stderr)
        for ev in art.events:
            per_type[ev.type] = per_type.get(ev.type, 0) + 1
            found.append((art, ev))
    print(file=sys.stderr)

    old: dict[tuple[str, str], dict] = {}
    if args.output.exists():
        for line in args.output.open(encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                old[(r["article"], json.dumps(r["evidence"]))] = r
    found.sort(key=lambda x: (x[0].id, x[1].evidence[0][0] if x[1].evidence else 0))
    rng = random.Random(args.seed)
    sampled = set(rng.sample(range(len(found)), min(args.sample, len(found))))
    out = []
    for k, (art, ev) in enumerate(found):
        evidence = [list(e) for e in ev.evidence]
        prev = old.get((art.id, json.dumps(evidence)), {})
        out.append({
            "article": art.id,
            "published": art.published,
            "type": ev.type,
            "participants": ev.participants,
            "date": ev.date,
            "date_text": ev.date_text,
            "duration_minutes": ev.duration_minutes,
            "topics": ev.topics,
            "not_discussed": ev.not_discussed,
            "confidence": ev.confidence,
            "evidence": evidence,
            "snippets": [snippet(art.text, s, e) for s, e in ev.evidence[:3]],
            "sampled": k in sampled,
            "verdict": prev.get("verdict") if k in sampled else None,
            "reason": prev.get("reason") if k in sampled else None,
        })
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    judged = [r for r in out if r["verdict"] in ("correct", "incorrect", "wrong")]
    print(f"articles: {len(rows)}  events: {len(found)}  by type: {json.dumps(per_type, sort_keys=True)}")
    print(f"articles with events: {len({a.id for a, _ in found})}")
    if judged:
        ok = sum(r["verdict"] == "correct" for r in judged)
        print(f"judged sample: {ok}/{len(judged)} correct  precision {ok / len(judged):.2f}")
    print(f"sample written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
