"""An article's text cut into a tree of segments for the highlighted article page.

The page is built server-side from the text and the quote offsets: the text is cut
at every quote and skipped-stretch boundary, and each piece is escaped by Jinja2's
autoescape when rendered (the text is hostile input; nothing here produces HTML).

Quotes can nest (a quote inside a quote).  Quotes that cross without nesting cannot
be nested HTML elements, so a quote that is interrupted by another's end is closed
and reopened: its later pieces are marked as continuations (``first=False``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from ..model import Quote, Skipped

#: Number of speaker colours in static/style.css (classes c0..c9), hues far enough
#: apart to tell apart side by side.  A class per colour, rather than an inline
#: style, keeps the Content-Security-Policy strict.
PALETTE_SIZE = 10


def _slot(name: str) -> int:
    return int(hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8], 16) % PALETTE_SIZE


def speaker_colour(name: str | None) -> str:
    """The CSS class of a speaker's colour: stable across pages and runs (hash, not order)."""
    return f"c{_slot(name)}" if name else "cx"  # unattributed: grey


def article_colours(names: list[str | None]) -> dict[str, str]:
    """Colours for the speakers of one article: each its hash colour unless an earlier
    speaker (by name) took it, then the next free one, so that two speakers of the
    same article differ whenever there are colours enough."""
    taken: set[int] = set()
    out: dict[str, str] = {"": "cx"}
    for name in sorted({n for n in names if n}):
        slot = _slot(name)
        for k in range(PALETTE_SIZE):
            if (slot + k) % PALETTE_SIZE not in taken:
                slot = (slot + k) % PALETTE_SIZE
                break
        taken.add(slot)
        out[name] = f"c{slot}"
    return out


@dataclass
class Text:
    text: str
    skipped: str | None = None  # reason, when this piece is page debris left out of extraction
    is_mark = False


@dataclass
class Mark:
    index: int  # into the article's quote list
    quote: Quote
    first: bool  # the piece where the quote starts (carries the label)
    children: list[Text | Mark] = field(default_factory=list)
    is_mark = True

    @property
    def speaker(self) -> str:
        return self.quote.speaker.name if self.quote.speaker else ""

    colour: str = "cx"


def _valid(quotes: list[Quote], n: int) -> list[tuple[int, Quote]]:
    # Offsets come from storage: a span outside the text, or empty, is not drawn.
    return [(i, q) for i, q in enumerate(quotes) if 0 <= q.start < q.end <= n]


def segments(text: str, quotes: list[Quote], skipped: list[Skipped] | None = None) -> list[Text | Mark]:
    """Cut ``text`` into a tree of Text and Mark nodes (marks nested outer to inner)."""
    n = len(text)
    qs = _valid(quotes, n)
    colours = article_colours([q.speaker.name if q.speaker else None for q in quotes])
    sk = [s for s in (skipped or []) if 0 <= s.start < s.end <= n]
    cuts = {0, n}
    for _, q in qs:
        cuts.update((q.start, q.end))
    for s in sk:
        cuts.update((s.start, s.end))
    points = sorted(cuts)

    root: list[Text | Mark] = []
    # The open marks, outermost first, with the child list each one appends to.
    stack: list[tuple[int, Mark]] = []
    opened: set[int] = set()
    for a, b in zip(points, points[1:]):
        # Quotes covering [a, b), outer (earlier start, later end) first.
        active = sorted((q.start, -q.end, i) for i, q in qs if q.start <= a and q.end >= b)
        want = [i for _, _, i in active]
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep][0] == want[keep]:
            keep += 1
        del stack[keep:]
        for i in want[keep:]:
            mark = Mark(i, quotes[i], first=i not in opened)
            mark.colour = colours[mark.speaker]
            opened.add(i)
            (stack[-1][1].children if stack else root).append(mark)
            stack.append((i, mark))
        reason = next((s.reason for s in sk if s.start <= a and s.end >= b), None)
        (stack[-1][1].children if stack else root).append(Text(text[a:b], reason))
    return root


def mark_attrs(mark: Mark) -> dict[str, Any]:
    """The data attributes of a mark (what the page and its tests read)."""
    q = mark.quote
    return {
        "data-q": mark.index,
        "data-start": q.start,
        "data-end": q.end,
        "data-speaker": mark.speaker,
        "data-type": q.type,
        "data-cue": q.cue or "",
    }
