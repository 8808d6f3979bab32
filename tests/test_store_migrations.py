"""Alembic migrations on stores made before Alembic: nothing lost, the head recorded.

``fixtures/store/v_main.db`` was made by the store code before the re-layout (schema
version 3 kept in ``saywho_meta``, no ``alembic_version``): two short articles written
for the test, ingested, linked, with one merge rule.  On PostgreSQL the same rows are
copied into a store whose ``alembic_version`` is then dropped, which is what a store
made by that code looks like there.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, select, text

import pytest

from saywho.store import Store, StoreError, migrate, resolve_url
from saywho.store import schema as S

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "store" / "v_main.db"
TABLES = ["articles", "quotes", "people", "article_people", "mentions", "events", "event_participants",
          "identity_rules", "runs"]


def _fixture_columns() -> dict[str, list[str]]:
    """The fixture's own columns per table (a later schema adds columns it lacks)."""
    con = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        return {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    finally:
        con.close()


def _fixture_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the fixture's tables, as plain tuples in primary-key order."""
    have = _fixture_columns()
    con = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        out = {}
        for t in TABLES:
            cols = have[t]
            out[t] = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM {t} '
                                 f'ORDER BY 1, 2').fetchall()
        return out
    finally:
        con.close()


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of the fixture's columns (those it had before the upgrade) in ``url``."""
    have = _fixture_columns()
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            out = {}
            for t in TABLES:
                table = S.metadata.tables[t]
                cols = [table.c[c] for c in have[t]]
                rows = conn.execute(select(*cols).order_by(cols[0], cols[1])).all()
                out[t] = [tuple(_plain(v) for v in r) for r in rows]
            return out
    finally:
        engine.dispose()


def _plain(v: Any) -> Any:
    """JSON columns come back as lists and bools as bools; sqlite3 gives the stored text/ints."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v)
    return v


def _normalise(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    def one(v: Any) -> Any:
        if isinstance(v, str) and v[:1] in "[{":
            try:
                return json.dumps(json.loads(v))
            except ValueError:
                return v
        return v
    return {t: [tuple(one(v) for v in r) for r in rs] for t, rs in rows.items()}


def _pre_alembic_copy(url: str) -> None:
    """Fill an empty PostgreSQL schema like the store code before Alembic left it."""
    src = _fixture_rows()
    st = Store(url)
    st.close()
    engine = create_engine(resolve_url(url))
    try:
        with engine.begin() as conn:
            for t in ["runs", "people", "articles", "article_people", "mentions", "quotes", "events",
                      "event_participants", "identity_rules"]:
                table = S.metadata.tables[t]
                cols = _fixture_columns()[t]  # the fixture's own columns; later ones keep their defaults
                json_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"} & set(cols)
                bool_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "Boolean"} & set(cols)
                rows = []
                for r in src[t]:
                    d = dict(zip(cols, r))
                    for c in json_cols:
                        d[c] = json.loads(d[c]) if isinstance(d[c], str) else d[c]
                    for c in bool_cols:
                        d[c] = bool(d[c])
                    rows.append(d)
                if rows:
                    conn.execute(table.insert(), rows)
                if "id" in cols and t != "articles":
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                      f"(SELECT max(id) FROM {t}))"))
            conn.execute(text("DROP TABLE alembic_version"))
    finally:
        engine.dispose()


def _head(url: str) -> str | None:
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return migrate.inspect_state(conn).revision
    finally:
        engine.dispose()


def test_store_made_before_alembic_is_stamped_and_keeps_every_row(store_url: str, tmp_path: Path) -> None:
    if store_url.startswith("sqlite"):
        db = tmp_path / "v_main.db"
        shutil.copyfile(FIXTURE, db)
        url = f"sqlite:///{db}"
        engine = create_engine(resolve_url(url))
        with engine.connect() as conn:
            assert not inspect(conn).has_table("alembic_version")  # made before Alembic
            assert S.current_version(conn) == 3
        engine.dispose()
    else:
        url = store_url
        _pre_alembic_copy(url)
    before = _normalise(_fixture_rows())
    assert before["articles"] and before["quotes"] and before["people"]
    with Store(url) as st:
        assert st.schema_version == S.SCHEMA_VERSION
        assert st.counts()["articles"] == len(before["articles"])
        assert [r.a for r in st.rules()] == ["Alice Grant"]
        assert st.quotes(speaker="Grant")  # linking still works on the old rows
        for h, *_ in before["articles"]:
            assert st.get_article(h) is not None
    assert _head(url) == migrate.HEAD
    after = _normalise(_rows(url))
    for t in TABLES:
        assert after[t] == before[t], t
    with Store(url) as st:  # opening again changes nothing
        assert st.schema_version == S.SCHEMA_VERSION
    assert _head(url) == migrate.HEAD


def test_version_one_store_before_alembic_is_upgraded(store_url: str) -> None:
    """A pre-Alembic store at schema version 1 (no events) gets every later revision."""
    engine = create_engine(resolve_url(store_url))
    with engine.begin() as conn:
        migrate.upgrade(conn, store_url, target=migrate.REVISIONS[1])
        conn.execute(text("DROP TABLE alembic_version"))
        assert S.current_version(conn) == 1
    engine.dispose()
    with Store(store_url) as st:
        assert st.schema_version == S.SCHEMA_VERSION
        assert st.events() == []
    assert _head(store_url) == migrate.HEAD


def test_revisions_are_one_per_schema_version() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    chain = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert chain == [migrate.REVISIONS[v] for v in sorted(migrate.REVISIONS)]
    assert script.get_current_head() == migrate.HEAD
    assert max(migrate.REVISIONS) == S.SCHEMA_VERSION


def test_read_only_store_of_an_older_schema_is_refused_in_one_line_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "v_main.db"
    shutil.copyfile(FIXTURE, db)
    before = db.read_bytes()
    with pytest.raises(StoreError) as exc:
        Store(f"sqlite:///file:{db}?mode=ro&uri=true")
    msg = str(exc.value)
    assert "\n" not in msg and "schema version 3" in msg and "write access" in msg and "Nothing was changed" in msg
    assert db.read_bytes() == before


def test_read_only_store_at_the_current_schema_is_read(tmp_path: Path) -> None:
    db = tmp_path / "v_main.db"
    shutil.copyfile(FIXTURE, db)
    Store(f"sqlite:///{db}").close()  # upgraded in place, with write access
    before = db.read_bytes()
    with Store(f"sqlite:///file:{db}?mode=ro&uri=true") as ro:
        assert ro.schema_version == S.SCHEMA_VERSION
        assert len(ro.quotes()) == len(_fixture_rows()["quotes"])
    assert db.read_bytes() == before
