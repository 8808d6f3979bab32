"""Checks made before a command touches anything: the environment's settings, and that
a read command's SQLite database exists.  Only click and the standard library are
imported here (``saywho --help`` loads this module)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..settings import Settings, SettingsError, load

#: Arguments that ask for help: answered even when a setting is bad, so that the help
#: saying how to set it can still be read.
HELP_FLAGS = frozenset({"-h", "--help"})


class SaywhoGroup(click.Group):
    """The ``saywho`` group: checks the ``SAYWHO_*`` settings before running a command
    (one line per bad value, exit 2), but not before printing help."""

    def invoke(self, ctx: click.Context) -> Any:
        """Check the settings (unless help or no command was asked for), then run the command."""
        # the command's name and its arguments, not parsed yet (click keeps the name apart)
        args = [*getattr(ctx, "_protected_args", []), *ctx.args]
        if args and not HELP_FLAGS.intersection(args):
            check_settings()
        return super().invoke(ctx)


def check_settings() -> Settings:
    """The settings, or one line per bad value on stderr and exit code 2."""
    try:
        return load()
    except SettingsError as e:
        for problem in e.problems:
            click.echo(f"saywho: error: {problem}", err=True)
        sys.exit(2)


def resolve_db(db: str | None) -> str:
    """``--db`` as given, else $SAYWHO_DB, else ./saywho.db."""
    return db if db is not None else check_settings().db


def sqlite_path(db: str) -> Path | None:
    """The file of a SQLite database given as a path or a ``sqlite:///`` URL; None for
    other databases and for SQLite in memory."""
    raw = db.strip()
    if "://" not in raw:
        return Path(raw).expanduser()
    scheme, _, rest = raw.partition("://")
    if not scheme.lower().startswith("sqlite"):
        return None
    path = rest[1:] if rest.startswith("/") else rest  # sqlite:///rel, sqlite:////abs
    path = path.split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(path).expanduser()


def existing_db(db: str | None) -> str:
    """The database a read command opens: a SQLite file that does not exist is a
    one-line error and exit code 2 (opening it would create an empty database and
    answer "0 quotes" for a mistyped path); only ``ingest`` creates one."""
    import shlex

    url = resolve_db(db)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        click.echo(f"saywho: error: {shlex.quote(str(path))}: database does not exist (only ingest "
                   "creates one; check --db or SAYWHO_DB)", err=True)
        sys.exit(2)
    return url
