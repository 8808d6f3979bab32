"""Indexes over the resolver's mentions, so that a lookup at one position costs the
people it weighs, not every mention before it (a list scan per pronoun made stage 4
quadratic in the article's length).

``MentionList`` is the resolver's ``mentions``: a list always in text order (a mention
added out of order goes where a stable sort by start would put it, so sorting it again
changes nothing) that keeps, per entity, its mentions sorted by (start, order added).
The answers built on it (``salient_scores``, ``ranker_facts``, ``first_containing``)
are exactly those of the list scans they replace; where an assumption they need does
not hold (two entities sharing a key, a mention longer than the salience decay's
400 characters) they return None and the caller scans as before.
"""
from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, SupportsIndex

if TYPE_CHECKING:
    from .entities import Entity

Mention = tuple[int, int, "Entity", bool, bool]  # (start, end, entity, is a subject, inside a quote)
#: The salience weight 1 / (1 + dist / 400) grows with a mention's end only while the
#: mention ends less than 400 characters after the position asked about.
_DECAY = 400


class EntityMentions:
    """One entity's mentions, sorted by (start, order added); per kind of mention
    (subject or not, inside a quote or not) the (start, order) keys and the ends."""

    __slots__ = ("ent", "keys", "items", "class_keys", "class_ends", "maxlen")

    def __init__(self, ent: "Entity") -> None:
        self.ent = ent
        self.keys: list[tuple[int, int]] = []
        self.items: list[Mention] = []
        self.class_keys: list[list[tuple[int, int]]] = [[], [], [], []]
        self.class_ends: list[list[int]] = [[], [], [], []]
        self.maxlen = 0

    def add(self, m: Mention, seq: int) -> None:
        """Insert ``m``, added ``seq``-th, in (start, order) order."""
        key = (m[0], seq)
        j = bisect.bisect_right(self.keys, key)
        self.keys.insert(j, key)
        self.items.insert(j, m)
        c = 2 * bool(m[3]) + bool(m[4])
        j = bisect.bisect_right(self.class_keys[c], key)
        self.class_keys[c].insert(j, key)
        self.class_ends[c].insert(j, m[1])
        self.maxlen = max(self.maxlen, m[1] - m[0])

    def before(self, pos: int) -> int:
        """How many of the mentions start before ``pos``."""
        return bisect.bisect_left(self.keys, (pos, -1))

    def last_end(self, c: int, lo: int | None, hi: int) -> int | None:
        """The furthest end among the class-``c`` mentions starting in [lo, hi)."""
        keys, ends = self.class_keys[c], self.class_ends[c]
        j = bisect.bisect_left(keys, (hi, -1)) - 1
        stop = bisect.bisect_left(keys, (lo, -1)) if lo is not None else 0
        best: int | None = None
        # an earlier start can still end later, but never more than maxlen after its start
        while j >= stop and (best is None or keys[j][0] + self.maxlen > best):
            if best is None or ends[j] > best:
                best = ends[j]
            j -= 1
        return best


