"""The same quotation reported by several articles: one statement, several sources.

Quotes join when they have the same speaker identity and the same words: after
folding case, quotation marks and punctuation, rapidfuzz's ratio is at least 90, or
(for a shorter excerpt of a longer quotation, of five words or more) every word of the
shorter is in the longer in the same order-insensitive sense of ``token_set_ratio``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

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
        normed = [norm_text(q.text) for q in qs]
        parent = list(range(len(qs)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(qs)):
            for j in range(i + 1, len(qs)):
                if find(i) != find(j) and normed[i] and same_words(normed[i], normed[j]):
                    parent[find(j)] = find(i)
        groups: dict[int, list[int]] = defaultdict(list)
        for i, q in enumerate(qs):
            groups[find(i)].append(q.id)
        out += [sorted(g) for g in groups.values()]
    return sorted(out)
