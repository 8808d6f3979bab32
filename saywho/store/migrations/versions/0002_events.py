"""Events (calls, meetings, visits) and their participants.

Schema version 2: the tables as they were then (a later change is a later revision).

Revision ID: 0002_events
Revises: 0001_articles
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from saywho.store.schema import set_version

revision = "0002_events"
down_revision = "0001_articles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create this version's tables; record the version where stores before Alembic kept it."""
    op.create_table('events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_hash', sa.String(length=64), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('date_from', sa.String(length=10), nullable=True),
    sa.Column('date_to', sa.String(length=10), nullable=True),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('date_approximate', sa.Boolean(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('duration_approximate', sa.Boolean(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('not_discussed', sa.JSON(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('trigger', sa.String(length=200), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['article_hash'], ['articles.hash'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_hash', 'idx')
    )
    op.create_index('ix_events_date', 'events', ['date_from'], unique=False)
    op.create_table('event_participants',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('event_id', 'position')
    )
    op.create_index('ix_event_participants_person', 'event_participants', ['person_id'], unique=False)
    set_version(op.get_bind(), 2)


def downgrade() -> None:
    """Not supported: a store is only ever migrated forward."""
    raise NotImplementedError("saywho stores are migrated forward only")
