"""API routes across articles: statements, corroboration and the source report.

The same Store queries as ``saywho statements``, ``saywho corroborate`` and ``saywho
report``; lists page and download like every other list (see :mod:`.export`).
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from . import models as m
from .api import BAD_REQUEST, Fmt, Limit, Offset, Since, Store, Str, Until, _fields, _iso
from .export import DOWNLOAD_RESPONSES, list_response, sliced

MinSources = Annotated[int, Query(ge=1, le=1000, description="Only what at least N outlets reported.")]


def corpus_router() -> APIRouter:
    """The routes over Store.statements, Store.corroboration and Store.source_report."""
    r = APIRouter(prefix="/api", tags=["api"], responses=BAD_REQUEST)

    @r.get("/statements", response_model=m.Page[m.StatementOut], responses=DOWNLOAD_RESPONSES,
           summary="Quotes as statements: the same words by the same person, once, with every source")
    def statements(st: Store, speaker: Str = None, search: Str = None,
                   min_sources: Annotated[int, Query(ge=1, le=1000, description=(
                       "Only statements reported by at least N outlets."))] = 1,
                   since: Since = None, until: Until = None,
                   limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
        """Most widely reported first, then newest.  Wordings that differ only in punctuation
        or by being an excerpt of the longer quotation are one statement."""
        def fetch(lim: int, off: int) -> Any:
            # The store query takes a limit only: ask for the rows up to the page's end.
            return st.statements(speaker=speaker, search=search, min_sources=min_sources, since=_iso(since),
                                 until=_iso(until), limit=off + lim)[off:off + lim]

        return list_response("statements", fmt, fetch, limit, offset, _fields(m.StatementOut))

    @r.get("/corroboration", response_model=m.Page[m.CorroborationOut], responses=DOWNLOAD_RESPONSES,
           summary="What several outlets agree on, detail by detail")
    def corroboration(st: Store, person: Str = None, min_sources: MinSources = 2,
                      limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
        """For each engagement and statement that ``min_sources`` outlets reported: each
        detail (date, duration, topics, wording) as agreed, single source or disputed."""
        fetch = sliced(lambda: st.corroboration(person=person, min_sources=min_sources))
        return list_response("corroboration", fmt, fetch, limit, offset, _fields(m.CorroborationOut))

    @r.get("/report", response_model=m.Page[m.ReportRowOut], responses=DOWNLOAD_RESPONSES,
           summary="Source report: who gets quoted, by outlet or month, with counts and shares")
    def report(st: Store, by: Annotated[Literal["outlet", "month", "all"], Query(description=(
                   "One group per outlet, per month of publication, or one for everything."))] = "outlet",
               top: Annotated[int, Query(ge=1, le=1000, description=(
                   "Speakers listed per group; the others are summed by kind."))] = 10,
               outlet: Str = None, since: Since = None, until: Until = None,
               limit: Limit = None, offset: Offset = 0, fmt: Fmt = "json") -> Any:
        """People, organisations and unnamed sources quoted, per group, most quoted first."""
        fetch = sliced(lambda: st.source_report(by=by, top=top, outlet=outlet, since=_iso(since),
                                                until=_iso(until)))
        return list_response("report", fmt, fetch, limit, offset, _fields(m.ReportRowOut))

    return r
