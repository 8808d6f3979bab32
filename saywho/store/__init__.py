"""Store, search and export: SQLite by default, PostgreSQL for a team.

    >>> from saywho.store import Store, to_dataframe
    >>> st = Store("news.db")                       # or "postgresql://user@host/news"
    >>> st.add(article)                             # AddResult(hash=..., status="added")
    >>> st.quotes(speaker="Badenoch", search="red lines", since="2025-01-01")
    >>> to_dataframe(st.people(top=20))
"""
from __future__ import annotations

from ..dates import period
from ..records import (
    AddResult, ArticleSummary, EventRecord, FailureRecord, PersonRecord, QuoteRecord, Source, TimelineItem,
    to_dataframe,
)
from .engine import DEFAULT_DB, StoreError, resolve_url
from .facade import Store
from .schema import SCHEMA_VERSION
from .sql import fts_terms, person_key
from .write import default_run

__all__ = [
    "AddResult", "ArticleSummary", "DEFAULT_DB", "EventRecord", "FailureRecord", "PersonRecord",
    "QuoteRecord", "SCHEMA_VERSION", "Source", "Store", "StoreError", "TimelineItem", "default_run", "fts_terms",
    "period", "person_key", "resolve_url", "to_dataframe",
]
