"""Security of the web layer over a real Store: hostile article content renders inert,
SQL metacharacters in every query parameter give normal answers or a 4xx (never a
500, never a change to the data), and writing needs the token.

Runs on SQLite, and on PostgreSQL too when SAYWHO_TEST_PG_URL names a server.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import quote
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from saywho.model import Article, Event, Person, Quote, Skipped, Speaker
from saywho.web import create_app

TOKEN = "sEcr3t-token"

# Hostile strings of the kinds a page scraped from the web can carry.
SCRIPT = "<script>document.title='pwned'</script>"
IMG = '<img src=x onerror="document.title=\'pwned\'">'
BREAKOUT = '"><svg onload=alert(1)>'
ATTR = "' onmouseover='alert(1)"
SPEAKER = '<b onclick="alert(1)">Mallory</b>'

HOSTILE_TEXT = (
    f"Breaking {SCRIPT} news.\n"
    f'The minister said: "We will {IMG} win." {BREAKOUT}\n'
    f"A spokesman added that {ATTR} things were fine.\n"
    "<style>body{display:none}</style>Most Read\n"
)


def hostile_article() -> Article:
    t = HOSTILE_TEXT
    q1s = t.index("We will")
    q1e = t.index(" win.") + len(" win.")
    q2s = t.index(ATTR)
    q2e = t.index(" things were fine") + len(" things were fine")
    skip = t.index("<style>")
    art = Article(id=f"hostile-{SCRIPT}", text=t, published="2024-02-02", title=f"Title {SCRIPT}{IMG}",
                  outlet=f"Outlet {BREAKOUT}", url="javascript:alert(document.cookie)")
    art.quotes = [
        Quote(q1s, q1e, t[q1s:q1e], "direct", Speaker(SPEAKER, mention=ATTR), cue=f"said{IMG}", venue=SCRIPT),
        Quote(q2s, q2e, t[q2s:q2e], "indirect", Speaker(f"Eve {ATTR}"), cue="added"),
    ]
    art.people = [Person(SPEAKER, roles=[f"minister {SCRIPT}"]), Person(f"Eve {ATTR}")]
    art.events = [Event("call", [SPEAKER, f"Eve {ATTR}"], date="2024-02-01", topics=[SCRIPT])]
    art.skipped = [Skipped(skip, len(t) - 1, f"debris {SCRIPT}")]
    return art


def _pg_database(base: str) -> str:
    """A fresh database on the test server, so runs never see each other's rows."""
    import psycopg

    name = f"saywho_web_{uuid.uuid4().hex[:10]}"
    dsn = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name


def _backends() -> list[Any]:
    pg = pytest.param("postgres", marks=pytest.mark.postgres)
    return ["sqlite", pg]


@pytest.fixture(scope="module", params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    from saywho.store import Store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('websec') / 'sec.db'}"
    else:
        base = os.environ.get("SAYWHO_TEST_PG_URL")
        if not base:
            if os.environ.get("CI") == "true":
                pytest.fail("SAYWHO_TEST_PG_URL is not set in CI")
            pytest.skip("no PostgreSQL server (SAYWHO_TEST_PG_URL)")
        url = _pg_database(base)
    st = Store(url)
    st.add(hostile_article())
    plain = Article(id="plain", text='"Prices rose," Jo Park said.', published="2024-01-05", outlet="Plain Post")
    plain.quotes = [Quote(1, 13, "Prices rose,", "direct", Speaker("Jo Park"), cue="said")]
    st.add(plain)
    st.close()
    return url


@pytest.fixture(scope="module")
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url)) as c:
        yield c


# ---------------------------------------------------------------- hostile content renders inert


