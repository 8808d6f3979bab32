"""The JSON API and pages over a real Store on a temporary SQLite database, through
httpx (FastAPI's TestClient); the OpenAPI schema is fuzzed with schemathesis.

The stored articles are written for the test (quotes placed by hand), so that the
expected answers do not depend on how well extraction does; extraction through
``POST /api/articles`` is checked for being stored, not for what it found.
"""
from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from saywho.model import Article, Event, Quote, Skipped, Speaker
from saywho.web import create_app
from saywho.web.highlight import Mark, Text, article_colours, segments, speaker_colour

TOKEN = "test-token-5f2a"


def _quote(text: str, qtext: str, speaker: str | None, type_: str, cue: str | None = None) -> Quote:
    start = text.index(qtext)
    sp = Speaker(speaker, mention=speaker.split()[-1]) if speaker else None
    return Quote(start=start, end=start + len(qtext), text=qtext, type=type_, speaker=sp, cue=cue)  # type: ignore[arg-type]


def _article(id: str, text: str, quotes: list[tuple[str, str | None, str, str | None]], **meta: Any) -> Article:
    art = Article(id=id, text=text, **meta)
    art.quotes = [_quote(text, *q) for q in quotes]
    return art


T1 = 'Ann Lee said: "Rates will fall soon." Bob Ray replied that "nothing is certain".'
T2 = '"We met for an hour," Ann Lee told reporters on Thursday. Cara Diaz said the talks were useful.'
T3 = "Markets were quiet on the last day of the year.\nShare this article"

ARTICLES = [
    _article("a1", T1, [("Rates will fall soon.", "Ann Lee", "direct", "said"),
                        ("nothing is certain", "Bob Ray", "mixed", "replied")],
             published="2024-03-01", outlet="Daily Test", title="Rates"),
    _article("a2", T2, [("We met for an hour,", "Ann Lee", "direct", "told"),
                        ("the talks were useful", "Cara Diaz", "indirect", "said")],
             published="2024-05-10", outlet="Evening Test", title="Talks"),
    _article("a3", T3, [], published="2023-12-31", outlet="Daily Test", title="Quiet"),
]
ARTICLES[1].events = [Event(type="meeting", participants=["Ann Lee", "Cara Diaz"], date="2024-05-09",
                            date_text="on Thursday", duration_minutes=60, evidence=[(0, 56)])]
ARTICLES[2].skipped = [Skipped(T3.index("Share"), len(T3), "boilerplate")]


def _fresh_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from saywho.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    st = Store(url)
    for art in ARTICLES:
        st.add(art)
    st.close()
    return url


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _fresh_db(tmp_path_factory)


@pytest.fixture(scope="module")
def client(db_url: str) -> TestClient:
    with TestClient(create_app(db_url)) as c:
        yield c


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    # A database of its own: what it stores must not change the other tests' answers.
    with TestClient(create_app(_fresh_db(tmp_path_factory), token=TOKEN)) as c:
        yield c


def _texts(items: list[dict[str, Any]]) -> set[str]:
    return {x["text"] for x in items}


# ---------------------------------------------------------------- highlighting (pure)


def _flat(nodes: list[Text | Mark], depth: int = 0) -> list[tuple[str, int, str | None, bool]]:
    """(text, nesting depth, speaker of the innermost mark, skipped) per piece."""
    out: list[tuple[str, int, str | None, bool]] = []
    for n in nodes:
        if isinstance(n, Mark):
            for t, d, sp, sk in _flat(n.children, depth + 1):
                out.append((t, d, sp if d > depth + 1 else n.speaker, sk))
        else:
            out.append((n.text, depth, None, n.skipped is not None))
    return out


