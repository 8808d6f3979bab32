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


@dataclass(frozen=True)
class PersonRecord(_Record):
    id: int
    name: str
    kind: str
    roles: list[str]
    outlets: list[str]
    quote_count: int
    article_count: int


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
