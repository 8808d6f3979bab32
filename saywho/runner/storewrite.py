"""Writing to a store that may go away: a lost database connection is retried with
backoff for a bounded time, then the run stops with what it stored; any other error
is the article's own (the runner records it and goes on).  Also the one-line form of
a failure's source and reason."""
from __future__ import annotations

import shlex
import time
from collections.abc import Callable
from typing import TypeVar

from ..errors import SaywhoError

T = TypeVar("T")

#: First wait after a lost connection (seconds), doubled each time up to BACKOFF_MAX.
BACKOFF_FIRST = 0.5
BACKOFF_MAX = 15.0
#: Characters of an exception's message kept in a failure's reason: enough for the
#: reason, never the article (a database error may quote the statement's parameters).
REASON_CHARS = 200


class StoreUnavailable(SaywhoError):
    """The store stayed unreachable for the whole retry time: the run stopped there.
    ``stored`` is how many articles this run had stored (a re-run resumes after them)."""

    def __init__(self, where: str, reason: str, seconds: float, stored: int) -> None:
        self.where, self.reason, self.seconds, self.stored = where, reason, seconds, stored
        super().__init__(f"{where}: the database is unreachable ({reason}); gave up after {seconds:.0f} s "
                         f"with {stored} article(s) stored by this run")


def is_disconnect(e: BaseException) -> bool:
    """A lost or refused database connection, anywhere in ``e``'s cause chain: SQLAlchemy's
    OperationalError (the server went away, refused, timed out; SQLite: locked) or a
    DBAPIError that invalidated its connection.  Other errors (a bad value, a constraint)
    would fail the same way again: they are not retried."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    seen: set[int] = set()
    cur: BaseException | None = e
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, OperationalError) or (isinstance(cur, DBAPIError) and cur.connection_invalidated):
            return True
        cur = cur.__cause__ or cur.__context__
    return False


def one_line(text: object, limit: int = REASON_CHARS) -> str:
    """``text`` as one short line: the first line only, cut at ``limit`` characters."""
    lines = str(text).strip().splitlines() or [""]
    first = lines[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def quote_source(source: str) -> str:
    """A file name, URL or ``file:line`` as the shell would quote it (``shlex.quote``):
    a name with a space stays one word.  A name with a control character (a newline)
    is written as bash's ``$'...'`` (what ``printf %q`` gives), so it stays on one line."""
    if not any(ord(c) < 32 or ord(c) == 127 for c in source):
        return shlex.quote(source)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\", "'": "\\'"}
    body = "".join(named.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 32 or ord(c) == 127 else c) for c in source)
    return f"$'{body}'"


def retrying(fn: Callable[[], T], *, seconds: float, where: str, stored: Callable[[], int],
             sleep: Callable[[float], None] | None = None, clock: Callable[[], float] | None = None) -> T:
    """``fn()``, called again after a lost connection (waits of BACKOFF_FIRST doubling to
    BACKOFF_MAX) until ``seconds`` have passed; then :class:`StoreUnavailable` with
    ``stored()`` articles.  Other exceptions pass through at once."""
    sleep = sleep or time.sleep  # looked up now, not at import: tests replace the clock
    clock = clock or time.monotonic
    deadline = clock() + seconds
    wait = BACKOFF_FIRST
    while True:
        try:
            return fn()
        except Exception as e:
            if not is_disconnect(e):
                raise
            left = deadline - clock()
            if left <= 0:
                raise StoreUnavailable(where, one_line(e, 120), seconds, stored()) from e
            sleep(min(wait, left))
            wait = min(wait * 2, BACKOFF_MAX)
