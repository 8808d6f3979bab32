"""The web defects of issue 16, one test (or more) per defect, over a real Store:

1. with a token, a request without it is refused before its body is read; every body is
   capped (413), with or without Content-Length (a real uvicorn for the chunked case);
2. a download that fails part way is cut off (no terminating chunk; JSONL ends with an
   error line), never a complete-looking 200 (a real uvicorn);
3. a failing store answers 503 with a generic message, never the database's address;
4. HEAD works wherever GET does; no CDN docs page; every page has a CSP.
"""
from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from saywho.model import Article, Quote, Speaker
from saywho.web import create_app

TOKEN = "t0ken-for-tests"
CAP = 10_000


def _article(i: int) -> Article:
    text = f'"Prices rose by {i} percent," Jo Park said on day {i}.'
    end = text.index(",") + 1
    art = Article(id=f"a{i}", text=text, published=f"2024-01-{i + 1:02d}", outlet="Daily Test")
    art.quotes = [Quote(1, end, text[1:end], "direct", Speaker("Jo Park"), cue="said")]
    return art


@pytest.fixture
def db(tmp_path: Any) -> str:
    from saywho.store import Store

    url = f"sqlite:///{tmp_path / 'h.db'}"
    st = Store(url)
    for i in range(7):
        st.add(_article(i))
    st.close()
    return url


@pytest.fixture
def writer(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN, max_body=CAP)) as c:
        yield c


