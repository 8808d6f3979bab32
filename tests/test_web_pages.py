"""The pages of issue 17: filters on the search page (outlet, date range, quote type,
speaker kind), pagination on every list page and the person page, a labelled search
box, colours at WCAG 2.1 AA contrast, and a stylesheet at a fixed path.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from saywho.model import Article, Event, Quote, Speaker
from saywho.web import create_app

N = 60  # articles, one quote and one call each
ORG = "Acme Holdings"


def _article(i: int) -> Article:
    who, kind = (ORG, "organisation") if i % 3 == 0 else ("Jo Park", "person")
    text = f'"Prices moved by {i} points today," {who} said in item {i}.'
    end = text.index(",") + 1
    art = Article(id=f"item-{i}", text=text, published=f"2024-{1 + i % 3:02d}-{1 + i % 28:02d}",
                  outlet=("North Post", "South Times")[i % 2], title=f"Item {i}")
    art.quotes = [Quote(1, end, text[1:end], ("direct", "indirect")[i % 2 == 1 and i % 4 == 1],
                        Speaker(who, kind=kind), cue="said")]
    art.events = [Event("call", ["Jo Park", f"Partner {i}"], date=art.published)]
    return art


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from saywho.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'p.db'}"
    st = Store(url)
    st.add_many(_article(i) for i in range(N))
    st.close()
    with TestClient(create_app(url)) as c:
        yield c


class Links(HTMLParser):
    """The quotes, pager links, labels and stylesheets of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: list[dict[str, str]] = []
        self.next: dict[str, str] = {}  # pager label -> next page link
        self.labels: dict[str, str] = {}
        self.inputs: list[dict[str, str]] = []
        self.styles: list[str] = []
        self._nav = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "li" and "quote-item" in a.get("class", ""):
            self.quotes.append(a)
        if tag == "nav" and a.get("class") == "pager":
            self._nav = a.get("aria-label", "")
        if tag == "a" and a.get("class") == "next":
            self.next[self._nav] = a["href"]
        if tag == "label" and "for" in a:
            self.labels[a["for"]] = a["for"]
        if tag in ("input", "select") and a.get("type") != "hidden":
            self.inputs.append(a)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.styles.append(a["href"])


def _parse(r: Any) -> Links:
    assert r.status_code == 200, (r.status_code, r.text[:300])
    p = Links()
    p.feed(r.text)
    return p


def _walk(client: TestClient, path: str, params: dict[str, str], label: str, item: str) -> list[str]:
    """Every item of one list, following its Next links to the end."""
    seen: list[str] = []
    url = path + "?" + "&".join(f"{k}={v}" for k, v in params.items())
    for _ in range(50):
        r = client.get(url)
        assert r.status_code == 200, url
        seen += re.findall(item, r.text.split(f'aria-label="{label}"')[0] if label in r.text else r.text)
        p = _parse(r)
        if label not in p.next:
            return seen
        url = urljoin(path, p.next[label].replace("&amp;", "&"))
    raise AssertionError("too many pages")


# ---------------------------------------------------------------- filters


def _quote_rows(client: TestClient, **params: str) -> list[dict[str, Any]]:
    st = client.app.state.store  # type: ignore[attr-defined]
    return [q.to_dict() for q in st.quotes(limit=None)]


def test_filters_narrow_the_quotes(client: TestClient) -> None:
    rows = _quote_rows(client)
    cases: list[tuple[dict[str, str], Any]] = [
        ({"outlet": "North Post"}, lambda q: q["outlet"] == "North Post"),
        ({"since": "2024-02-01", "until": "2024-02-28"}, lambda q: "2024-02-01" <= q["published"] <= "2024-02-28"),
        ({"type": "indirect"}, lambda q: q["type"] == "indirect"),
        ({"kind": "organisation"}, lambda q: q["speaker_kind"] == "organisation"),
        ({"kind": "person", "outlet": "South Times", "type": "direct"},
         lambda q: q["speaker_kind"] == "person" and q["outlet"] == "South Times" and q["type"] == "direct"),
    ]
    for params, want in cases:
        got = _walk(client, "/", params, "More quotes", r'href="/articles/([0-9a-f]+)#q-')
        expected = [q["article_hash"] for q in rows if want(q)]
        assert 0 < len(expected) < N
        assert sorted(got) == sorted(expected), params
        assert len(got) == len(set(got)), params  # no item on two pages


def test_filters_apply_to_a_search(client: TestClient) -> None:
    got = _walk(client, "/", {"q": ORG.replace(" ", "+"), "outlet": "South Times"}, "More quotes by the speaker",
                r'data-speaker="([^"]*)"')
    assert got and set(got) == {ORG}
    r = client.get("/", params={"q": ORG, "outlet": "South Times"})
    assert "North Post" not in r.text.split('id="by-speaker"')[1].split("</ul>")[0]


def test_filter_form_keeps_its_values(client: TestClient) -> None:
    r = client.get("/", params={"outlet": "North Post", "type": "direct", "kind": "person", "since": "2024-01-02"})
    assert '<option value="North Post" selected>' in r.text
    assert '<option value="direct" selected>' in r.text
    assert '<option value="person" selected>' in r.text
    assert 'value="2024-01-02"' in r.text


@pytest.mark.parametrize("params", [{"type": "loud"}, {"kind": "robot"}, {"since": "yesterday"},
                                    {"until": "2024-1-1"}])
