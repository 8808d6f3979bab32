"""Near-duplicate articles and stories.

- Near-duplicates (wire copy republished by many sites): MinHash of word 5-shingles,
  joined through datasketch's LSH at estimated Jaccard >= 0.8, then checked on the
  MinHash estimate itself.
- Stories: articles about the same happening.  Two articles are in one story when they
  are near-duplicates, or report the same engagement (same kind, the same participant
  identities, overlapping dates), or carry the same statement, and were published
  within a week of each other.  Each link keeps its reason, so a story says why.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from datasketch import MinHash, MinHashLSH

from .names import fold

SHINGLE = 5
NUM_PERM = 128
DUPLICATE_THRESHOLD = 0.8
WINDOW_DAYS = 7


@dataclass(frozen=True)
class Doc:
    hash: str
    text: str
    published: str | None = None


@dataclass(frozen=True)
class EventKey:
    """An engagement as reported by one article."""

    event_id: int
    article_hash: str
    type: str
    participants: frozenset[int]  # identity indexes
    date_from: str | None
    date_to: str | None
    dated: bool  # the article gave a date (not just its publication date)


@dataclass
class Grouping:
    duplicate_of: dict[str, str]  # article hash -> representative of its near-duplicate group
    stories: list[list[str]]  # article hashes, two or more per story
    reasons: dict[frozenset[str], list[str]] = field(default_factory=dict)  # per story (its hashes)
    engagements: list[list[int]] = field(default_factory=list)  # event ids told as one engagement


def minhash(text: str) -> MinHash:
    words = re.findall(r"[^\W_]+", fold(text))
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def _day(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((s or "")[:10])
    except ValueError:
        return None


def near(a: str | None, b: str | None, days: int = WINDOW_DAYS) -> bool:
    """Published within ``days`` of each other (unknown dates do not keep articles apart)."""
    da, db = _day(a), _day(b)
    return da is None or db is None or abs((da - db).days) <= days


def _components(nodes: Sequence[Any], edges: Sequence[tuple[Any, Any]]) -> list[set[Any]]:
    """The connected components of the graph (every node in one, alone if it has no edge)."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return list(nx.connected_components(graph))


def duplicates(docs: Sequence[Doc]) -> tuple[dict[str, str], dict[tuple[str, str], float]]:
    """Near-duplicate groups: article -> representative (earliest published, then hash), and
    the estimated similarity of each joined pair."""
    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    mhs = {}
    for d in docs:
        mhs[d.hash] = minhash(d.text)
        lsh.insert(d.hash, mhs[d.hash])
    sims: dict[tuple[str, str], float] = {}
    for d in docs:
        for other in lsh.query(mhs[d.hash]):
            if other != d.hash:
                j = mhs[d.hash].jaccard(mhs[other])
                if j >= DUPLICATE_THRESHOLD:
                    sims[tuple(sorted((d.hash, other)))] = j  # type: ignore[index]
    order = {d.hash: ((d.published or "9999"), d.hash) for d in docs}
    rep = {}
    for members in _components([d.hash for d in docs], list(sims)):
        first = min(members, key=lambda h: order[h])
        for h in members:
            rep[h] = first
    return rep, sims


def same_engagement(a: EventKey, b: EventKey) -> bool:
    if a.type != b.type or a.participants != b.participants or len(a.participants) < 2:
        return False
    if a.dated and b.dated and a.date_from and b.date_from and a.date_to and b.date_to:
        return a.date_from <= b.date_to and b.date_from <= a.date_to
    # One of them undated: the same engagement if reported within the window.
    return near(a.date_from, b.date_from)


def group(docs: Sequence[Doc], events: Sequence[EventKey] = (),
          shared_statements: Sequence[tuple[str, str, str]] = (), names: Sequence[str] = ()) -> Grouping:
    """Near-duplicates, engagements and stories.  ``shared_statements``: (hash_a, hash_b,
    speaker) for two articles quoting one statement; ``names``: identity index -> name."""
    published = {d.hash: d.published for d in docs}
    rep, sims = duplicates(docs)
    story_edges: list[tuple[str, str]] = []
    why: dict[tuple[str, str], str] = {}

    def link(a: str, b: str, reason: str) -> None:
        if a != b and near(published.get(a), published.get(b)):
            story_edges.append((a, b))
            why.setdefault(tuple(sorted((a, b))), reason)  # type: ignore[arg-type]

    for (a, b), j in sims.items():
        link(a, b, f"near-duplicate text (similarity {j:.2f})")
    # Engagements: events of different articles that are one call/meeting.
    evs = list(events)
    same_events: list[tuple[int, int]] = []
    by_sig: dict[tuple[str, frozenset[int]], list[EventKey]] = defaultdict(list)
    for e in evs:
        by_sig[(e.type, e.participants)].append(e)
    for (typ, parts), es in by_sig.items():
        for i, x in enumerate(es):
            for y in es[i + 1:]:
                if same_engagement(x, y):
                    same_events.append((x.event_id, y.event_id))
                    if x.article_hash != y.article_hash:
                        who = " & ".join(sorted(names[p] for p in parts)) if names else ""
                        when = x.date_from if x.dated else (y.date_from if y.dated else None)
                        link(x.article_hash, y.article_hash,
                             f"same {typ}: {who}" + (f" ({when})" if when else ""))
    for a, b, speaker in shared_statements:
        link(a, b, f"same statement by {speaker}")
    eng = _components([e.event_id for e in evs], same_events)
    groups = _components([d.hash for d in docs], story_edges)
    stories = sorted((sorted(g, key=lambda h: ((published.get(h) or "9999"), h))
                      for g in groups if len(g) > 1), key=lambda g: ((published.get(g[0]) or "9999"), g[0]))
    reasons = {}
    for g in stories:
        s = set(g)
        reasons[frozenset(g)] = sorted({r for (a, b), r in why.items() if a in s and b in s})
    return Grouping(rep, stories, reasons, sorted(sorted(v) for v in eng))


def story_id(hashes: Sequence[str]) -> str:
    """A story's id: stable while its articles stay the same."""
    return hashlib.sha1(" ".join(sorted(hashes)).encode()).hexdigest()[:12]