class MentionList(list):  # type: ignore[type-arg]
    """The resolver's mentions in text order, indexed by entity as they are added."""

    def __init__(self, items: Iterable[Mention] = ()) -> None:
        super().__init__()
        self._reset()
        for m in items:
            self.append(m)

    def _reset(self) -> None:
        self.by_key: dict[int, EntityMentions] = {}
        self.seq = 0
        self.maxlen = 0
        #: two entities share a key: the indexed answers would merge them as the scans
        #: do not always (the scans keep the last one): callers fall back to scanning
        self.key_clash = False

    def append(self, m: Mention) -> None:
        """Add ``m`` where a stable sort by start would put it (after equal starts)."""
        j = len(self)
        if j and self[j - 1][0] > m[0]:
            j = bisect.bisect_right(self, m[0], key=lambda x: x[0])
        super().insert(j, m)
        em = self.by_key.get(m[2].key)
        if em is None:
            em = self.by_key[m[2].key] = EntityMentions(m[2])
        elif em.ent is not m[2]:
            self.key_clash = True
        em.add(m, self.seq)
        self.seq += 1
        self.maxlen = max(self.maxlen, m[1] - m[0])

    def extend(self, items: Iterable[Mention]) -> None:
        """Append each of ``items``."""
        for m in items:
            self.append(m)

    def sort(self, *, key: Any = None, reverse: bool = False) -> None:
        """A no-op: the list is always in text order, ties in the order added, which is
        what the callers' stable sort by start gives (only that sort is supported)."""
        if reverse:
            raise ValueError("MentionList stays in text order")

    def _unsupported(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("MentionList only grows with append (its indexes follow it)")

    insert = __setitem__ = __delitem__ = remove = pop = clear = reverse = __iadd__ = _unsupported  # type: ignore[assignment]

    def __copy__(self) -> "MentionList":
        return MentionList(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> "MentionList":
        return MentionList(copy.deepcopy(m, memo) for m in self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (MentionList, (list(self),))

    def usable(self) -> bool:
        """The indexed answers equal the scans' (see the module's docstring)."""
        return not self.key_clash and self.maxlen < _DECAY - 1

    def first_containing(self, i: int) -> Mention | None:
        """The first mention (in list order) with start <= i < end."""
        j = bisect.bisect_right(self, i, key=lambda x: x[0]) - 1
        got = None
        while j >= 0 and self[j][0] + self.maxlen > i:
            if self[j][1] > i:
                got = self[j]
            j -= 1
        return got


def containing(mentions: list[Mention], i: int) -> Mention | None:
    """The first mention (in list order) holding offset ``i``: indexed on a MentionList."""
    if isinstance(mentions, MentionList):
        return mentions.first_containing(i)
    return next((m for m in mentions if m[0] <= i < m[1]), None)


def breaks_between(breaks: list[int], e: int, pos: int) -> bool:
    """A line break at an offset in [e, pos) (``breaks`` sorted)."""
    j = bisect.bisect_left(breaks, e)
    return j < len(breaks) and breaks[j] < pos


def salient_weights(ml: MentionList, pos: int, keep: "Callable[[Entity], bool]", here: tuple[int, int] | None,
                    breaks: list[int]) -> tuple[dict[int, float], dict[int, int], dict[int, "Entity"]]:
    """The salience scan's (strongest weight, count, entity) per entity key, from the index.

    Per kind of mention the weight only grows with the mention's end, so the strongest
    mention of an entity is, per kind, the one ending last before ``pos``; the dicts are
    filled in the order of each entity's first mention, as the scan fills them."""
    found = []
    for em in ml.by_key.values():
        if not keep(em.ent):
            continue
        n = em.before(pos)
        if n:
            found.append((em.keys[0], em, n))
    found.sort(key=lambda x: x[0])
    scores: dict[int, float] = {}
    counts: dict[int, int] = {}
    ents: dict[int, Entity] = {}
    for _, em, n in found:
        best: float | None = None
        for c in range(4):
            subj, inq = c >= 2, c % 2 == 1
            if not inq:
                ranges: list[tuple[int | None, int, float]] = [(None, pos, 1.0)]
            elif here is not None:
                ranges = [(here[0], pos, 1.5), (None, here[0], 0.3)]
            else:
                ranges = [(None, pos, 0.3)]
            for lo, hi, factor in ranges:
                e = em.last_end(c, lo, hi)
                if e is None:
                    continue
                # the same arithmetic as the scan, step for step (equal floats)
                w = 1.0 / (1.0 + (pos - e) / 400.0)
                if subj:
                    w *= 2.0
                    if not inq and not breaks_between(breaks, e, pos):
                        w += 2.0
                if inq:
                    w *= factor
                best = w if best is None else max(best, w)
        key = em.ent.key
        scores[key] = best  # type: ignore[assignment]
        counts[key] = n
        ents[key] = em.ent
    return scores, counts, ents
