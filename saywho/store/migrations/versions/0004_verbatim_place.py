"""Quotes keep their verbatim pieces; events their place and whether they happened.

Schema version 4: ``quotes.verbatim`` (JSON [[start, end], ...]) and
``quotes.verbatim_text``, ``quotes.speaker_members`` (several speakers at once);
``events.place`` and ``events.status`` (happened | planned).
Rows stored before have no pieces (NULL, read as []) and are events that happened:
re-ingest with ``--force`` to fill them from the text.

Revision ID: 0004_verbatim_place
Revises: 0003_across
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from saywho.store.schema import set_version

revision = "0004_verbatim_place"
down_revision = "0003_across"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the five columns (nullable, or with a server default: no table rewrite)."""
    op.add_column("quotes", sa.Column("verbatim", sa.JSON(), nullable=True))
    op.add_column("quotes", sa.Column("verbatim_text", sa.Text(), nullable=True))
    op.add_column("quotes", sa.Column("speaker_members", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("place", sa.String(length=500), nullable=True))
    op.add_column("events", sa.Column("status", sa.String(length=16), nullable=False, server_default="happened"))
    set_version(op.get_bind(), 4)


def downgrade() -> None:
    """Not supported: a store is only ever migrated forward."""
    raise NotImplementedError("saywho stores are migrated forward only")
