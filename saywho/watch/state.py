"""What ``saywho watch`` remembers between polls, in a small JSON file beside the store:
each feed's validators (ETag, Last-Modified) and the entries already dealt with.

The file is replaced atomically (write a temporary file, then ``os.replace``), and a
feed's record is saved only after its new articles are stored: a watcher killed at any
point loses nothing (the next poll asks again) and duplicates nothing (the store keeps
one article per content hash).
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Entries remembered per feed; a feed lists its latest few dozen, so older keys are dropped.
MAX_SEEN = 5000
VERSION = 1


def now() -> str:
    """The time now, UTC, ISO 8601 to the second."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class WatchState:
    """Per feed URL: ``etag``, ``last_modified``, ``checked`` and ``seen`` (entry key ->
    outcome: ``stored`` or ``skipped: reason``)."""

    path: Path
    feeds: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> "WatchState":
        """The state at ``path``; a missing file is an empty state."""
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(p)
        except (OSError, ValueError) as e:
            from ..errors import SaywhoError

            raise SaywhoError(f"{p}: unreadable watch state ({e}); move it away to start afresh") from None
        return cls(p, dict(data.get("feeds", {})))

    def feed(self, url: str) -> dict[str, Any]:
        """One feed's record (created empty)."""
        return self.feeds.setdefault(url, {"etag": None, "last_modified": None, "checked": None, "seen": {}})

    def seen(self, url: str, key: str) -> bool:
        """Whether the feed's entry ``key`` was dealt with already."""
        return key in self.feed(url)["seen"]

    def mark(self, url: str, key: str, outcome: str) -> None:
        """Remember an entry's outcome (the oldest are forgotten past :data:`MAX_SEEN`)."""
        seen = self.feed(url)["seen"]
        seen.pop(key, None)
        seen[key] = outcome
        while len(seen) > MAX_SEEN:
            seen.pop(next(iter(seen)))

    def save(self) -> None:
        """Write the file atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"version": VERSION, "feeds": self.feeds}, f, ensure_ascii=False, indent=1)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def default_state_path(db: str | None) -> Path | None:
    """Beside a SQLite store: ``<db file>.watch.json``; None for another database."""
    from ..store import resolve_url

    url = resolve_url(db)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database + ".watch.json")
