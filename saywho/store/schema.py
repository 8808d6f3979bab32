"""Tables (SQLAlchemy Core): the schema as it is at the newest migration.

Migrations are Alembic revisions (``saywho/store/migrations/versions``, run by
:mod:`.migrate`), one per schema version; each also records its number in
``saywho_meta`` (key ``schema_version``), which is how stores made before Alembic
say where they are, and what lets an older saywho refuse a newer schema.  A change
to a table here needs a new revision: the revisions create tables as they were then.

Full-text search over quote text: SQLite FTS5 (an external-content table kept in
step by triggers), PostgreSQL a generated ``tsvector`` column with a GIN index.  Both
use a tokenizer without stemming or stop words (FTS5 ``unicode61``, PostgreSQL
``simple``), so that a search finds the same quotes on both backends.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON, Boolean, Column, Connection, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
    UniqueConstraint, inspect, select,
)

SCHEMA_VERSION = 5

metadata = MetaData()

meta = Table(
    "saywho_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("saywho_version", String(32), nullable=False),
    Column("model", String(128)),
    Column("options", JSON, nullable=False),
    Column("source", String(200)),
    Column("started", String(32), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("hash", String(64), primary_key=True),  # content hash of the text
    Column("id", String(500), nullable=False),  # the id the article was given
    Column("url", Text),
    Column("outlet", String(300)),
    Column("title", Text),
    Column("published", String(32)),
    Column("published_source", String(64)),
    Column("author", Text),
    Column("language", String(16)),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("skipped", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    # What annotated it: saywho version + model + options, to tell "unchanged" from "replace".
    Column("annotator", String(500), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("stored", String(32), nullable=False),
    Index("ix_articles_id", "id"),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_published", "published"),
)

# One row per entity.  Keyed by normalised name + kind for now; cross-article identity
# (merge/split) will change how keys are made, not the rows that point at `id`.
people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(600), nullable=False, unique=True),
    Column("name", String(500), nullable=False),
    Column("kind", String(32), nullable=False),
)

article_people = Table(
    "article_people", metadata,
    Column("article_hash", String(64), ForeignKey("articles.hash", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # position in Article.people
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("name", String(500), nullable=False),  # as the article named them
    Column("roles", JSON, nullable=False),
    Column("gender", String(32)),
    # False: a speaker or event participant the article's people list left out.
    Column("listed", Boolean, nullable=False),
    Index("ix_article_people_person", "person_id"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_hash", String(64), ForeignKey("articles.hash", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_mentions_article", "article_hash", "person_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_hash", String(64), ForeignKey("articles.hash", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),  # position in Article.quotes (nested_in points at it)
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("speaker_id", Integer, ForeignKey("people.id")),
    Column("speaker_name", String(500)),
    Column("speaker_kind", String(32)),
    Column("mention", Text),
    Column("mention_start", Integer),
    Column("mention_end", Integer),
    Column("speaker_members", Text),  # several speakers: their names joined by "; " (schema 4)
    Column("speaker_phrase", Text),  # the phrase introducing the speaker here (schema 5)
    Column("speaker_phrase_start", Integer),
    Column("speaker_phrase_end", Integer),
    Column("cue", String(200)),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("venue", String(500)),
    Column("addressee", String(500)),
    Column("date", String(32)),
    Column("confidence", Float, nullable=False),
    Column("nested_in", Integer),
    Column("verbatim", JSON),  # [[start, end], ...] of the pieces in quotation marks (schema 4)
    Column("verbatim_text", Text),
    # Denormalised from the article so that "speaker since DATE" needs one index.
    Column("published", String(32)),
    UniqueConstraint("article_hash", "idx"),
    Index("ix_quotes_speaker", "speaker_id", "published"),
    Index("ix_quotes_published", "published"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_hash", String(64), ForeignKey("articles.hash", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("type", String(32), nullable=False),
    Column("date", String(32)),
    # The period a (maybe partial) date covers: "2024-09" -> 2024-09-01 .. 2024-09-30.
    Column("date_from", String(10)),
    Column("date_to", String(10)),
    Column("date_text", Text),
    Column("date_approximate", Boolean, nullable=False),
    Column("duration_minutes", Integer),
    Column("duration_approximate", Boolean, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("not_discussed", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("trigger", String(200)),
    Column("confidence", Float, nullable=False),
    Column("place", String(500)),  # schema 4
    Column("status", String(16), nullable=False, server_default="happened"),  # happened | planned (schema 4)
    UniqueConstraint("article_hash", "idx"),
    Index("ix_events_date", "date_from"),
)

event_participants = Table(
    "event_participants", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("name", String(500), nullable=False),
    Index("ix_event_participants_person", "person_id"),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

# ---- Across articles (issue 6).  Inputs a person edits: people_seeds, identity_rules.
# Everything else below is derived by Store.link() from the rest of the store, and
# rewritten whole in one transaction each time (so it is never half old, half new).

people_seeds = Table(
    "people_seeds", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(600), nullable=False, unique=True),  # folded name: loading again replaces
    Column("name", String(500), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("roles", JSON, nullable=False),  # [{role, country, start, end}]
    Column("qid", String(64)),
    Column("loaded", String(32), nullable=False),
)

identity_rules = Table(
    "identity_rules", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),  # merge | split
    Column("a", String(500), nullable=False),
    Column("b", String(500), nullable=False),
    Column("at", String(32), nullable=False),
)

identities = Table(
    "identities", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(500), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("names", JSON, nullable=False),  # every name the articles used, most used first
    Column("qid", String(64)),
    Column("roles", JSON, nullable=False),  # from the people file, with dates
    Column("seeded", Boolean, nullable=False),
    Index("ix_identities_name", "name"),
)

# Which identity a person row is, in one article ("Smith" can be John in one article
# and Bob in another).
identity_links = Table(
    "identity_links", metadata,
    Column("article_hash", String(64), ForeignKey("articles.hash", ondelete="CASCADE"), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("identity_id", Integer, nullable=False),
    Index("ix_identity_links_identity", "identity_id"),
    Index("ix_identity_links_person", "person_id"),
)

statements = Table(
    "statements", metadata,
    Column("id", Integer, primary_key=True),
    Column("identity_id", Integer),
    Column("text", Text, nullable=False),  # the longest wording
    Column("first_published", String(32)),
    Column("quote_count", Integer, nullable=False),
    Column("outlet_count", Integer, nullable=False),
    Index("ix_statements_identity", "identity_id"),
)

statement_quotes = Table(
    "statement_quotes", metadata,
    Column("quote_id", Integer, ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True),
    Column("statement_id", Integer, nullable=False),
    Index("ix_statement_quotes_statement", "statement_id"),
)

# The same call or meeting told by several articles.
engagements = Table(
    "engagements", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("engagement_id", Integer, nullable=False),
    Index("ix_engagements_engagement", "engagement_id"),
)

stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("first_published", String(32)),
    Column("last_published", String(32)),
    Column("reasons", JSON, nullable=False),
)

story_articles = Table(
    "story_articles", metadata,
    Column("article_hash", String(64), ForeignKey("articles.hash", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(64)),  # null: in no story, but a near-duplicate of another article
    Column("duplicate_of", String(64)),  # the first published of its near-duplicates (itself if first)
    Index("ix_story_articles_story", "story_id"),
)

V1_TABLES = [meta, runs, articles, people, article_people, mentions, quotes, failures]
V2_TABLES = [events, event_participants]
V3_TABLES = [people_seeds, identity_rules, identities, identity_links, statements, statement_quotes, engagements,
             stories, story_articles]
#: Derived by Store.link(), emptied and written again on each recompute.
DERIVED_TABLES = [identity_links, identities, statement_quotes, statements, engagements, story_articles, stories]


def current_version(conn: Connection) -> int:
    """The database's schema version; 0 for an empty database."""
    if not inspect(conn).has_table("saywho_meta"):
        return 0
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def set_version(conn: Connection, version: int) -> None:
    """Record ``version`` as the database's schema version in ``saywho_meta``."""
    n = conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(version))).rowcount
    if not n:
        conn.execute(meta.insert().values(key="schema_version", value=str(version)))


def has_foreign_tables(conn: Connection) -> list[str]:
    """Tables of ours that exist in a database without our version row (not a saywho store?)."""
    names = set(inspect(conn).get_table_names())
    return sorted(names & {t.name for t in metadata.sorted_tables})


__all__ = ["SCHEMA_VERSION", "metadata", "current_version", "set_version", "has_foreign_tables"]
