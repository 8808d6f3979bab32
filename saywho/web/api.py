"""The JSON API: thin routes over :class:`saywho.store.Store` (no SQL here).

Every list takes ``limit``/``offset`` and ``format`` (json page, or the whole list
as csv / jsonl download).  Date filters are YYYY-MM-DD, YYYY-MM or YYYY (the CLI's
forms); a bad one is a 422, not a 500.
"""
from __future__ import annotations

import datetime as dt
import hmac
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BeforeValidator, StringConstraints
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..dates import DATE_FORMS, date_bound
from ..errors import SaywhoError
from . import models as m
from .export import DOWNLOAD_RESPONSES, MAX_LIMIT, Format, list_response, record_dict, sliced

# Free-text parameters are bounded: a search string longer than this is no search.
# No NUL anywhere (the guard answers 400 before any route): declared, so clients know.
_NO_NUL = r"^[^\x00]*$"
Str = Annotated[Annotated[str, StringConstraints(max_length=300, pattern=_NO_NUL)] | None, Query()]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=_NO_NUL)]
def _filter_date(v: object) -> object:
    """A date filter takes what the CLI takes (one validator, :func:`saywho.dates.date_bound`):
    YYYY-MM-DD, YYYY-MM or YYYY; pydantic alone would also read "0.0" as 1970-01-01."""
    if v is None:
        return v
    if not isinstance(v, str) or not v:
        raise ValueError(f"a date is {DATE_FORMS}")
    date_bound(v, end=False)  # raises ValueError naming the value and the forms
    return v


# The three forms, declared as such so that clients and fuzzers know them: a calendar
# date, a year-month, a year (what saywho.dates.date_bound takes, and the CLI too).
_YearMonth = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")]
_Year = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{3}$")]
Since = Annotated[dt.date | _YearMonth | _Year | None, BeforeValidator(_filter_date),
                  Query(description=f"On or after this date ({DATE_FORMS}; a month or year from its first day).")]
Until = Annotated[dt.date | _YearMonth | _Year | None, BeforeValidator(_filter_date),
                  Query(description=f"On or before this date ({DATE_FORMS}; a month or year to its last day).")]
Limit = Annotated[int | None, Query(ge=1, le=MAX_LIMIT, description=(
    "Records per page (default 50). For csv/jsonl: the most records to download (default: all)."))]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Fmt = Annotated[Format, Query(alias="format", description="json (a page), csv or jsonl (a download).")]
QuoteType = Literal["direct", "mixed", "indirect"]


def store(request: Request) -> Any:
    """The application's Store as the routes read it (a dependency): read answers cached
    per process until the store changes (see :mod:`saywho.web.cache`)."""
    return request.app.state.reads


def store_failed(exc: BaseException, st: Any) -> bool:
    """Whether ``exc`` is the database failing (503), not a bad request (400).

    The store raises StoreError for both: a bad date names the parameter, a database
    failure names the store (and chains the driver's error).
    """
    from sqlalchemy.exc import SQLAlchemyError

    from ..store import StoreError

    if isinstance(exc, SQLAlchemyError):
        return True
    if not isinstance(exc, StoreError):
        return False
    return exc.where == getattr(st, "where", None) or isinstance(exc.__cause__, (SQLAlchemyError, OSError))


Store = Annotated[Any, Depends(store)]


def _iso(d: dt.date | str | None) -> str | None:
    return d.isoformat() if isinstance(d, dt.date) else d


def _fields(model: type[m.BaseModel]) -> list[str]:
    return list(model.model_fields)


# The app refuses a NUL character anywhere in a request with a 400 (see app.guard).
BAD_REQUEST: dict[int | str, dict[str, Any]] = {400: {"description": "Bad request (a NUL character, or bad input)"}}
router = APIRouter(prefix="/api", tags=["api"], responses=BAD_REQUEST)


@router.get("/counts", summary="How many articles, quotes, people, events and failures are stored")
def counts(st: Store) -> dict[str, int]:
    return dict(st.counts())


@router.get("/articles", response_model=m.Page[m.ArticleSummaryOut], responses=DOWNLOAD_RESPONSES,
            summary="Stored articles, newest first")
