"""The indexed lookups over an article's mentions and quote spans answer exactly what the
list scans they replace answered (random mentions, many positions)."""
from __future__ import annotations

import copy
import random
import re

from saywho.quotes.marks import SpanSet
from saywho.speakers.entities import Entity
from saywho.speakers.index import MentionList, containing, salient_weights


def _scan_weights(mentions: list, pos: int, keep, here, text: str) -> tuple[dict, dict, dict]:
    """The salience scan as the resolver wrote it before the index."""
    scores: dict = {}
    counts: dict = {}
    ents: dict = {}
    for s, e, ent, subj, inq in [m for m in mentions if m[0] < pos]:
        if not keep(ent):
            continue
        w = 1.0 / (1.0 + (pos - e) / 400.0)
        if subj:
            w *= 2.0
            if not inq and not re.compile(r"\n").search(text, e, pos):
                w += 2.0
        if inq:
            w *= 1.5 if here is not None and here[0] <= s < here[1] else 0.3
        scores[ent.key] = max(scores.get(ent.key, 0.0), w)
        counts[ent.key] = counts.get(ent.key, 0) + 1
        ents[ent.key] = ent
    return scores, counts, ents


def _random_mentions(r: random.Random, n: int, ents: list[Entity], length: int) -> list:
    out = []
    for _ in range(n):
        s = r.randrange(length)
        out.append((s, s + r.randrange(1, 40), r.choice(ents), r.random() < 0.4, r.random() < 0.3))
    return out


def test_salient_weights_equal_the_scan() -> None:
    r = random.Random(3)
    length = 5000
    text = "".join("\n" if r.random() < 0.01 else "x" for _ in range(length))
    breaks = [m.start() for m in re.finditer(r"\n", text)]
    ents = [Entity(key=k, kind="person" if k % 4 else "organisation") for k in range(12)]
    plain: list = []
    ml = MentionList()
    for m in _random_mentions(r, 400, ents, length):
        plain.append(m)
        plain.sort(key=lambda x: x[0])  # what the resolver did after each append
        ml.append(m)
        assert list(ml) == plain
    for _ in range(300):
        pos = r.randrange(length + 50)
        here = (pos - r.randrange(200), pos + r.randrange(1, 200)) if r.random() < 0.5 else None
        keep = (lambda e: e.kind == "person") if r.random() < 0.7 else (lambda e: e.key % 3 != 0)
        got = salient_weights(ml, pos, keep, here, breaks)
        want = _scan_weights(plain, pos, keep, here, text)
        assert got == want
        assert list(got[0]) == list(want[0])  # the same order: ties go the same way


def test_containing_and_copies() -> None:
    r = random.Random(5)
    ents = [Entity(key=k, kind="person") for k in range(6)]
    ml = MentionList(_random_mentions(r, 300, ents, 3000))
    plain = sorted(ml, key=lambda m: m[0])
    for i in range(0, 3100, 7):
        assert containing(ml, i) == next((m for m in plain if m[0] <= i < m[1]), None)
    twin = copy.deepcopy(ml)
    assert list(twin) == list(ml) and twin.by_key.keys() == ml.by_key.keys()
    twin.append((10, 12, twin[0][2], False, False))
    assert len(twin) == len(ml) + 1  # the copy's index is its own


def test_spanset_overlapping_equals_the_scan() -> None:
    r = random.Random(9)
    spans = [(s, s + r.randrange(1, 300)) for s in (r.randrange(4000) for _ in range(200))]
    ss = SpanSet(spans)
    for _ in range(500):
        s = r.randrange(4200)
        e = s + r.randrange(1, 200)
        assert sorted(ss.overlapping(s, e)) == sorted(sp for sp in spans if sp[0] < e and s < sp[1])