class Inert(HTMLParser):
    """Finds anything in a page that a browser would run or load from article content."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "svg", "img", "iframe", "object", "embed", "b", "style"):
            self.problems.append(f"<{tag}> element")
        for k, v in attrs:
            if k.startswith("on"):
                self.problems.append(f"{k}= attribute on <{tag}>")
            if k in ("href", "src", "action") and v and v.strip().lower().startswith(("javascript:", "data:text")):
                if not (tag == "link" and v == "data:,"):
                    self.problems.append(f"{k}={v!r} on <{tag}>")


def _pages() -> list[tuple[str, dict[str, str]]]:
    return [(f"/articles/{hostile_article().hash}", {}), ("/", {}), ("/", {"q": "minister"}),
            ("/", {"q": "Mallory"}), ("/", {"q": SCRIPT}), ("/person", {"name": SPEAKER}),
            ("/person", {"name": f"Eve {ATTR}"}), ("/timeline", {"person": SPEAKER}),
            ("/timeline", {"person": SCRIPT}), ("/articles/" + SCRIPT.replace("/", "%2F"), {})]


def test_hostile_article_renders_inert(client: TestClient) -> None:
    for path, params in _pages():
        r = client.get(path, params=params)
        assert r.status_code in (200, 404), (path, r.status_code)
        p = Inert()
        p.feed(r.text)
        assert p.problems == [], (path, p.problems)
        assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none' covers it
        assert "default-src 'none'" in r.headers["content-security-policy"]


def test_hostile_text_is_shown_as_text(client: TestClient) -> None:
    r = client.get(f"/articles/{hostile_article().hash}")
    assert "&lt;script&gt;document.title=" in r.text
    assert "&lt;img src=x onerror=" in r.text
    assert 'javascript:alert' not in r.text  # a non-http(s) source URL is not linked at all
    # the quotes are still highlighted, with the hostile speaker name as an escaped attribute
    assert r.text.count('<mark class="q') == 2
    assert 'data-speaker="&lt;b onclick=&#34;alert(1)&#34;&gt;Mallory&lt;/b&gt;"' in r.text


def test_hostile_content_in_json_is_data(client: TestClient) -> None:
    r = client.get(f"/api/articles/{hostile_article().hash}")
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.json()["text"] == HOSTILE_TEXT


# ---------------------------------------------------------------- SQL metacharacters

METACHARS = [
    "' OR '1'='1",
    '" OR ""="',
    "'; DROP TABLE quotes; --",
    "1; DELETE FROM articles",
    "') UNION SELECT NULL, NULL --",
    "%", "_", "%%_%", "\\", "\\'", "'", "''", "--", "/*", "*/", ";",
    "[", "]", "^", "$", "(?i)", "*",
    "\x00", "a\x00b",
    "é' OR 1=1 --",
    "2024-01-01' OR '1'='1",
    "pg_sleep(0)",
]

# Page parameters (the API's come from its OpenAPI schema).
PAGE_PARAMS = {"/": ["q"], "/person": ["name"], "/timeline": ["person"]}


def _api_params(client: TestClient) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path, ops in client.get("/openapi.json").json()["paths"].items():
        get = ops.get("get")
        if get is None:
            continue
        out[path] = [p["name"] for p in get.get("parameters", []) if p["in"] in ("query", "path")]
    return out


def test_every_query_parameter_survives_metacharacters(client: TestClient) -> None:
    before = client.get("/api/counts").json()
    params = {**_api_params(client), **PAGE_PARAMS}
    assert len(params) >= 10
    tried = 0
    for path, names in params.items():
        for name in names:
            for value in METACHARS:
                if "{" + name + "}" in path:
                    url, query = path.replace("{" + name + "}", quote(value, safe="")), {}
                else:
                    url, query = path, {name: value}
                    if path == "/api/timeline" and name != "person":
                        query["person"] = "Jo Park"  # required
                r = client.get(url, params=query)
                tried += 1
                assert r.status_code < 500, (path, name, value, r.status_code, r.text[:200])
                if r.status_code == 200 and path == "/api/quotes" and name == "search":
                    # a search for SQL text finds only quotes containing it
                    assert all(value.lower() in q["text"].lower() for q in r.json()["items"]), value
    assert tried > 300
    assert client.get("/api/counts").json() == before  # nothing dropped or deleted


@pytest.mark.parametrize("value", ["' OR '1'='1", "%", "_", "'; DROP TABLE quotes; --"])
def test_metacharacters_match_nothing_special(client: TestClient, value: str) -> None:
    # A speaker filter of SQL text must not widen the answer to every quote.
    r = client.get("/api/quotes", params={"speaker": value})
    assert r.status_code == 200
    assert r.json()["items"] == []


def test_nul_is_a_clear_400(client: TestClient) -> None:
    r = client.get("/api/quotes", params={"search": "a\x00b"})
    assert r.status_code == 400 and "NUL" in r.json()["detail"]


# ---------------------------------------------------------------- writing needs the token


@pytest.fixture(scope="module")
def writer(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url, token=TOKEN)) as c:
        yield c


BODY = {"text": '"It works," said Kim Ode.', "id": "auth-check"}


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer wrong"}, 401),
    ({"Authorization": f"Bearer {TOKEN}x"}, 401),
    ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 401),
    ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": TOKEN}, 401),
    ({"Authorization": "Bearer \xe9".encode("latin-1")}, 401),  # a non-ASCII byte
    ({"X-Token": TOKEN}, 401),
])
def test_post_without_the_token_is_refused(writer: TestClient, headers: dict[str, Any], status: int) -> None:
    before = writer.get("/api/counts").json()
    r = writer.post("/api/articles", json=BODY, headers=headers)
    assert r.status_code == status
    assert r.headers.get("www-authenticate") == "Bearer"
    assert writer.get("/api/counts").json() == before


def test_post_refused_when_no_token_is_configured(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": f"Bearer {TOKEN}"}):
        assert client.post("/api/articles", json=BODY, headers=headers).status_code == 405


def test_post_with_the_token_is_accepted(writer: TestClient) -> None:
    r = writer.post("/api/articles", json=BODY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    assert writer.get(f"/api/articles/{r.json()['hash']}").status_code == 200