class Served:
    """An app served by uvicorn on 127.0.0.1 in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="critical"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Served":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


# ---------------------------------------------------------------- 1. token before body, body cap


def _call(app: Any, scope: dict[str, Any], receive: Any) -> tuple[int, list[dict[str, Any]]]:
    sent: list[dict[str, Any]] = []

    async def send(m: dict[str, Any]) -> None:
        sent.append(m)

    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], sent


def _post_scope(headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
            "scheme": "http", "path": "/api/articles", "raw_path": b"/api/articles", "root_path": "",
            "query_string": b"", "headers": [(b"host", b"test"), (b"content-type", b"application/json"), *headers],
            "client": ("127.0.0.1", 1), "server": ("test", 80)}


@pytest.mark.parametrize("auth", [None, b"Bearer wrong", b"Basic " + TOKEN.encode(), TOKEN.encode()])
def test_missing_token_is_refused_before_the_body_is_read(db: str, auth: bytes | None) -> None:
    app = create_app(db, token=TOKEN, max_body=CAP)
    read: list[bool] = []

    async def receive() -> dict[str, Any]:
        read.append(True)
        return {"type": "http.request", "body": b'{"text": "x"}', "more_body": False}

    headers = [(b"authorization", auth)] if auth else []
    status, sent = _call(app, _post_scope(headers), receive)
    assert status == 401
    assert read == []  # not one body message was asked for
    assert (b"www-authenticate", b"Bearer") in sent[0]["headers"]


def test_missing_token_wins_over_a_huge_body(writer: TestClient) -> None:
    r = writer.post("/api/articles", content=b"x" * (CAP * 5), headers={"content-type": "application/json"})
    assert r.status_code == 401


def test_body_over_the_cap_with_content_length_is_413(writer: TestClient) -> None:
    body = json.dumps({"text": "word " * CAP})
    r = writer.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}",
                                                             "content-type": "application/json"})
    assert r.status_code == 413
    assert writer.get("/api/counts").json()["articles"] == 7


def test_streamed_body_over_the_cap_is_413_in_process(db: str) -> None:
    app = create_app(db, token=TOKEN, max_body=CAP)
    chunks = [b'{"text": "', *[b"w" * 4000] * 5, b'"}']

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": chunks.pop(0), "more_body": bool(chunks[1:])}

    status, _ = _call(app, _post_scope([(b"authorization", b"Bearer " + TOKEN.encode()),
                                        (b"transfer-encoding", b"chunked")]), receive)
    assert status == 413
    assert len(chunks) >= 2  # stopped reading at the cap, not at the end


def test_chunked_body_over_the_cap_is_413_on_uvicorn(db: str) -> None:
    def gen() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"w" * 4000
        yield b'"}'

    with Served(create_app(db, token=TOKEN, max_body=CAP)) as srv:
        r = httpx.post(srv.url + "/api/articles", content=gen(), timeout=30,
                       headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"})
        assert "content-length" not in r.request.headers  # it really was sent chunked
        assert r.status_code == 413
        small = httpx.post(srv.url + "/api/articles", content=iter([b'{"text": "\\"Yes,\\" said Al Bo."}']),
                           timeout=60, headers={"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"})
        assert small.status_code == 201, small.text


def test_body_cap_from_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAYWHO_MAX_BODY_BYTES", "100")
    with TestClient(create_app(db, token=TOKEN)) as c:
        r = c.post("/api/articles", json={"text": "x" * 200}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 413


@pytest.mark.parametrize("value", ["lots", "0", "-5"])
def test_bad_body_cap_setting_is_a_clear_error(db: str, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from saywho.errors import SaywhoError

    monkeypatch.setenv("SAYWHO_MAX_BODY_BYTES", value)
    with pytest.raises(SaywhoError, match="SAYWHO_MAX_BODY_BYTES"):
        create_app(db)


# ---------------------------------------------------------------- 2. a failed download is cut off


def _failing_after(monkeypatch: pytest.MonkeyPatch, st: Any, n_calls: int) -> None:
    """The store's quotes() fails after ``n_calls`` good calls, as a dropped database would."""
    from sqlalchemy.exc import OperationalError

    from saywho.store import StoreError
    from saywho.web import export

    monkeypatch.setattr(export, "_CHUNK", 2)  # several store calls per download
    real = st.quotes
    calls = {"n": 0}

    def quotes(**kw: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > n_calls:
            # as the store wraps a driver error: the message names the database
            cause = OperationalError("SELECT", {}, Exception("server closed the connection"))
            raise StoreError("postgresql://alice@db.internal:5432/news", "server closed the connection") from cause
        return real(**kw)

    monkeypatch.setattr(st, "quotes", quotes)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_download_failing_mid_stream_is_incomplete(db: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(db)
    _failing_after(monkeypatch, app.state.store, 2)
    got: list[bytes] = []
    with Served(app) as srv:
        with pytest.raises(httpx.RemoteProtocolError):  # no terminating chunk: the client knows
            with httpx.stream("GET", srv.url + "/api/quotes", params={"format": fmt}, timeout=30) as r:
                assert r.status_code == 200
                for chunk in r.iter_bytes():
                    got.append(chunk)
    body = b"".join(got).decode()
    lines = body.splitlines()
    if fmt == "jsonl":
        assert len(lines) == 5  # 4 records from two good calls, then the trailer
        assert json.loads(lines[-1]).keys() == {"error"}
        assert "db.internal" not in body and "alice" not in body
    else:
        assert len(lines) == 5  # the header and 4 rows, no trailer in CSV


def test_download_failing_at_once_is_503(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(db)
    _failing_after(monkeypatch, app.state.store, 0)
    with TestClient(app) as c:
        r = c.get("/api/quotes", params={"format": "jsonl"})
    assert r.status_code == 503
    assert "db.internal" not in r.text


def test_download_without_failure_is_whole(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from saywho.web import export

    monkeypatch.setattr(export, "_CHUNK", 2)
    with Served(create_app(db)) as srv:
        r = httpx.get(srv.url + "/api/quotes", params={"format": "jsonl"}, timeout=30)
    assert r.status_code == 200 and len(r.text.splitlines()) == 7
    assert all("error" not in json.loads(x) for x in r.text.splitlines())


# ---------------------------------------------------------------- 3. a failing store is a 503


@pytest.fixture
def broken(db: str) -> Iterator[TestClient]:
    """An app whose store points at a PostgreSQL server that is not there."""
    from sqlalchemy import create_engine

    app = create_app(db)
    st = app.state.store
    st.engine.dispose()
    st.engine = create_engine("postgresql+psycopg://alice:pw@127.0.0.1:1/secretdb",
                              connect_args={"connect_timeout": 3})
    st.where = "postgresql://alice@127.0.0.1:1/secretdb"
    with TestClient(app) as c:
        yield c


SECRETS = ("alice", "127.0.0.1", "secretdb", "port 1", ":1/", "pw")


@pytest.mark.parametrize("path, params", [
    ("/api/quotes", {"search": "prices"}), ("/api/articles", {}), ("/api/counts", {}),
    ("/api/people", {}), ("/api/quotes", {"format": "csv"}), ("/", {"q": "prices"}), ("/", {}),
])
def test_store_failure_is_503_without_connection_details(broken: TestClient, path: str, params: dict[str, str]) -> None:
    r = broken.get(path, params=params)
    assert r.status_code == 503, (r.status_code, r.text[:300])
    assert "unavailable" in r.text
    for s in SECRETS:
        assert s not in r.text, s


def test_bad_input_is_still_400(db: str) -> None:
    from saywho.store import StoreError

    app = create_app(db)

    def bad(**kw: Any) -> Any:
        raise StoreError("since", "'2024-13' is not a date")

    app.state.store.quotes = bad
    with TestClient(app) as c:
        r = c.get("/api/quotes")
    assert r.status_code == 400 and "since" in r.json()["detail"]


# ---------------------------------------------------------------- 4. HEAD, docs, CSP


def _get_paths(c: TestClient) -> list[tuple[str, dict[str, str]]]:
    out: list[tuple[str, dict[str, str]]] = []
    for path, ops in c.get("/openapi.json").json()["paths"].items():
        if "get" not in ops:
            continue
        params = {"person": "Jo Park"} if path == "/api/timeline" else {"q": "prices"} if path == "/api/search" else {}
        out.append((path.replace("{key}", "a1"), params))
    return out + [("/", {}), ("/", {"q": "Jo Park"}), ("/articles/a1", {}), ("/person", {"name": "Jo Park"}),
                  ("/timeline", {"person": "Jo Park"}), ("/static/style.css", {}), ("/openapi.json", {}),
                  ("/articles/nope", {}), ("/api/quotes", {"format": "csv"})]


def test_head_is_answered_wherever_get_is(db: str) -> None:
    with TestClient(create_app(db)) as c:
        paths = _get_paths(c)
        assert len(paths) >= 15
        for path, params in paths:
            g = c.get(path, params=params)
            h = c.head(path, params=params)
            assert h.status_code == g.status_code != 405, (path, h.status_code, g.status_code)
            assert h.content == b"", path
            assert h.headers.get("content-type") == g.headers.get("content-type"), path


def test_head_on_uvicorn(db: str) -> None:
    with Served(create_app(db)) as srv:
        r = httpx.head(srv.url + "/", timeout=30)
        assert r.status_code == 200 and r.content == b""


def test_no_interactive_docs_and_every_page_has_a_csp(db: str) -> None:
    with TestClient(create_app(db)) as c:
        for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
            assert c.get(path).status_code == 404, path
        assert c.get("/openapi.json").status_code == 200
        for path, params in _get_paths(c):
            r = c.get(path, params=params)
            csp = r.headers.get("content-security-policy", "")
            assert "default-src 'none'" in csp, path
            if r.headers.get("content-type", "").startswith("text/html"):
                assert "<script" not in r.text.lower(), path  # nothing inline, nothing from a CDN
                assert "cdn" not in r.text.lower(), path
