"""Response and request models of the JSON API: they document the OpenAPI schema.

The quote, event and person models are derived from :mod:`saywho.model` (one
declaration of each record): a field added there appears here, in the schema and in
the answers, without an edit here.  What a list row adds to the record (its id, the
article it came from, counts across articles) is declared here as ``context``.

``extra="allow"`` lets a field the store adds later pass through rather than vanish;
the routes answer with ``response_model_exclude_unset`` so that a model field the
store does not serve yet is left out rather than sent as null.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from .. import model

T = TypeVar("T")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


#: Fields of a model record left out of a web model, with the reason.
OMITTED: dict[str, dict[str, str]] = {
    # A person in the people list spans articles; mentions are offsets into one article's text.
    "PersonOut": {"mentions": "offsets into one article's text; a listed person spans articles"},
}


def derive(name: str, fields: dict[str, Any], required: set[str], doc: str,
           context: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> type[_Open]:
    """A response model whose fields are ``context``, then ``fields`` (a record's, from
    :mod:`saywho.model`), then ``after``; every field but the ``required`` is optional.

    ``context`` / ``after`` map a name to its type (always optional): what a list row
    carries besides the record.
    """
    omit = OMITTED.get(name, {})
    defs: dict[str, Any] = {k: (t | None, None) for k, t in (context or {}).items()}
    for k, t in fields.items():
        if k not in omit:
            defs[k] = (t, ...) if k in required else (t | None, None)
    defs.update({k: (t | None, None) for k, t in (after or {}).items()})
    m: type[_Open] = create_model(name, __base__=_Open, __doc__=doc, **defs)
    return m


# What a stored quote or event row tells about its article.
_ARTICLE = {"id": int | str, "article_hash": str, "article_id": str, "outlet": str, "published": str,
            "url": str}


class ArticleSummaryOut(_Open):
    hash: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    quote_count: int | None = None


QuoteOut = derive("QuoteOut", model.flat_quote_fields(), model.required_fields(model.Quote),
                  "A stored quotation (the speaker flattened into speaker, speaker_kind, mention...).",
                  context={**_ARTICLE, "title": str})

EventOut = derive("EventOut", model.fields_of(model.Event), model.required_fields(model.Event),
                  "A stored call, meeting, visit or message.", context=_ARTICLE)

PersonOut = derive("PersonOut", model.fields_of(model.Person), model.required_fields(model.Person),
                   "A person (or organisation) across the stored articles.",
                   context={"id": int | str},
                   after={"outlets": list[str], "quote_count": int, "article_count": int,
                          "names": list[str], "qid": str})


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
    # The records themselves (pydantic reads model.py's dataclasses): offsets included.
    quotes: list[model.Quote] = []
    people: list[model.Person] = []
    events: list[model.Event] = []
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


# Records across articles (statements, corroboration, the source report): declared here
# field by field so that the schema documents them.

class SourceOut(_Open):
    """An article that reported something."""

    article_hash: str
    article_id: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


class StatementOut(_Open):
    """One quotation as reported by every article that carried it (the same words, or
    nearly, by the same speaker), with every source and the wording each printed."""

    id: int
    speaker: str | None = None
    text: str
    quote_count: int
    outlets: list[str] = []
    first_published: str | None = None
    wordings: list[str] = []
    sources: list[SourceOut] = []
    quote_ids: list[int] = []
    source_wordings: list[str] = Field([], description="The wording each source printed (parallel to sources).")


class DetailOut(_Open):
    """One reported detail (date, duration, topics, wording...) and whether the outlets agree."""

    field: str
    value: Any = None
    outlets: list[str] = []
    status: str = Field(description='"agreed", "single source" or "disputed".')


class CorroborationOut(_Open):
    """An engagement or a statement reported by several outlets, detail by detail."""

    kind: str = Field(description='"engagement" or "statement".')
    title: str
    date: str | None = None
    sources: list[SourceOut] = []
    details: list[DetailOut] = []


class ReportRowOut(_Open):
    """One line of the source report: a speaker's quotes within a group (an outlet, a month,
    or "all"); speakers beyond the top N of a group are summed per kind as "(other ...)"."""

    group: str
    group_quotes: int
    speaker: str
    kind: str
    quotes: int
    share: float
