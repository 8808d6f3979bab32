"""Details of one engagement mention: its date (relative to the publication date or
to the quote's own date) and its duration ("a 45-minute call", "for about an hour")."""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from ..dates import resolve_date  # one date resolver for quotes and events
from ..model import Quote
from ..nlp import sent_of, text_of
from .syntax import ents_in

#: (date, date_text, approximate, char pos) of a dated mention.
DatePhrase = tuple[str, str, bool, int]

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a few": 3, "few": 3, "several": 3, "half an": 0.5, "half a": 0.5, "half": 0.5,
}
_APPROX = r"(?:about|around|roughly|nearly|almost|approximately|some|more than|over|less than|under|just over|just under|close to|up to)"
_NUM = r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty(?:-five)?|fifty|sixty|ninety|a couple(?: of)?|a few|several|half an?|half)"
_DURATION_RES = [
    # "45-minute call", "90 minute", "an hour-long meeting", "two-hour dinner"
    # ("an hour after the vote", "two hours later" are times, not durations)
    re.compile(rf"\b(?P<approx>{_APPROX}\s+)?(?P<n>{_NUM})[\s-](?P<unit>minute|hour|min)s?(?:[\s-]long)?\b"
               r"(?!\s+(?:after|before|later|earlier|ago|late|early|away|behind|ahead)\b)", re.I),
    re.compile(r"\b(?P<n>an?)\s+(?P<unit>hour)[\s-]long\b", re.I),
    # "for 45 minutes", "for about a couple of hours", "lasted nearly an hour"
    re.compile(rf"\b(?:for|lasted|lasting|of)\s+(?P<approx>{_APPROX}\s+)?(?P<n>{_NUM})\s+(?P<unit>minute|hour|min)s?\b", re.I),
]

__all__ = ["DatePhrase", "context_date", "date_base", "date_of", "duration_of", "is_future", "place_of", "resolve_date",
           "resolve_phrase"]


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


#: Time nouns whose relative clause dates the clause they modify ("the day she arrived in May").
_TIME_HEADS = frozenset("morning afternoon evening night day week weekend month year time".split())


def _time_clause(v: Token) -> bool:
    """A clause that sets the time of the one it modifies: "the morning X unveiled the plan"
    (a time noun's clause), "when X took office"."""
    if v.dep_ == "relcl":
        return v.head.lemma_.lower() in _TIME_HEADS
    return v.dep_ == "advcl" and any(
        c.dep_ == "npadvmod" and c.lemma_.lower() in _TIME_HEADS and c.i < v.i or c.dep_ == "advmod" and c.lower_ == "when"
        for c in v.children)


def _attached(ent_root: Token, t: Token, verb: Token, clause: Token) -> bool:
    """Whether a date's root hangs from the trigger or its clause verb through nouns
    and prepositions only."""
    node = ent_root
    for _ in range(6):
        if node.i in (t.i, verb.i, clause.i):
            return True
        if node.pos_ in ("VERB", "AUX") and node.i != ent_root.i and _time_clause(node):
            node = node.head  # "The morning X unveiled the plan last year, he met Y": the time clause dates it
            continue
        if node.head.i == node.i or node.pos_ in ("VERB", "AUX") and node.i != ent_root.i:
            return False
        node = node.head
    return False


