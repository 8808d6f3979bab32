"""End to end in headless Chromium (Debian's package, driven by Playwright with its
executable path set: Playwright's own browser builds are never downloaded).

The two seed articles are extracted by saywho's pipeline into a temporary SQLite
store, served by uvicorn on 127.0.0.1, and driven as a reader would: search for
Cleverly, open one of his quotes, check every quote of that article is highlighted
with the speaker saywho found, open his page.  A screenshot of the article page is
saved under pytest's tmp dir (and to docs/screenshot-article.png when
SAYWHO_UPDATE_SCREENSHOT=1).

In CI (CI=true) a missing Chromium or Playwright fails the run instead of skipping.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = os.environ.get("SAYWHO_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {why} (scripts/browser_deps.sh installs chromium)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from saywho.readers import read_inputs
    from saywho.pipeline import extract_articles
    from saywho.store import Store

    if not (SEEDS / "articles.jsonl").exists():
        pytest.fail(f"seed articles not found at {SEEDS}")
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'seeds.db'}"
    arts = [a for a in read_inputs([str(SEEDS / "articles.jsonl")]) if not isinstance(a, Exception)]
    assert len(arts) == 2
    st = Store(url)
    st.add_many(extract_articles(arts))
    st.close()
    return url


@pytest.fixture(scope="module")
def server(store_url: str) -> Iterator[str]:
    import uvicorn

    from saywho.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store_url), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not t.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(10)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.errors = errors
    yield pg
    ctx.close()


MARKS_JS = """() => {
  const pieces = {};
  for (const m of document.querySelectorAll('#article-text mark.q')) {
    const k = m.dataset.q;
    const own = Array.from(m.childNodes).map(n => n.textContent).join('');
    (pieces[k] = pieces[k] || {start: +m.dataset.start, end: +m.dataset.end, speaker: m.dataset.speaker,
                                type: m.dataset.type, text: '', first: 0, coloured: true,
                                colour: getComputedStyle(m).borderBottomColor});
    if (m.classList.contains('first')) pieces[k].first += 1;
    pieces[k].text += own;
    const cs = getComputedStyle(m);
    if (!(parseFloat(cs.borderBottomWidth) > 0) || m.getClientRects().length === 0) pieces[k].coloured = false;
  }
  return Object.values(pieces);
}"""


def _gold_report(article_id: str, quotes: list[tuple[int, int, str]]) -> dict[str, Any]:
    """How the stored quotes compare to the seed gold (reported, not asserted: the
    page shows what saywho found; extraction quality is measured by eval/)."""
    gold = next((json.loads(l) for l in (SEEDS / "gold.jsonl").open() if json.loads(l)["id"] == article_id), None)
    if gold is None:
        return {}
    matched = 0
    for g in gold["quotes"]:
        names = {g["speaker"], *g.get("aliases", [])}
        if any(s < g["end"] and g["start"] < e and sp in names for s, e, sp in quotes):
            matched += 1
    return {"gold": len(gold["quotes"]), "found": len(quotes), "gold_matched_with_speaker": matched}


def test_search_article_person(page: Any, server: str, store_url: str, tmp_path: Path) -> None:
    from saywho.store import Store

    # 1. search
    page.goto(server + "/")
    page.fill("#q", "Cleverly")
    page.click("#go")
    page.wait_for_url("**/?q=Cleverly*")
    hits = page.locator("#by-speaker li.quote-item")
    assert hits.count() > 0, "no quote by Cleverly found through the search page"
    speaker = hits.first.get_attribute("data-speaker")
    assert speaker and "Cleverly" in speaker
    quote_text = hits.first.locator("a.qlink").inner_text()

    # 2. its article: every stored quote highlighted, with the stored speaker
    hits.first.locator("a.qlink").click()
    page.wait_for_selector("#article-text")
    key = page.locator("article.article").get_attribute("data-hash")
    st = Store(store_url)
    try:
        art = st.get_article(key)
    finally:
        st.close()
    assert art is not None and art.quotes
    marks = page.evaluate(MARKS_JS)
    shown = {(m["start"], m["end"], m["speaker"]) for m in marks}
    stored = {(q.start, q.end, q.speaker.name if q.speaker else "") for q in art.quotes}
    assert shown == stored
    for m in marks:
        assert m["first"] == 1, m  # one labelled start per quote
        assert m["text"] == art.text[m["start"]:m["end"]], m  # the highlight covers exactly the quote
        assert m["coloured"], m  # drawn, with the speaker's colour
    # one colour per speaker, and different speakers in different colours
    colour = {m["speaker"]: m["colour"] for m in marks}
    assert all(colour[m["speaker"]] == m["colour"] for m in marks)
    if len(colour) <= 10:
        assert len(set(colour.values())) == len(colour), colour
    assert any(quote_text.strip() == art.text[m["start"]:m["end"]].strip() for m in marks)
    # the quote list beside the text names the same speakers
    side = page.locator("ol.qlist li a").all_inner_texts()
    assert sorted(side) == sorted(q.speaker.name if q.speaker else "unattributed" for q in art.quotes)

    report = _gold_report(art.id, sorted((q.start, q.end, q.speaker.name if q.speaker else "") for q in art.quotes))
    (tmp_path / "gold-report.json").write_text(json.dumps(report))
    print(f"article {art.id}: {report}", file=sys.stderr)

    # The screenshot shows the article from its top (the link above scrolled to a quote).
    article_url = page.url.split("#")[0]
    page.goto(article_url)
    page.wait_for_selector("#article-text mark.q")
    shot = tmp_path / "screenshot-article.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("SAYWHO_UPDATE_SCREENSHOT") == "1":
        shutil.copy(shot, ROOT / "docs" / "screenshot-article.png")

    # 3. the person page, from the speaker list beside the article
    page.locator("ul.legend a", has_text=speaker).first.click()
    page.wait_for_selector("h1.person")
    assert page.locator("h1.person").get_attribute("data-name") == speaker
    assert quote_text.strip() in page.locator("main").inner_text()
    assert page.errors == []


def test_hostile_article_is_inert_in_the_browser(page: Any, server: str, store_url: str) -> None:
    from saywho.model import Article, Quote, Speaker
    from saywho.store import Store

    text = ('Intro <script>document.title="pwned";alert(1)</script> line.\n'
            '"<img src=x onerror=alert(2)> we won," said <b onmouseover=alert(3)>Mallory</b>.\n')
    s = text.index("<img")
    e = text.index(" we won,") + len(" we won,")
    art = Article(id="hostile", text=text, title='<script>alert(4)</script>', url="javascript:alert(5)")
    art.quotes = [Quote(s, e, text[s:e], "direct", Speaker('<i onclick="alert(6)">Mallory</i>'))]
    st = Store(store_url)
    try:
        st.add(art)
    finally:
        st.close()
    page.goto(f"{server}/articles/{art.hash}")
    page.locator("mark.q").first.hover()
    page.locator("mark.q").first.click()
    assert page.title() != "pwned"
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    assert "<script>" in page.locator("#article-text").inner_text()  # shown as text
    assert page.errors == []  # no alert() dialog, no script error
