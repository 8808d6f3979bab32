"""Across articles on the two seed articles, extracted for real: the Starmer–Trump timeline
lists the September 2024 dinner, the 6 November 2024 call and the 26 January 2025 call
in that order, each with its source; the source report covers both articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import saywho
from saywho.model import Article
from saywho.store import Store

ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "articles.jsonl"


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    if not ARTICLES.exists():
        pytest.fail(f"seed articles missing: {ARTICLES}")
    items = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(saywho.extract_many(items))


def test_seed_timeline_starmer_trump(store: Store, seeds: list[Article]) -> None:
    store.add_many(seeds)
    events = [i for i in store.timeline("Keir Starmer", "Donald Trump") if i.kind == "event"]
    got = [(i.type, (i.date or "")[:7 if i.type == "meeting" else 10]) for i in events]
    assert got == [("meeting", "2024-09"), ("call", "2024-11-06"), ("call", "2025-01-26")]
    hashes = {a.hash for a in seeds}
    assert all(i.sources and {s.article_hash for s in i.sources} <= hashes for i in events)
    # "Starmer" and "Trump" alone find the same engagements (one identity each).
    assert [i.event_ids for i in store.timeline("Starmer", "Trump") if i.kind == "event"] == \
        [i.event_ids for i in events]


def test_seed_source_report(store: Store, seeds: list[Article]) -> None:
    store.add_many(seeds)
    rows = store.source_report(by="all", top=50)
    assert sum(r.quotes for r in rows) == sum(len(a.quotes) for a in seeds)
    people = {r.speaker for r in rows if r.kind == "person"}
    assert {"Keir Starmer", "Donald Trump"} <= people
