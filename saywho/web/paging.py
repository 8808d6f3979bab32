"""Pages of lists for the HTML pages, and the one store query the pages need that the
Store does not offer (the outlets, for the filter menu).

A page is read with one row more than it shows (that row says whether a next page
exists).  A filter the store cannot apply (the speaker's kind) is applied here, over
the store's rows in order; the page's cursor is then the offset in the store's
unfiltered list, so that the next page starts exactly where this one stopped.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from .export import record_dict

#: Fetches ``limit`` records from ``offset`` on (the store's own order).
Fetch = Callable[[int, int], Sequence[Any]]
_SCAN = 200  # store rows read per call while filtering here


@dataclass
class PageOf:
    """One page of a list: its items and the cursor of the next page (None: the last)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    offset: int = 0
    next_offset: int | None = None


def page_of(fetch: Fetch, offset: int, per: int, keep: Callable[[dict[str, Any]], bool] | None = None) -> PageOf:
    """The ``per`` records from store offset ``offset`` on that ``keep`` accepts."""
    if keep is None:
        rows = [record_dict(r) for r in fetch(per + 1, offset)]
        return PageOf(rows[:per], offset, offset + per if len(rows) > per else None)
    items: list[dict[str, Any]] = []
    pos = offset
    while True:
        rows = [record_dict(r) for r in fetch(_SCAN, pos)]
        for i, r in enumerate(rows):
            if keep(r):
                if len(items) == per:  # one more exists: the next page starts at it
                    return PageOf(items, offset, pos + i)
                items.append(r)
        if len(rows) < _SCAN:
            return PageOf(items, offset, None)
        pos += len(rows)


def sliced_page(rows: Sequence[Any], offset: int, per: int) -> PageOf:
    """A page of a list the store returns whole."""
    return PageOf([record_dict(r) for r in rows[offset:offset + per]], offset,
                  offset + per if len(rows) > offset + per else None)


def link(params: dict[str, Any], **changes: Any) -> str:
    """A relative link to this page with ``changes`` to its query (empty values dropped):
    the page's own path, never a URL built from the request's Host header."""
    merged = {**params, **changes}
    return "?" + urlencode([(k, v) for k, v in merged.items() if v not in (None, "", 0)], doseq=True)


def outlets(st: Any, limit: int = 500) -> list[str]:
    """The stored outlets, by name (for the filter menu).

    A query of its own (SQLAlchemy Core over the store's engine and tables) because the
    Store offers no list of outlets.
    """
    from ..store.schema import articles

    stmt = (select(articles.c.outlet).where(articles.c.outlet.is_not(None)).group_by(articles.c.outlet)
            .order_by(articles.c.outlet).limit(limit))

    def query() -> list[str]:
        with st.engine.connect() as conn:
            return [r[0] for r in conn.execute(stmt) if r[0]]

    # A scan of the articles table: kept until the store changes when the routes' reads cache.
    memo = getattr(st, "memo", None)
    return memo(("outlets", limit), query) if callable(memo) else query()
