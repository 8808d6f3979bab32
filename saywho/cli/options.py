"""The options several commands share, each a decorator defined once.

Only click is imported here: ``saywho --help`` loads this module and must stay light.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:  # pragma: no cover
    from ..readers import ReadOptions

F = TypeVar("F", bound=Callable[..., Any])

#: ``--input-format`` choices (saywho.readers.INPUT_FORMATS, spelled out so that --help
#: does not import the readers)
INPUT_FORMATS = ("auto", "text", "jsonl", "html", "warc", "feed")


def published_option(f: F) -> F:
    """``--published YYYY-MM-DD``: the date for inputs that carry none."""
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        help="Publication date for inputs that carry none; relative dates ('on Sunday') resolve against it.",
    )(f)


def output_option(f: F) -> F:
    """``-o FILE``: write the data there instead of standard output."""
    return click.option(
        "-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), default=None,
        help="Write to FILE instead of standard output.",
    )(f)


def max_chars_option(f: F) -> F:
    """``--max-chars N``: the longest text accepted (it raises the byte cap too)."""
    return click.option(
        "--max-chars", type=click.IntRange(min=1), default=None, metavar="N",
        help="Refuse texts longer than N characters (default 100,000).",
    )(f)


def input_format_option(f: F) -> F:
    """``--input-format KIND``: the kind of every input, else detected."""
    return click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto",
                        help="Kind of every input (default: from extension, else content).")(f)


def quiet_option(f: F) -> F:
    """``-q``: no progress or summary on stderr."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")(f)


def inputs_argument(f: F) -> F:
    """``PATH...``: files, directories, URLs or ``-``."""
    return click.argument("paths", nargs=-1, required=True, metavar="PATH...")(f)


def db_option(f: F) -> F:
    """``--db URL``: the store."""
    return click.option("--db", "db", default=None, metavar="URL",
                        help="Database: a SQLite file or sqlite:///path, or postgresql://user@host/db "
                             "(default: $SAYWHO_DB, else saywho.db here).")(f)


def format_option(f: F) -> F:
    """``--format`` and ``-o`` of the commands that list stored records."""
    f = click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
                     help="Write to FILE instead of standard output (needed for parquet).")(f)
    return click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "parquet"]), default=None,
                        help="Output format (default: table on a terminal, jsonl otherwise).")(f)


def date_options(f: F) -> F:
    """``--since`` and ``--until``."""
    f = click.option("--until", metavar="DATE", help="Up to this date, inclusive (YYYY-MM-DD, YYYY-MM or YYYY).")(f)
    return click.option("--since", metavar="DATE", help="From this date on (YYYY-MM-DD, YYYY-MM or YYYY).")(f)


def scale_options(f: F) -> F:
    """``--workers N`` and ``--scheduler ADDRESS``: where ``saywho ingest`` extracts."""
    f = click.option(
        "--scheduler", metavar="ADDRESS", default=None,
        help="Run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786); its workers need this saywho "
             "installed. Articles are read and stored here, extracted there.")(f)
    return click.option(
        "--workers", type=click.IntRange(1), default=1, show_default=True, metavar="N",
        help="Extract in N worker processes on this machine (a Dask LocalCluster, one thread and "
             "about 250 MB each). Inputs of fewer than about 100 articles stay in one process.")(f)


def validate_date(value: str | None) -> str | None:
    """``--published`` checked and normalised (None stays None): ISO dates and date-times
    are taken, other unambiguous forms become YYYY-MM-DD with a warning on stderr, an
    ambiguous or unparseable value is a usage error."""
    if value is None:
        return None
    from ..dates import normalise_published

    try:
        day, note = normalise_published(value)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--published") from None
    if note:
        click.echo(f"saywho: warning: --published: {note}", err=True)
    return day


def read_options(published: str | None, max_chars: int | None, input_format: str | None) -> "ReadOptions":
    """The readers' options from the command's: the same for every command that reads."""
    from ..readers import ReadOptions

    return ReadOptions(published=validate_date(published), max_chars=max_chars, input_format=input_format)
