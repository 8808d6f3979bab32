"""The API across articles (issue 17): /api/statements, /api/corroboration and /api/report
answer what the store's queries behind ``saywho statements``, ``saywho corroborate`` and
``saywho report`` answer, page and download like every list, and are documented in the
OpenAPI schema.  On SQLite and PostgreSQL (the ``store_url`` fixture).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from saywho.model import Article, Event, Quote, Speaker
from saywho.web import create_app
from saywho.web.export import record_dict

SAID = "We will cut waiting lists by half,"


def _article(i: int, outlet: str, day: int, minutes: int) -> Article:
    text = (f'"{SAID}" Jo Park said on Monday in item {i}. Park spoke to Ann Lee by phone '
            f"for {minutes} minutes about trade.")
    art = Article(id=f"{outlet}-{i}", text=text, published=f"2024-03-{day:02d}", outlet=outlet,
                  title=f"Story {i}")
    art.quotes = [Quote(1, 1 + len(SAID), SAID, "direct", Speaker("Jo Park"), cue="said")]
    art.events = [Event("call", ["Jo Park", "Ann Lee"], date="2024-03-04", duration_minutes=minutes,
                        topics=["trade"])]
    return art


@pytest.fixture
def client(store_url: str) -> Iterator[TestClient]:
    from saywho.store import Store

    st = Store(store_url)
    for i, (outlet, minutes) in enumerate([("Daily A", 30), ("Daily B", 30), ("Daily C", 45)]):
        st.add(_article(i, outlet, 5 + i, minutes))
    lone = Article(id="lone", text='"Nothing to add," Bo Ray said.', published="2024-04-01", outlet="Daily A")
    lone.quotes = [Quote(1, 17, "Nothing to add,", "direct", Speaker("Bo Ray"), cue="said")]
    st.add(lone)
    st.close()
    with TestClient(create_app(store_url)) as c:
        yield c


def _same(api: list[dict[str, Any]], records: list[Any]) -> None:
    assert api == [json.loads(json.dumps(record_dict(r))) for r in records]


def test_statements_match_the_store(client: TestClient) -> None:
    st = client.app.state.store  # type: ignore[attr-defined]
    r = client.get("/api/statements")
    assert r.status_code == 200
    _same(r.json()["items"], st.statements())
    wide = client.get("/api/statements", params={"min_sources": 2}).json()["items"]
    assert len(wide) == 1 and wide[0]["speaker"] == "Jo Park" and len(wide[0]["sources"]) == 3
    assert {s["outlet"] for s in wide[0]["sources"]} == {"Daily A", "Daily B", "Daily C"}
    _same(client.get("/api/statements", params={"speaker": "bo ray"}).json()["items"],
          st.statements(speaker="bo ray"))
    _same(client.get("/api/statements", params={"since": "2024-03-31"}).json()["items"],
          st.statements(since="2024-03-31"))


def test_statements_page(client: TestClient) -> None:
    first = client.get("/api/statements", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    second = client.get("/api/statements", params={"limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None and second["items"][0]["id"] != first["items"][0]["id"]


def test_corroboration_matches_the_store(client: TestClient) -> None:
    st = client.app.state.store  # type: ignore[attr-defined]
    items = client.get("/api/corroboration").json()["items"]
    _same(items, st.corroboration())
    assert {c["kind"] for c in items} == {"engagement", "statement"}
    call = next(c for c in items if c["kind"] == "engagement")
    dur = next(d for d in call["details"] if "duration" in d["field"])
    assert dur["status"] == "disputed"  # 30 minutes in two outlets, 45 in the third
    _same(client.get("/api/corroboration", params={"person": "Ann Lee"}).json()["items"],
          st.corroboration(person="Ann Lee"))
    assert client.get("/api/corroboration", params={"min_sources": 4}).json()["items"] == []


def test_report_matches_the_store(client: TestClient) -> None:
    st = client.app.state.store  # type: ignore[attr-defined]
    for params in ({}, {"by": "month"}, {"by": "all", "top": 1}, {"outlet": "Daily A"}, {"since": "2024-04-01"}):
        items = client.get("/api/report", params={**params, "limit": 1000}).json()["items"]
        kw = {k: v for k, v in params.items()}
        _same(items, st.source_report(**kw))
    rows = client.get("/api/report", params={"by": "all"}).json()["items"]
    assert {r["speaker"] for r in rows} == {"Jo Park", "Bo Ray"}
    assert client.get("/api/report", params={"by": "week"}).status_code == 422


@pytest.mark.parametrize("path", ["/api/statements", "/api/corroboration", "/api/report"])
def test_downloads(client: TestClient, path: str) -> None:
    page = client.get(path, params={"limit": 1000}).json()["items"]
    j = client.get(path, params={"format": "jsonl"})
    assert j.status_code == 200 and j.headers["content-type"].startswith("application/x-ndjson")
    assert [json.loads(x) for x in j.text.splitlines()] == page
    c = client.get(path, params={"format": "csv"})
    assert c.status_code == 200 and c.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(c.text)))) == len(page)


def test_documented_in_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path, model, params in [
        ("/api/statements", "StatementOut", {"speaker", "search", "min_sources", "since", "until", "limit", "offset",
                                             "format"}),
        ("/api/corroboration", "CorroborationOut", {"person", "min_sources", "limit", "offset", "format"}),
        ("/api/report", "ReportRowOut", {"by", "top", "outlet", "since", "until", "limit", "offset", "format"}),
    ]:
        get = spec["paths"][path]["get"]
        assert get.get("summary") and get.get("description")
        assert {p["name"] for p in get["parameters"]} == params
        assert model in json.dumps(get["responses"]["200"])
        assert schemas[model]["properties"]
        assert "text/csv" in get["responses"]["200"]["content"]
