"""The same quotation reported by several articles: one statement, several sources.

Quotes join when they have the same speaker identity and the same words: after
folding case, quotation marks and punctuation, rapidfuzz's ratio is at least 90, or
(for a shorter excerpt of a longer quotation, of five words or more) every word of the
shorter is in the longer in the same order-insensitive sense of ``token_set_ratio``.
The scores of one speaker's quotes are computed at once (``rapidfuzz.process.cdist``)
and the statements are the connected components of the "same words" graph.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from .names import fold

THRESHOLD = 90
MIN_EXCERPT_WORDS = 5


@dataclass(frozen=True)
class QuoteRow:
    id: int
    identity: int | None
    text: str


def norm_text(s: str) -> str:
    """Words only: quotation marks, punctuation, case and accents do not make a new statement."""
    return " ".join(re.findall(r"[^\W_]+", fold(s)))


def same_words(a: str, b: str) -> bool:
    """Two normalised quotations are one statement's words (see the module's docstring)."""
    if a == b:
        return True
    if fuzz.ratio(a, b) >= THRESHOLD:
        return True
    if min(a.count(" "), b.count(" ")) + 1 >= MIN_EXCERPT_WORDS:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        # A contiguous excerpt: its words appear in the longer quotation as one run.
        if short in long_ or fuzz.partial_ratio(short, long_) >= 95:
            return True
    return False


#: Rows of the score matrix computed at a time: a prolific speaker's n quotes would
#: otherwise need an n x n matrix at once (20,000 quotes: 3 GB).
BLOCK = 256


def _same_pairs(normed: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i < j, ``normed[i]`` not empty) for which :func:`same_words` holds.

    The scores come from ``rapidfuzz.process.cdist``, a block of rows at a time, in
    float64 and with the thresholds as ``score_cutoff`` (a score under it reads 0, one at
    or above it is exact): the same decisions as one call per pair, faster."""
    n = len(normed)
    words = [s.count(" ") + 1 for s in normed]
    # partial_ratio only matters between quotations of MIN_EXCERPT_WORDS words or more.
    long_idx = [k for k in range(n) if words[k] >= MIN_EXCERPT_WORDS]
    pos = {k: x for x, k in enumerate(long_idx)}
    long_texts = [normed[k] for k in long_idx]
    pairs = []
    for lo in range(0, n - 1, BLOCK):
        rows = range(lo, min(lo + BLOCK, n))
        ratio = process.cdist(normed[lo:rows.stop], normed[lo:], scorer=fuzz.ratio, dtype=np.float64,
                              score_cutoff=THRESHOLD)
        # partial_ratio between this block's long quotations (rows) and the long ones at or
        # after the block (columns): the needle is the shorter, so both directions are kept.
        block_long = [k for k in rows if k in pos]
        off = bisect.bisect_left(long_idx, lo)
        needles = [normed[k] for k in block_long]
        later = long_texts[off:]
        partial = process.cdist(needles, later, scorer=fuzz.partial_ratio, dtype=np.float64,
                                score_cutoff=95) if needles else None
        partial_t = process.cdist(later, needles, scorer=fuzz.partial_ratio, dtype=np.float64,
                                  score_cutoff=95) if needles else None
        brow = {k: x for x, k in enumerate(block_long)}
        for i in rows:
            a = normed[i]
            if not a:
                continue
            for j in range(i + 1, n):
                b = normed[j]
                if a == b or ratio[i - lo, j - lo] >= THRESHOLD:
                    pairs.append((i, j))
                elif partial is not None and partial_t is not None and i in brow and j in pos:
                    # As same_words: the shorter one (the first when of equal length) is the needle.
                    if len(a) <= len(b):
                        hit = a in b or partial[brow[i], pos[j] - off] >= 95
                    else:
                        hit = b in a or partial_t[pos[j] - off, brow[i]] >= 95
                    if hit:
                        pairs.append((i, j))
    return pairs


def group(quotes: Iterable[QuoteRow]) -> list[list[int]]:
    """Quote ids grouped into statements (every quote is in exactly one group)."""
    by_speaker: dict[int | None, list[QuoteRow]] = defaultdict(list)
    for q in quotes:
        by_speaker[q.identity].append(q)
    out: list[list[int]] = []
    for ident, qs in by_speaker.items():
        if ident is None:  # no speaker: nobody to say two outlets quote the same person
            out += [[q.id] for q in qs]
            continue
        graph = nx.Graph()
        graph.add_nodes_from(range(len(qs)))
        graph.add_edges_from(_same_pairs([norm_text(q.text) for q in qs]))
        out += [sorted(qs[i].id for i in comp) for comp in nx.connected_components(graph)]
    return sorted(out)
