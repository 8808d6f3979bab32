"""``saywho watch``: a local HTTP server serves a feed of summary-only entries and their
pages; two ``--once`` runs store the articles once and the second asks conditionally."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from saywho.cli import main
from saywho.cli.watch import parse_duration
from saywho.store import Store
from saywho.watch import FetchRefused, WatchState, check_address

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="og:site_name" content="Harbour Gazette"></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>{title}</h1>
<p>HARBOURTON, March 10 (Gazette) - {lead}</p>
<p>"{quote}," {speaker} told reporters at the harbour office on Monday.</p>
<p>The council will vote on the plan next month after a public consultation that drew hundreds of replies
from residents, shop owners and the fishing cooperative.</p>
</article><footer>Copyright Harbour Gazette</footer></body></html>"""

PAGES = {
    "/news/bridge.html": dict(title="Bridge to reopen in spring",
                              lead="The old swing bridge over the harbour will reopen in April after repairs.",
                              quote="We will rebuild the bridge and it will be stronger than before",
                              speaker="Mayor Ken Obi"),
    "/news/ferry.html": dict(title="Ferry timetable extended",
                             lead="The island ferry will run until midnight from next week, the operator said.",
                             quote="Late workers have waited years for this change",
                             speaker="Ana Ruiz, the operator's director,"),
}


def feed_xml(items: list[tuple[str, str]], full: str | None = None) -> bytes:
    """An RSS feed of summary-only entries (title, path), and one with full content."""
    entries = "".join(
        f"<item><title>{t}</title><link>{p}</link><guid>urn:gazette:{p}</guid>"
        f"<description>{t}: a short summary only.</description>"
        f"<pubDate>Mon, 10 Mar 2025 09:00:00 GMT</pubDate></item>" for t, p in items)
    if full:
        entries += ("<item><title>Full story</title><guid>urn:gazette:full</guid>"
                    f"<content:encoded><![CDATA[{full}]]></content:encoded></item>")
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Harbour Gazette</title>"
            f"<link>/</link><description>News</description>{entries}</channel></rss>").encode()


