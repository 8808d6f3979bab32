"""Mentions of one engagement merged into events: same type, compatible date and
participants.  A mention that names fewer than two people ("It was a very warm
call") only adds evidence to an event named elsewhere."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..model import Event
from ..nlp import sent_of
from .triggers import Mention


@dataclass
class Draft:
    """An event being merged: the mentions so far and what they agree on."""

    type: str
    place: str | None = None
    status: str = "happened"
    participants: list[str] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    approx: bool = False
    date_from_context: bool = False  # the date is the narrative time around it, not its own
    mentions: list[Mention] = field(default_factory=list)

    def absorb(self, m: Mention) -> None:
        """Add mention ``m``: its participants, its place, and its date when more exact."""
        self.mentions.append(m)
        self.place = self.place or m.place
        for p in m.participants:
            if p not in self.participants:
                self.participants.append(p)
        if not m.date or m.date_from_context and self.date is not None:
            return  # a date of its own beats the narrative time
        if (self.date is None or self.date_from_context and not m.date_from_context or self.approx and not m.date_approximate
                or self.approx == m.date_approximate and len(m.date) > len(self.date)):
            self.date, self.date_text, self.approx = m.date, m.date_text, m.date_approximate
            self.date_from_context = m.date_from_context

    def accepts(self, m: Mention, types: tuple[str, ...]) -> bool:
        """Whether ``m`` can be a mention of this event (type, date, place, participants)."""
        if self.type not in types or m.status != self.status:
            return False  # a planned engagement is not the one that took place
        if self.date and m.date and not (self.date_from_context or m.date_from_context) and not dates_agree(
                self.date, self.approx, m.date, m.date_approximate):
            return False
        if self.place and m.place and self.place != m.place and all(
            abs(x.trigger.idx - m.trigger.idx) > 1000 for x in self.mentions
        ):
            return False  # one person's visits to two places ("the White House ... the Oval Office" is one)
        a, b = set(self.participants), set(m.participants)
        if len(b) >= 2:
            return len(a & b) >= 2 or a <= b or b <= a
        return b <= a

    def event(self) -> Event:
        """The output event: the most exact duration, topics of all mentions, evidence."""
        mm = self.mentions
        dur = next(((x.duration, x.duration_approximate) for x in mm if x.duration is not None and not x.duration_approximate), None) or next(
            ((x.duration, x.duration_approximate) for x in mm if x.duration is not None), (None, False))
        topics: list[str] = []
        nd: list[str] = []
        for x in mm:
            topics += [t for t in x.topics if t.lower() not in {y.lower() for y in topics}]
            nd += [t for t in x.not_discussed if t.lower() not in {y.lower() for y in nd}]
        evidence = sorted({x.evidence for x in mm})
        conf = min(0.95, max(x.confidence for x in mm) + 0.05 * (len(mm) - 1))
        return Event(
            type=self.type, participants=list(self.participants), date=self.date, date_text=self.date_text,
            date_approximate=self.approx, duration_minutes=dur[0], duration_approximate=dur[1],
            topics=topics, not_discussed=nd, evidence=evidence,
            trigger=mm[0].trigger.text, confidence=round(conf, 2), place=self.place, status=self.status,
        )


def dates_agree(a: str, a_approx: bool, b: str, b_approx: bool) -> bool:
    """Whether two dates (YYYY[-MM[-DD]]) can be one day: one a prefix of the other, or,
    when either is approximate ("a few weeks ago"), within about six weeks."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return True
    if a_approx or b_approx:
        try:
            da = _dt.date.fromisoformat((a + "-15")[:10] if len(a) == 7 else a[:10])
            db = _dt.date.fromisoformat((b + "-15")[:10] if len(b) == 7 else b[:10])
        except ValueError:
            return False
        return abs((da - db).days) <= 45
    return False


def _call_of_congratulation(ms: list[Mention]) -> None:
    """"congratulated X ... before making a phone call": the call in the sentence of a
    congratulation, by the same person, is to the person congratulated."""
    for m in ms:
        if len(m.participants) == 1 and m.type == "call":
            f = next((x for x in ms if x.type == "message" and len(x.participants) >= 2
                      and sent_of(x.trigger).start == sent_of(m.trigger).start and m.participants[0] == x.participants[0]), None)
            if f is not None:
                m.participants = list(f.participants)
                m.people = f.people
                m.confidence -= 0.1


def _attach_partial(events: list[Draft], m: Mention) -> None:
    """A mention that does not name its engagement on its own joins the one it refers to."""
    cands = [e for e in events if e.accepts(m, (m.type,) if m.type != "message" else ("message", "call"))]
    near = [e for e in cands if any(abs(x.trigger.idx - m.trigger.idx) < 600 for x in e.mentions)]
    if not m.participants:
        # a bare "the call" refers to an engagement reported close by, if to one at all,
        # and only as a definite singular ("meetings early in her career" is none)
        definite = m.trigger.tag_ in ("NN", "NNP") and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their", "its") for c in m.trigger.children
        ) or m.trigger.pos_ == "VERB"
        if len(near) != 1 or not definite:
            return
        cands = near
    elif not (m.date and any(e.date == m.date for e in cands)):
        # one named party: the same date anywhere, else an engagement reported close by
        cands = near
    if cands:
        # the article's most reported engagement is the likeliest referent, then the nearest
        min(cands, key=lambda e: (-len(e.mentions), min(abs(x.trigger.i - m.trigger.i) for x in e.mentions))).absorb(m)


def merge_mentions(ms: list[Mention]) -> list[Event]:
    """The events the mentions ``ms`` report, in text order."""
    events: list[Draft] = []
    _call_of_congratulation(ms)
    full = [m for m in ms if m.full]
    partial = [m for m in ms if not m.full]
    for m in full:
        ev = next((e for e in events if e.accepts(m, (m.type,))), None)
        if ev is None:
            ev = Draft(type=m.type, place=m.place, status=m.status)
            events.append(ev)
        ev.absorb(m)
    # a congratulation reported with a call between the same people on the same day is that call
    for ev in [e for e in events if e.type == "message"]:
        call = next((e for e in events if e is not ev and e.type == "call" and all(e.accepts(m, ("call",)) for m in ev.mentions)), None)
        if call is not None:
            for m in ev.mentions:
                call.absorb(m)
            events.remove(ev)
    for m in partial:
        _attach_partial(events, m)
    out = [ev.event() for ev in events]
    out.sort(key=lambda e: e.evidence[0][0] if e.evidence else 0)
    return out