@pytest.mark.parametrize("text, quotes, skipped, expected", [
    # one quote
    ('He said "yes" today.', [(9, 12, "Al")], [],
     [('He said "', 0, None, False), ("yes", 1, "Al", False), ('" today.', 0, None, False)]),
    # a quote inside a quote
    ("A: 'B: \"x\" y' z", [(4, 12, "A"), (8, 9, "B")], [],
     [("A: '", 0, None, False), ('B: "', 1, "A", False), ("x", 2, "B", False), ('" y', 1, "A", False),
      ("' z", 0, None, False)]),
    # crossing quotes: the second is cut where the first ends, then goes on
    ("abcdefgh", [(0, 4, "P"), (2, 6, "Q")], [],
     [("ab", 1, "P", False), ("cd", 2, "Q", False), ("ef", 1, "Q", False), ("gh", 0, None, False)]),
    # a skipped stretch is greyed; a span outside the text is ignored
    ("line one\nMost Read\n", [(0, 4, "R"), (5, 99, "S")], [(9, 18)],
     [("line", 1, "R", False), (" one\n", 0, None, False), ("Most Read", 0, None, True), ("\n", 0, None, False)]),
    # markup in the text is text: nothing is interpreted here
    ("<b>x</b>", [(3, 4, "<i>")], [], [("<b>", 0, None, False), ("x", 1, "<i>", False), ("</b>", 0, None, False)]),
])
def test_segments(text: str, quotes: list[tuple[int, int, str]], skipped: list[tuple[int, int]],
                  expected: list[tuple[str, int, str | None, bool]]) -> None:
    qs = [Quote(start=s, end=e, text=text[s:e], type="direct", speaker=Speaker(n)) for s, e, n in quotes]
    tree = segments(text, qs, [Skipped(s, e, "debris") for s, e in skipped])
    assert _flat(tree) == expected
    assert "".join(t for t, *_ in _flat(tree)) == text


def test_crossing_quote_reopens_without_a_second_label() -> None:
    qs = [Quote(0, 4, "abcd", "direct", Speaker("P")), Quote(2, 6, "cdef", "direct", Speaker("Q"))]
    tree = segments("abcdefgh", qs)
    firsts = [n.first for n in tree if isinstance(n, Mark)] + [
        c.first for n in tree if isinstance(n, Mark) for c in n.children if isinstance(c, Mark)]
    assert sorted(firsts) == [False, True, True]


@pytest.mark.parametrize("name", ["James Cleverly", "Keir Starmer", "", None])
def test_speaker_colour_is_stable(name: str | None) -> None:
    assert speaker_colour(name) == speaker_colour(name)
    assert speaker_colour(name) in {f"c{i}" for i in range(10)} | {"cx"}


@pytest.mark.parametrize("names, distinct", [
    (["A", "B", "C"], 3),
    ([f"Speaker {i}" for i in range(10)], 10),   # as many speakers as colours: all differ
    ([f"Speaker {i}" for i in range(14)], 10),   # more: colours repeat, none is lost
    (["A", None, "A"], 1),
])
def test_article_colours_differ_within_an_article(names: list[str | None], distinct: int) -> None:
    colours = article_colours(names)
    assert len({colours[n] for n in names if n}) == distinct
    assert colours[""] == "cx"


# ---------------------------------------------------------------- lists and filters


@pytest.mark.parametrize("params, expected", [
    ({"speaker": "Ann Lee"}, {"Rates will fall soon.", "We met for an hour,"}),
    ({"search": "certain"}, {"nothing is certain"}),
    ({"outlet": "Evening Test"}, {"We met for an hour,", "the talks were useful"}),
    ({"since": "2024-04-01"}, {"We met for an hour,", "the talks were useful"}),
    ({"until": "2024-04-01"}, {"Rates will fall soon.", "nothing is certain"}),
    ({"since": "2024-04"}, {"We met for an hour,", "the talks were useful"}),   # a month, as the CLI takes it
    ({"until": "2024-03"}, {"Rates will fall soon.", "nothing is certain"}),
    ({"since": "2025"}, set()),
    ({"type": "indirect"}, {"the talks were useful"}),
    ({"article": "a1"}, {"Rates will fall soon.", "nothing is certain"}),
    ({"speaker": "Nobody Here"}, set()),
])
def test_quote_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    r = client.get("/api/quotes", params=params)
    assert r.status_code == 200, r.text
    assert _texts(r.json()["items"]) == expected


@pytest.mark.parametrize("params, expected", [
    ({}, {"a1", "a2", "a3"}),
    ({"outlet": "Daily Test"}, {"a1", "a3"}),
    ({"since": "2024-01-01"}, {"a1", "a2"}),
    ({"until": "2024-01-01"}, {"a3"}),
    ({"search": "talks"}, {"a2"}),
])
def test_article_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    r = client.get("/api/articles", params=params)
    assert r.status_code == 200, r.text
    assert {a["id"] for a in r.json()["items"]} == expected


def test_people_and_events(client: TestClient) -> None:
    people = client.get("/api/people").json()["items"]
    assert {"Ann Lee", "Bob Ray", "Cara Diaz"} <= {p["name"] for p in people}
    top = client.get("/api/people", params={"top": 1}).json()["items"]
    assert [p["name"] for p in top] == ["Ann Lee"]  # two quotes, the others one
    ann = client.get("/api/people", params={"name": "Ann Lee"}).json()["items"]
    assert ann[0]["name"] == "Ann Lee" and ann[0]["quote_count"] == 2
    ev = client.get("/api/events", params={"person": "Cara Diaz"}).json()["items"]
    assert [(e["type"], e["date"]) for e in ev] == [("meeting", "2024-05-09")]