def articles(st: Store, outlet: Str = None, since: Since = None, until: Until = None,
             search: Str = None, limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
    def fetch(lim: int, off: int) -> Any:
        return st.articles(outlet=outlet, since=_iso(since), until=_iso(until), search=search,
                           limit=lim, offset=off)

    return list_response("articles", fmt, fetch, limit, offset, _fields(m.ArticleSummaryOut))


@router.get("/articles/{key}", response_model=m.ArticleOut,
            response_model_exclude_unset=True, summary="One article with its text, quotes, people, events",
            responses={404: {"description": "No such article"}})
def article(st: Store, key: Annotated[str, Path(max_length=200)]) -> Any:
    art = st.get_article(key)
    if art is None:
        raise HTTPException(404, f"no article {key[:80]!r}")
    return jsonable_encoder(art.to_dict(include_text=True))


@router.get("/quotes", response_model=m.Page[m.QuoteOut], responses=DOWNLOAD_RESPONSES,
            response_model_exclude_unset=True,
            summary="Quotations, with the filters of the CLI")
def quotes(st: Store, speaker: Str = None, search: Str = None, outlet: Str = None, since: Since = None,
           until: Until = None, type: QuoteType | None = None, article: Str = None,
           limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
    def fetch(lim: int, off: int) -> Any:
        return st.quotes(speaker=speaker, search=search, outlet=outlet, since=_iso(since), until=_iso(until),
                         type=type, article=article, limit=lim, offset=off)

    return list_response("quotes", fmt, fetch, limit, offset, _fields(m.QuoteOut))


@router.get("/people", response_model=m.Page[m.PersonOut], responses=DOWNLOAD_RESPONSES,
            response_model_exclude_unset=True,
            summary="People (and organisations) who speak or take part, most quoted first")
def people(st: Store, name: Str = None, top: Annotated[int | None, Query(ge=1, le=100_000)] = None,
           limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
    fetch = sliced(lambda: st.people(top=top, name=name))
    return list_response("people", fmt, fetch, limit, offset, _fields(m.PersonOut))


@router.get("/events", response_model=m.Page[m.EventOut], responses=DOWNLOAD_RESPONSES,
            response_model_exclude_unset=True,
            summary="Calls, meetings, visits and messages between people")
def events(st: Store, person: Str = None, since: Since = None, until: Until = None,
           limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
    def fetch(lim: int, off: int) -> Any:
        return st.events(person=person, since=_iso(since), until=_iso(until), limit=lim, offset=off)

    return list_response("events", fmt, fetch, limit, offset, _fields(m.EventOut))


@router.get("/timeline", response_model=m.Page[m.TimelineItemOut], responses=DOWNLOAD_RESPONSES,
            summary="One or two people's events and statements in date order, with sources")
def timeline(st: Store, person: Annotated[list[Name], Query(min_length=1, max_length=2, description=(
                 "One or two names (repeat the parameter)."))],
             limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
    names = [p.strip() for p in person if p.strip()]
    fetch = sliced(lambda: st.timeline(*names) if names else [])
    return list_response("timeline", fmt, fetch, limit, offset, [])


@router.get("/search", response_model=m.SearchOut,
            response_model_exclude_unset=True, summary="Quotes, people and articles matching a query")
def search(st: Store, q: Annotated[str, Query(min_length=1, max_length=300)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Any:
    return {
        "query": q,
        "quotes_by_speaker": [record_dict(r) for r in st.quotes(speaker=q, limit=limit)],
        "quotes": [record_dict(r) for r in st.quotes(search=q, limit=limit)],
        "people": [record_dict(r) for r in st.people(name=q)[:limit]],
        "articles": [record_dict(r) for r in st.articles(search=q, limit=limit)],
    }


def stories_router() -> APIRouter:
    """Routes over ``Store.stories()``: added only when the store has stories."""
    r = APIRouter(prefix="/api", tags=["api"], responses=BAD_REQUEST)

    @r.get("/stories", response_model=m.Page[m.StoryOut], responses=DOWNLOAD_RESPONSES,
           summary="Stories: the same happening as reported by several outlets")
    def stories(st: Store, limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
        fetch = sliced(lambda: st.stories())
        return list_response("stories", fmt, fetch, limit, offset, [])

    return r


# ---------------------------------------------------------------- writing (token only)

_bearer = HTTPBearer(auto_error=False, description="The token given to `saywho serve` (--token-env / SAYWHO_TOKEN).")


def require_token(request: Request,
                  cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    want: str = request.app.state.token
    given = cred.credentials if cred else ""
    # Constant-time comparison: the time taken tells nothing about the token.
    if not given or not hmac.compare_digest(given.encode("utf-8"), want.encode("utf-8")):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def write_router() -> APIRouter:
    r = APIRouter(prefix="/api", tags=["api"], responses=BAD_REQUEST)

    @r.post("/articles", response_model=m.AddedOut, status_code=201, dependencies=[Depends(require_token)],
            summary="Extract quotes and events from an article and store it (needs the token)",
            responses={400: {"description": "Bad input"}, 401: {"description": "No or wrong token"}})
    def add_article(st: Store, body: m.ArticleIn) -> Any:
        from ..pipeline import extract, extract_articles
        from ..readers.fetch import fetch
        from ..readers.html import article_from_html

        given = [k for k in ("text", "html", "url") if getattr(body, k) is not None]
        if len(given) != 1:
            raise HTTPException(400, "give exactly one of text, html or url")
        published = _iso(body.published)
        try:
            if body.text is not None:
                from ..model import content_hash

                art = extract(body.text, published=published, id=body.id or content_hash(body.text),
                              source="POST /api/articles", outlet=body.outlet, title=body.title)
            else:
                if body.url is not None:
                    # trafilatura's downloader, size-capped, refusing private and loopback addresses.
                    data, final, _ = fetch(body.url)
                    url: str | None = final
                else:
                    data, url = (body.html or "").encode("utf-8", "surrogatepass"), None
                page = article_from_html(data, body.id or "article", source=body.url or "POST /api/articles",
                                         url=url, default_published=published)
                if body.id is None:
                    page.id = page.hash
                if published:  # a date given with the request wins over the page's
                    page.published, page.published_source = published, "given"
                page.outlet = body.outlet or page.outlet
                page.title = body.title or page.title
                # The pipeline's stages (parse, quotes, speakers, events) over the one page.
                art = next(extract_articles([page], batch_size=1))
            res = st.add(art, run={"source": "http"})
        except SaywhoError as e:
            if store_failed(e, st):
                raise  # the app answers 503, without the database's address
            raise HTTPException(400, str(e)) from None
        return {"hash": res.hash, "id": art.id, "status": res.status, "quotes": len(art.quotes),
                "events": len(art.events)}

    return r
