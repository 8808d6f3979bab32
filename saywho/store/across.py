"""Queries across articles, over what :func:`.linking.relink` derived: people as
identities, statements, stories, near-duplicates, corroborated engagements and the
source report.  Plain functions over a Connection inside the caller's read transaction."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, and_, func, select

from ..records import EventRecord, PersonRecord, ReportRow, Source, StatementRecord, StoryRecord
from . import schema as S
from .engine import StoreError
from .linking import identities_named, who
from .read import event_records, event_stmt, roles_and_outlets
from .sql import date_args, filter_outlet, filter_period, fts, newest_first

_KIND_PLURAL = {"person": "people", "organisation": "organisations", "unnamed": "unnamed sources",
                "group": "groups", "none": "quotes without a speaker"}


def role_label(r: dict[str, Any]) -> str:
    """A people-file role as shown: "Prime Minister (GB, 2024-07-05–)"."""
    span = ""
    if r.get("start") or r.get("end"):
        span = f"{r.get('start') or ''}–{r.get('end') or ''}"
    extra = ", ".join(x for x in (r.get("country"), span) if x)
    return f"{r['role']} ({extra})" if extra else str(r["role"])


def identity_people(conn: Connection, top: int | None, name: str | None) -> list[PersonRecord]:
    """One record per identity, most quoted first (then most articles, then name)."""
    i, l, q, ap, a = S.identities, S.identity_links, S.quotes, S.article_people, S.articles
    qc = (select(func.count()).select_from(q.join(l, and_(l.c.article_hash == q.c.article_hash,
                                                           l.c.person_id == q.c.speaker_id)))
          .where(l.c.identity_id == i.c.id).scalar_subquery())
    ac = select(func.count(func.distinct(l.c.article_hash))).where(l.c.identity_id == i.c.id).scalar_subquery()
    stmt = (select(i.c.id, i.c.name, i.c.kind, i.c.names, i.c.qid, i.c.roles, qc.label("quote_count"),
                   ac.label("article_count")).where(i.c.id.in_(select(l.c.identity_id))))
    if name:
        stmt = stmt.where(i.c.id.in_(identities_named(conn, name)))
    stmt = stmt.order_by(qc.desc(), ac.desc(), i.c.name, i.c.id)
    if top is not None:
        stmt = stmt.limit(top)
    rows = conn.execute(stmt).mappings().all()
    joined = l.join(ap, and_(ap.c.article_hash == l.c.article_hash, ap.c.person_id == l.c.person_id)).join(
        a, a.c.hash == l.c.article_hash)
    roles, outlets = roles_and_outlets(conn, l.c.identity_id, joined, [r["id"] for r in rows])
    out = []
    for r in rows:
        rl = roles.get(r["id"], [])
        for x in r["roles"] or []:  # from the people file: with country and dates
            label = role_label(x)
            if label not in rl:
                rl.append(label)
        out.append(PersonRecord(id=r["id"], name=r["name"], kind=r["kind"], roles=rl,
                                outlets=sorted(outlets.get(r["id"], ())), quote_count=r["quote_count"],
                                article_count=r["article_count"], names=list(r["names"] or []), qid=r["qid"]))
    return out


def statements(conn: Connection, *, speaker: str | None = None, search: str | None = None, min_sources: int = 1,
               since: str | None = None, until: str | None = None,
               limit: int | None = None) -> list[StatementRecord]:
    """Statements, most reported first, then newest (see :meth:`saywho.store.Store.statements`)."""
    st, sq, q = S.statements, S.statement_quotes, S.quotes
    since_, until_ = date_args(since, until)
    stmt = select(st.c.id).where(st.c.outlet_count >= min_sources)
    if speaker:
        clause = who(conn, speaker, q.c.article_hash, q.c.speaker_id)
        if clause is None:
            return []
        stmt = stmt.where(st.c.id.in_(select(sq.c.statement_id).select_from(
            sq.join(q, q.c.id == sq.c.quote_id)).where(clause)))
    if search:
        stmt = stmt.where(st.c.id.in_(select(sq.c.statement_id).where(sq.c.quote_id.in_(
            select(q.c.id).where(fts(conn, search))))))
    stmt = filter_period(stmt, st.c.first_published, since_, until_)
    stmt = stmt.order_by(st.c.outlet_count.desc(), st.c.quote_count.desc(),
                         newest_first(conn, st.c.first_published), st.c.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return statement_records(conn, list(conn.execute(stmt).scalars()))


def statement_records(conn: Connection, ids: list[int]) -> list[StatementRecord]:
    """StatementRecords for statement ids, in that order, each with its sources and wordings."""
    st, sq, q, a, i = S.statements, S.statement_quotes, S.quotes, S.articles, S.identities
    if not ids:
        return []
    heads = {r["id"]: r for r in conn.execute(
        select(st, i.c.name.label("speaker")).select_from(st.outerjoin(i, i.c.id == st.c.identity_id))
        .where(st.c.id.in_(ids))).mappings()}
    quotes: dict[int, list[Any]] = defaultdict(list)
    for k in range(0, len(ids), 500):
        # A quote's wording is its quoted words where it has some (see linking._statements).
        words = func.coalesce(func.nullif(q.c.verbatim_text, ""), q.c.text).label("text")
        for r in conn.execute(select(sq.c.statement_id, q.c.id, words, q.c.speaker_name, q.c.article_hash,
                                     a.c.id.label("article_id"), a.c.outlet, a.c.url, a.c.published)
                              .select_from(sq.join(q, q.c.id == sq.c.quote_id).join(a, a.c.hash == q.c.article_hash))
                              .where(sq.c.statement_id.in_(ids[k:k + 500]))
                              .order_by(a.c.published, q.c.article_hash, q.c.start)):
            quotes[r.statement_id].append(r)
    out = []
    for sid in ids:
        h, qs = heads[sid], quotes.get(sid, [])
        srcs, seen, worded = [], set(), []
        for r in qs:
            if r.article_hash not in seen:
                seen.add(r.article_hash)
                srcs.append(Source(r.article_hash, r.article_id, r.outlet, r.url, r.published))
                worded.append(r.text)
        wordings = list(dict.fromkeys(r.text for r in qs))
        out.append(StatementRecord(
            id=sid, speaker=h["speaker"] or (qs[0].speaker_name if qs else None), text=h["text"],
            quote_count=h["quote_count"], outlets=sorted({s.outlet for s in srcs if s.outlet}),
            first_published=h["first_published"], wordings=wordings, sources=srcs, quote_ids=[r.id for r in qs],
            source_wordings=worded))
    return out


def stories(conn: Connection) -> list[StoryRecord]:
    """Stories, oldest first, each article with its quotes."""
    s, sa, a, q = S.stories, S.story_articles, S.articles, S.quotes
    heads = conn.execute(select(s).order_by(s.c.first_published.asc().nulls_last(), s.c.id)).mappings().all()
    arts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = conn.execute(select(sa.c.story_id, sa.c.duplicate_of, a.c.hash, a.c.id, a.c.title, a.c.outlet,
                               a.c.published, a.c.url)
                        .select_from(sa.join(a, a.c.hash == sa.c.article_hash))
                        .where(sa.c.story_id.is_not(None))
                        .order_by(a.c.published.asc().nulls_last(), a.c.hash)).mappings().all()
    hashes = [r["hash"] for r in rows]
    quotes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for k in range(0, len(hashes), 500):
        l, i = S.identity_links, S.identities
        for r in conn.execute(select(q.c.article_hash, q.c.text, q.c.speaker_name, q.c.type,
                                     i.c.name.label("person"))
                              .select_from(q.outerjoin(l, and_(l.c.article_hash == q.c.article_hash,
                                                               l.c.person_id == q.c.speaker_id))
                                           .outerjoin(i, i.c.id == l.c.identity_id))
                              .where(q.c.article_hash.in_(hashes[k:k + 500]))
                              .order_by(q.c.article_hash, q.c.start)):
            quotes[r.article_hash].append({"text": r.text, "speaker": r.person or r.speaker_name,
                                           "speaker_as_written": r.speaker_name, "type": r.type})
    for r in rows:
        d = {k: r[k] for k in ("hash", "id", "title", "outlet", "published", "url", "duplicate_of")}
        d["quotes"] = quotes.get(r["hash"], [])
        arts[r["story_id"]].append(d)
    return [StoryRecord(id=h["id"], title=h["title"], first_published=h["first_published"],
                        last_published=h["last_published"],
                        outlets=sorted({x["outlet"] for x in arts[h["id"]] if x["outlet"]}),
                        articles=arts[h["id"]], reasons=list(h["reasons"] or [])) for h in heads]


def duplicates(conn: Connection) -> list[list[str]]:
    """Groups of near-duplicate articles (content hashes, the first published first)."""
    sa, a = S.story_articles, S.articles
    rows = conn.execute(select(sa.c.duplicate_of, sa.c.article_hash).select_from(
        sa.join(a, a.c.hash == sa.c.article_hash)).where(sa.c.duplicate_of.is_not(None))
        .order_by(sa.c.duplicate_of, a.c.published.asc().nulls_last(), a.c.hash)).all()
    groups: dict[str, list[str]] = defaultdict(list)
    for rep, h in rows:
        groups[rep].append(h)
    return [sorted(g, key=lambda h: (h != rep, h)) for rep, g in sorted(groups.items())]


def engagements(conn: Connection, person: str | None) -> list[list[EventRecord]] | None:
    """Engagements told by more than one article (of ``person`` when given), each as its
    events' records; None when nobody is called ``person``."""
    e, g, ep = S.events, S.engagements, S.event_participants
    stmt = select(g.c.engagement_id, g.c.event_id)
    if person:
        clause = who(conn, person, e.c.article_hash, ep.c.person_id)
        if clause is None:
            return None
        stmt = stmt.where(g.c.event_id.in_(select(ep.c.event_id).select_from(
            ep.join(e, e.c.id == ep.c.event_id)).where(clause)))
    groups: dict[int, list[int]] = defaultdict(list)
    for gid, eid in conn.execute(stmt.order_by(g.c.engagement_id, g.c.event_id)):
        groups[gid].append(eid)
    ev_ids = [x for v in groups.values() if len(v) > 1 for x in v]
    recs = {r.id: r for r in event_records(conn, event_stmt().where(e.c.id.in_(ev_ids)))} if ev_ids else {}
    return [[recs[x] for x in eids if x in recs] for eids in groups.values()]


