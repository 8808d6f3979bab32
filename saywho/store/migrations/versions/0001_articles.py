"""Articles, people, mentions, quotes, runs and failures, with full-text search over quotes.

Schema version 1: the tables as they were then (a later change is a later revision).

Revision ID: 0001_articles
Revises: None
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from saywho.store.schema import set_version

revision = "0001_articles"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create this version's tables; record the version where stores before Alembic kept it."""
    op.create_table('people',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=600), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_table('runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('saywho_version', sa.String(length=32), nullable=False),
    sa.Column('model', sa.String(length=128), nullable=True),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('started', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('saywho_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('articles',
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(length=500), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=300), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('published_source', sa.String(length=64), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('skipped', sa.JSON(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('annotator', sa.String(length=500), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('stored', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('hash')
    )
    op.create_index('ix_articles_id', 'articles', ['id'], unique=False)
    op.create_index('ix_articles_outlet', 'articles', ['outlet'], unique=False)
    op.create_index('ix_articles_published', 'articles', ['published'], unique=False)
    op.create_table('failures',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('article_people',
    sa.Column('article_hash', sa.String(length=64), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('gender', sa.String(length=32), nullable=True),
    sa.Column('listed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['article_hash'], ['articles.hash'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('article_hash', 'idx')
    )
    op.create_index('ix_article_people_person', 'article_people', ['person_id'], unique=False)
    op.create_table('mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_hash', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_hash'], ['articles.hash'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_mentions_article', 'mentions', ['article_hash', 'person_id'], unique=False)
    op.create_table('quotes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_hash', sa.String(length=64), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=500), nullable=True),
    sa.Column('speaker_kind', sa.String(length=32), nullable=True),
    sa.Column('mention', sa.Text(), nullable=True),
    sa.Column('mention_start', sa.Integer(), nullable=True),
    sa.Column('mention_end', sa.Integer(), nullable=True),
    sa.Column('cue', sa.String(length=200), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.Column('venue', sa.String(length=500), nullable=True),
    sa.Column('addressee', sa.String(length=500), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('nested_in', sa.Integer(), nullable=True),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article_hash'], ['articles.hash'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_hash', 'idx')
    )
    op.create_index('ix_quotes_published', 'quotes', ['published'], unique=False)
    op.create_index('ix_quotes_speaker', 'quotes', ['speaker_id', 'published'], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        # remove_diacritics 0: PostgreSQL's 'simple' configuration keeps accents too.
        op.execute(
            "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0')")
        op.execute(
            "CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN "
            "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END")
        op.execute(
            "CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN "
            "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END")
        op.execute(
            "CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN "
            "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); "
            "INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text); END")
    else:
        op.execute(
            "ALTER TABLE quotes ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED")
        op.execute("CREATE INDEX ix_quotes_tsv ON quotes USING gin (tsv)")
    set_version(op.get_bind(), 1)


def downgrade() -> None:
    """Not supported: a store is only ever migrated forward."""
    raise NotImplementedError("saywho stores are migrated forward only")
