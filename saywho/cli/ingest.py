"""``saywho ingest``: articles in, extracted and stored (the same runner as ``extract``)."""
from __future__ import annotations

import sys

import click

from .extract import report_item
from .options import (
    db_option, input_format_option, inputs_argument, max_chars_option, published_option, quiet_option,
    read_options, scale_options,
)
from .output import err


@click.command()
@inputs_argument
@db_option
@published_option
@input_format_option
@click.option("--force", is_flag=True, help="Re-extract and replace articles even when stored by this saywho.")
@max_chars_option
@scale_options
@quiet_option
def ingest(paths: tuple[str, ...], db: str | None, published: str | None, input_format: str, force: bool,
           max_chars: int | None, workers: int, scheduler: str | None, quiet: bool) -> None:
    """Extract articles and store them (and their quotes, people, events) in a database.

    The same article (same text) is stored once; articles stored by this saywho
    version are skipped, so a re-run after an interruption finishes the job.  Each
    article is written in one transaction.  Bad inputs are reported on stderr and
    recorded in the failures table; the exit code is 1 when any input failed.

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
    from .store import open_store

    options = read_options(published, max_chars, input_format)
    st = open_store(db, create=True)
    try:
        report = run_ingest(paths, st, options, force=force, on_item=report_item, workers=workers,
                            scheduler=scheduler, quiet=quiet)
    except SaywhoError as e:
        raise click.ClickException(str(e)) from None
    finally:
        st.close()
    if not quiet or report.failed:
        err(f"saywho: {report.summary()} -> {st.where}")
    if report.failed:
        sys.exit(1)
