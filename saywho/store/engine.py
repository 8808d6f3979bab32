"""Database URLs and engines: a bare path or ``sqlite:///`` URL means SQLite, and
``postgresql://`` means PostgreSQL through psycopg 3.  Everything else in the store
is one code path over SQLAlchemy Core."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from ..errors import SaywhoError

DEFAULT_DB = "saywho.db"


class StoreError(SaywhoError):
    """A database that cannot be used: ``str(err)`` is ``"<database>: <reason>"``."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


def resolve_url(url: str | os.PathLike[str] | None) -> URL:
    """The SQLAlchemy URL for a user's ``--db`` value (None: $SAYWHO_DB, else ./saywho.db)."""
    raw = os.fspath(url) if url is not None else (os.environ.get("SAYWHO_DB") or DEFAULT_DB)
    raw = raw.strip()
    if not raw:
        raise StoreError("database", "empty database URL")
    if "://" not in raw:  # a file path
        return URL.create("sqlite+pysqlite", database=str(Path(raw).expanduser()))
    try:
        u = make_url(raw)
    except ArgumentError as e:
        raise StoreError(_safe(raw), f"not a database URL ({e})") from None
    backend = u.get_backend_name()
    if backend == "sqlite":
        return u.set(drivername="sqlite+pysqlite")
    if backend in ("postgresql", "postgres"):
        return u.set(drivername="postgresql+psycopg")
    raise StoreError(_safe(raw), f"unsupported database {backend!r}: use a SQLite path or a postgresql:// URL")


def _safe(raw: str) -> str:
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for the message
        return raw.split("@")[-1]


def display(u: URL) -> str:
    """The URL as shown in messages: no password; SQLite as its file path."""
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


def make_engine(u: URL) -> Engine:
    if u.get_backend_name() == "sqlite":
        return _sqlite_engine(u)
    # connect_timeout: an unreachable server is an error in seconds, not a hang.
    return create_engine(u, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _sqlite_engine(u: URL) -> Engine:
    db = u.database or ""
    memory = db in ("", ":memory:") or "mode=memory" in db
    if not memory and not u.query.get("uri"):
        parent = Path(db).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(db, f"directory {parent} does not exist")
    kw: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    if memory:
        kw["poolclass"] = StaticPool  # one shared connection, or each would see its own empty database
    engine = create_engine(u, **kw)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
        # We issue BEGIN ourselves (below): pysqlite's implicit transactions start late
        # and cannot be made IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if not memory:
            try:
                # WAL: readers (the web app, a query) never block the ingest, and a killed
                # writer's transaction is simply not there on the next open.
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            except Exception:  # noqa: BLE001 - a read-only file keeps its journal mode
                pass
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Write transactions take the write lock at BEGIN, so that two writers wait
        # for each other (busy_timeout) instead of failing on a lock upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("saywho_write") else "BEGIN")

    return engine
