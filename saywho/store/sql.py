"""SQL pieces shared by the store's function modules: keys, filters, full-text search.

Everything here builds statements or values; nothing opens a connection.  The only
per-backend piece is full-text search (FTS5 on SQLite, tsvector on PostgreSQL).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from sqlalchemy import Connection, func, select, text

from ..dates import date_bound, next_day
from . import schema as S
from .engine import StoreError


def now() -> str:
    """The current UTC time, ISO 8601 to the second (what every ``stored``/``at`` column holds)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def person_key(name: str, kind: str | None) -> str:
    """The people-table key: normalised name + kind ("Keir  STARMER" and "Keir Starmer" are one)."""
    norm = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return f"{kind or 'person'}:{norm}"


def date_args(since: str | dt.date | None, until: str | dt.date | None) -> tuple[str | None, str | None]:
    """A query's ``since``/``until`` as the first and last day they cover; StoreError if either
    is not YYYY, YYYY-MM or YYYY-MM-DD."""
    out: list[str | None] = []
    for name, value, end in (("since", since, False), ("until", until, True)):
        try:
            out.append(date_bound(value, end))
        except ValueError as e:
            raise StoreError(name, str(e)) from None
    return out[0], out[1]


def filter_period(stmt: Any, column: Any, since_: str | None, until_: str | None) -> Any:
    """``since_ <= column <= until_`` (inclusive days), each bound when given."""
    if since_:
        stmt = stmt.where(column >= since_)
    if until_:
        stmt = stmt.where(column < next_day(until_))
    return stmt


def filter_outlet(stmt: Any, column: Any, outlet: str | None) -> Any:
    """The outlet, any case, when given."""
    return stmt.where(func.lower(column) == outlet.casefold()) if outlet else stmt


def like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, its own % and _ taken literally."""
    v = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{v}%"


def people_matching(name: str) -> Any:
    """Ids of people whose name contains ``name`` (case-insensitive), as a subquery."""
    return select(S.people.c.id).where(func.lower(S.people.c.name).like(like(name), escape="\\"))


_TERM = re.compile(r'"([^"]*)"|(\S+)')
_TOKEN = re.compile(r"[^\W_]+")


def fts_terms(query: str) -> list[list[str]]:
    """Search words as groups of tokens: "a phrase" in double quotes is one group, and so is
    a hyphenated word; every group must match.  Tokens are letters and digits only, so no
    user input ever reaches FTS5 or tsquery syntax."""
    groups = []
    for phrase, word in _TERM.findall(query):
        toks = _TOKEN.findall((phrase or word).casefold())
        if toks:
            groups.append(toks)
    return groups


def fts(conn: Connection, query: str) -> Any:
    """A WHERE clause: the quote's text holds every word / phrase of ``query``."""
    groups = fts_terms(query)
    if not groups:
        return text("1 = 0")  # nothing searchable in the query: nothing matches
    if conn.dialect.name == "sqlite":
        q = " AND ".join('"' + " ".join(g) + '"' for g in groups)
        return S.quotes.c.id.in_(text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts")
                                 .bindparams(fts=q))
    q = " & ".join("(" + " <-> ".join(g) + ")" for g in groups)
    return text("quotes.tsv @@ to_tsquery('simple'::regconfig, :fts)").bindparams(fts=q)


def newest_first(conn: Connection, column: Any) -> Any:
    """``column`` descending, NULL last.  SQLite already sorts NULL last in DESC, and saying
    NULLS LAST there would stop it from walking an index on the column in order."""
    return column.desc() if conn.dialect.name == "sqlite" else column.desc().nulls_last()


def count(conn: Connection, stmt: Any) -> int:
    """The scalar of a COUNT statement, 0 for NULL."""
    return int(conn.execute(stmt).scalar() or 0)


def err_reason(e: BaseException) -> str:
    """A database error as one line a person can act on."""
    orig = getattr(e, "orig", None) or e
    msg = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = msg.lower()
    if "readonly database" in low or "read-only" in low:
        return "the database is read-only (read-only file or file system); nothing was written"
    if "unable to open database file" in low:
        return "cannot open the database file (missing directory, or no permission)"
    if "file is not a database" in low or "file is encrypted" in low:
        return "not a SQLite database"
    if "disk i/o error" in low:
        return "disk I/O error (is the file system writable and not full?)"
    if "database or disk is full" in low:
        return "the disk is full; nothing was written"
    return msg
