"""Shared fixtures.

``store_url`` / ``store``: one run per backend, SQLite always and PostgreSQL at
``$SAYWHO_TEST_PG_URL`` (``scripts/test.sh`` starts a throwaway server).  Each
PostgreSQL test gets its own schema (through the URL's search_path), so tests can run
in parallel on one server.  Without a server the PostgreSQL runs skip locally and FAIL
in CI (``CI=true``): a CI that silently skips them has not tested PostgreSQL.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pg_base_url() -> str:
    url = os.environ.get("SAYWHO_TEST_PG_URL")
    if not url:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("SAYWHO_TEST_PG_URL is not set: the PostgreSQL tests need the server scripts/test.sh starts")
        pytest.skip("no PostgreSQL server (set SAYWHO_TEST_PG_URL, or run scripts/test.sh)")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose tables live in a fresh schema, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from saywho.store import resolve_url

    base = pg_base_url()
    schema = "t_" + uuid.uuid4().hex[:12]
    engine = create_engine(resolve_url(base), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as e:  # noqa: BLE001 - a server that is down is a failure, said plainly
        pytest.fail(f"PostgreSQL at {base} is not reachable: {str(e).splitlines()[0]}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty store: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'saywho.db'}"
    else:
        yield request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str) -> Iterator["object"]:
    """An empty :class:`saywho.store.Store`, once per backend."""
    from saywho.store import Store

    st = Store(store_url)
    try:
        yield st
    finally:
        st.close()


# ------------------------------------------------------------- the article record's schema


@pytest.fixture(scope="session")
def article_record_check() -> "Callable[[dict], None]":
    """A check that one JSONL article record matches the shipped JSON Schema
    (``saywho/data/article.schema.json``); it raises with every violation listed."""
    import json

    import jsonschema_rs

    from saywho.schema_out import shipped

    validator = jsonschema_rs.validator_for(json.loads(shipped()))

    def check(record: dict) -> None:
        errors = [f"{'/'.join(map(str, e.instance_path)) or '(record)'}: {e.message}"
                  for e in validator.iter_errors(record)]
        assert not errors, "article record does not match its JSON Schema:\n" + "\n".join(errors[:20])

    return check
