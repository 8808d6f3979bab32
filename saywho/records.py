"""What the store's queries return: frozen dataclasses with ``to_dict()``.

They are plain values (no database handles), safe to keep after the Store is closed,
to pass between threads, and to turn into a table with :func:`to_dataframe`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class AddResult(_Record):
    """The outcome of storing one article."""

    hash: str
    status: Literal["added", "unchanged", "replaced"]


@dataclass(frozen=True)
class ArticleSummary(_Record):
    hash: str
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    quote_count: int


@dataclass(frozen=True)
class QuoteRecord(_Record):
    id: int
    article_hash: str
    article_id: str
    outlet: str | None
    published: str | None
    url: str | None
    title: str | None
    start: int
    end: int
    text: str
    type: str
    speaker: str | None
    speaker_kind: str | None
    mention: str | None
    cue: str | None
    venue: str | None
    date: str | None
    confidence: float
    addressee: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    nested_in: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    #: several speakers at once: their canonical names joined by "; "
    speaker_members: str | None = None
    #: the phrase introducing the speaker at this quote, as written (with its apposition
    #: or relative clause), and its character span
    speaker_phrase: str | None = None
    speaker_phrase_start: int | None = None
    speaker_phrase_end: int | None = None
    #: the pieces in quotation marks ([[start, end], ...]) and their words joined
    verbatim: list[list[int]] = field(default_factory=list)
    verbatim_text: str | None = None
    #: the person: the identity's id after Store.link (``saywho people`` ids), else the
    #: person row's; ``speaker`` is that person's name, ``speaker_as_written`` this article's
    person_id: int | None = None
    speaker_as_written: str | None = None


@dataclass(frozen=True)
class PersonRecord(_Record):
    id: int
    name: str
    kind: str
    roles: list[str]
    outlets: list[str]
    quote_count: int
    article_count: int
    #: Every name the articles used for this identity (after Store.link), most used first.
    names: list[str] = field(default_factory=list)
    qid: str | None = None


@dataclass(frozen=True)
class EventRecord(_Record):
    id: int
    article_hash: str
    article_id: str
    outlet: str | None
    published: str | None
    type: str
    participants: list[str]
    date: str | None
    date_text: str | None
    date_approximate: bool
    duration_minutes: int | None
    topics: list[str]
    not_discussed: list[str]
    evidence: list[list[int]]
    confidence: float
    duration_approximate: bool = False
    trigger: str | None = None
    url: str | None = None
    place: str | None = None
    status: str = "happened"
    #: ``participants`` are the people's names (identities after Store.link); these are the
    #: names this article used and the people's ids, in the same order
    participants_as_written: list[str] = field(default_factory=list)
    person_ids: list[int | None] = field(default_factory=list)


@dataclass(frozen=True)
class Source(_Record):
    """Where a timeline item was reported."""

    article_hash: str
    article_id: str
    outlet: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True)
class TimelineItem(_Record):
    """One dated engagement (``kind="event"``), or a quote by one person about the other
    (``kind="quote"``), with every article that reported it."""

    kind: Literal["event", "quote"]
    date: str | None
    date_text: str | None
    date_approximate: bool
    type: str
    participants: list[str]
    sources: list[Source]
    topics: list[str] = field(default_factory=list)
    duration_minutes: int | None = None
    speaker: str | None = None
    about: str | None = None
    text: str | None = None
    event_ids: list[int] = field(default_factory=list)
    quote_id: int | None = None
    #: an engagement: where it took place, and "planned" when no source says it happened yet
    place: str | None = None
    status: str = "happened"
    #: the people's ids, in the order of ``participants`` (identities after Store.link)
    person_ids: list[int | None] = field(default_factory=list)
    #: a quote: the name the article used for its speaker
    speaker_as_written: str | None = None


@dataclass(frozen=True)
class StatementRecord(_Record):
    """One quotation as reported by every article that carried it (identical or near-identical
    words, same speaker)."""

    id: int
    speaker: str | None
    text: str
    quote_count: int
    outlets: list[str]
    first_published: str | None
    wordings: list[str]
    sources: list[Source]
    quote_ids: list[int]
    #: The wording each source printed (parallel to ``sources``).
    source_wordings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StoryRecord(_Record):
    """Articles about one happening; ``articles`` are dicts (hash, id, title, outlet,
    published, url, duplicate_of, quotes) in publication order; ``reasons`` say why they
    were grouped."""

    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    outlets: list[str]
    articles: list[dict[str, Any]]
    reasons: list[str]


@dataclass(frozen=True)
class Detail(_Record):
    """One reported detail: who reported this value and whether the others agree.

    ``status``: "agreed" (every source that gives this detail gives this value),
    "single source" (one outlet only, the others silent), "disputed" (sources differ)."""

    field: str
    value: Any
    outlets: list[str]
    status: str


@dataclass(frozen=True)
class CorroborationRecord(_Record):
    """An engagement or statement reported by several outlets, detail by detail."""

    kind: Literal["engagement", "statement"]
    title: str
    date: str | None
    sources: list[Source]
    details: list[Detail]


@dataclass(frozen=True)
class RuleRecord(_Record):
    id: int
    action: str
    a: str
    b: str
    at: str


@dataclass(frozen=True)
class LinkReport(_Record):
    """What Store.link() found (``recomputed`` False: the store had not changed)."""

    recomputed: bool
    identities: int
    linked: int
    statements: int
    multi_source_statements: int
    engagements: int
    stories: int
    duplicate_groups: int


@dataclass(frozen=True)
class ReportRow(_Record):
    """One line of the source report: a speaker's quotes within a group (an outlet or a
    month).  Speakers beyond the top N of a group are summed per kind as "(other ...)"."""

    group: str
    group_quotes: int
    speaker: str
    kind: str
    quotes: int
    share: float


@dataclass(frozen=True)
class FailureRecord(_Record):
    id: int
    run_id: int | None
    source: str
    reason: str
    at: str


def to_dataframe(records: Iterable[Any]) -> "pd.DataFrame":
    """Records (any of the dataclasses above) as a pandas DataFrame, one row each.

    An empty list still gets its columns when the records' type is known from a
    typed empty list; otherwise an empty frame.
    """
    import pandas as pd

    rows = list(records)
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame([r.to_dict() for r in rows], columns=[f.name for f in fields(rows[0])])
