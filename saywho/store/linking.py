"""Across articles, the recompute: identities, statements, engagements and stories.

Everything here is derived from the stored articles plus two things a person edits:
the people file and the hand-made merge/split rules.  :func:`relink` recomputes it all
inside one write transaction and records a fingerprint of what it read; the queries
that use it call ``Store.link()`` first, which does nothing while the fingerprint is
unchanged.  So adding articles needs no extra step, recomputing is idempotent, and the
rules survive every recompute.  :func:`who` turns a name into the person rows it means (whole names, never parts).
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, text

from ..corpus import identity as I
from ..corpus import names as N
from ..corpus import statements as ST
from ..corpus import stories as SR
from ..corpus.seeds import Role, Seed
from ..records import LinkReport
from . import schema as S
from .sql import count, like

LINK_LOCK = 0x5A7_3141  # PostgreSQL: one recompute at a time
#: Bumped when the linking rules change, so that stores link again after an upgrade.
LINK_VERSION = "1"
#: Above this many articles, queries do not relink by themselves (see Store._ensure_linked).
AUTO_LINK_MAX = 20_000
#: Words a shared statement needs before it joins two articles into one story.
STORY_STATEMENT_WORDS = 6


def fingerprint(conn: Connection) -> str:
    """What the derived tables depend on, cheaply: counts and largest ids (indexed)."""
    def one(stmt: Any) -> Any:
        return conn.execute(stmt).scalar()
    return json.dumps([
        LINK_VERSION,
        one(select(func.count()).select_from(S.articles)),
        one(select(func.max(S.quotes.c.id))), one(select(func.count()).select_from(S.quotes)),
        one(select(func.max(S.mentions.c.id))), one(select(func.max(S.events.c.id))),
        one(select(func.max(S.people.c.id))),
        one(select(func.max(S.identity_rules.c.id))), one(select(func.count()).select_from(S.identity_rules)),
        one(select(func.max(S.people_seeds.c.loaded))), one(select(func.count()).select_from(S.people_seeds)),
    ], default=str)


def linked_state(conn: Connection) -> str | None:
    """The fingerprint recorded by the last recompute; None if never linked."""
    return conn.execute(select(S.meta.c.value).where(S.meta.c.key == "linked")).scalar()


def has_links(conn: Connection) -> bool:
    """The store has identities (was linked at least once, with someone in it)."""
    return conn.execute(select(S.identities.c.id).limit(1)).first() is not None


def seeds(conn: Connection) -> list[Seed]:
    """The people-file entries stored, in the order loaded."""
    return [Seed(r.name, list(r.aliases or []), [Role(**x) for x in r.roles or []], r.qid)
            for r in conn.execute(select(S.people_seeds).order_by(S.people_seeds.c.id))]


def relink(conn: Connection, force: bool = False) -> LinkReport:
    """Recompute every derived table inside the caller's write transaction (nothing to do
    when the store is unchanged since the last recompute, unless ``force``)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LINK_LOCK})
    fp = fingerprint(conn)
    if not force and linked_state(conn) == fp:
        return LinkReport(False, *link_counts(conn))
    res = _link(conn)
    meta = {r.hash: r for r in conn.execute(select(S.articles.c.hash, S.articles.c.published, S.articles.c.outlet,
                                                   S.articles.c.title, S.articles.c.text))}
    stmt_rows, sq_rows, shared = _statements(conn, res, meta)
    grouping = SR.group([SR.Doc(h, m.text, m.published) for h, m in meta.items()], _event_keys(conn, res), shared,
                        [i.name for i in res.identities])
    for t in S.DERIVED_TABLES:
        conn.execute(t.delete())
    _write_identities(conn, res)
    if stmt_rows:
        conn.execute(S.statements.insert(), stmt_rows)
        for i in range(0, len(sq_rows), 5000):
            conn.execute(S.statement_quotes.insert(), sq_rows[i:i + 5000])
    eng = [{"event_id": x, "engagement_id": n} for n, g in enumerate(grouping.engagements, 1) for x in g]
    if eng:
        conn.execute(S.engagements.insert(), eng)
    _write_stories(conn, grouping, meta)
    n = conn.execute(S.meta.update().where(S.meta.c.key == "linked").values(value=fp)).rowcount
    if not n:
        conn.execute(S.meta.insert().values(key="linked", value=fp))
    return LinkReport(True, *link_counts(conn))


