"""Reading the store, one article at a time or by filters: articles, quotes, people as
written, events, counts.  Plain functions over a Connection inside the caller's read
transaction; the across-article queries are in :mod:`.across`."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from ..model import Article, Event, Person, Quote, Skipped, Speaker
from ..records import ArticleSummary, EventRecord, FailureRecord, PersonRecord, QuoteRecord
from . import schema as S
from .linking import has_links, people_named, who
from .sql import count, date_args, filter_outlet, filter_period, fts, like, newest_first


def resolve_key(conn: Connection, key: str) -> str | None:
    """The content hash of the article ``key`` names (a hash, or a given id); None if none."""
    a = S.articles
    h = conn.execute(select(a.c.hash).where(a.c.hash == key)).scalar()
    if h is None:  # a given id; the most recently stored if several share it
        h = conn.execute(select(a.c.hash).where(a.c.id == key).order_by(a.c.stored.desc(), a.c.hash)
                         .limit(1)).scalar()
    return h


def has_article(conn: Connection, h: str) -> bool:
    """An article with content hash ``h`` is stored."""
    return conn.execute(select(S.articles.c.hash).where(S.articles.c.hash == h)).first() is not None


def annotator_of(conn: Connection, h: str) -> str | None:
    """What annotated the stored article ``h`` (see :func:`.write.annotator`); None if not stored."""
    return conn.execute(select(S.articles.c.annotator).where(S.articles.c.hash == h)).scalar()


def get_article(conn: Connection, key: str) -> Article | None:
    """The whole Article (text, quotes, people, events, skipped) by content hash or given id."""
    h = resolve_key(conn, key)
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
    qs = conn.execute(select(S.quotes).where(S.quotes.c.article_hash == h).order_by(S.quotes.c.idx)).mappings().all()
    evs = conn.execute(select(S.events).where(S.events.c.article_hash == h).order_by(S.events.c.idx)).mappings().all()
    parts = participants(conn, [e["id"] for e in evs])
    people = [Person(name=r["name"], kind=kinds.get(r["person_id"], "person"),  # type: ignore[arg-type]
                     mentions=ment.get(r["person_id"], []), roles=list(r["roles"] or []), gender=r["gender"])
              for r in ap if r["listed"]]
    quotes = [Quote(start=q["start"], end=q["end"], text=q["text"], type=q["type"],
                    speaker=Speaker(name=q["speaker_name"], mention=q["mention"], mention_start=q["mention_start"],
                                    mention_end=q["mention_end"], kind=q["speaker_kind"] or "person",
                                    members=q["speaker_members"], phrase=q["speaker_phrase"],
                                    phrase_start=q["speaker_phrase_start"], phrase_end=q["speaker_phrase_end"])
                    if q["speaker_name"] is not None else None,
                    cue=q["cue"], cue_start=q["cue_start"], cue_end=q["cue_end"], venue=q["venue"],
                    addressee=q["addressee"], date=q["date"], confidence=q["confidence"],
                    nested_in=q["nested_in"], verbatim=[list(v) for v in q["verbatim"] or []],
                    verbatim_text=q["verbatim_text"]) for q in qs]
    events = [Event(type=e["type"], participants=parts.get(e["id"], []), date=e["date"],
                    date_text=e["date_text"], date_approximate=bool(e["date_approximate"]),
                    duration_minutes=e["duration_minutes"], duration_approximate=bool(e["duration_approximate"]),
                    topics=list(e["topics"] or []), not_discussed=list(e["not_discussed"] or []),
                    evidence=[tuple(x) for x in e["evidence"] or []],  # type: ignore[misc]
                    trigger=e["trigger"], confidence=e["confidence"], place=e["place"],
                    status=e["status"] or "happened") for e in evs]
    return Article(id=a["id"], text=a["text"], published=a["published"], published_source=a["published_source"],
                   title=a["title"], outlet=a["outlet"], url=a["url"], author=a["author"],
                   language=a["language"], source=a["source"], quotes=quotes, people=people, events=events,
                   skipped=[Skipped(*s) for s in a["skipped"] or []], warnings=list(a["warnings"] or []))


def participants(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[str]]:
    """event id -> its participants' names as written, in order."""
    return {k: [w for w, _, _ in v] for k, v in participant_people(conn, event_ids).items()}