def source_report(conn: Connection, *, by: str = "outlet", since: str | None = None, until: str | None = None,
                  outlet: str | None = None, top: int = 10) -> list[ReportRow]:
    """Who gets quoted, per outlet, per month or over everything (see
    :meth:`saywho.store.Store.source_report`)."""
    q, a, l, i = S.quotes, S.articles, S.identity_links, S.identities
    since_, until_ = date_args(since, until)
    speaker = func.coalesce(i.c.name, q.c.speaker_name)
    kind = func.coalesce(i.c.kind, q.c.speaker_kind)
    grp = {"outlet": a.c.outlet, "month": func.substr(q.c.published, 1, 7)}.get(by)
    keys = [speaker, kind] if grp is None else [grp, speaker, kind]
    cols = [(grp if grp is not None else func.min(q.c.type)).label("g"), speaker.label("speaker"),
            kind.label("kind"), func.count().label("n")]
    stmt = (select(*cols)
            .select_from(q.join(a, a.c.hash == q.c.article_hash)
                         .outerjoin(l, and_(l.c.article_hash == q.c.article_hash, l.c.person_id == q.c.speaker_id))
                         .outerjoin(i, i.c.id == l.c.identity_id))
            .group_by(*keys))
    stmt = filter_period(filter_outlet(stmt, a.c.outlet, outlet), q.c.published, since_, until_)
    groups: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for g, sp, k, n in conn.execute(stmt):
        label = "all" if by == "all" else g or ("unknown outlet" if by == "outlet" else "undated")
        groups[str(label)].append((sp or "(no speaker)", k or "none" if sp else "none", int(n)))
    rows: list[ReportRow] = []
    for g in sorted(groups):
        items = sorted(groups[g], key=lambda t: (-t[2], t[0]))
        total = sum(n for _, _, n in items)
        for sp, k, n in items[:top]:
            rows.append(ReportRow(g, total, sp, k, n, round(n / total, 4)))
        rest: dict[str, int] = defaultdict(int)
        for _, k, n in items[top:]:
            rest[k] += n
        for k, n in sorted(rest.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append(ReportRow(g, total, f"(other {_KIND_PLURAL.get(k, k)})", k, n, round(n / total, 4)))
    return rows


def check_report_by(by: str) -> None:
    """StoreError unless ``by`` is a grouping the source report knows."""
    if by not in ("outlet", "month", "all"):
        raise StoreError("by", f"{by!r}: use outlet, month or all")