def date_of(t: Token, verb: Token, base_at: Callable[[int], str | None], future: bool = False) -> DatePhrase | None:
    """(date, date_text, approximate, char pos) of the date phrase attached to the
    trigger (date "" for a day counted from no day known: "the next day"); ``base_at(i)`` gives the day relative dates at character ``i`` count from;
    ``future``: the engagement is planned, so a bare weekday lies ahead."""
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
    unresolved: DatePhrase | None = None
    for ent in ents_in(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        txt = ent.text
        if re.search(r"year-old|\bminutes?\b|\bhours?\b|\b\d+\s*years\b|\byears?\b(?! ago)", txt, re.I) and not re.search(r"\b(ago|this|last|earlier)\b", txt, re.I):
            continue
        prev = doc[ent.start - 1] if ent.start > 0 else None
        nxt = doc[ent.end] if ent.end < len(doc) else None
        later = _later_than(ent, sent, base_at)  # "in May 2019 ... a month later"
        if later is None and re.sub(r"\s+", " ", txt.strip().lower()) in _DAY_STEPS and _attached(ent.root, t, verb, clause):
            unresolved = ("", txt, True, ent.start_char)  # "the next day" of no day we know: no date at all
            continue
        if later is not None and _attached(ent.root, t, verb, clause):
            # (one said of the trigger itself is its date, whatever lies nearer)
            d = (later, txt, True, t.idx if ent.root.head.i == t.i else ent.start_char)
            if best is None or abs(d[3] - t.idx) < abs(best[3] - t.idx):
                best = d
            continue
        if nxt is not None and nxt.lower_ in ("before", "after", "later", "earlier", "prior") and re.search(
                r"\b(days?|weeks?|months?|years?|hours?|minutes?|nights?)\b", txt, re.I) or re.search(
                r"\b(later|afterwards?|before|earlier)$", txt, re.I):
            continue  # "a day before X", "a month later": measured from another event ("on Wednesday before X" is not)
        if prev is not None and prev.lower_ in ("since", "until", "till", "before", "after", "by", "from", "for", "of", "than"):
            continue
        if re.match(r"^(the\s+)?(first|last|second)\s+time", txt, re.I) or re.search(r"\bfollowing\b", txt, re.I):
            continue  # "the following morning" is measured from another event
        if not _attached(ent.root, t, verb, clause):
            continue
        if t.lemma_.lower() == "invite" and any(ent.root.i in {x.i for x in c.subtree} for c in t.children
                                                if c.dep_ in ("prep", "xcomp") and c.i > t.i):
            continue  # "invited X to Monday's debate": the date of what X is invited to
        r = resolve_phrase(txt, base_at(ent.start_char), future)
        if r is None:
            continue
        text = txt
        if prev is not None and prev.lower_ in ("on", "in", "at", "during", "over"):
            text = f"{prev.text} {txt}"
        d = (r[0], text, r[1] or bool(re.search(r"\b(about|around|some|few|several|couple|recent)", txt, re.I)), ent.start_char)
        if best is None or abs(ent.start_char - t.idx) < abs(best[3] - t.idx):
            best = d
    return best or unresolved


_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


#: Days counted from the day stated before them in the sentence.
_DAY_STEPS = {"the next day": 1, "the following day": 1, "the day after": 1, "a day later": 1, "one day later": 1,
              "the previous day": -1, "the day before": -1, "a day earlier": -1, "two days later": 2}


def _later_than(ent: Span, sent: Span, base_at: Callable[[int], str | None]) -> str | None:
    """The date of "a month later", "two years later", "the next day" counted from the last date stated
    before it in the sentence ("a visit in May 2019 ... a trip a month later" is
    2019-06), at that date's granularity (months need a month, years a year); None
    for any other phrase, or with no such date."""
    step = _DAY_STEPS.get(re.sub(r"\s+", " ", ent.text.strip().lower()))
    if step is not None:  # "met X on Thursday and called Y the next day": a day from the day stated before
        days = [e for e in ents_in(sent) if e.label_ == "DATE" and e.end <= ent.start]
        r = resolve_phrase(days[-1].text, base_at(days[-1].start_char)) if days else None
        if r is None or r[1] or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[0]):
            return None  # no day to count from: no date rather than a guess
        day = (_dt.date.fromisoformat(r[0]) + _dt.timedelta(days=step)).isoformat()
        base = base_at(days[-1].start_char)
        # a day counted past the text's own date from one not past it: the weekday was
        # probably the one before (news is dated the day after); no date rather than a guess
        return None if base and r[0] <= base[:10] < day else day
    m = re.fullmatch(r"(?:about |some )?(a|an|one|two|three|four|five|six|\d+) (month|year)s? later", ent.text.strip(), re.I)
    if m is None:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _COUNT[m.group(1).lower()]
    anchors = [e for e in ents_in(sent) if e.label_ == "DATE" and e.end <= ent.start and re.search(r"\b\d{4}\b", e.text)]
    r = resolve_phrase(anchors[-1].text, base_at(anchors[-1].start_char)) if anchors else None
    if r is None:
        return None
    y, mo = int(r[0][:4]), int(r[0][5:7]) if len(r[0]) >= 7 else None
    if m.group(2).lower() == "year":
        return f"{y + n:04d}" + (f"-{mo:02d}" if mo else "")
    if mo is None:
        return None
    k = y * 12 + mo - 1 + n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def _other_engagement_verb(t: Token, char: int) -> bool:
    """Whether the phrase at ``char`` belongs to the clause of another engagement verb than
    trigger ``t`` (its nearest verb above is a trigger verb other than ``t``, or than the
    verb a trigger noun depends on)."""
    from .words import EVENT_VERBS  # (local: words imports the lexicon only, but keeps this module light)

    tok = next((x for x in sent_of(t) if x.idx <= char < x.idx + len(x.text) + 1), None)
    if tok is None:
        return False
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    own = (t.i,) if t.pos_ in ("VERB", "AUX") else (t.i, t.head.i, t.head.head.i)  # a noun's: "had a call"
    return verb is not None and verb.i not in own and verb.lemma_.lower() in EVENT_VERBS


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
            if _other_engagement_verb(t, s0 + m.start()):
                continue  # "FaceTimed her for an hour and visited her": the call's hour, not the visit's
            if best is None or dist < best[2]:
                best = (minutes, approx, dist)
    return (best[0], best[1]) if best else None