class Site:
    """The server's content and what it was asked (path, If-None-Match, If-Modified-Since)."""

    def __init__(self) -> None:
        self.items = [("Bridge to reopen in spring", "/news/bridge.html"),
                      ("Ferry timetable extended", "/news/ferry.html"),
                      ("Members only", "/private/secret.html")]
        self.full: str | None = None
        self.version = 1
        self.modified = formatdate(1_741_597_200, usegmt=True)
        self.requests: list[tuple[str, str | None, str | None]] = []

    @property
    def etag(self) -> str:
        return f'"feed-v{self.version}"'


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Site, str]]:
    monkeypatch.setenv("SAYWHO_FETCH_PRIVATE", "1")
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet test output
            pass

        def _send(self, code: int, body: bytes = b"", ctype: str = "text/html", **headers: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            state.requests.append((self.path, inm, ims))
            if self.path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif self.path == "/feed.xml":
                if inm == state.etag or (inm is None and ims == state.modified):
                    self._send(304)
                else:
                    self._send(200, feed_xml(state.items, state.full), "application/rss+xml", ETag=state.etag,
                               Last_Modified=state.modified)
            elif self.path in PAGES:
                self._send(200, PAGE.format(**PAGES[self.path]).encode())
            else:
                self._send(404, b"not found")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _watch(base: str, db: Path, *extra: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["watch", f"{base}/feed.xml", "--db", str(db), "--once", "--delay", "0", *extra])


def _paths(site: Site) -> list[str]:
    return [p for p, _, _ in site.requests]


def test_watch_twice_stores_once_and_asks_conditionally(site: tuple[Site, str], tmp_path: Path) -> None:
    srv, base = site
    db = tmp_path / "news.db"
    first = _watch(base, db)
    assert first.exit_code == 0, first.output
    assert "skipped http://127.0.0.1" in first.stderr and "/private/secret.html: disallowed by robots.txt" in first.stderr
    assert "2 added" in first.stderr and "1 skipped" in first.stderr
    st = Store(str(db))
    try:
        arts = st.articles()
        assert sorted(a.url.rsplit("/", 1)[1] for a in arts) == ["bridge.html", "ferry.html"]
        assert {q.speaker for q in st.quotes()} >= {"Ken Obi"}
    finally:
        st.close()
    assert "/private/secret.html" not in _paths(srv)  # robots.txt obeyed: never requested
    assert (tmp_path / "news.db.watch.json").exists()

    n = len(srv.requests)
    second = _watch(base, db)
    assert second.exit_code == 0, second.output
    again = srv.requests[n:]
    assert [p for p, _, _ in again if p != "/robots.txt"] == ["/feed.xml"]  # no page fetched again
    feed_req = next(r for r in again if r[0] == "/feed.xml")
    assert feed_req[1] == srv.etag and feed_req[2] == srv.modified  # If-None-Match, If-Modified-Since
    assert "1 not modified" in second.stderr and "0 added" in second.stderr
    st = Store(str(db))
    try:
        counts = st.counts()
        assert counts["articles"] == 2 and counts["runs"] == 1  # a poll with nothing new starts no run
    finally:
        st.close()


def test_a_changed_feed_fetches_only_new_entries_and_a_lost_state_duplicates_nothing(
        site: tuple[Site, str], tmp_path: Path) -> None:
    srv, base = site
    db = tmp_path / "news.db"
    srv.items = srv.items[:1]
    assert _watch(base, db).exit_code == 0
    srv.items = [("Ferry timetable extended", "/news/ferry.html"), *srv.items]
    srv.version += 1
    n = len(srv.requests)
    res = _watch(base, db)
    assert res.exit_code == 0, res.output
    assert [p for p in _paths(srv)[n:] if p.startswith("/news/")] == ["/news/ferry.html"]
    assert "1 added" in res.stderr and "1 seen before" in res.stderr

    # the state file lost (a new machine, a deleted file): everything is read again, nothing stored twice
    (tmp_path / "news.db.watch.json").unlink()
    res = _watch(base, db)
    assert res.exit_code == 0, res.output
    assert "0 added" in res.stderr and "2 already stored" in res.stderr
    st = Store(str(db))
    try:
        assert st.counts()["articles"] == 2
    finally:
        st.close()


def test_private_addresses_are_refused_without_the_setting(site: tuple[Site, str], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    srv, base = site
    monkeypatch.delenv("SAYWHO_FETCH_PRIVATE")
    res = _watch(base, tmp_path / "news.db")
    assert res.exit_code == 0, res.output
    assert "refused: private or loopback address" in res.stderr and srv.requests == []
    with pytest.raises(FetchRefused, match="not an http"):
        check_address("file:///etc/passwd")


def test_state_beside_sqlite_only_and_durations(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["watch", "http://example.org/feed.xml", "--db",
                                    "postgresql://u@localhost/x", "--once"])
    assert res.exit_code == 2 and "--state FILE is needed" in res.output
    assert parse_duration("15m") == 900 and parse_duration("90s") == 90 and parse_duration("2") == 2
    with pytest.raises(click.BadParameter):
        parse_duration("soon")
    st = WatchState.load(tmp_path / "w.json")
    st.mark("f", "k", "stored")
    st.save()
    assert WatchState.load(tmp_path / "w.json").seen("f", "k")


def test_full_content_entries_are_read_from_the_feed(site: tuple[Site, str], tmp_path: Path) -> None:
    srv, base = site
    srv.items = []
    srv.full = ("<p>The harbour master resigned on Friday after twelve years in the post.</p>"
                "<p>\u201cIt is time for someone new to steer this port,\u201d Maria Lind said.</p>")
    res = _watch(base, tmp_path / "news.db")
    assert res.exit_code == 0, res.output
    assert "1 added" in res.stderr
    assert not [p for p in _paths(srv) if p.startswith("/news/")]
    st = Store(str(tmp_path / "news.db"))
    try:
        assert [q.speaker for q in st.quotes()] == ["Maria Lind"]
    finally:
        st.close()