def _link(conn: Connection) -> I.Linking:
    a, ap, p = S.articles, S.article_people, S.people
    mentions = [I.NameUse(r.article_hash, r.person_id, r.name, r.kind, r.published, tuple(r.roles or ()))
                for r in conn.execute(
                    select(ap.c.article_hash, ap.c.person_id, ap.c.name, p.c.kind, ap.c.roles, a.c.published)
                    .select_from(ap.join(p, p.c.id == ap.c.person_id).join(a, a.c.hash == ap.c.article_hash))
                    .order_by(a.c.published, ap.c.article_hash, ap.c.idx))]
    rules = [(r.action, r.a, r.b) for r in conn.execute(select(S.identity_rules).order_by(S.identity_rules.c.id))]
    return I.link_identities(mentions, seeds(conn), rules)


def _statements(conn: Connection, res: I.Linking, meta: dict[str, Any]
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str, str]]]:
    """Statement rows, statement_quotes rows, and (article, article, speaker) pairs that
    share a statement long enough to make one story."""
    q = S.quotes
    # The words compared are the quoted words where there are some (verbatim_text): an
    # attribution inside a quote's span ("..., she said, ...") or a paraphrase around a
    # mixed quote's fragment must not make two outlets' identical wording differ.
    qrows = conn.execute(select(q.c.id, q.c.article_hash, q.c.speaker_id,
                                func.coalesce(func.nullif(q.c.verbatim_text, ""), q.c.text).label("text"))).all()
    ident_of_quote = {r.id: res.links.get((r.article_hash, r.speaker_id)) if r.speaker_id is not None else None
                      for r in qrows}
    groups = ST.group(ST.QuoteRow(r.id, ident_of_quote[r.id], r.text) for r in qrows)
    qby = {r.id: r for r in qrows}
    shared: list[tuple[str, str, str]] = []
    stmt_rows, sq_rows = [], []
    for sid, g in enumerate(groups, 1):
        texts = [qby[x].text for x in g]
        arts = sorted({qby[x].article_hash for x in g}, key=lambda h: (meta[h].published or "9999", h))
        ident = ident_of_quote[g[0]]
        stmt_rows.append({"id": sid, "identity_id": None if ident is None else ident + 1,
                          "text": max(texts, key=len), "first_published": meta[arts[0]].published,
                          "quote_count": len(g), "outlet_count": len({meta[h].outlet or h for h in arts})})
        sq_rows += [{"quote_id": x, "statement_id": sid} for x in g]
        if ident is not None and len(arts) > 1 and \
                len(ST.norm_text(max(texts, key=len)).split()) >= STORY_STATEMENT_WORDS:
            shared += [(x, y, res.identities[ident].name) for x, y in zip(arts, arts[1:])]
    return stmt_rows, sq_rows, shared


def _event_keys(conn: Connection, res: I.Linking) -> list[SR.EventKey]:
    e, ep = S.events, S.event_participants
    ev_parts: dict[int, set[int]] = defaultdict(set)
    for eid, h, pid in conn.execute(select(ep.c.event_id, e.c.article_hash, ep.c.person_id)
                                    .select_from(ep.join(e, e.c.id == ep.c.event_id))):
        if (h, pid) in res.links:
            ev_parts[eid].add(res.links[(h, pid)])
    return [SR.EventKey(r.id, r.article_hash, r.type, frozenset(ev_parts.get(r.id, ())), r.date_from,
                        r.date_to, r.date is not None)
            for r in conn.execute(select(e.c.id, e.c.article_hash, e.c.type, e.c.date, e.c.date_from,
                                         e.c.date_to).order_by(e.c.id))]


def _write_identities(conn: Connection, res: I.Linking) -> None:
    if res.identities:
        conn.execute(S.identities.insert(), [
            {"id": n, "name": i.name, "kind": i.kind, "names": list(i.names), "qid": i.qid, "seeded": i.seeded,
             "roles": [{"role": r.role, "country": r.country, "start": r.start, "end": r.end} for r in i.roles]}
            for n, i in enumerate(res.identities, 1)])
    rows = [{"article_hash": h, "person_id": pid, "identity_id": n + 1} for (h, pid), n in res.links.items()]
    for i in range(0, len(rows), 5000):
        conn.execute(S.identity_links.insert(), rows[i:i + 5000])


def _write_stories(conn: Connection, grouping: SR.Grouping, meta: dict[str, Any]) -> None:
    in_story: dict[str, str] = {}
    story_rows = []
    for g in grouping.stories:
        sid = g[0][:16]
        first = meta[g[0]]
        title = next((meta[h].title for h in g if meta[h].title), None) or " ".join(first.text.split())[:100]
        story_rows.append({"id": sid, "title": title, "first_published": first.published,
                           "last_published": max((meta[h].published or "" for h in g), default="") or None,
                           "reasons": grouping.reasons.get(frozenset(g), [])})
        for h in g:
            in_story[h] = sid
    if story_rows:
        conn.execute(S.stories.insert(), story_rows)
    dup_groups: dict[str, int] = defaultdict(int)
    for h, rep in grouping.duplicate_of.items():
        dup_groups[rep] += 1
    sa = [{"article_hash": h, "story_id": in_story.get(h),
           "duplicate_of": grouping.duplicate_of.get(h) if dup_groups[grouping.duplicate_of.get(h, h)] > 1 else None}
          for h in meta if h in in_story or dup_groups[grouping.duplicate_of.get(h, h)] > 1]
    if sa:
        conn.execute(S.story_articles.insert(), sa)