def participant_people(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[tuple[str, str, int | None]]]:
    """event id -> its participants in order, each (name as written, the person's name,
    person id): on a linked store the person is the identity (its name and id), so a
    merge or split shows here at once; on a store never linked, the name as written."""
    out: dict[int, list[tuple[str, str, int | None]]] = {}
    ids = list(event_ids)
    ep, e, l, i = S.event_participants, S.events, S.identity_links, S.identities
    linked = has_links(conn)
    for k in range(0, len(ids), 500):
        rows = conn.execute(select(ep.c.event_id, ep.c.name, ep.c.person_id, l.c.identity_id, i.c.name.label("canon"))
                            .select_from(ep.join(e, e.c.id == ep.c.event_id)
                                         .outerjoin(l, and_(l.c.article_hash == e.c.article_hash,
                                                            l.c.person_id == ep.c.person_id))
                                         .outerjoin(i, i.c.id == l.c.identity_id))
                            .where(ep.c.event_id.in_(ids[k:k + 500]))
                            .order_by(ep.c.event_id, ep.c.position))
        for eid, name, pid, iid, canon in rows:
            out.setdefault(eid, []).append((name, canon or name, iid if linked else pid))
    return out


def articles(conn: Connection, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
             search: str | None = None, limit: int | None = 50, offset: int = 0) -> list[ArticleSummary]:
    """Stored articles, newest first; ``search`` matches the title or any quote's words."""
    a, q = S.articles, S.quotes
    qc = select(func.count()).where(q.c.article_hash == a.c.hash).scalar_subquery()
    stmt = select(a.c.hash, a.c.id, a.c.title, a.c.outlet, a.c.url, a.c.published, qc.label("quote_count"))
    since_, until_ = date_args(since, until)
    stmt = filter_period(filter_outlet(stmt, a.c.outlet, outlet), a.c.published, since_, until_)
    if search:
        stmt = stmt.where(or_(func.lower(a.c.title).like(like(search), escape="\\"),
                              a.c.hash.in_(select(q.c.article_hash).where(fts(conn, search)))))
    stmt = stmt.order_by(a.c.published.desc().nulls_last(), a.c.hash).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [ArticleSummary(**r) for r in conn.execute(stmt).mappings()]


