"""Every ``SAYWHO_*`` environment variable, in one typed frozen value read in one place.

    >>> from saywho.settings import load
    >>> load().max_bytes           # SAYWHO_MAX_BYTES, else 5,000,000

:func:`load` raises :class:`SettingsError` naming every bad value (the command line
prints one line per bad variable and exits 2, except for ``--help``);
:func:`lenient` gives the defaults in place of bad values, for module constants
computed at import time (the command line has refused bad values before they matter).
Only the standard library is imported: ``saywho --help`` loads this module.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .errors import SaywhoError

DEFAULT_DB = "saywho.db"


class SettingsError(SaywhoError):
    """One or more bad ``SAYWHO_*`` values: ``problems`` holds one line for each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Settings:
    """The environment's settings, typed; each field's metadata names its variable."""

    #: SAYWHO_DB: the store's URL or SQLite path when ``--db`` is not given.
    db: str = DEFAULT_DB
    #: SAYWHO_MAX_BYTES: the largest raw input (a file, a page, a WARC record, a JSONL line).
    max_bytes: int = 5_000_000
    #: SAYWHO_MAX_CHARS: the longest article text, in characters.  100,000 keeps one article's
    #: peak within the 400 MB per worker the README plans for (bench/bench_size.py: about
    #: 350 MB at 100,000 characters, 560 MB at 1,000,000).
    max_chars: int = 100_000
    #: SAYWHO_FETCH_TIMEOUT: seconds to wait for a web server.
    fetch_timeout: int = 20
    #: SAYWHO_FETCH_PRIVATE: 1 lets URLs on loopback and private addresses be fetched.
    fetch_private: bool = False
    #: SAYWHO_MAX_BODY_BYTES: the web API's largest request body (None: the server's default).
    max_body_bytes: int | None = None
    #: SAYWHO_TOKEN: the bearer token that enables POST /api/articles (None: read-only).
    token: str | None = field(default=None, repr=False)  # a secret: kept out of logs
    #: SAYWHO_AUTO_LINK_MAX: above this many articles, queries do not re-link by themselves.
    auto_link_max: int | None = None
    #: SAYWHO_STORE_RETRY_SECONDS: how long ingest retries a store that went away.
    store_retry_seconds: float = 60.0


def _positive_int(raw: str) -> int:
    try:
        n = int(raw.replace("_", ""))
    except ValueError:
        raise ValueError("not a whole number") from None
    if n < 1:
        raise ValueError("must be at least 1")
    return n


def _count(raw: str) -> int:
    try:
        n = int(raw.replace("_", ""))
    except ValueError:
        raise ValueError("not a whole number") from None
    if n < 0:
        raise ValueError("must not be negative")
    return n


def _seconds(raw: str) -> float:
    try:
        x = float(raw)
    except ValueError:
        raise ValueError("not a number of seconds") from None
    if not x >= 0 or x == float("inf"):  # NaN fails the comparison
        raise ValueError("must be a finite number of seconds, 0 or more")
    return x


def _flag(raw: str) -> bool:
    v = raw.lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("0", "false", "no", "off"):
        return False
    raise ValueError("must be 1 or 0")


def _text(raw: str) -> str:
    return raw


#: Variable -> (field, parser).  An empty value means "not set".
VARIABLES: dict[str, tuple[str, Callable[[str], Any]]] = {
    "SAYWHO_DB": ("db", _text),
    "SAYWHO_MAX_BYTES": ("max_bytes", _positive_int),
    "SAYWHO_MAX_CHARS": ("max_chars", _positive_int),
    "SAYWHO_FETCH_TIMEOUT": ("fetch_timeout", _positive_int),
    "SAYWHO_FETCH_PRIVATE": ("fetch_private", _flag),
    "SAYWHO_MAX_BODY_BYTES": ("max_body_bytes", _positive_int),
    "SAYWHO_TOKEN": ("token", _text),
    "SAYWHO_AUTO_LINK_MAX": ("auto_link_max", _count),
    "SAYWHO_STORE_RETRY_SECONDS": ("store_retry_seconds", _seconds),
}
assert {f for f, _ in VARIABLES.values()} == {f.name for f in fields(Settings)}


def _read(env: Mapping[str, str]) -> tuple[Settings, list[str]]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for var, (name, parse) in VARIABLES.items():
        raw = env.get(var, "").strip()
        if not raw:
            continue
        try:
            values[name] = parse(raw)
        except ValueError as e:
            shown = raw if len(raw) <= 40 else raw[:39] + "…"
            problems.append(f"{var}={shown!r}: {e}")
    return Settings(**values), problems


def load(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``env`` (default: the process environment); raises
    :class:`SettingsError` with one line per bad value."""
    settings, problems = _read(os.environ if env is None else env)
    if problems:
        raise SettingsError(problems)
    return settings


def lenient(env: Mapping[str, str] | None = None) -> Settings:
    """The settings with each bad value replaced by its default (see the module docstring)."""
    return _read(os.environ if env is None else env)[0]