def link_counts(conn: Connection) -> tuple[int, ...]:
    """The LinkReport's counts: identities, links, statements, shared statements,
    engagements, stories, duplicate groups."""
    st = S.statements
    return (count(conn, select(func.count()).select_from(S.identities)),
            count(conn, select(func.count()).select_from(S.identity_links)),
            count(conn, select(func.count()).select_from(st)),
            count(conn, select(func.count()).select_from(st).where(st.c.outlet_count > 1)),
            count(conn, select(func.count(func.distinct(S.engagements.c.engagement_id)))),
            count(conn, select(func.count()).select_from(S.stories)),
            count(conn, select(func.count(func.distinct(S.story_articles.c.duplicate_of)))))


def _named(query: str, names: list[str], person: bool) -> bool:
    """``query`` is one of ``names`` (case and accents folded), or, for a person and a
    one-word query, the surname of one of them."""
    q = N.fold(query)
    if not q:
        return False
    if any(N.fold(n) == q for n in names):
        return True
    return person and len(q.split()) == 1 and any(N.parse(n).last == q for n in names if n.strip())


def identities_named(conn: Connection, name: str) -> list[int]:
    """Identities ``name`` names: exactly one of their names (any case), or, a bare
    surname, the people who have it as surname.  Never a part of a name: "Ann" is not
    "Joanne Smith", and "Smith" is not "Smithson"."""
    i = S.identities
    return [r.id for r in conn.execute(select(i.c.id, i.c.name, i.c.kind, i.c.names).order_by(i.c.id))
            if _named(name, [r.name, *(r.names or [])], r.kind == "person")]


def people_named(conn: Connection, name: str) -> list[int]:
    """Person rows (names as written) that ``name`` names, by the same rule as
    :func:`identities_named`."""
    p = S.people
    q = N.fold(name)
    if not q:
        return []
    # A cheap SQL prefilter (the query's last word appears in the name); the rule itself in Python.
    last = q.split()[-1]
    rows = conn.execute(select(p.c.id, p.c.name, p.c.kind).where(
        func.lower(p.c.name).like(like(last), escape="\\")).order_by(p.c.id))
    return [r.id for r in rows if _named(name, [r.name], r.kind == "person")]


def who(conn: Connection, name: str, art_col: Any, pid_col: Any) -> Any | None:
    """A WHERE clause: the person row ``pid_col`` in article ``art_col`` is someone
    ``name`` names (a whole name of their identity, any case, or their surname; see
    :func:`identities_named`); None when nobody is.  On a linked store the person is the
    identity, so a merge or split shows in every query at once."""
    l = S.identity_links
    linked_store = has_links(conn)
    lit = set(people_named(conn, name))
    if linked_store and lit:
        # rows that were linked belong to whoever their identity is, not to their spelling
        lit -= set(conn.execute(select(l.c.person_id).where(l.c.person_id.in_(sorted(lit))).distinct()).scalars())
    idents = identities_named(conn, name) if linked_store else []
    linked: set[int] = set()
    ambiguous: set[int] = set()
    if idents:
        linked = set(conn.execute(select(l.c.person_id).where(l.c.identity_id.in_(idents)).distinct()).scalars())
        # Person rows that are someone else in some article ("Smith" = Bob there).
        ambiguous = set(conn.execute(select(l.c.person_id).where(l.c.person_id.in_(sorted(linked)),
                                                                  l.c.identity_id.notin_(idents)).distinct())
                        .scalars()) if linked else set()
    plain = sorted(lit | (linked - ambiguous))
    amb = sorted(ambiguous - lit)
    if not plain and not amb:
        return None
    clause = pid_col.in_(plain) if plain else None
    if amb:
        # an alias: the caller's query may join identity_links itself (to name the person)
        la = l.alias("who_links")
        ex = select(la.c.person_id).where(la.c.article_hash == art_col, la.c.person_id == pid_col,
                                          la.c.identity_id.in_(idents)).exists()
        sub = and_(pid_col.in_(amb), ex)
        clause = sub if clause is None else or_(clause, sub)
    return clause
