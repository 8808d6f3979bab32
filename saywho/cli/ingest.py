"""``saywho ingest``: articles in, extracted and stored (the same runner as ``extract``)."""
from __future__ import annotations

import sys

import click

from .extract import report_item
from .options import (
    db_option, input_format_option, inputs_argument, max_chars_option, published_option, quiet_option,
    read_options, scale_options,
)
from .model_option import model_option
from .output import err


@click.command()
@inputs_argument
@db_option
@published_option
@input_format_option
@click.option("--force", is_flag=True, help="Re-extract and replace articles even when stored by this saywho.")
@model_option
@max_chars_option
@scale_options
@click.option("--store-retry", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Retry a database that went away for this long before stopping "
                   "(default: $SAYWHO_STORE_RETRY_SECONDS, else 60).")
@quiet_option
def ingest(paths: tuple[str, ...], db: str | None, published: str | None, input_format: str, force: bool,
           max_chars: int | None, workers: int, scheduler: str | None, store_retry: float | None,
           quiet: bool) -> None:
    """Extract articles and store them (and their quotes, people, events) in a database.

    The same article (same text) is stored once; articles stored by this saywho
    version are skipped, so a re-run after an interruption finishes the job.  Articles
    are written 32 to a transaction: a kill loses at most the open chunk, which the
    re-run redoes.  Bad inputs are reported on stderr and recorded in the failures
    table; the exit code is 1 when any input failed.  When the database goes away,
    writes are retried for --store-retry seconds, then the run stops with the command
    that resumes it.

    \b
    Examples:
      saywho ingest articles.jsonl                     # into ./saywho.db
      saywho ingest news/ --db archive.db --published 2025-01-27
      saywho ingest crawl.warc.gz --db postgresql://me@dbhost/news
      saywho ingest cc-news-2024-11/ --workers 4        # 4 processes on this machine
      saywho ingest cc-news-2024/ --scheduler tcp://10.0.0.5:8786
    """
    from ..errors import SaywhoError
    from ..runner import ingest as run_ingest
    from ..runner.storewrite import StoreUnavailable
    from .store import open_store

    options = read_options(published, max_chars, input_format)
    st = open_store(db, create=True)
    try:
        report = run_ingest(paths, st, options, force=force, on_item=report_item, workers=workers,
                            scheduler=scheduler, quiet=quiet, retry_seconds=store_retry)
    except StoreUnavailable as e:
        again = resume_command(paths, db, published, input_format, max_chars, workers, scheduler, store_retry)
        err(f"saywho: error: {e}; resume with: {again}")
        sys.exit(1)
    except SaywhoError as e:
        raise click.ClickException(str(e)) from None
    finally:
        st.close()
    if not quiet or report.failed:
        err(f"saywho: {report.summary()} -> {st.where}")
    if report.failed:
        sys.exit(1)


def resume_command(paths: tuple[str, ...], db: str | None, published: str | None, input_format: str,
                   max_chars: int | None, workers: int, scheduler: str | None,
                   store_retry: float | None) -> str:
    """The ``saywho ingest`` command line that resumes a stopped run: the same inputs and
    options (stored articles are skipped), without --force (it would redo them), quoted
    for the shell.  A password in --db is masked, not printed."""
    from ..runner.storewrite import quote_source

    args = ["saywho", "ingest", *paths]
    if db is not None:
        args += ["--db", _mask_password(db)]
    for flag, value in (("--published", published), ("--max-chars", max_chars), ("--scheduler", scheduler),
                        ("--store-retry", store_retry)):
        if value is not None:
            args += [flag, str(value)]
    if input_format != "auto":
        args += ["--input-format", input_format]
    if workers != 1:
        args += ["--workers", str(workers)]
    return " ".join(quote_source(a) for a in args)  # shlex.join, but a newline stays on the line


def _mask_password(db: str) -> str:
    """``db`` with the password of a URL replaced by ``***``."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(db)
        if parts.password:
            return db.replace(f":{parts.password}@", ":***@", 1)
    except ValueError:
        pass
    return db
