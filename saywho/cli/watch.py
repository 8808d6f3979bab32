"""``saywho watch``: poll news feeds, store what is new (once for cron, or in a loop)."""
from __future__ import annotations

import re
import sys

import click

from .model_option import model_option
from .options import db_option, max_chars_option, published_option, quiet_option, read_options
from .output import err

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """``15m``, ``90s``, ``1h``, ``1d`` or plain seconds -> seconds."""
    m = _DURATION.match(value)
    if not m or float(m.group(1)) <= 0:
        raise click.BadParameter(f"{value!r} is not a duration such as 90s, 15m, 1h", param_hint="--every")
    return float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]


@click.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_OR_URL...")
@db_option
@click.option("--every", default="15m", show_default=True, metavar="DURATION",
              help="Poll this often (90s, 15m, 1h) until interrupted.")
@click.option("--once", is_flag=True, help="Poll once and exit (for cron).")
@click.option("--state", "state_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Where feed validators and seen entries are kept (default: beside a SQLite "
                   "store, DB.watch.json; required for PostgreSQL).")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
              help="Least pause between two requests to one host (robots.txt Crawl-delay wins if longer).")
@published_option
@model_option
@max_chars_option
@quiet_option
def watch(feeds: tuple[str, ...], db: str | None, every: str, once: bool, state_path: str | None,
          delay: float, published: str | None, max_chars: int | None, quiet: bool) -> None:
    """Poll RSS/Atom feeds and store their new articles.

    Each feed is asked with a conditional request (ETag, Last-Modified), so an
    unchanged feed costs a 304.  Entries with full content are read from the feed;
    summary-only entries are read from their link.  robots.txt is obeyed, requests to
    one host are spaced by --delay, and private or loopback addresses are refused
    (SAYWHO_FETCH_PRIVATE=1 allows them).  Every skipped entry is said on stderr with
    its reason.  Restarting loses and duplicates nothing: entries are remembered once
    stored, and the store keeps one article per text.

    \b
    Examples:
      saywho watch https://example.org/rss.xml --db news.db --every 15m
      */15 * * * *  saywho watch https://example.org/rss.xml --db news.db --once -q   # crontab
    """
    from ..errors import SaywhoError
    from ..watch import WatchState, default_state_path, watch as run_watch
    from .store import open_store

    seconds = None if once else parse_duration(every)
    path = state_path or default_state_path(db)
    if path is None:
        raise click.UsageError("--state FILE is needed when --db is not a SQLite file")
    state = WatchState.load(path)
    options = read_options(published, max_chars, None)
    st = open_store(db, create=True)  # watch writes, like ingest: it may start a store

    def on_skip(what: str, why: str) -> None:
        err(f"saywho: watch: skipped {what}: {why}")

    def on_poll(report) -> None:  # type: ignore[no-untyped-def]
        if not quiet:
            err(f"saywho: watch: poll {report.polls}: {report.summary()} -> {st.where}")

    try:
        run_watch(list(feeds), st, state, options, every=seconds, delay=delay, on_skip=on_skip, on_poll=on_poll)
    except KeyboardInterrupt:  # the loop's normal end: what was stored is stored
        err("saywho: watch: stopped")
    except SaywhoError as e:
        raise click.ClickException(str(e)) from None
    finally:
        st.close()
    sys.exit(0)
