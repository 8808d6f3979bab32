"""Serving speed's correctness side: ``saywho serve --workers 2`` starts and answers
(loopback, bounded waits), and the per-process cache of store reads never serves an
answer from before a change, whoever made it (this process, or another one writing
the same SQLite file)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from saywho.model import Article, Quote, Speaker
from saywho.store import Store
from saywho.web import create_app
from saywho.web.cache import ReadCache, Reads

ROOT = Path(__file__).resolve().parent.parent


def _article(i: int, who: str) -> Article:
    text = f'"Prices will fall by {i} points," {who} said.'
    art = Article(id=f"w{i}", text=text, published=f"2024-03-{i + 1:02d}", outlet="Daily Test", title=f"T{i}")
    q = text[1:text.index(",") + 1]
    art.quotes = [Quote(1, 1 + len(q), q, "direct", Speaker(who, mention=who.split()[-1]), cue="said")]
    return art


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with Store(url) as st:
        st.add(_article(1, "Ann Lee"))
    return url


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_with_two_workers_answers(db: str) -> None:
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SAYWHO_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "saywho.cli", "serve", "--db", db, "--host", "127.0.0.1",
                             "--port", str(port), "--workers", "2", "--log-level", "warning"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120  # two fresh interpreters on a busy machine
        r = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/counts", timeout=10)
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert r is not None and r.status_code == 200, proc.stderr.read().decode()[-2000:] if proc.poll() else ""
        assert r.json()["articles"] == 1
        # several requests, so that both processes are likely to answer some
        for _ in range(6):
            assert httpx.get(f"http://127.0.0.1:{port}/api/quotes", params={"speaker": "lee"},
                             timeout=30).json()["items"][0]["speaker"] == "Ann Lee"
            page = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
            assert page.status_code == 200 and "Ann Lee" in page.text
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_cache_sees_a_write_by_another_store(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # relink on every change (a served store otherwise relinks at most every 10 s, see
    # test_web_ingest_alongside.py): the new person shows at once
    monkeypatch.setenv("SAYWHO_LINK_EVERY", "0")
    with TestClient(create_app(db)) as c:
        assert c.get("/api/counts").json()["articles"] == 1
        assert [p["name"] for p in c.get("/api/people").json()["items"]] == ["Ann Lee"]
        with Store(db) as other:  # as another process would: its own engine on the file
            other.add(_article(2, "Bo Ray"))
        assert c.get("/api/counts").json()["articles"] == 2
        assert {p["name"] for p in c.get("/api/people").json()["items"]} == {"Ann Lee", "Bo Ray"}
        assert c.get("/api/quotes", params={"speaker": "ray"}).json()["items"][0]["speaker"] == "Bo Ray"


def test_cache_answers_repeats_and_drops_on_writes_through_it(db: str) -> None:
    st = Store(db)
    calls = {"n": 0}
    real = st.counts

    def counting() -> dict[str, int]:
        calls["n"] += 1
        return real()

    st.counts = counting  # type: ignore[method-assign]
    reads = Reads(st)
    assert reads.counts() == reads.counts() and calls["n"] == 1
    reads.add(_article(3, "Cy Doe"))
    assert reads.counts()["articles"] == 2 and calls["n"] == 2
    st.close()


def test_in_memory_store_uses_the_fingerprint() -> None:
    st = Store("sqlite:///:memory:")
    cache = ReadCache(st)
    before = cache.token()
    st.add(_article(4, "Di Ek"))
    assert cache.token() != before
    st.close()
