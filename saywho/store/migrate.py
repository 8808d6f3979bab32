"""Schema migrations with Alembic: what a database is at, and bringing it to the head.

The revisions are in ``migrations/versions``, one per schema version (:data:`REVISIONS`).
A store made before Alembic has no ``alembic_version`` table, only its version number
in ``saywho_meta``: it is stamped at the matching revision and upgraded from there, in
place.  Every revision also writes its number to ``saywho_meta``, so an older saywho
still refuses a schema newer than it knows, and so does this one (a number above
:data:`~.schema.SCHEMA_VERSION`, or a revision it has not got): untouched.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, text

from ..version import __version__
from . import schema as S
from .engine import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Schema version -> the Alembic revision that makes it.
REVISIONS = {1: "0001_articles", 2: "0002_events", 3: "0003_across", 4: "0004_verbatim_place", 5: "0005_speaker_phrase"}
HEAD = REVISIONS[S.SCHEMA_VERSION]
_VERSION_OF = {rev: v for v, rev in REVISIONS.items()}
_ADVISORY_LOCK = 0x5A7_3140  # PostgreSQL: one migrator at a time


@dataclass(frozen=True)
class State:
    """Where a database is: its Alembic revision (None: none recorded), its schema version
    (0: empty), and our tables found in a database that says neither."""

    revision: str | None
    version: int
    foreign: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        """At the head: nothing to do."""
        return self.revision == HEAD

    @property
    def only_unstamped(self) -> bool:
        """Made before Alembic at the current schema: only the revision is not recorded."""
        return self.revision is None and self.version == S.SCHEMA_VERSION


def alembic_config(conn: Connection | None = None) -> Config:
    """An Alembic Config for saywho's migrations, running on ``conn`` when given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    return cfg


def inspect_state(conn: Connection) -> State:
    """The database's :class:`State` (reads only)."""
    revision = MigrationContext.configure(conn).get_current_revision()
    legacy = S.current_version(conn)
    version = max(_VERSION_OF.get(revision or "", 0), legacy)
    foreign = tuple(S.has_foreign_tables(conn)) if version == 0 and revision is None else ()
    return State(revision, version, foreign)


def check(where: str, state: State) -> None:
    """StoreError, with the database untouched, for a schema newer than this saywho knows
    or for saywho's table names in a database that is no saywho store."""
    if state.version > S.SCHEMA_VERSION or (state.revision is not None and state.revision not in _VERSION_OF):
        what = state.version if state.version > S.SCHEMA_VERSION else f"revision {state.revision}"
        raise StoreError(where, f"the database has schema version {what}, newer than this saywho "
                                f"({__version__}) knows (version {S.SCHEMA_VERSION}); upgrade saywho. "
                                "Nothing was changed")
    if state.foreign:
        raise StoreError(where, f"has tables named like saywho's ({', '.join(state.foreign)}) but no saywho "
                                "schema version: not a saywho store? Nothing was changed")


def upgrade(conn: Connection, where: str, target: str = HEAD) -> None:
    """Bring the database to ``target`` inside the caller's write transaction: a store made
    before Alembic is first stamped at its version's revision."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK})
    state = inspect_state(conn)  # another process may have migrated meanwhile
    check(where, state)
    cfg = alembic_config(conn)
    if state.revision is None and state.version:
        command.stamp(cfg, REVISIONS[state.version])
    command.upgrade(cfg, target)
