"""One poll of ``saywho watch``: every feed asked (conditionally), its new entries read
(full-content entries from the feed, summary-only ones from their page), stored through
the runner, and the state saved.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ..errors import InputError
from ..model import Article, content_hash
from ..readers.feed import entry_date
from .http import Client, FetchRefused, check_address
from .state import WatchState, now

if TYPE_CHECKING:  # pragma: no cover
    from ..readers import ReadOptions
    from ..store import Store

#: A page that cannot be downloaded is tried at this many polls before it is given up.
MAX_TRIES = 3
#: ``on_skip(what, why)``: told about every entry or feed skipped, with the reason.
OnSkip = Callable[[str, str], None]


@dataclass
class WatchReport:
    """What one poll did (``polls``: its number): feeds asked, unchanged (304), entries,
    what was stored or skipped."""

    polls: int = 0
    feeds: int = 0
    not_modified: int = 0
    entries: int = 0
    seen_before: int = 0
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line: the counts."""
        return (f"{self.feeds} feed request(s), {self.not_modified} not modified; {self.entries} entries, "
                f"{self.seen_before} seen before; {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} already stored, {len(self.skipped)} skipped, {self.failed} failed")




@dataclass
class Poller:
    """One poll over the feeds, sharing the client (its pauses and robots.txt) across polls."""

    store: "Store"
    state: WatchState
    options: "ReadOptions"
    client: Client
    on_skip: OnSkip
    report: WatchReport = field(default_factory=WatchReport)

    def skip(self, what: str, why: str) -> None:
        """Record a skip and say it."""
        self.report.skipped.append((what, why))
        self.on_skip(what, why)

    def poll(self, feeds: Iterable[str]) -> WatchReport:
        """Ask every feed once; store what is new; save the state.  Returns this poll's report."""
        from ..runner import run

        self.report = WatchReport(polls=self.report.polls + 1)
        keys: dict[str, tuple[str, str]] = {}  # article source -> (feed, entry key)
        validators: dict[str, tuple[str | None, str | None]] = {}
        items = self._items(feeds, keys, validators)

        def on_item(status: str, item: Article | InputError) -> None:
            source = item.source if isinstance(item, InputError) else _source(item)
            where = keys.get(source)
            if status == "failed":
                reason = item.reason if isinstance(item, InputError) else status
                self.skip(source, reason)
                if where:
                    self.state.mark(*where, f"failed: {reason}")
            elif where:
                self.state.mark(*where, "stored")

        first = next(items, None)
        if first is not None:  # a poll with nothing new starts no run in the store
            rep = run(chain([first], items), self.store, run_options=self.options.as_run_options(),
                      on_item=on_item, quiet=True)
            for name in ("added", "unchanged", "replaced", "failed"):
                setattr(self.report, name, getattr(rep, name))
        # a feed's validators are kept only now that its entries are stored: a watcher killed
        # before this line asks for the whole feed again next time and loses nothing
        for url, (etag, modified) in validators.items():
            rec = self.state.feed(url)
            rec["etag"], rec["last_modified"] = etag, modified
        self.state.save()
        return self.report

    def _items(self, feeds: Iterable[str], keys: dict[str, tuple[str, str]],
               validators: dict[str, tuple[str | None, str | None]]) -> Iterator[Article]:
        """The new articles of every feed, read lazily (the runner stores them as they come)."""
        import feedparser

        for url in feeds:
            rec = self.state.feed(url)
            self.report.feeds += 1
            try:
                resp = self.client.get(url, rec.get("etag"), rec.get("last_modified"))
            except FetchRefused as e:
                self.skip(url, str(e))
                continue
            rec["checked"] = now()
            if resp.status == 304:
                self.report.not_modified += 1
                continue
            parsed = feedparser.parse(resp.body, sanitize_html=False, resolve_relative_uris=False)
            entries = parsed.get("entries") or []
            if not entries:
                self.skip(url, "not a feed, or a feed with no entries" if not parsed.get("version") else "no entries")
                continue
            outlet = (parsed.get("feed") or {}).get("title")
            retry = False
            for n, entry in enumerate(entries, 1):
                art, again = self._entry(url, resp.url, n, entry, outlet, keys)
                retry = retry or again
                if art is not None:
                    yield art
            # an entry to try again: no validators, so the next poll gets the whole feed, not a 304
            validators[url] = (None, None) if retry else (resp.headers.get("etag"), resp.headers.get("last-modified"))

    def _entry(self, feed: str, base: str, n: int, entry: Any, outlet: str | None,
               keys: dict[str, tuple[str, str]]) -> tuple[Article | None, bool]:
        """One entry -> (its Article if new and readable, whether to try it again later)."""
        from ..readers import article_from_text
        from ..readers.feed import fragment_text

        link = urljoin(base, entry["link"]) if entry.get("link") else None
        key = entry.get("id") or link or f"{feed}#{content_hash(str(entry.get('title')) + str(entry.get('summary')))}"
        self.report.entries += 1
        if self.state.seen(feed, key):
            self.report.seen_before += 1
            return None, False
        date = entry_date(entry)
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        try:
            if contents:
                art = article_from_text(
                    fragment_text(max(contents, key=len)), key, published=date,
                    published_source="feed" if date else None, default_published=self.options.published,
                    source=f"{feed} entry {n}", max_chars=self.options.max_chars, title=entry.get("title"),
                    url=link, author=entry.get("author"), outlet=outlet)
            elif link:
                art = self._page(link, key, date)
                art.title = art.title or entry.get("title")
                art.outlet = art.outlet or outlet
            else:
                raise InputError(f"{feed} entry {n}", "only a summary and no link to the article")
        except FetchRefused as e:
            return self._failed(feed, key, link or key, str(e), e.transient)
        except InputError as e:  # the text itself: no article, not English, too long
            return self._failed(feed, key, e.source, e.reason, False)
        keys[_source(art)] = (feed, key)
        return art, False

    def _page(self, link: str, key: str, date: str | None) -> Article:
        """The article page of a summary-only entry, through the readers' fetch and HTML reader."""
        from ..readers.fetch import fetch
        from ..readers.html import article_from_html

        check_address(link)
        self.client.check_robots(link)
        self.client.wait(link)
        try:
            data, final, _ctype = fetch(link, max_bytes=self.options.byte_limit)
        except InputError as e:
            raise FetchRefused(e.reason) from None  # a download problem may pass: tried again
        return article_from_html(data, key, source=link, url=final,
                                 default_published=date or self.options.published,
                                 max_chars=self.options.max_chars, max_bytes=self.options.byte_limit)

    def _failed(self, feed: str, key: str, what: str, why: str, transient: bool) -> tuple[None, bool]:
        """Say the skip; a transient one is tried again at the next polls, up to MAX_TRIES."""
        rec = self.state.feed(feed)
        tries = rec.setdefault("tries", {})
        tries[key] = tries.get(key, 0) + 1
        if transient and tries[key] < MAX_TRIES:
            self.skip(what, f"{why} (will try again)")
            return None, True
        tries.pop(key, None)
        self.skip(what, why)
        self.state.mark(feed, key, f"skipped: {why}")
        return None, False


def _source(art: Article) -> str:
    # how the runner names an article in its failures (runner.extract.source_of)
    return art.source or art.url or art.id


def watch(feeds: list[str], store: "Store", state: WatchState, options: "ReadOptions", *,
          every: float | None = None, delay: float = 1.0, on_skip: OnSkip | None = None,
          on_poll: Callable[[WatchReport], None] | None = None) -> WatchReport:
    """Poll ``feeds`` once (``every`` None) or every ``every`` seconds until interrupted.

    ``delay``: the least pause between two requests to one host.  ``on_poll`` is told each
    poll's report.  Returns the last poll's report."""
    poller = Poller(store, state, options, Client(delay=delay), on_skip or (lambda what, why: None))
    while True:
        started = time.monotonic()
        poller.poll(feeds)
        if on_poll:
            on_poll(poller.report)
        if every is None:
            return poller.report
        time.sleep(max(0.0, every - (time.monotonic() - started)))
