"""Per-process caching of the store's read answers, for the web server.

A page or API call asks the store the same few questions many times between two
changes of the store (``people()`` with its relink check and whole-list build, the
counts, the outlets, an article).  :class:`Reads` answers them from a small LRU cache
that is dropped whenever the store changes, so a request does no whole-table work
while nothing was written.

"Changed" is a cheap change token: for a SQLite file, the size and modification time
of the database file and its WAL (any commit by any process, whether another
``serve`` worker or an ``ingest`` alongside, appends to the WAL or rewrites the file);
for PostgreSQL and in-memory SQLite, the store's own link fingerprint (a handful of
indexed counts and largest ids).  Writes made through :class:`Reads` drop the cache
at once.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

#: Store methods whose answers depend only on their arguments and the stored data.
READ_METHODS = frozenset({
    "articles", "quotes", "people", "events", "counts", "get_article", "timeline", "statements",
    "stories", "corroboration", "source_report", "duplicates", "failures", "rules", "seeds",
})
#: Store methods that change the store: the cache is dropped after each.
WRITE_METHODS = frozenset({
    "add", "add_many", "delete", "add_failure", "load_people", "merge_people", "split_person",
    "remove_rule", "link",
})
#: Answers kept per process (an answer is one page of records, or one whole list).
DEFAULT_SIZE = 512


def _stat(path: str) -> tuple[int, int, int] | None:
    try:
        s = os.stat(path)
    except OSError:
        return None
    return (s.st_ino, s.st_size, s.st_mtime_ns)


def _sqlite_file(store: Any) -> str | None:
    """The store's SQLite file path (None: PostgreSQL, or an in-memory database)."""
    url = getattr(store, "url", None)
    if getattr(url, "drivername", "").split("+")[0] != "sqlite":
        return None
    db = url.database
    return db if db and db != ":memory:" and not db.startswith("file:") else None


class ReadCache:
    """An LRU of the store's read answers, valid while the store's change token holds."""

    def __init__(self, store: Any, size: int = DEFAULT_SIZE) -> None:
        self.store = store
        self.size = size
        self._file = _sqlite_file(store)
        self._lock = threading.Lock()
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._token: Any = None

    def token(self) -> Any:
        """What changes whenever the stored data does (see the module docstring)."""
        if self._file is not None:
            return (_stat(self._file), _stat(self._file + "-wal"))
        from ..store import linking

        # Not a file: ask the database (a few indexed aggregates, no relink).
        with self.store.engine.connect() as conn:
            return (linking.fingerprint(conn), linking.linked_state(conn))

    def clear(self) -> None:
        """Forget every answer (after a write)."""
        with self._lock:
            self._data.clear()
            self._token = None

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer for ``key``, from the cache or from ``compute()`` (errors are not kept)."""
        tok = self.token()
        with self._lock:
            if tok != self._token:
                self._data.clear()
                self._token = tok
            elif key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = compute()
        with self._lock:
            # Kept only if the store did not change meanwhile (a relink inside compute()
            # changes the token: the next call computes again, from the linked store).
            if self._token == tok:
                self._data[key] = value
                while len(self._data) > self.size:
                    self._data.popitem(last=False)
        return value


def _key(name: str, args: tuple[Any, ...], kw: dict[str, Any]) -> Hashable:
    return (name, args, tuple(sorted(kw.items())))


class Reads:
    """The store as the routes see it: read methods cached, writes dropping the cache,
    everything else (``where``, ``engine``...) the store's own.

    The store's methods are looked up at each call, so a method replaced on the store
    (a test's failing store) is the one called.
    """

    def __init__(self, store: Any, cache: ReadCache | None = None) -> None:
        self._store = store
        self._cache = cache or ReadCache(store)

    @property
    def cache(self) -> ReadCache:
        """The cache behind these reads."""
        return self._cache

    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """A derived answer (e.g. the outlets menu) cached like the store's own."""
        return self._cache.get(("memo", key), compute)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if name in READ_METHODS and callable(attr):
            def read(*args: Any, **kw: Any) -> Any:
                return self._cache.get(_key(name, args, kw), lambda: getattr(self._store, name)(*args, **kw))
            return read
        if name in WRITE_METHODS and callable(attr):
            def write(*args: Any, **kw: Any) -> Any:
                try:
                    return getattr(self._store, name)(*args, **kw)
                finally:
                    self._cache.clear()
                    due = getattr(self._store, "relink_due", None)
                    if callable(due):
                        due()  # this process's own write shows linked on its next read
            return write
        return attr


def warm(store: Any) -> None:
    """Bring the store's links up to date before serving, so that no request pays a relink.

    ``people()`` links when the store changed since the last link (within the store's
    own limit on automatic linking; a read-only store answers from what it has)."""
    store.people(top=1)
