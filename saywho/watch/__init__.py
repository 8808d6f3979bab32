"""``saywho watch``: poll news feeds and store what is new.

    >>> from saywho.watch import WatchState, watch
    >>> report = watch(["https://example.org/feed.xml"], Store("news.db"),
    ...                WatchState.load("news.db.watch.json"), ReadOptions())

- Feeds are asked with HTTP conditional requests (the ETag and Last-Modified of the
  last answer, kept in a JSON state file beside the store): an unchanged feed costs a 304.
- Entries with full content are read from the feed; summary-only entries are read from
  their link (the readers' fetch and HTML reader).  Each entry is remembered once dealt
  with, so the next poll fetches no page twice.
- Politeness: one request per host at most every ``delay`` seconds (or the site's
  robots.txt Crawl-delay), robots.txt obeyed, private and loopback addresses refused
  (unless SAYWHO_FETCH_PRIVATE=1).
- New articles go through the runner (:func:`saywho.runner.run`) into the store, which
  keeps one article per content hash: a restarted watcher duplicates nothing, and a
  feed's validators are saved only after its entries are stored, so it loses nothing.

Modules: :mod:`.http` (the client), :mod:`.state` (the state file), :mod:`.poll` (a poll).
"""
from __future__ import annotations

from .http import Client, FetchRefused, check_address
from .poll import MAX_TRIES, Poller, WatchReport, watch
from .state import WatchState, default_state_path

__all__ = ["MAX_TRIES", "Client", "FetchRefused", "Poller", "WatchReport", "WatchState", "check_address",
           "default_state_path", "watch"]
