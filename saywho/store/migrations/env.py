"""Alembic environment for saywho stores.

saywho runs the migrations itself on open (:mod:`saywho.store.migrate`), handing the
connection of its own write transaction in ``config.attributes["connection"]``.  Run by
hand (``alembic -x url=...``, with ``script_location`` pointing here), it opens the store's
database through saywho's engine set-up instead.
"""
from __future__ import annotations

from alembic import context

from saywho.store.engine import make_engine, resolve_url
from saywho.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is not None:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():  # inside the caller's transaction: no new one
        context.run_migrations()
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = make_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            context.configure(connection=conn, target_metadata=metadata)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()
