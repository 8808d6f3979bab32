"""Across articles: identities, statements, engagements and stories over a Store.

Everything here is derived from the stored articles plus two things a person edits:
the people file (``load_people``) and the hand-made rules (``merge_people`` /
``split_person``).  :meth:`CorpusMixin.link` recomputes it all in one write
transaction and records a fingerprint of what it read; the queries that use it
(``people``, ``quotes(speaker=)``, ``timeline``, ``statements``, ``stories``, ...) call
``link()`` first, which does nothing while the fingerprint is unchanged.  So adding
articles needs no extra step, recomputing is idempotent, and the rules survive every
recompute.  On a store that cannot be written (a read-only file) the queries use
whatever was linked last, and fall back to names as written.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, or_, select, text

from . import schema as S
from .engine import StoreError
from .records import (
    CorroborationRecord, Detail, LinkReport, ReportRow, RuleRecord, Source, StatementRecord, StoryRecord,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus.seeds import Seed

_LINK_LOCK = 0x5A7_3141  # PostgreSQL: one recompute at a time
#: Bumped when the linking rules change, so that stores link again after an upgrade.
LINK_VERSION = "1"
#: Above this many articles, queries do not relink by themselves (see _ensure_linked).
AUTO_LINK_MAX = 20_000
#: Words a shared statement needs before it joins two articles into one story.
STORY_STATEMENT_WORDS = 6


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class CorpusMixin:
    """Store methods across articles (mixed into :class:`saywho.store.Store`)."""

    dialect: str
    where: str

    if TYPE_CHECKING:  # provided by Store
        def _read(self) -> Any: ...
        def _write(self) -> Any: ...
        def _people_matching(self, name: str) -> Any: ...

    # ------------------------------------------------------------ state

    def _fingerprint(self, conn: Connection) -> str:
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

    def _linked_state(self, conn: Connection) -> str | None:
        return conn.execute(select(S.meta.c.value).where(S.meta.c.key == "linked")).scalar()

    def _ensure_linked(self) -> None:
        """Link if the store changed since the last link; a read-only store keeps what it has.

        A recompute reads the whole store (about 1 ms per article), so above
        ``$SAYWHO_AUTO_LINK_MAX`` articles (default 20,000) queries answer from the last
        link and ``saywho link`` (or ``Store.link()``) brings it up to date."""
        with self._read() as conn:
            fp = self._fingerprint(conn)
            last = self._linked_state(conn)
            if last == fp:
                return
        limit = int(os.environ.get("SAYWHO_AUTO_LINK_MAX") or AUTO_LINK_MAX)
        if last is not None and json.loads(fp)[1] > limit:
            return
        try:
            self.link()
        except StoreError:
            pass  # e.g. a read-only database: answer from the links (or names) already there

    def _has_links(self, conn: Connection) -> bool:
        return conn.execute(select(S.identities.c.id).limit(1)).first() is not None

    # ------------------------------------------------------------ inputs a person edits

    def load_people(self, people: "str | os.PathLike[str] | Sequence[Seed]") -> int:
        """Add (or replace, by name) people from a people file or a list of Seeds; returns how many.

        The next query links again with them."""
        from ..corpus.names import fold
        from ..corpus.seeds import load_people

        seeds = load_people(people) if isinstance(people, (str, os.PathLike)) else list(people)
        now = _now()
        with self._write() as conn:
            for s in seeds:
                key = fold(s.name)
                conn.execute(S.people_seeds.delete().where(S.people_seeds.c.key == key))
                conn.execute(S.people_seeds.insert().values(
                    key=key, name=s.name, aliases=list(s.aliases), qid=s.qid, loaded=now,
                    roles=[{"role": r.role, "country": r.country, "start": r.start, "end": r.end} for r in s.roles]))
        return len(seeds)

    def seeds(self) -> "list[Seed]":
        from ..corpus.seeds import Role, Seed

        with self._read() as conn:
            rows = conn.execute(select(S.people_seeds).order_by(S.people_seeds.c.id)).mappings().all()
        return [Seed(r["name"], list(r["aliases"] or []), [Role(**x) for x in r["roles"] or []], r["qid"])
                for r in rows]

    def _rule(self, action: str, a: str, b: str) -> RuleRecord:
        a, b = " ".join(a.split()), " ".join(b.split())
        if not a or not b:
            raise StoreError(action, "give two names")
        if a.casefold() == b.casefold():
            raise StoreError(action, f"{a!r} and {b!r} are the same name")
        at = _now()
        with self._write() as conn:
            # A new rule about the same pair replaces the old one (merge after split, say).
            r = S.identity_rules
            conn.execute(r.delete().where(or_(and_(func.lower(r.c.a) == a.casefold(), func.lower(r.c.b) == b.casefold()),
                                              and_(func.lower(r.c.a) == b.casefold(), func.lower(r.c.b) == a.casefold()))))
            rid = conn.execute(r.insert().values(action=action, a=a, b=b, at=at).returning(r.c.id)).scalar_one()
        return RuleRecord(rid, action, a, b, at)

    def merge_people(self, a: str, b: str) -> RuleRecord:
        """Remember that the names ``a`` and ``b`` are one person (applied on every link)."""
        return self._rule("merge", a, b)

    def split_person(self, a: str, b: str) -> RuleRecord:
        """Remember that the names ``a`` and ``b`` are two people, never to be merged."""
        return self._rule("split", a, b)

    def rules(self) -> list[RuleRecord]:
        with self._read() as conn:
            return [RuleRecord(**r) for r in conn.execute(select(S.identity_rules).order_by(S.identity_rules.c.id))
                    .mappings()]

    def remove_rule(self, rule_id: int) -> bool:
        with self._write() as conn:
            return bool(conn.execute(S.identity_rules.delete().where(S.identity_rules.c.id == rule_id)).rowcount)

    # ------------------------------------------------------------ the recompute

    def link(self, force: bool = False) -> LinkReport:
        """Recompute identities, statements, engagements and stories (one transaction).

        Does nothing unless the store changed since the last link, or ``force``."""
        from ..corpus import identity as I
        from ..corpus import statements as ST
        from ..corpus import stories as SR
        from ..corpus.seeds import Role, Seed

        with self._write() as conn:
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LINK_LOCK})
            fp = self._fingerprint(conn)
            if not force and self._linked_state(conn) == fp:
                return LinkReport(False, *self._link_counts(conn))
            a, ap, p, q, e, ep = S.articles, S.article_people, S.people, S.quotes, S.events, S.event_participants
            mentions = [I.Mention(r.article_hash, r.person_id, r.name, r.kind, r.published, tuple(r.roles or ()))
                        for r in conn.execute(
                            select(ap.c.article_hash, ap.c.person_id, ap.c.name, p.c.kind, ap.c.roles, a.c.published)
                            .select_from(ap.join(p, p.c.id == ap.c.person_id).join(a, a.c.hash == ap.c.article_hash))
                            .order_by(a.c.published, ap.c.article_hash, ap.c.idx))]
            seeds = [Seed(r.name, list(r.aliases or []), [Role(**x) for x in r.roles or []], r.qid)
                     for r in conn.execute(select(S.people_seeds).order_by(S.people_seeds.c.id))]
            rules = [(r.action, r.a, r.b) for r in conn.execute(select(S.identity_rules).order_by(S.identity_rules.c.id))]
            res = I.resolve(mentions, seeds, rules)

            meta = {r.hash: r for r in conn.execute(select(a.c.hash, a.c.published, a.c.outlet, a.c.title, a.c.text))}
            qrows = conn.execute(select(q.c.id, q.c.article_hash, q.c.speaker_id, q.c.text)).all()
            ident_of_quote = {r.id: res.links.get((r.article_hash, r.speaker_id)) if r.speaker_id is not None else None
                              for r in qrows}
            groups = ST.group(ST.QuoteRow(r.id, ident_of_quote[r.id], r.text) for r in qrows)
            qby = {r.id: r for r in qrows}

            ev_parts: dict[int, set[int]] = defaultdict(set)
            for eid, h, pid in conn.execute(select(ep.c.event_id, e.c.article_hash, ep.c.person_id)
                                            .select_from(ep.join(e, e.c.id == ep.c.event_id))):
                if (h, pid) in res.links:
                    ev_parts[eid].add(res.links[(h, pid)])
            evkeys = [SR.EventKey(r.id, r.article_hash, r.type, frozenset(ev_parts.get(r.id, ())), r.date_from,
                                  r.date_to, r.date is not None)
                      for r in conn.execute(select(e.c.id, e.c.article_hash, e.c.type, e.c.date, e.c.date_from,
                                                   e.c.date_to).order_by(e.c.id))]
            shared: list[tuple[str, str, str]] = []
            stmt_rows, sq_rows = [], []
            for sid, g in enumerate(groups, 1):
                texts = [qby[x].text for x in g]
                arts = sorted({qby[x].article_hash for x in g}, key=lambda h: (meta[h].published or "9999", h))
                ident = ident_of_quote[g[0]]
                stmt_rows.append({"id": sid, "identity_id": None if ident is None else ident + 1,
                                  "text": max(texts, key=len), "first_published": meta[arts[0]].published,
                                  "quote_count": len(g),
                                  "outlet_count": len({meta[h].outlet or h for h in arts})})
                sq_rows += [{"quote_id": x, "statement_id": sid} for x in g]
                if ident is not None and len(arts) > 1 and \
                        len(ST.norm_text(max(texts, key=len)).split()) >= STORY_STATEMENT_WORDS:
                    shared += [(x, y, res.identities[ident].name) for x, y in zip(arts, arts[1:])]
            docs = [SR.Doc(h, m.text, m.published) for h, m in meta.items()]
            grouping = SR.group(docs, evkeys, shared, [i.name for i in res.identities])

            for t in S.DERIVED_TABLES:
                conn.execute(t.delete())
            if res.identities:
                conn.execute(S.identities.insert(), [
                    {"id": n, "name": i.name, "kind": i.kind, "names": list(i.names), "qid": i.qid, "seeded": i.seeded,
                     "roles": [{"role": r.role, "country": r.country, "start": r.start, "end": r.end} for r in i.roles]}
                    for n, i in enumerate(res.identities, 1)])
            rows = [{"article_hash": h, "person_id": pid, "identity_id": n + 1} for (h, pid), n in res.links.items()]
            for i in range(0, len(rows), 5000):
                conn.execute(S.identity_links.insert(), rows[i:i + 5000])
            if stmt_rows:
                conn.execute(S.statements.insert(), stmt_rows)
                for i in range(0, len(sq_rows), 5000):
                    conn.execute(S.statement_quotes.insert(), sq_rows[i:i + 5000])
            eng = [{"event_id": x, "engagement_id": n} for n, g in enumerate(grouping.engagements, 1) for x in g]
            if eng:
                conn.execute(S.engagements.insert(), eng)
            in_story: dict[str, str] = {}
            story_rows = []
            for g in grouping.stories:
                sid = g[0][:16]
                first = meta[g[0]]
                title = next((meta[h].title for h in g if meta[h].title), None) or \
                    " ".join(first.text.split())[:100]
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
                   "duplicate_of": grouping.duplicate_of.get(h) if dup_groups[grouping.duplicate_of.get(h, h)] > 1
                   else None}
                  for h in meta if h in in_story or dup_groups[grouping.duplicate_of.get(h, h)] > 1]
            if sa:
                conn.execute(S.story_articles.insert(), sa)
            n = conn.execute(S.meta.update().where(S.meta.c.key == "linked").values(value=fp)).rowcount
            if not n:
                conn.execute(S.meta.insert().values(key="linked", value=fp))
            return LinkReport(True, *self._link_counts(conn))

    def _link_counts(self, conn: Connection) -> tuple[int, ...]:
        def n(stmt: Any) -> int:
            return int(conn.execute(stmt).scalar() or 0)
        st = S.statements
        return (n(select(func.count()).select_from(S.identities)),
                n(select(func.count()).select_from(S.identity_links)),
                n(select(func.count()).select_from(st)),
                n(select(func.count()).select_from(st).where(st.c.outlet_count > 1)),
                n(select(func.count(func.distinct(S.engagements.c.engagement_id)))),
                n(select(func.count()).select_from(S.stories)),
                n(select(func.count(func.distinct(S.story_articles.c.duplicate_of)))))

    # ------------------------------------------------------------ who is meant by a name

    def _identities_matching(self, conn: Connection, name: str) -> list[int]:
        """Identities called ``name`` (part of it, any case), or holding a person row that is."""
        from .core import _like

        i, l = S.identities, S.identity_links
        return sorted(set(conn.execute(select(i.c.id).where(or_(
            func.lower(i.c.name).like(_like(name), escape="\\"),
            i.c.id.in_(select(l.c.identity_id).where(l.c.person_id.in_(self._people_matching(name))))))).scalars()))

    def _who(self, conn: Connection, name: str, art_col: Any, pid_col: Any) -> Any | None:
        """A WHERE clause: the person row ``pid_col`` in article ``art_col`` is someone called
        ``name`` (as written, or through their identity); None when nobody is."""
        lit = set(conn.execute(self._people_matching(name)).scalars())
        idents = self._identities_matching(conn, name) if self._has_links(conn) else []
        l = S.identity_links
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
            ex = select(l.c.person_id).where(l.c.article_hash == art_col, l.c.person_id == pid_col,
                                             l.c.identity_id.in_(idents)).exists()
            sub = and_(pid_col.in_(amb), ex)
            clause = sub if clause is None else or_(clause, sub)
        return clause

    # ------------------------------------------------------------ queries

    def _identity_people(self, conn: Connection, top: int | None, name: str | None) -> list[Any]:
        from .records import PersonRecord

        i, l, q, ap, a = S.identities, S.identity_links, S.quotes, S.article_people, S.articles
        qc = (select(func.count()).select_from(q.join(l, and_(l.c.article_hash == q.c.article_hash,
                                                               l.c.person_id == q.c.speaker_id)))
              .where(l.c.identity_id == i.c.id).scalar_subquery())
        ac = select(func.count(func.distinct(l.c.article_hash))).where(l.c.identity_id == i.c.id).scalar_subquery()
        stmt = (select(i.c.id, i.c.name, i.c.kind, i.c.names, i.c.qid, i.c.roles, qc.label("quote_count"),
                       ac.label("article_count")).where(i.c.id.in_(select(l.c.identity_id))))
        if name:
            stmt = stmt.where(i.c.id.in_(self._identities_matching(conn, name)))
        stmt = stmt.order_by(qc.desc(), ac.desc(), i.c.name, i.c.id)
        if top is not None:
            stmt = stmt.limit(top)
        rows = conn.execute(stmt).mappings().all()
        ids = [r["id"] for r in rows]
        roles: dict[int, list[str]] = {}
        outlets: dict[int, set[str]] = {}
        for k in range(0, len(ids), 500):
            for iid, rl, outlet in conn.execute(
                    select(l.c.identity_id, ap.c.roles, a.c.outlet)
                    .select_from(l.join(ap, and_(ap.c.article_hash == l.c.article_hash, ap.c.person_id == l.c.person_id))
                                 .join(a, a.c.hash == l.c.article_hash))
                    .where(l.c.identity_id.in_(ids[k:k + 500])).order_by(a.c.published, l.c.article_hash)):
                lst = roles.setdefault(iid, [])
                lst += [x for x in rl or [] if x not in lst]
                if outlet:
                    outlets.setdefault(iid, set()).add(outlet)
        out = []
        for r in rows:
            rl = roles.get(r["id"], [])
            for x in r["roles"] or []:  # from the people file: with country and dates
                label = _role_label(x)
                if label not in rl:
                    rl.append(label)
            out.append(PersonRecord(id=r["id"], name=r["name"], kind=r["kind"], roles=rl,
                                    outlets=sorted(outlets.get(r["id"], ())), quote_count=r["quote_count"],
                                    article_count=r["article_count"], names=list(r["names"] or []), qid=r["qid"]))
        return out

    def statements(self, *, speaker: str | None = None, search: str | None = None, min_sources: int = 1,
                   since: str | None = None, until: str | None = None,
                   limit: int | None = None) -> list[StatementRecord]:
        """Quotations as statements: the same words by the same person, with every article that
        reported them; most reported first, then newest.  ``min_sources``: at least N outlets."""
        from .core import _date_arg, filter_outlet, filter_period

        self._ensure_linked()
        st, sq, q, a, i = S.statements, S.statement_quotes, S.quotes, S.articles, S.identities
        since_, until_ = _date_arg("since", since, False), _date_arg("until", until, True)
        with self._read() as conn:
            stmt = select(st.c.id).where(st.c.outlet_count >= min_sources)
            if speaker:
                who = self._who(conn, speaker, q.c.article_hash, q.c.speaker_id)
                if who is None:
                    return []
                stmt = stmt.where(st.c.id.in_(select(sq.c.statement_id).select_from(
                    sq.join(q, q.c.id == sq.c.quote_id)).where(who)))
            if search:
                stmt = stmt.where(st.c.id.in_(select(sq.c.statement_id).where(sq.c.quote_id.in_(
                    select(q.c.id).where(self._fts(search))))))  # type: ignore[attr-defined]
            stmt = filter_period(stmt, st.c.first_published, since_, until_)
            newest = st.c.first_published.desc() if self.dialect == "sqlite" else st.c.first_published.desc().nulls_last()
            stmt = stmt.order_by(st.c.outlet_count.desc(), st.c.quote_count.desc(), newest, st.c.id)
            if limit is not None:
                stmt = stmt.limit(limit)
            ids = list(conn.execute(stmt).scalars())
            return self._statement_records(conn, ids)

    def _statement_records(self, conn: Connection, ids: list[int]) -> list[StatementRecord]:
        st, sq, q, a, i = S.statements, S.statement_quotes, S.quotes, S.articles, S.identities
        if not ids:
            return []
        heads = {r["id"]: r for r in conn.execute(
            select(st, i.c.name.label("speaker")).select_from(st.outerjoin(i, i.c.id == st.c.identity_id))
            .where(st.c.id.in_(ids))).mappings()}
        quotes: dict[int, list[Any]] = defaultdict(list)
        for k in range(0, len(ids), 500):
            for r in conn.execute(select(sq.c.statement_id, q.c.id, q.c.text, q.c.speaker_name, q.c.article_hash,
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

    def stories(self) -> list[StoryRecord]:
        """Stories: articles about the same happening (near-duplicate copies, the same call or
        meeting, the same statement), oldest first, each article with its quotes."""
        self._ensure_linked()
        s, sa, a, q = S.stories, S.story_articles, S.articles, S.quotes
        with self._read() as conn:
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
                for r in conn.execute(select(q.c.article_hash, q.c.text, q.c.speaker_name, q.c.type)
                                      .where(q.c.article_hash.in_(hashes[k:k + 500]))
                                      .order_by(q.c.article_hash, q.c.start)):
                    quotes[r.article_hash].append({"text": r.text, "speaker": r.speaker_name, "type": r.type})
            for r in rows:
                d = {k: r[k] for k in ("hash", "id", "title", "outlet", "published", "url", "duplicate_of")}
                d["quotes"] = quotes.get(r["hash"], [])
                arts[r["story_id"]].append(d)
        return [StoryRecord(id=h["id"], title=h["title"], first_published=h["first_published"],
                            last_published=h["last_published"],
                            outlets=sorted({x["outlet"] for x in arts[h["id"]] if x["outlet"]}),
                            articles=arts[h["id"]], reasons=list(h["reasons"] or [])) for h in heads]

    def duplicates(self) -> list[list[str]]:
        """Groups of near-duplicate articles (content hashes, the first published first)."""
        self._ensure_linked()
        sa, a = S.story_articles, S.articles
        with self._read() as conn:
            rows = conn.execute(select(sa.c.duplicate_of, sa.c.article_hash).select_from(
                sa.join(a, a.c.hash == sa.c.article_hash)).where(sa.c.duplicate_of.is_not(None))
                .order_by(sa.c.duplicate_of, a.c.published.asc().nulls_last(), a.c.hash)).all()
        groups: dict[str, list[str]] = defaultdict(list)
        for rep, h in rows:
            groups[rep].append(h)
        return [sorted(g, key=lambda h: (h != rep, h)) for rep, g in sorted(groups.items())]

    def corroboration(self, *, person: str | None = None, min_sources: int = 2) -> list[CorroborationRecord]:
        """For each engagement and statement reported by ``min_sources`` outlets or more: which
        details (date, duration, topics, wording) the outlets agree on, and which only one gives."""
        from ..corpus.corroborate import compare_engagement, compare_statement

        self._ensure_linked()
        e, g, ep = S.events, S.engagements, S.event_participants
        out: list[CorroborationRecord] = []
        with self._read() as conn:
            stmt = select(g.c.engagement_id, g.c.event_id)
            if person:
                who = self._who(conn, person, e.c.article_hash, ep.c.person_id)
                if who is None:
                    return []
                stmt = stmt.where(g.c.event_id.in_(select(ep.c.event_id).select_from(
                    ep.join(e, e.c.id == ep.c.event_id)).where(who)))
            groups: dict[int, list[int]] = defaultdict(list)
            for gid, eid in conn.execute(stmt.order_by(g.c.engagement_id, g.c.event_id)):
                groups[gid].append(eid)
            ev_ids = [x for v in groups.values() if len(v) > 1 for x in v]
            recs = {r.id: r for r in self._event_records(conn, self._event_stmt().where(e.c.id.in_(ev_ids)))} \
                if ev_ids else {}  # type: ignore[attr-defined]
        for gid, eids in groups.items():
            evs = [recs[x] for x in eids if x in recs]
            if len({ev.outlet or ev.article_hash for ev in evs}) >= min_sources:
                out.append(compare_engagement(evs))
        for s in self.statements(speaker=person, min_sources=min_sources):
            out.append(compare_statement(s))
        out.sort(key=lambda c: (c.date or "9999", c.kind, c.title))
        return out


    def source_report(self, *, by: str = "outlet", since: str | None = None, until: str | None = None,
                      outlet: str | None = None, top: int = 10) -> list[ReportRow]:
        """Who gets quoted, per outlet (``by="outlet"``), per month (``"month"``) or over
        everything (``"all"``): each group's top ``top`` speakers (identities) with their
        quotes and share, the rest summed per kind ("(other people)")."""
        from .core import _date_arg, filter_outlet, filter_period

        if by not in ("outlet", "month", "all"):
            raise StoreError("by", f"{by!r}: use outlet, month or all")
        self._ensure_linked()
        q, a, l, i = S.quotes, S.articles, S.identity_links, S.identities
        since_, until_ = _date_arg("since", since, False), _date_arg("until", until, True)
        who = func.coalesce(i.c.name, q.c.speaker_name)
        kind = func.coalesce(i.c.kind, q.c.speaker_kind)
        grp = {"outlet": a.c.outlet, "month": func.substr(q.c.published, 1, 7)}.get(by)
        keys = [who, kind] if grp is None else [grp, who, kind]
        cols = [(grp if grp is not None else func.min(q.c.type)).label("g"), who.label("speaker"),
                kind.label("kind"), func.count().label("n")]
        stmt = (select(*cols)
                .select_from(q.join(a, a.c.hash == q.c.article_hash)
                             .outerjoin(l, and_(l.c.article_hash == q.c.article_hash, l.c.person_id == q.c.speaker_id))
                             .outerjoin(i, i.c.id == l.c.identity_id))
                .group_by(*keys))
        stmt = filter_period(filter_outlet(stmt, a.c.outlet, outlet), q.c.published, since_, until_)
        groups: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        with self._read() as conn:
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


_KIND_PLURAL = {"person": "people", "organisation": "organisations", "unnamed": "unnamed sources",
                "group": "groups", "none": "quotes without a speaker"}


def _role_label(r: dict[str, Any]) -> str:
    span = ""
    if r.get("start") or r.get("end"):
        span = f"{r.get('start') or ''}–{r.get('end') or ''}"
    extra = ", ".join(x for x in (r.get("country"), span) if x)
    return f"{r['role']} ({extra})" if extra else str(r["role"])
