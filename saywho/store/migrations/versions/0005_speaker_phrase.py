"""Quotes keep the phrase that introduces their speaker.

Schema version 5: ``quotes.speaker_phrase``, ``quotes.speaker_phrase_start`` and
``quotes.speaker_phrase_end`` (the whole noun phrase naming the speaker at the quote,
with its apposition or relative clause, as written).  Rows stored before have none
(NULL): re-ingest with ``--force`` to fill them from the text.

Revision ID: 0005_speaker_phrase
Revises: 0004_verbatim_place
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from saywho.store.schema import set_version

revision = "0005_speaker_phrase"
down_revision = "0004_verbatim_place"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the three nullable columns (no table rewrite)."""
    op.add_column("quotes", sa.Column("speaker_phrase", sa.Text(), nullable=True))
    op.add_column("quotes", sa.Column("speaker_phrase_start", sa.Integer(), nullable=True))
    op.add_column("quotes", sa.Column("speaker_phrase_end", sa.Integer(), nullable=True))
    set_version(op.get_bind(), 5)


def downgrade() -> None:
    """Not supported: a store is only ever migrated forward."""
    raise NotImplementedError("saywho stores are migrated forward only")
