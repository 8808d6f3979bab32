"""The web server over a SQLite store that an ingest is writing into at the same time.

Before: every read across articles after one of the ingest's commits relinked the store
inside the request, in a write transaction: the request waited for the ingest's write
lock (up to the 30 s busy timeout) and then held the lock the ingest needed for the
recompute's length.  Now a served store relinks at most every ``$SAYWHO_LINK_EVERY``
seconds and answers from the last link meanwhile; its own writes still show linked.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from saywho.model import Article, Quote, Speaker
from saywho.store import Store
from saywho.web import create_app
from saywho.web.cache import Reads


def _article(id: str, speaker: str) -> Article:
    text = f'{speaker} said: "The plan for {id} is ready."'
    q = f"The plan for {id} is ready."
    art = Article(id=id, text=text, published="2024-03-01", outlet="Daily Test", title=id)
    start = text.index(q)
    art.quotes = [Quote(start=start, end=start + len(q), text=q, type="direct",  # type: ignore[arg-type]
                        speaker=Speaker(speaker, mention=speaker.split()[-1]), cue="said")]
    return art


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "served.db")
    st = Store(path)
    st.add(_article("first", "Ann Lee"))
    st.close()
    return path


def test_reads_do_not_wait_for_an_ingest_holding_the_write_lock(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAYWHO_LINK_EVERY", "60")
    client = TestClient(create_app(db))
    assert [p["name"] for p in client.get("/api/people").json()["items"]] == ["Ann Lee"]  # links once
    ingest = Store(db)  # another process's ingest: a commit, then a chunk still open
    ingest.add(_article("second", "Bob Ray"))
    ingest.close()
    lock = sqlite3.connect(db, timeout=0)
    lock.execute("BEGIN IMMEDIATE")
    try:
        t = time.monotonic()
        for path in ("/api/people", "/api/quotes?speaker=Lee", "/api/timeline?person=Ann%20Lee", "/api/counts"):
            r = client.get(path)
            assert r.status_code == 200, (path, r.text)
        assert time.monotonic() - t < 5  # before: a relink waited 30 s for the lock, per worker
        assert client.get("/api/counts").json()["articles"] == 2  # the new article is there
    finally:
        lock.rollback()
        lock.close()


def test_a_served_store_relinks_after_link_every(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAYWHO_LINK_EVERY", "0.2")
    client = TestClient(create_app(db))
    client.get("/api/people")
    ingest = Store(db)
    ingest.add(_article("second", "Bob Ray"))
    ingest.close()
    time.sleep(0.3)
    names = {p["name"] for p in client.get("/api/people").json()["items"]}
    assert names == {"Ann Lee", "Bob Ray"}


def test_own_writes_show_linked_at_once(db: str) -> None:
    st = Store(db)
    st.link_every = 3600.0
    reads = Reads(st)
    assert [p.name for p in reads.people()] == ["Ann Lee"]
    reads.add(_article("second", "Bob Ray"))  # through the app's reads: the next query relinks
    assert {p.name for p in reads.people()} == {"Ann Lee", "Bob Ray"}
    st.close()


def test_the_library_still_relinks_on_every_change(db: str) -> None:
    st = Store(db)
    assert st.link_every == 0
    st.people()
    st.add(_article("second", "Bob Ray"))
    assert {p.name for p in st.people()} == {"Ann Lee", "Bob Ray"}
    st.close()


def test_a_bad_link_every_is_refused(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from saywho.errors import SaywhoError

    monkeypatch.setenv("SAYWHO_LINK_EVERY", "soon")
    with pytest.raises(SaywhoError, match="SAYWHO_LINK_EVERY"):
        create_app(db)
