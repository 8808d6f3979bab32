"""The timeline of one person, or of two or more together: engagements and (for two)
what one said about the other, each told once with every article that reported it."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, func, select

from ..dates import period
from ..records import EventRecord, Source, TimelineItem
from . import schema as S
from .linking import has_links, identities_named, who
from .read import event_records, event_stmt


def timeline(conn: Connection, names: tuple[str, ...]) -> list[TimelineItem]:
    """Timeline items in date order (see :meth:`saywho.store.Store.timeline`); ``names``
    are non-empty."""
    e, ep = S.events, S.event_participants
    ids: set[int] | None = None
    for n in names:
        clause = who(conn, n, e.c.article_hash, ep.c.person_id)
        if clause is None:
            return []
        got = set(conn.execute(select(ep.c.event_id).select_from(ep.join(e, e.c.id == ep.c.event_id))
                               .where(clause)).scalars())
        ids = got if ids is None else ids & got
    evs: list[EventRecord] = []
    date_from: dict[int, str | None] = {}
    eng: dict[int, int] = {}
    if ids:
        wanted = sorted(ids)
        evs = event_records(conn, event_stmt().where(e.c.id.in_(wanted))
                            .order_by(e.c.date_from.asc().nulls_last(), e.c.id))
        date_from = dict(conn.execute(select(e.c.id, e.c.date_from).where(e.c.id.in_(wanted))).all())
        g = S.engagements
        eng = dict(conn.execute(select(g.c.event_id, g.c.engagement_id).where(g.c.event_id.in_(wanted))).all())
    qrows = _quotes_about(conn, names) if len(names) == 2 else []
    items = _event_items(evs, date_from, eng) + _quote_items(qrows)
    items.sort(key=lambda t: (t[0], t[1], t[2].event_ids[:1] or [t[2].quote_id or 0]))
    return [t[2] for t in items]


def _quotes_about(conn: Connection, names: tuple[str, ...]) -> list[tuple[dict[str, Any], str]]:
    """Quotes in which one of two people speaks and the other is mentioned inside the quote."""
    q, m, a, sq, l, i = S.quotes, S.mentions, S.articles, S.statement_quotes, S.identity_links, S.identities
    qrows: list[tuple[dict[str, Any], str]] = []
    linked = has_links(conn)
    for spk, other in ((names[0], names[1]), (names[1], names[0])):
        who_spk = who(conn, spk, q.c.article_hash, q.c.speaker_id)
        who_other = who(conn, other, m.c.article_hash, m.c.person_id)
        if who_spk is None or who_other is None:
            continue
        # "about" is the person, by their identity's name when the name given means one
        others = identities_named(conn, other) if linked else []
        about = conn.execute(select(i.c.name).where(i.c.id == others[0])).scalar() or other \
            if len(others) == 1 else other
        inside = select(m.c.id).where(m.c.article_hash == q.c.article_hash, who_other,
                                      m.c.start >= q.c.start, m.c.end <= q.c.end).exists()
        stmt = (select(q.c.id, q.c.article_hash, q.c.text, q.c.type,
                       func.coalesce(i.c.name, q.c.speaker_name).label("speaker_name"),
                       q.c.speaker_name.label("speaker_as_written"),
                       (l.c.identity_id if linked else q.c.speaker_id).label("person_id"), q.c.date,
                       a.c.id.label("article_id"), a.c.outlet, a.c.url, a.c.published, sq.c.statement_id)
                .select_from(q.join(a, a.c.hash == q.c.article_hash).outerjoin(sq, sq.c.quote_id == q.c.id)
                             .outerjoin(l, and_(l.c.article_hash == q.c.article_hash,
                                                l.c.person_id == q.c.speaker_id))
                             .outerjoin(i, i.c.id == l.c.identity_id))
                .where(who_spk, inside).order_by(a.c.published, q.c.article_hash, q.c.start))
        qrows += [(dict(r), about) for r in conn.execute(stmt).mappings()]
    return qrows


def _event_items(evs: list[EventRecord], date_from: dict[int, str | None],
                 eng: dict[int, int]) -> list[tuple[str, int, TimelineItem]]:
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
            event_ids=[ev.id for ev in group],
            person_ids=list(best.person_ids),
            place=best.place or next((ev.place for ev in group if ev.place), None),
            # Planned until one source reports that it took place.
            status="happened" if any(ev.status == "happened" for ev in group) else "planned")))
    return items


def _quote_items(qrows: list[tuple[dict[str, Any], str]]) -> list[tuple[str, int, TimelineItem]]:
    said: dict[Any, list[tuple[dict[str, Any], str]]] = {}
    for r, about in qrows:
        key = ("stmt", r["statement_id"]) if r["statement_id"] is not None else ("q", r["id"])
        if all(x[0]["id"] != r["id"] for x in said.get(key, [])):
            said.setdefault(key, []).append((r, about))
    items: list[tuple[str, int, TimelineItem]] = []
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
            text=max((x["text"] for x, _ in reps), key=len), quote_id=r["id"],
            person_ids=[r["person_id"]], speaker_as_written=r["speaker_as_written"])))
    return items