def test_timeline_of_two(client: TestClient) -> None:
    r = client.get("/api/timeline", params=[("person", "Ann Lee"), ("person", "Cara Diaz")])
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert any(it.get("date") == "2024-05-09" for it in items), items
    assert client.get("/api/timeline").status_code == 422  # at least one name
    page = client.get("/timeline", params=[("person", "Ann Lee"), ("person", "Cara Diaz")])
    assert page.status_code == 200 and "2024-05-09" in page.text


def test_search(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "Ann Lee"}).json()
    assert _texts(r["quotes_by_speaker"]) == {"Rates will fall soon.", "We met for an hour,"}
    assert "Ann Lee" in {p["name"] for p in r["people"]}


def test_pagination_walks_every_quote_once(client: TestClient) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get("/api/quotes", params={"limit": 3, "offset": offset}).json()
        assert len(page["items"]) <= 3 and page["limit"] == 3
        seen += [q["text"] for q in page["items"]]
        offset = page["next_offset"]
    assert sorted(seen) == sorted(q.text for a in ARTICLES for q in a.quotes)


@pytest.mark.parametrize("path", ["/api/quotes", "/api/articles", "/api/people", "/api/events"])
def test_downloads_match_the_json_list(client: TestClient, path: str) -> None:
    items = client.get(path, params={"limit": 1000}).json()["items"]
    c = client.get(path, params={"format": "csv"})
    assert c.status_code == 200 and c.headers["content-type"].startswith("text/csv")
    assert "attachment" in c.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(c.text)))
    assert len(rows) == len(items) and len(items) > 0
    j = client.get(path, params={"format": "jsonl"})
    assert j.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in j.text.splitlines()]
    assert lines == items
    key = "text" if path == "/api/quotes" else ("name" if path == "/api/people" else "id")
    assert sorted(r[key] for r in rows) == sorted(str(x[key]) for x in items)


def test_download_honours_limit_and_filters(client: TestClient) -> None:
    c = client.get("/api/quotes", params={"format": "csv", "speaker": "Ann Lee", "limit": 1})
    assert len(list(csv.DictReader(io.StringIO(c.text)))) == 1


@pytest.mark.parametrize("path, status", [
    ("/api/articles/nope", 404),
    ("/articles/nope", 404),
    ("/person?name=Nobody+Here", 404),
    ("/api/quotes?since=2024-13-45", 422),
    ("/api/quotes?since=0.0", 422),
    ("/api/quotes?until=2024-1", 422),
    ("/api/quotes?limit=0", 422),
    ("/api/quotes?type=shouted", 422),
    ("/api/quotes?format=xml", 422),
])
def test_bad_requests_are_4xx(client: TestClient, path: str, status: int) -> None:
    assert client.get(path).status_code == status


def test_article_json_round_trip(client: TestClient) -> None:
    art = ARTICLES[0]
    d = client.get(f"/api/articles/{art.hash}").json()
    assert d["text"] == art.text and d["id"] == "a1"
    assert [(q["start"], q["end"], q["speaker"]["name"]) for q in d["quotes"]] == [
        (q.start, q.end, q.speaker.name) for q in art.quotes if q.speaker]
    assert client.get("/api/articles/a1").json()["hash"] == art.hash  # by id too


# ---------------------------------------------------------------- pages


