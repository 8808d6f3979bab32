"""The data model: typed dataclasses shared by every stage.

Every offset is a character offset into ``Article.text`` exactly as it was given
(never into a cleaned copy), so that ``article.text[q.start:q.end] == q.text``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import typing
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteType = Literal["direct", "mixed", "indirect"]
SpeakerKind = Literal["person", "organisation", "group", "unnamed"]
EventType = Literal["call", "meeting", "visit", "message", "other"]
EventStatus = Literal["happened", "planned"]


def content_hash(text: str) -> str:
    """Stable id of an article's text: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fields_of(cls: type) -> dict[str, Any]:
    """The fields of one of the dataclasses below, in declaration order: name -> type.

    Annotations are resolved (this module uses postponed annotations), so a shape
    derived elsewhere (the web models, a table's columns) gets real types, not strings.
    """
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def required_fields(cls: type) -> set[str]:
    """The fields of a dataclass below that have no default (every record has them)."""
    return {f.name for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}


#: How a quote's speaker is flattened into one row (store records, web lists, CSV):
#: Speaker field -> column name.  The order is the columns' order.
SPEAKER_COLUMNS: dict[str, str] = {
    "name": "speaker",
    "kind": "speaker_kind",
    "mention": "mention",
    "mention_start": "mention_start",
    "mention_end": "mention_end",
    "phrase": "speaker_phrase",
    "phrase_start": "speaker_phrase_start",
    "phrase_end": "speaker_phrase_end",
    "members": "speaker_members",
}


def flat_quote_fields() -> dict[str, Any]:
    """Quote's fields as one flat row, the speaker spread over :data:`SPEAKER_COLUMNS`.

    Name -> type, in Quote's order; the speaker's columns take the speaker's place and
    may be None (a quote without a speaker).
    """
    speaker = fields_of(Speaker)
    out: dict[str, Any] = {}
    for name, typ in fields_of(Quote).items():
        if name == "speaker":
            out.update({col: speaker[f] | None for f, col in SPEAKER_COLUMNS.items()})
        else:
            out[name] = typ
    return out


@dataclass
class Speaker:
    """Who said it: the canonical ``name`` and the ``mention`` that named them here."""

    name: str
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    kind: SpeakerKind = "person"
    #: the whole phrase that introduces the speaker at this quote, as written, with its
    #: apposition, bracketed party and state, relative clause ("Brian Fallon, the
    #: campaign's press secretary,"); the mention when it is a pronoun
    phrase: str | None = None
    phrase_start: int | None = None
    phrase_end: int | None = None
    #: several speakers at once ("X and Y said", "the couple said"): their canonical
    #: names joined by "; " (a string, so that CSV, Parquet and the store keep one
    #: cell); ``name`` is then their display name ("X and Y") and ``kind`` "group"
    members: str | None = None

    @property
    def names(self) -> list[str]:
        """Every canonical speaker: the members when several spoke, else ``[name]``."""
        return self.members.split("; ") if self.members else [self.name]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quote:
    """One quotation: its span in the text, its type, speaker, cue, venue and date."""

    start: int
    end: int
    text: str
    type: QuoteType
    speaker: Speaker | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    venue: str | None = None
    addressee: str | None = None
    date: str | None = None
    confidence: float = 0.5
    #: index (into Article.quotes) of the quote this one is nested in, if any
    nested_in: int | None = None
    #: the words inside quotation marks, as [start, end] pieces: a direct quote's one
    #: piece (two when its attribution interrupts it: "A," she said, "B."), a mixed
    #: quote's fragments, none for indirect speech.  ``start``/``end`` span the whole
    #: attributed content (a mixed quote's reported clause).
    verbatim: list[list[int]] = field(default_factory=list)
    #: the verbatim pieces' text joined by a space (None when there are none)
    verbatim_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        d["verbatim"] = [list(v) for v in self.verbatim]
        return d


@dataclass
class Person:
    """A speaker or participant as one entity of the article: canonical name, all mentions, roles."""

    name: str
    kind: SpeakerKind = "person"
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "mentions": [list(m) for m in self.mentions],
            "roles": list(self.roles),
            "gender": self.gender,
        }


@dataclass
class Event:
    """An engagement: a call, meeting, visit or message between people."""

    type: EventType
    participants: list[str]
    date: str | None = None
    date_text: str | None = None
    date_approximate: bool = False
    duration_minutes: int | None = None
    duration_approximate: bool = False
    topics: list[str] = field(default_factory=list)
    not_discussed: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    trigger: str | None = None
    confidence: float = 0.5
    #: where it took place, as the text says it ("Paris", "Downing Street")
    place: str | None = None
    #: "planned" for an engagement the text announces ("is due to meet on Friday")
    status: EventStatus = "happened"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = [list(e) for e in self.evidence]
        return d


@dataclass
class Skipped:
    """A stretch of the text left out of extraction (page debris), with the reason."""

    start: int
    end: int
    reason: str

    def to_list(self) -> list[Any]:
        return [self.start, self.end, self.reason]


@dataclass
class Article:
    """An article and everything saywho found in it."""

    id: str
    text: str
    published: str | None = None
    published_source: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    source: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "hash": self.hash,
            "published": self.published,
            "published_source": self.published_source,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "author": self.author,
            "language": self.language,
            "quotes": [q.to_dict() for q in self.quotes],
            "people": [p.to_dict() for p in self.people],
            "events": [e.to_dict() for e in self.events],
            "skipped": [s.to_list() for s in self.skipped],
        }
        if self.warnings:
            d["warnings"] = list(self.warnings)
        if include_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        """Rebuild an Article from ``to_dict(include_text=True)`` output."""
        quotes = []
        for q in d.get("quotes", []):
            q = dict(q)
            sp = q.pop("speaker", None)
            q["verbatim"] = [tuple(v) for v in q.get("verbatim", [])]
            quotes.append(Quote(**q, speaker=Speaker(**sp) if sp else None))
        people = [
            Person(
                name=p["name"],
                kind=p.get("kind", "person"),
                mentions=[tuple(m) for m in p.get("mentions", [])],  # type: ignore[misc]
                roles=list(p.get("roles", [])),
                gender=p.get("gender"),
            )
            for p in d.get("people", [])
        ]
        events = []
        for e in d.get("events", []):
            e = dict(e)
            e["evidence"] = [tuple(x) for x in e.get("evidence", [])]
            events.append(Event(**e))
        return cls(
            id=str(d["id"]),
            text=d.get("text", ""),
            published=d.get("published"),
            published_source=d.get("published_source"),
            title=d.get("title"),
            outlet=d.get("outlet"),
            url=d.get("url"),
            author=d.get("author"),
            language=d.get("language"),
            quotes=quotes,
            people=people,
            events=events,
            skipped=[Skipped(*s) for s in d.get("skipped", [])],
            warnings=list(d.get("warnings", [])),
        )
