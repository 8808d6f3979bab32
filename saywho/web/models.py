"""Response and request models of the JSON API: they document the OpenAPI schema.

They mirror the store's record dataclasses; ``extra="allow"`` lets a field the store
adds later pass through rather than vanish.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ArticleSummaryOut(_Open):
    hash: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    quote_count: int | None = None


class QuoteOut(_Open):
    id: int | str | None = None
    article_hash: str | None = None
    article_id: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    start: int
    end: int
    text: str
    type: str
    speaker: str | None = None
    speaker_kind: str | None = None
    mention: str | None = None
    cue: str | None = None
    venue: str | None = None
    date: str | None = None
    confidence: float | None = None


class PersonOut(_Open):
    id: int | str | None = None
    name: str
    kind: str | None = None
    roles: list[str] = []
    outlets: list[str] = []
    quote_count: int | None = None
    article_count: int | None = None


class EventOut(_Open):
    id: int | str | None = None
    article_hash: str | None = None
    article_id: str | None = None
    outlet: str | None = None
    published: str | None = None
    type: str
    participants: list[str] = []
    date: str | None = None
    date_text: str | None = None
    date_approximate: bool | None = None
    duration_minutes: int | None = None
    topics: list[str] | None = None
    not_discussed: list[str] | None = None
    evidence: Any = None
    confidence: float | None = None


class TimelineItemOut(_Open):
    """One dated item of a timeline: an event, or a quote by one person about the other."""


class StoryOut(_Open):
    """A story: articles from several outlets about the same happening."""


class ArticleOut(_Open):
    """An article with its text and everything saywho found in it (offsets index ``text``)."""

    id: str
    hash: str
    text: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    quotes: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    skipped: list[list[Any]] = []


class Page(BaseModel, Generic[T]):
    """One page of a list; ask again with ``offset=next_offset`` for the next (null: no more)."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None


class SearchOut(BaseModel):
    query: str
    quotes_by_speaker: list[QuoteOut]
    quotes: list[QuoteOut]
    people: list[PersonOut]
    articles: list[ArticleSummaryOut]


class ArticleIn(BaseModel):
    """An article to extract and store: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Plain article text.")
    html: str | None = Field(None, description="An article page's HTML.")
    url: str | None = Field(None, description="Address of an article page.")
    id: str | None = Field(None, max_length=200, description="Your id for the article (default: its content hash).")
    published: dt.date | None = Field(None, description="Publication date; relative dates in the text resolve against it.")
    outlet: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=1000)


class AddedOut(BaseModel):
    hash: str
    id: str
    status: str
    quotes: int
    events: int
