"""Details of one engagement mention: its date (relative to the publication date or
to the quote's own date) and its duration ("a 45-minute call", "for about an hour")."""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from ..dates import resolve_date  # one date resolver for quotes and events
from ..model import Quote
from ..nlp import sent_of
from .syntax import ents_in

#: (date, date_text, approximate, char pos) of a dated mention.
DatePhrase = tuple[str, str, bool, int]

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a few": 3, "few": 3, "several": 3, "half an": 0.5, "half a": 0.5,
}
_APPROX = r"(?:about|around|roughly|nearly|almost|approximately|some|more than|over|less than|under|just over|just under|close to|up to)"
_NUM = r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty(?:-five)?|fifty|sixty|ninety|a couple(?: of)?|a few|several|half an?)"
_DURATION_RES = [
    # "45-minute call", "90 minute", "an hour-long meeting", "two-hour dinner"
    # ("an hour after the vote", "two hours later" are times, not durations)
    re.compile(rf"\b(?P<approx>{_APPROX}\s+)?(?P<n>{_NUM})[\s-](?P<unit>minute|hour|min)s?(?:[\s-]long)?\b"
               r"(?!\s+(?:after|before|later|earlier|ago|late|early|away|behind|ahead)\b)", re.I),
    re.compile(r"\b(?P<n>an?)\s+(?P<unit>hour)[\s-]long\b", re.I),
    # "for 45 minutes", "for about a couple of hours", "lasted nearly an hour"
    re.compile(rf"\b(?:for|lasted|lasting|of)\s+(?P<approx>{_APPROX}\s+)?(?P<n>{_NUM})\s+(?P<unit>minute|hour|min)s?\b", re.I),
]

__all__ = ["DatePhrase", "date_base", "date_of", "duration_of", "is_future", "resolve_date"]


def is_future(date: str, base: str | None) -> bool:
    """Whether ``date`` (YYYY, YYYY-MM or YYYY-MM-DD) lies after the day ``base``."""
    if not base:
        return False
    return date[: len(base[:10])] > base[:10][: len(date)] if len(date) < 10 else date > base[:10]


def date_base(quote: Quote | None, published: str | None) -> str | None:
    """The day relative dates are resolved from: a quote's own full date, else publication."""
    if quote is not None and quote.date and len(quote.date) == 10:
        return quote.date
    return published


def _attached(ent_root: Token, t: Token, verb: Token, clause: Token) -> bool:
    """Whether a date's root hangs from the trigger or its clause verb through nouns
    and prepositions only."""
    node = ent_root
    for _ in range(6):
        if node.i in (t.i, verb.i, clause.i):
            return True
        if node.head.i == node.i or node.pos_ in ("VERB", "AUX") and node.i != ent_root.i:
            return False
        node = node.head
    return False


def date_of(t: Token, verb: Token, base_at: Callable[[int], str | None]) -> DatePhrase | None:
    """(date, date_text, approximate, char pos) of the date phrase attached to the
    trigger; ``base_at(i)`` gives the day relative dates at character ``i`` count from."""
    sent = sent_of(t)
    doc = t.doc
    # a noun trigger parsed as a modifier ("recalled meeting X in September"):
    # a date on its clause verb is its date
    clause = t
    for _ in range(4):
        if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
            break
        clause = clause.head
    best = None
    for ent in ents_in(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        txt = ent.text
        if re.search(r"year-old|\bminutes?\b|\bhours?\b|\b\d+\s*years\b|\byears?\b(?! ago)", txt, re.I) and not re.search(r"\b(ago|this|last|earlier)\b", txt, re.I):
            continue
        prev = doc[ent.start - 1] if ent.start > 0 else None
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.lower_ in ("before", "after", "later", "earlier", "prior"):
            continue  # "a day before X": measured from another event
        if prev is not None and prev.lower_ in ("since", "until", "till", "before", "after", "by", "from", "for", "of", "than"):
            continue
        if re.match(r"^(the\s+)?(first|last|second)\s+time", txt, re.I) or re.search(r"\bfollowing\b", txt, re.I):
            continue  # "the following morning" is measured from another event
        if not _attached(ent.root, t, verb, clause):
            continue
        r = resolve_date(txt, base_at(ent.start_char))
        if r is None:
            continue
        text = txt
        if prev is not None and prev.lower_ in ("on", "in", "at", "during", "over"):
            text = f"{prev.text} {txt}"
        d = (r[0], text, r[1] or bool(re.search(r"\b(about|around|some|few|several|couple|recent)", txt, re.I)), ent.start_char)
        if best is None or abs(ent.start - t.i) < abs(best[3] - t.idx):
            best = d
    return best


def duration_of(t: Token) -> tuple[int, bool] | None:
    """(minutes, approximate) of the duration phrase nearest the trigger in its sentence."""
    sent = sent_of(t)
    s0 = sent.start_char
    text = sent.text
    best = None
    for rx in _DURATION_RES:
        for m in rx.finditer(text):
            n = m.group("n").lower()
            val = float(n) if re.fullmatch(r"\d+(\.\d+)?", n) else _NUM_WORDS.get(n)
            if val is None:
                continue
            unit = m.group("unit").lower()
            minutes = int(round(val * (60 if unit.startswith("hour") else 1)))
            approx = bool(m.groupdict().get("approx")) or n in ("a couple", "a couple of", "a few", "several")
            dist = abs(s0 + m.start() - t.idx)
            if best is None or dist < best[2]:
                best = (minutes, approx, dist)
    return (best[0], best[1]) if best else None