def quotes_stmt(conn: Connection, *, search: str | None, outlet: str | None, since: str | None,
                until: str | None, type: str | None, article: str | None, limit: int | None,
                offset: int) -> Any:
    """The statement behind :func:`quotes`, every filter but the speaker applied."""
    a, q, l, i = S.articles, S.quotes, S.identity_links, S.identities
    # The speaker is the person (the identity after Store.link, so that a merge or split
    # shows at once); the name this article used stays in speaker_as_written.
    pid = l.c.identity_id if has_links(conn) else q.c.speaker_id
    stmt = select(q.c.id, q.c.article_hash, a.c.id.label("article_id"), a.c.outlet, a.c.published, a.c.url,
                  a.c.title, q.c.start, q.c.end, q.c.text, q.c.type,
                  func.coalesce(i.c.name, q.c.speaker_name).label("speaker"),
                  q.c.speaker_kind, q.c.mention, q.c.cue, q.c.venue, q.c.date, q.c.confidence,
                  q.c.addressee, q.c.cue_start, q.c.cue_end, q.c.nested_in, q.c.mention_start, q.c.mention_end,
                  q.c.verbatim, q.c.verbatim_text, q.c.speaker_members, q.c.speaker_phrase,
                  q.c.speaker_phrase_start, q.c.speaker_phrase_end, pid.label("person_id"),
                  q.c.speaker_name.label("speaker_as_written")).select_from(
        q.join(a, a.c.hash == q.c.article_hash)
        .outerjoin(l, and_(l.c.article_hash == q.c.article_hash, l.c.person_id == q.c.speaker_id))
        .outerjoin(i, i.c.id == l.c.identity_id))
    since_, until_ = date_args(since, until)
    if search is not None:
        stmt = stmt.where(fts(conn, search))
    stmt = filter_period(filter_outlet(stmt, a.c.outlet, outlet), q.c.published, since_, until_)
    if type:
        stmt = stmt.where(q.c.type == type)
    if article:
        stmt = stmt.where(or_(a.c.hash == article, a.c.id == article))
    # Newest first, undated last (walking the published index in order on SQLite).
    stmt = stmt.order_by(newest_first(conn, q.c.published), q.c.article_hash, q.c.start, q.c.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt


def quotes(conn: Connection, *, speaker: str | None = None, search: str | None = None, outlet: str | None = None,
           since: str | None = None, until: str | None = None, type: str | None = None,
           article: str | None = None, limit: int | None = None, offset: int = 0) -> list[QuoteRecord]:
    """Quotes, newest article first (see :meth:`saywho.store.Store.quotes`)."""
    stmt = quotes_stmt(conn, search=search, outlet=outlet, since=since, until=until, type=type, article=article,
                       limit=limit, offset=offset)
    if speaker:
        # The people first, as literal ids (every name of their identity): with one
        # person the planner walks the (speaker_id, published) index in order and
        # stops at the page's end.  A name that is someone else in other articles
        # ("Smith") is checked article by article.
        clause = who(conn, speaker, S.quotes.c.article_hash, S.quotes.c.speaker_id)
        if clause is None:
            return []
        stmt = stmt.where(clause)
    return [QuoteRecord(**{**r, "verbatim": [list(v) for v in r["verbatim"] or []]})
            for r in conn.execute(stmt).mappings()]


def roles_and_outlets(conn: Connection, key: Any, joined: Any, ids: list[int]
                      ) -> tuple[dict[int, list[str]], dict[int, set[str]]]:
    """For each id (``key``: a column of ``joined``, which joins article_people and
    articles): its roles in the order the articles gave them, each once, and its outlets."""
    ap, a = S.article_people, S.articles
    roles: dict[int, list[str]] = {}
    outlets: dict[int, set[str]] = {}
    for k in range(0, len(ids), 500):
        for kid, rl, outlet in conn.execute(
                select(key, ap.c.roles, a.c.outlet).select_from(joined)
                .where(key.in_(ids[k:k + 500])).order_by(a.c.published, ap.c.article_hash)):
            lst = roles.setdefault(kid, [])
            lst += [x for x in rl or [] if x not in lst]
            if outlet:
                outlets.setdefault(kid, set()).add(outlet)
    return roles, outlets


def people_as_written(conn: Connection, top: int | None, name: str | None) -> list[PersonRecord]:
    """One record per name as written (a store never linked), most quoted first."""
    p, q, ap, a = S.people, S.quotes, S.article_people, S.articles
    qc = select(func.count()).where(q.c.speaker_id == p.c.id).scalar_subquery()
    ac = select(func.count(func.distinct(ap.c.article_hash))).where(ap.c.person_id == p.c.id).scalar_subquery()
    stmt = (select(p.c.id, p.c.name, p.c.kind, qc.label("quote_count"), ac.label("article_count"))
            .where(p.c.id.in_(select(ap.c.person_id))))
    if name:
        stmt = stmt.where(p.c.id.in_(people_named(conn, name)))
    stmt = stmt.order_by(qc.desc(), ac.desc(), p.c.name, p.c.id)
    if top is not None:
        stmt = stmt.limit(top)
    rows = conn.execute(stmt).mappings().all()
    roles, outlets = roles_and_outlets(conn, ap.c.person_id, ap.join(a, a.c.hash == ap.c.article_hash),
                                       [r["id"] for r in rows])
    return [PersonRecord(id=r["id"], name=r["name"], kind=r["kind"], roles=roles.get(r["id"], []),
                         outlets=sorted(outlets.get(r["id"], ())), quote_count=r["quote_count"],
                         article_count=r["article_count"]) for r in rows]


def event_stmt() -> Any:
    """Events joined with their article (what an EventRecord needs)."""
    e, a = S.events, S.articles
    return select(e, a.c.id.label("article_id"), a.c.outlet, a.c.published, a.c.url).select_from(
        e.join(a, a.c.hash == e.c.article_hash))


def event_records(conn: Connection, stmt: Any) -> list[EventRecord]:
    """EventRecords of the rows of ``stmt`` (an :func:`event_stmt` with filters)."""
    rows = conn.execute(stmt).mappings().all()
    parts = participant_people(conn, [r["id"] for r in rows])
    return [EventRecord(
        id=r["id"], article_hash=r["article_hash"], article_id=r["article_id"], outlet=r["outlet"],
        published=r["published"], type=r["type"], participants=[c for _, c, _ in parts.get(r["id"], [])],
        participants_as_written=[w for w, _, _ in parts.get(r["id"], [])],
        person_ids=[x for _, _, x in parts.get(r["id"], [])], date=r["date"],
        date_text=r["date_text"], date_approximate=bool(r["date_approximate"]),
        duration_minutes=r["duration_minutes"], topics=list(r["topics"] or []),
        not_discussed=list(r["not_discussed"] or []), evidence=[list(x) for x in r["evidence"] or []],
        confidence=r["confidence"], duration_approximate=bool(r["duration_approximate"]), trigger=r["trigger"],
        url=r["url"], place=r["place"], status=r["status"] or "happened") for r in rows]


def events(conn: Connection, *, person: str | None = None, since: str | None = None, until: str | None = None,
           limit: int | None = None, offset: int = 0) -> list[EventRecord]:
    """Calls, meetings, visits, in date order (see :meth:`saywho.store.Store.events`)."""
    e, ep = S.events, S.event_participants
    stmt = event_stmt()
    since_, until_ = date_args(since, until)
    if person:
        clause = who(conn, person, e.c.article_hash, ep.c.person_id)
        if clause is None:
            return []
        stmt = stmt.where(e.c.id.in_(select(ep.c.event_id).select_from(ep.join(e, e.c.id == ep.c.event_id))
                                     .where(clause)))
    if since_:
        stmt = stmt.where(e.c.date_to >= since_)
    if until_:
        stmt = stmt.where(e.c.date_from <= until_)
    stmt = stmt.order_by(e.c.date_from.asc().nulls_last(), e.c.article_hash, e.c.idx).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return event_records(conn, stmt)


def counts(conn: Connection) -> dict[str, int]:
    """How many articles, quotes, people, mentions, events, failures and runs are stored."""
    return {
        "articles": count(conn, select(func.count()).select_from(S.articles)),
        "quotes": count(conn, select(func.count()).select_from(S.quotes)),
        "people": count(conn, select(func.count(func.distinct(S.article_people.c.person_id)))),
        "mentions": count(conn, select(func.count()).select_from(S.mentions)),
        "events": count(conn, select(func.count()).select_from(S.events)),
        "failures": count(conn, select(func.count()).select_from(S.failures)),
        "runs": count(conn, select(func.count()).select_from(S.runs)),
    }


def failures(conn: Connection) -> list[FailureRecord]:
    """Every recorded failure, oldest first."""
    f = S.failures
    return [FailureRecord(**r) for r in conn.execute(select(f).order_by(f.c.id)).mappings()]