def test_bad_filter_is_a_422_page(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/", params=params)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")


def test_empty_filters_are_no_filters(client: TestClient) -> None:
    r = client.get("/?q=&outlet=&since=&until=&type=&kind=")
    assert r.status_code == 200 and "Latest articles" in r.text


# ---------------------------------------------------------------- pagination


def test_search_lists_are_paginated(client: TestClient) -> None:
    by = _walk(client, "/", {"q": "Jo+Park"}, "More quotes by the speaker", r'data-speaker="(Jo Park)"')
    assert len(by) == sum(1 for i in range(N) if i % 3)
    words = _walk(client, "/", {"q": "prices"}, "More quotes containing the words", r'class="quote-item"')
    assert len(words) == N
    arts = _walk(client, "/", {}, "More articles", r'<li><a href="/articles/([0-9a-f]+)">')
    assert len(arts) == N == len(set(arts))


def test_person_page_is_paginated(client: TestClient) -> None:
    quotes = _walk(client, "/person", {"name": "Jo+Park"}, "More statements", r'class="quote-item"')
    assert len(quotes) == sum(1 for i in range(N) if i % 3)
    calls = _walk(client, "/person", {"name": "Jo+Park"}, "More calls and meetings", r'<span class="type">call</span>')
    assert len(calls) == N


def test_timeline_is_paginated(client: TestClient) -> None:
    st = client.app.state.store  # type: ignore[attr-defined]
    total = len(st.timeline("Jo Park"))
    assert total > 50
    items = _walk(client, "/timeline", {"person": "Jo+Park"}, "More of the timeline", r'<li class="tl-')
    assert len(items) == total


# ---------------------------------------------------------------- labels, stylesheet, contrast


@pytest.mark.parametrize("path, params", [("/", {}), ("/", {"q": "prices"}), ("/person", {"name": "Jo Park"}),
                                          ("/timeline", {"person": "Jo Park"})])
def test_every_field_has_a_label(client: TestClient, path: str, params: dict[str, str]) -> None:
    p = _parse(client.get(path, params=params))
    for field in p.inputs:
        assert field.get("id") in p.labels, field
    if path == "/":
        assert "q" in p.labels  # the search box


def test_stylesheet_path_ignores_the_host_header(client: TestClient) -> None:
    for host in ("evil.example", "127.0.0.1:1", 'x"><script>'):
        r = client.get("/", headers={"Host": host})
        assert _parse(r).styles == ["/static/style.css"]
        assert host not in r.text
    assert client.get("/static/style.css").status_code == 200


def _lum(hex_: str) -> float:
    r, g, b = (int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5))

    def f(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two #rrggbb colours."""
    hi, lo = sorted((_lum(a), _lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


CSS = (Path(__file__).resolve().parents[1] / "saywho" / "web" / "static" / "style.css").read_text()


def test_speaker_chips_reach_aa_contrast() -> None:
    colours = re.findall(r"\.c([0-9x]+) \{ --c: (#[0-9a-f]{6}); \}", CSS)
    assert len(colours) == 11
    assert "color: #fff; background: var(--c)" in CSS  # the chip: white on the speaker's colour
    for name, c in colours:
        assert contrast(c, "#ffffff") >= 4.5, (name, c)
    assert len({c for _, c in colours}) == 11  # still one colour per slot


def test_greyed_text_reaches_aa_contrast() -> None:
    skip = re.search(r"\.skip, \.skipnote \{ color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6}); \}", CSS)
    assert skip, "the debris rule"
    assert contrast(skip.group(1), skip.group(2)) >= 4.5
    muted = re.search(r"--muted: (#[0-9a-f]{6})", CSS)
    bg = re.search(r"--bg: (#[0-9a-f]{6})", CSS)
    assert muted and bg and contrast(muted.group(1), bg.group(1)) >= 4.5


def test_stories_page_renders_a_page(client: TestClient) -> None:
    r = client.get("/stories", params={"offset": 0})
    assert r.status_code == 200 and "<h1>Stories</h1>" in r.text
    assert client.get("/stories", params={"offset": 10_000}).status_code == 200


def test_statements_corroboration_and_report_are_pages(client: TestClient) -> None:
    """The CLI's statements, corroboration and source report, as pages (issue 17)."""
    r = client.get("/statements", params={"speaker": "Jo Park"})
    assert r.status_code == 200 and "Prices moved by" in r.text and "North Post" in r.text
    assert r.text.count("<blockquote>") == 1  # near-identical wordings by one person are one statement
    r = client.get("/statements", params={"min_sources": 2})
    assert r.status_code == 200 and "North Post, South Times" in r.text  # carried by both outlets
    r = client.get("/corroboration")
    assert r.status_code == 200 and "<strong>statement</strong>" in r.text and '<table class="details">' in r.text
    r = client.get("/report", params={"by": "outlet"})
    assert r.status_code == 200
    for want in ("North Post", "South Times", "Jo Park", "Acme Holdings", 'src="/report.svg?by=outlet"'):
        assert want in r.text, want
    svg = client.get("/report.svg", params={"by": "outlet"})
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content[:2000]
    assert client.get("/report", params={"by": "decade"}).status_code == 422
    assert client.get("/statements", params={"min_sources": 0}).status_code == 422