class Marks(HTMLParser):
    """Collects the article page's quote marks and the greyed stretches."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str | None]] = []
        self.skips = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "mark" and "q" in (a.get("class") or "").split():
            self.marks.append(a)
        if tag == "span" and "skip" in (a.get("class") or "").split():
            self.skips += 1


@pytest.mark.parametrize("art", ARTICLES, ids=[a.id for a in ARTICLES])
def test_article_page_marks_every_quote(client: TestClient, art: Article) -> None:
    r = client.get(f"/articles/{art.hash}")
    assert r.status_code == 200
    p = Marks()
    p.feed(r.text)
    got = {(int(m["data-start"] or -1), int(m["data-end"] or -1), m["data-speaker"]) for m in p.marks}
    assert got == {(q.start, q.end, q.speaker.name if q.speaker else "") for q in art.quotes}
    assert p.skips == len(art.skipped)


@pytest.mark.parametrize("path, needles", [
    ("/", ["Latest articles", "Rates"]),
    ("/?q=Ann+Lee", ["Rates will fall soon.", "We met for an hour,"]),
    ("/?q=certain", ["nothing is certain"]),
    ("/person?name=Ann+Lee", ["Ann Lee", "2024-03-01", "Rates will fall soon.", "Daily Test", "Evening Test"]),
    ("/timeline", ["Timeline"]),
])
def test_pages(client: TestClient, path: str, needles: list[str]) -> None:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for n in needles:
        assert n in r.text, n


def test_static_css(client: TestClient) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and "mark.q" in r.text


# ---------------------------------------------------------------- writing


def test_read_only_without_token(client: TestClient) -> None:
    assert client.post("/api/articles", json={"text": "x"}).status_code == 405
    assert "post" not in client.get("/openapi.json").json()["paths"]["/api/articles"]


@pytest.mark.parametrize("body, status", [
    ({"text": "   "}, 400),                         # empty text
    ({"text": "a", "html": "<p>b</p>"}, 400),       # two inputs
    ({}, 400),                                      # none
    ({"html": "just words, no markup"}, 400),       # not HTML
    ({"url": "http://127.0.0.1:9/x"}, 400),         # loopback fetch refused
    ({"text": "a", "published": "yesterday"}, 422),
    ({"text": "a", "colour": "red"}, 422),          # unknown field
])
def test_post_bad_input(writer: TestClient, body: dict[str, Any], status: int) -> None:
    r = writer.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == status, r.text
    assert r.status_code != 400 or r.json()["detail"]


def test_post_extracts_and_stores(writer: TestClient) -> None:
    text = '"We are ready," the minister Dana Fox told reporters in London on Monday.'
    r = writer.post("/api/articles", json={"text": text, "id": "posted-1", "published": "2024-06-03",
                                           "outlet": "Posted Daily"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    d = r.json()
    assert d["id"] == "posted-1" and d["status"] in ("added", "unchanged", "replaced")
    stored = writer.get(f"/api/articles/{d['hash']}").json()
    assert stored["text"] == text and stored["outlet"] == "Posted Daily"
    assert len(stored["quotes"]) == d["quotes"]
    again = writer.post("/api/articles", json={"text": text, "id": "posted-1"},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["hash"] == d["hash"]


def test_post_html(writer: TestClient) -> None:
    body = ("<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
            + "".join(f"<p>Paragraph {i}: the harbour plan was discussed at length by the council, "
                      f"\"It will be built,\" the mayor Eve Stone said.</p>" for i in range(4))
            + "</article></body></html>")
    r = writer.post("/api/articles", json={"html": body, "published": "2024-07-01"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    stored = writer.get(f"/api/articles/{r.json()['hash']}").json()
    assert "harbour plan" in stored["text"] and "<p>" not in stored["text"]
    assert stored["published"] == "2024-07-01"


# ---------------------------------------------------------------- schema


def test_openapi_lists_the_api(writer: TestClient) -> None:
    paths = writer.get("/openapi.json").json()["paths"]
    for p in ["/api/articles", "/api/articles/{key}", "/api/quotes", "/api/people", "/api/events",
              "/api/timeline", "/api/search", "/api/counts"]:
        assert p in paths, p
    assert "post" in paths["/api/articles"]
    # Stories appear only when the store has them: no faked route.
    from saywho.store import Store

    assert ("/api/stories" in paths) == callable(getattr(Store, "stories", None))
    assert not any(p.startswith("/person") or p == "/" for p in paths)  # pages are not API


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_schemathesis(db_url: str, mode: str) -> None:
    """Every operation of the OpenAPI schema, fuzzed: no 5xx, responses match the schema.

    Driven through schemathesis's strategies with a bounded example count (its pytest
    loader does not run under this pytest).  The app has a token, so POST /api/articles
    is in the schema; schemathesis sends it without the token, and must get a 401.
    """
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(db_url, token=TOKEN))
    gen = GenerationMode.POSITIVE if mode == "positive" else GenerationMode.NEGATIVE
    ops = [r.ok() for r in schema.get_all_operations()]
    assert len(ops) >= 9
    tried = 0
    for op in ops:
        @given(case=op.as_strategy(gen))
        @settings(max_examples=20, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            case.call_and_validate()

        try:
            run()
            tried += 1
        except Unsatisfiable:
            # An operation with no parameters has no invalid request to make.
            assert mode == "negative", op.label
    assert tried >= len(ops) // 2