#: How far (characters) an engagement's own date carries to undated ones told after it.
_NARRATIVE_REACH = 1000
_MONTHS = "january february march april may june july august september october november december".split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}


def resolve_phrase(txt: str, base: str | None, future: bool = False) -> tuple[str, bool] | None:
    """(ISO date, approximate) of a date phrase, at the phrase's own granularity, or None.

    On top of the shared resolver: a bare number is an age or a count, never a date
    ("Maria, 34,"); "last June" is the latest June before the base; "this week" is
    the base's month when the week lies in it (a week is no day); a planned
    engagement's bare weekday is the next one (or the day before: news is dated the
    day after it is written)."""
    e = re.sub(r"^(on|in|at|during|over)\s+", "", txt.strip().strip(" ,.;:"), flags=re.I).lower()
    if re.fullmatch(r"\d{1,3}(?:s)?", e):
        return None  # an age ("Maria, 34,"), a count, a decade of life
    if not base:
        return resolve_date(txt, base) if re.search(r"\b\d{4}\b", e) else None
    try:
        b = _dt.date.fromisoformat(base[:10])
    except ValueError:
        return resolve_date(txt, base)
    part = re.fullmatch(r"(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(.+)", e)
    if part:  # "at the end of June": the month
        r = resolve_phrase(part.group(1), base, future)
        return (r[0][:7], True) if r else None
    m = re.fullmatch(r"(last|this past)\s+(\w+)", e)
    if m and m.group(2) in _MONTHS:
        mo = _MONTHS.index(m.group(2)) + 1
        y = b.year if mo < b.month else b.year - 1
        return f"{y:04d}-{mo:02d}", False
    if m and m.group(2) in _SEASONS:
        mo = _SEASONS[m.group(2)]
        return f"{b.year if mo <= b.month else b.year - 1:04d}", True
    if re.fullmatch(r"(earlier |late |early )?this (week|weekend)|(this past|last) weekend", e):
        start = b - _dt.timedelta(days=b.weekday() + (7 if "last" in e or "past" in e else 0))
        return (f"{b.year:04d}-{b.month:02d}", True) if start.month == b.month else (start.isoformat(), True)
    day = re.fullmatch(r"(\w+day)(?:\s+(?:morning|afternoon|evening|night))?", e)
    if future and day and day.group(1) in _WEEKDAYS:
        delta = (_WEEKDAYS.index(day.group(1)) - b.weekday()) % 7
        d = b + _dt.timedelta(days=delta - 7 if delta == 6 else delta)
        return d.isoformat(), False
    if future and e in _MONTHS:  # "is expected to visit Paris in July": the next July
        mo = _MONTHS.index(e) + 1
        return f"{b.year if mo >= b.month else b.year + 1:04d}-{mo:02d}", False
    if future and re.fullmatch(r"next (week|month)|(in )?the coming (days|weeks)", e):
        return None  # ahead, but no day: the text's time is kept in date_text only
    return resolve_date(txt, base)


