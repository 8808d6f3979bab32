"""Across articles: people file, merge/split rules, identities, statements,
engagements, stories.

Schema version 3: the tables as they were then (a later change is a later revision).

Revision ID: 0003_across
Revises: 0002_events
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from saywho.store.schema import set_version

revision = "0003_across"
down_revision = "0002_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create this version's tables; record the version where stores before Alembic kept it."""
    op.create_table('identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('qid', sa.String(length=64), nullable=True),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('seeded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_identities_name', 'identities', ['name'], unique=False)
    op.create_table('identity_rules',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('a', sa.String(length=500), nullable=False),
    sa.Column('b', sa.String(length=500), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('people_seeds',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=600), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('qid', sa.String(length=64), nullable=True),
    sa.Column('loaded', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_table('statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('first_published', sa.String(length=32), nullable=True),
    sa.Column('quote_count', sa.Integer(), nullable=False),
    sa.Column('outlet_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_statements_identity', 'statements', ['identity_id'], unique=False)
    op.create_table('stories',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('first_published', sa.String(length=32), nullable=True),
    sa.Column('last_published', sa.String(length=32), nullable=True),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('identity_links',
    sa.Column('article_hash', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('identity_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_hash'], ['articles.hash'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('article_hash', 'person_id')
    )
    op.create_index('ix_identity_links_identity', 'identity_links', ['identity_id'], unique=False)
    op.create_index('ix_identity_links_person', 'identity_links', ['person_id'], unique=False)
    op.create_table('story_articles',
    sa.Column('article_hash', sa.String(length=64), nullable=False),
    sa.Column('story_id', sa.String(length=64), nullable=True),
    sa.Column('duplicate_of', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['article_hash'], ['articles.hash'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_hash')
    )
    op.create_index('ix_story_articles_story', 'story_articles', ['story_id'], unique=False)
    op.create_table('engagements',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('engagement_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_index('ix_engagements_engagement', 'engagements', ['engagement_id'], unique=False)
    op.create_table('statement_quotes',
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['quote_id'], ['quotes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('quote_id')
    )
    op.create_index('ix_statement_quotes_statement', 'statement_quotes', ['statement_id'], unique=False)
    set_version(op.get_bind(), 3)


def downgrade() -> None:
    """Not supported: a store is only ever migrated forward."""
    raise NotImplementedError("saywho stores are migrated forward only")
