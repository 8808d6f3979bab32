"""The Store: articles and everything extracted from them, in SQLite or PostgreSQL.

A thin object over the function modules: it owns the engine, opens one transaction
per call (a write transaction takes the write lock at BEGIN), turns database errors
into :class:`StoreError`, migrates the schema on open (:mod:`.migrate`), and links
across articles before the queries that need it.  The SQL is in :mod:`.read`,
:mod:`.write`, :mod:`.linking`, :mod:`.across` and :mod:`.timeline`, each a set of
plain functions taking a SQLAlchemy ``Connection``.
"""
from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..corpus.corroborate import compare_engagement, compare_statement
from ..corpus.seeds import Seed
from ..corpus.seeds import load_people as read_people_file
from ..model import Article
from ..records import (
    AddResult, ArticleSummary, CorroborationRecord, EventRecord, FailureRecord, LinkReport, PersonRecord,
    QuoteRecord, ReportRow, RuleRecord, StatementRecord, StoryRecord, TimelineItem,
)
from . import across, linking, migrate, read, write
from .engine import StoreError, display, make_engine, resolve_url
from .sql import date_args, err_reason, now
from .timeline import timeline as _timeline


class Store:
    """Stored articles, quotes, people and events, and the queries people ask of them.

    Across articles (``people``, ``quotes(speaker=)``, ``timeline``, ``statements``,
    ``stories``, ``corroboration``): one identity per person, see :mod:`.linking`.

    ``url``: a SQLite file path or ``sqlite:///path`` URL, or ``postgresql://user@host/db``;
    None means ``$SAYWHO_DB``, else ``saywho.db`` in the current directory.  The schema
    is created or migrated on open.  Safe to share between threads.

    >>> st = Store("sqlite:///:memory:")
    >>> st.counts()["articles"]
    0
    """

    #: Queries across articles relink a changed store first (``_ensure_linked``).  With a
    #: positive ``link_every`` they try at most once per that many seconds and otherwise
    #: answer from the last link: a server whose store an ingest keeps changing would
    #: otherwise recompute on nearly every request, each time holding the write lock the
    #: ingest needs.  0: on every change (the library's and the CLI's default).
    link_every: float = 0.0

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.where = display(self.url)
        self.engine = make_engine(self.url)
        self.dialect = self.engine.dialect.name
        self._runs: dict[str, int] = {}
        self._lock = threading.Lock()
        self._link_tried = float("-inf")  # when a query last tried to relink (monotonic)
        try:
            self._migrate()
        except BaseException:
            self.engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"Store({self.where!r})"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as e:
            raise StoreError(self.where, err_reason(e)) from e

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            conn.info["saywho_write"] = True
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info.pop("saywho_write", None)

    def _migrate(self) -> None:
        with self._read() as conn:
            state = migrate.inspect_state(conn)
        migrate.check(self.where, state)
        if state.current:
            return
        try:
            with self._write() as conn:
                migrate.upgrade(conn, self.where)
        except (StoreError, DBAPIError) as e:
            # A store made before Alembic at the current schema lacks only the stamp:
            # one that cannot be written (a read-only file) is still read as it is.
            if state.only_unstamped:
                return
            if isinstance(e, StoreError) and "read-only" not in e.reason:
                raise
            # An older schema cannot be read by this saywho's queries; say so, in one line.
            why = e.reason.split(";")[0] if isinstance(e, StoreError) else err_reason(e)
            raise StoreError(self.where, f"has schema version {state.version} and this saywho needs "
                                         f"{migrate.S.SCHEMA_VERSION}, but the upgrade cannot be written "
                                         f"({why}): open it once with write access to upgrade it in place. "
                                         "Nothing was changed") from None

    @property
    def schema_version(self) -> int:
        """The database's schema version (the Alembic revision's number; see :mod:`.migrate`)."""
        with self._read() as conn:
            return migrate.inspect_state(conn).version

    # ------------------------------------------------------------ runs and writing

    def start_run(self, options: dict[str, Any] | None = None, source: str | None = None) -> dict[str, Any]:
        """Record an extraction run (saywho version, model, options); the dict goes to ``add(run=)``."""
        run = write.default_run(options, source)
        run["id"] = self._run_id(run)
        return run

    def _run_id(self, run: dict[str, Any]) -> int:
        if isinstance(run.get("id"), int):
            return int(run["id"])
        key = json.dumps(run, sort_keys=True, default=str)
        with self._lock:
            if key in self._runs:
                return self._runs[key]
        with self._write() as conn:
            rid = write.insert_run(conn, run)
        with self._lock:
            self._runs[key] = rid
        return rid

    def add(self, article: Article, run: dict[str, Any] | None = None) -> AddResult:
        """Store one article and its annotations in one transaction.

        "unchanged": the same text was stored by the same saywho version, model and
        options (nothing written); "replaced": it was stored by another, and its
        annotations were replaced; "added": new.
        """
        return self.add_many([article], run)[0]

    def add_many(self, articles: Iterable[Article], run: dict[str, Any] | None = None,
                 batch_size: int = 50) -> list[AddResult]:
        """Store many articles, ``batch_size`` to a transaction (each article whole or not at all)."""
        run = write.default_run(None, None) | dict(run or {})
        run_id = self._run_id(run)
        annot = write.annotator(run)
        out: list[AddResult] = []
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= batch_size:
                out += self._add_batch(batch, run_id, annot)
                batch = []
        if batch:
            out += self._add_batch(batch, run_id, annot)
        return out

    def _add_batch(self, batch: list[Article], run_id: int, annot: str) -> list[AddResult]:
        # Overlapping writers: ON CONFLICT covers the rows, but two transactions locking the
        # same rows in other orders may still deadlock (or meet a unique key between our
        # check and insert); the loser's transaction is rolled back whole, so doing it again
        # is safe, and it then finds the other's rows stored.
        for attempt in range(write.WRITE_TRIES):
            try:
                with self._write() as conn:
                    return [write.add_article(conn, a, run_id, annot) for a in batch]
            except StoreError as e:
                if attempt == write.WRITE_TRIES - 1 or not write.is_conflict(e.__cause__):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def is_current(self, hash: str, run: dict[str, Any] | None = None) -> bool:
        """Stored by the same saywho version, model and options (re-adding would change nothing)."""
        run = write.default_run(None, None) | dict(run or {})
        with self._read() as conn:
            got = read.annotator_of(conn, hash)
        return got == write.annotator(run)

    def has(self, hash: str) -> bool:
        """An article with this content hash is stored."""
        with self._read() as conn:
            return read.has_article(conn, hash)

    def delete(self, key: str) -> bool:
        """Remove an article (by hash or given id) and its annotations; False if not stored."""
        with self._write() as conn:
            h = read.resolve_key(conn, key)
            if h is None:
                return False
            write.delete_article(conn, h)
            return True

    def add_failure(self, source: str, reason: str, run_id: int | None = None) -> None:
        """Record a source that could not be read or extracted."""
        with self._write() as conn:
            write.add_failure(conn, source, reason, run_id)

    # ------------------------------------------------------------ one article, filters

    def get_article(self, key: str) -> Article | None:
        """The whole Article (text, quotes, people, events, skipped) by content hash or given id."""
        with self._read() as conn:
            return read.get_article(conn, key)

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 search: str | None = None, limit: int | None = 50, offset: int = 0) -> list[ArticleSummary]:
        """Stored articles, newest first; ``search`` matches the title or any quote's words."""
        date_args(since, until)  # a bad date is an error before any database work
        with self._read() as conn:
            return read.articles(conn, outlet=outlet, since=since, until=until, search=search, limit=limit,
                                 offset=offset)

    def quotes(self, *, speaker: str | None = None, search: str | None = None, outlet: str | None = None,
               since: str | None = None, until: str | None = None, type: str | None = None,
               article: str | None = None, limit: int | None = None, offset: int = 0) -> list[QuoteRecord]:
        """Quotes, newest article first.

        ``speaker``: a person, by any of their names (whole, any case: "Kemi Badenoch") or
        their surname ("badenoch"); never part of a name.  Each record's ``speaker`` and
        ``person_id`` are the person's (the identity's after linking), ``speaker_as_written``
        the article's.  ``search``: every word (or "quoted phrase") in the quote, by
        full-text search; ``since``/``until``: the article's publication date (YYYY-MM-DD,
        YYYY-MM or YYYY), inclusive.
        """
        date_args(since, until)
        self._ensure_linked()  # the person of every row, not only of the filter
        with self._read() as conn:
            return read.quotes(conn, speaker=speaker, search=search, outlet=outlet, since=since, until=until,
                               type=type, article=article, limit=limit, offset=offset)

    def people(self, *, top: int | None = None, name: str | None = None) -> list[PersonRecord]:
        """People in the stored articles, most quoted first (then most articles, then name).

        One record per identity (every name, role and outlet of the person across articles;
        ``id`` is the identity's); ``name`` matches any of their names.  On a store never
        linked and not writable: one record per name as written."""
        self._ensure_linked()
        with self._read() as conn:
            if linking.has_links(conn):
                return across.identity_people(conn, top, name)
            return read.people_as_written(conn, top, name)

    def events(self, *, person: str | None = None, since: str | None = None, until: str | None = None,
               limit: int | None = None, offset: int = 0) -> list[EventRecord]:
        """Calls, meetings, visits, in date order.  ``since``/``until`` match the event's date
        (a partial date such as 2024-09 covers its month; an undated event its article's date).
        ``person``: by any of their names or their surname, as for :meth:`quotes`."""
        date_args(since, until)
        self._ensure_linked()
        with self._read() as conn:
            return read.events(conn, person=person, since=since, until=until, limit=limit, offset=offset)

    def counts(self) -> dict[str, int]:
        """How many articles, quotes, people, mentions, events, failures and runs are stored."""
        with self._read() as conn:
            return read.counts(conn)

    def failures(self) -> list[FailureRecord]:
        """Every recorded failure, oldest first."""
        with self._read() as conn:
            return read.failures(conn)

    # ------------------------------------------------------------ across articles: inputs

    def load_people(self, people: str | os.PathLike[str] | Sequence[Seed]) -> int:
        """Add (or replace, by name) people from a people file or a list of Seeds; returns how many.

        The next query links again with them."""
        seeds = read_people_file(people) if isinstance(people, (str, os.PathLike)) else list(people)
        with self._write() as conn:
            write.save_seeds(conn, seeds)
        return len(seeds)

    def seeds(self) -> list[Seed]:
        """The people-file entries stored, in the order loaded."""
        with self._read() as conn:
            return linking.seeds(conn)

    def _rule(self, action: str, a: str, b: str) -> RuleRecord:
        a, b = write.rule_names(action, a, b)
        at = now()
        with self._write() as conn:
            return write.add_rule(conn, action, a, b, at)

    def merge_people(self, a: str, b: str) -> RuleRecord:
        """Remember that the names ``a`` and ``b`` are one person (applied on every link)."""
        return self._rule("merge", a, b)

    def split_person(self, a: str, b: str) -> RuleRecord:
        """Remember that the names ``a`` and ``b`` are two people, never to be merged."""
        return self._rule("split", a, b)

    def rules(self) -> list[RuleRecord]:
        """The merge/split rules, oldest first."""
        with self._read() as conn:
            return write.rules(conn)

    def remove_rule(self, rule_id: int) -> bool:
        """Forget a rule; False if there was none with that id."""
        with self._write() as conn:
            return write.remove_rule(conn, rule_id)

    # ------------------------------------------------------------ across articles: the recompute

    def link(self, force: bool = False) -> LinkReport:
        """Recompute identities, statements, engagements and stories (one transaction).

        Does nothing unless the store changed since the last link, or ``force``."""
        with self._write() as conn:
            return linking.relink(conn, force)

    def relink_due(self) -> None:
        """Let the next query relink at once, whatever ``link_every`` says (after a write
        of one's own, whose results the writer expects to see linked)."""
        self._link_tried = float("-inf")

    def _ensure_linked(self) -> None:
        """Link if the store changed since the last link; a read-only store keeps what it has.

        A recompute reads the whole store (about 1 ms per article), so above
        ``$SAYWHO_AUTO_LINK_MAX`` articles (default 20,000) queries answer from the last
        link and ``saywho link`` (or ``Store.link()``) brings it up to date."""
        with self._read() as conn:
            fp = linking.fingerprint(conn)
            last = linking.linked_state(conn)
            if last == fp:
                return
        limit = int(os.environ.get("SAYWHO_AUTO_LINK_MAX") or linking.AUTO_LINK_MAX)
        if last is not None and json.loads(fp)[1] > limit:
            return
        now = time.monotonic()
        if last is not None and self.link_every > 0 and now - self._link_tried < self.link_every:
            return  # linked a moment ago: the next try after link_every (see the attribute)
        self._link_tried = now
        try:
            self.link()
        except StoreError:
            pass  # e.g. a read-only database: answer from the links (or names) already there

    # ------------------------------------------------------------ across articles: queries

    def timeline(self, *names: str) -> list[TimelineItem]:
        """Engagements of one person, or between two (or more: all take part), in date order,
        each with every article that reported it.  With two people, also the quotes in
        which one speaks about the other (the other is mentioned inside the quote).

        People are identities across articles ("Starmer" in one article, "Sir Keir Starmer"
        in another); the same engagement or statement told by several articles is one
        item with several sources."""
        names = tuple(n for n in names if n and n.strip())
        if not names:
            return []
        self._ensure_linked()
        with self._read() as conn:
            return _timeline(conn, names)

    def statements(self, *, speaker: str | None = None, search: str | None = None, min_sources: int = 1,
                   since: str | None = None, until: str | None = None,
                   limit: int | None = None) -> list[StatementRecord]:
        """Quotations as statements: the same words by the same person, with every article that
        reported them; most reported first, then newest.  ``min_sources``: at least N outlets."""
        self._ensure_linked()
        date_args(since, until)
        with self._read() as conn:
            return across.statements(conn, speaker=speaker, search=search, min_sources=min_sources, since=since,
                                     until=until, limit=limit)

    def stories(self) -> list[StoryRecord]:
        """Stories: articles about the same happening (near-duplicate copies, the same call or
        meeting, the same statement), oldest first, each article with its quotes."""
        self._ensure_linked()
        with self._read() as conn:
            return across.stories(conn)

    def duplicates(self) -> list[list[str]]:
        """Groups of near-duplicate articles (content hashes, the first published first)."""
        self._ensure_linked()
        with self._read() as conn:
            return across.duplicates(conn)

    def corroboration(self, *, person: str | None = None, min_sources: int = 2) -> list[CorroborationRecord]:
        """For each engagement and statement reported by ``min_sources`` outlets or more: which
        details (date, duration, topics, wording) the outlets agree on, and which only one gives."""
        self._ensure_linked()
        with self._read() as conn:
            groups = across.engagements(conn, person)
        if groups is None:
            return []
        out = [compare_engagement(evs) for evs in groups
               if len({ev.outlet or ev.article_hash for ev in evs}) >= min_sources]
        for s in self.statements(speaker=person, min_sources=min_sources):
            out.append(compare_statement(s))
        out.sort(key=lambda c: (c.date or "9999", c.kind, c.title))
        return out

    def source_report(self, *, by: str = "outlet", since: str | None = None, until: str | None = None,
                      outlet: str | None = None, top: int = 10) -> list[ReportRow]:
        """Who gets quoted, per outlet (``by="outlet"``), per month (``"month"``) or over
        everything (``"all"``): each group's top ``top`` speakers (identities) with their
        quotes and share, the rest summed per kind ("(other people)")."""
        across.check_report_by(by)
        self._ensure_linked()
        date_args(since, until)
        with self._read() as conn:
            return across.source_report(conn, by=by, since=since, until=until, outlet=outlet, top=top)