def context_date(t: Token, base_at: Callable[[int], str | None],
                 prior: tuple[int, str, str] | None = None) -> tuple[str, str] | None:
    """(date, date_text) of the narrative time around an undated mention: a date earlier
    in its sentence, else in the two sentences before it in the same paragraph ("On
    Wednesday she visited X. She had breakfast with Y."), else the date of the
    engagement told just before it (``prior``: its offset, date, date text). None
    when there is none."""
    sent = sent_of(t)
    doc = t.doc
    def usable(ents: list[Span]) -> list[Span]:
        """The narrative dates among ``ents``: no ages, spans or times measured from another event."""
        out = []
        for ent in ents:
            if ent.label_ != "DATE" or re.search(
                    r"year-old|\byears?\b(?! ago)|\bminutes?\b|\bhours?\b|\bfollowing\b|\b(later|earlier|before)$", ent.text, re.I):
                continue
            if ent.start > 0 and doc[ent.start - 1].lower_ in ("since", "until", "by", "from", "for", "than", "before"):
                continue
            out.append(ent)
        return out

    def found(ents: list[Span]) -> tuple[str, str] | None:
        for ent in reversed(usable(ents)):
            r = resolve_phrase(ent.text, base_at(ent.start_char))
            if r is not None:
                return r[0], ent.text
        return None

    # a date earlier in the sentence, unless in a clause of its own ("the U.N., which in March imposed ...")
    mine = {t.i, *(a.i for a in t.ancestors)}
    got = found([e for e in ents_in(sent) if e.start < t.i and not any(
        a.dep_ in ("relcl", "acl", "advcl", "ccomp") and a.i not in mine for a in [e.root, *e.root.ancestors])])
    if got:
        return got
    before = _sentences_before(sent, 3)  # (sentence, paragraph breaks crossed)
    got = next((g for x, breaks in before if breaks == 0 and (g := found(ents_in(x)))), None)
    if got:
        return got
    if prior is not None and 0 <= t.idx - prior[0] <= _NARRATIVE_REACH:
        return prior[1], prior[2]  # the engagement told just before ("visited X on Wednesday. ... had breakfast")
    return next((g for x, breaks in before if breaks == 1 and (g := found(ents_in(x)))), None)


def _sentences_before(sent: Span, n: int) -> list[tuple[Span, int]]:
    """The ``n`` sentences before ``sent``, nearest first, with how many paragraph breaks lie between."""
    doc = sent.doc
    out: list[tuple[Span, int]] = []
    cur, breaks = sent, 0
    while len(out) < n and cur.start > 0:
        prev = sent_of(doc[cur.start - 1])
        # spaCy hangs a paragraph break on a sentence as a whitespace token: look between the words
        last = max((x for x in prev if not x.is_space), key=lambda x: x.i, default=prev[0])
        first = min((x for x in cur if not x.is_space), key=lambda x: x.i, default=cur[0])
        breaks += "\n" in text_of(doc)[last.idx + len(last.text):first.idx]
        out.append((prev, breaks))
        cur = prev
    return out


def place_of(t: Token, verb: Token) -> str | None:
    """Where an engagement took place, as the text says it: the object of "in"/"at"
    on the trigger or its clause verb that names a place ("met in Paris", "talks at
    Downing Street")."""
    sent = sent_of(t)
    for c in sent:
        if c.dep_ != "prep" or c.lower_ not in ("in", "at") or not _attached(c, t, verb, verb):
            continue
        for p in c.children:
            ent = next((e for e in ents_in(sent) if e.start <= p.i < e.end), None) if p.dep_ == "pobj" else None
            if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
                return re.sub(r"^the\s+", "", ent.text, flags=re.I)
    return None


#: A dateline: capitals at the start of a paragraph before a dash ("MIDWAY ATOLL - ...",
#: "HEMPSTEAD, N.Y., Sept. 26 (UPI) —").
_DATELINE = re.compile(r"(?m)^([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})(?:,[^\n]{0,30}?)?\s+[-—–]+\s")


def dateline_before(text: str, pos: int) -> str | None:
    """The place of the last dateline before ``pos``: where "here" is ("flew here")."""
    found = [m.group(1) for m in _DATELINE.finditer(text, 0, pos)]
    return found[-1] if found else None
