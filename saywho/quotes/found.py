"""The working record of stage 3, and the bookkeeping on the list of records.

``Found`` is what every step of the cascade reads and fills in.  The functions
here work on the list alone, without the parse: parent indices after a filter or
a sort, and step 8 (carry-over of a speaker to the next quote).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Quote


#: The note on a quote that is the answer of a printed interview (step 4c).
INTERVIEW_ANSWER = "interview answer"
#: The note on a turn of a transcript (step 4b).
TRANSCRIPT_TURN = "transcript turn"


@dataclass
class Found:
    """A quotation found in the text, before its speaker is resolved to a person."""

    start: int
    end: int
    type: str
    para: int
    open_mark: int | None = None
    close_mark: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    #: surface mention of the speaker (character span), None if not found here
    mention: tuple[int, int] | None = None
    #: token index of the mention's head
    mention_head: int | None = None
    venue: str | None = None
    addressee: str | None = None
    date_text: str | None = None
    #: index of the enclosing quote in the result list
    parent: int | None = None
    #: True when the speaker comes from the quote before it
    carried: bool = False
    #: the name written in a social-media signature
    signed_name: str | None = None
    #: "person" or "organisation" for a signed quote ("― Jane Doe", "- Reuters")
    signed_kind: str = "person"
    signed_date: str | None = None
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)
    #: the quoted pieces when they are not the whole span (an interrupted quote's
    #: parts, a mixed quote's fragments); None: the span itself, or nothing if indirect
    pieces: list[tuple[int, int]] | None = None

    def verbatim(self) -> list[tuple[int, int]]:
        """The words inside quotation marks, as (start, end) pieces."""
        if self.pieces is not None:
            return list(self.pieces)
        return [] if self.type == "indirect" else [(self.start, self.end)]


# ------------------------------------------------------------------ parents


def reindex_parents(found: list[Found]) -> None:
    """Parents are stored as indices: recompute them after filtering or sorting."""
    # the direct quotes by start, with the furthest end reached so far: a quote's
    # containers are found by walking back from its start (a scan of every quote for
    # every quote was quadratic in the article's length)
    direct = sorted((g.start, j) for j, g in enumerate(found) if g.type == "direct")
    starts = [s for s, _ in direct]
    reach: list[int] = []
    for _, j in direct:
        reach.append(max(found[j].end, reach[-1]) if reach else found[j].end)
    for f in found:
        if f.parent is None and f.type != "indirect":
            continue
        best = None  # the last container in list order
        k = bisect.bisect_right(starts, f.start) - 1
        while k >= 0 and reach[k] >= f.end:
            j = direct[k][1]
            g = found[j]
            if g is not f and f.end <= g.end and (g.end - g.start) > (f.end - f.start) and (best is None or j > best):
                best = j
            k -= 1
        f.parent = best


# ------------------------------------------------------------------ 8. carry-over


def carry_over(found: list[Found]) -> None:
    """A quote with no attribution continues the speaker of the quote just before it
    (at most two paragraphs on: ``Found.para`` says where each one is)."""
    order = sorted(range(len(found)), key=lambda j: found[j].start)
    prev: Found | None = None
    for j in order:
        f = found[j]
        if f.parent is not None:
            continue
        if f.mention is None and f.type in ("direct", "mixed") and prev is not None and (prev.mention is not None or prev.carried):
            gap_paras = f.para - prev.para
            if gap_paras <= 2:
                f.carried = True
                f.mention = prev.mention
                f.mention_head = prev.mention_head
                f.signed_name = prev.signed_name
                f.venue = f.venue or None
                f.confidence = 0.6
        if f.mention is not None or f.carried:
            prev = f


# ------------------------------------------------------------------ output


def attach_verbatim(quotes: list[Quote], found: list[Found], text: str) -> None:
    """Fill each output quote's ``verbatim`` pieces and ``verbatim_text`` from the
    record it was made from (matched by position, else by span)."""
    if len(quotes) == len(found) and all(q.start == f.start and q.end == f.end for q, f in zip(quotes, found)):
        pairs = list(zip(quotes, found))
    else:
        by_span = {(f.start, f.end, f.type): f for f in found}
        pairs = [(q, by_span[(q.start, q.end, q.type)]) for q in quotes if (q.start, q.end, q.type) in by_span]
    for q, f in pairs:
        q.verbatim = f.verbatim()
        q.verbatim_text = " ".join(text[s:e] for s, e in q.verbatim) or None  # None: no quoted words
