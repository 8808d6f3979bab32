"""``saywho extract``: articles in, quotations, speakers and events out (no store).

Data goes to stdout (or ``-o FILE``); progress, warnings and errors go to stderr.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from .options import (
    INPUT_FORMATS, inputs_argument, max_chars_option, output_option, published_option, quiet_option, read_options,
)
from .model_option import model_option
from .output import err

if TYPE_CHECKING:  # pragma: no cover
    from ..errors import InputError
    from ..model import Article
    from ..readers import ReadOptions
    from ..runner import RunReport


def report_item(status: str, item: "Article | InputError") -> None:
    """What a run says on stderr about one input: its error, or the warnings it carries."""
    from ..runner.storewrite import one_line, quote_source

    if status == "failed":
        # the source as the shell would quote it: a file name with a newline stays on the line
        err(f"saywho: error: {quote_source(item.source)}: {one_line(item.reason, 500)}")  # type: ignore[union-attr]
    elif status != "unchanged":
        for w in getattr(item, "warnings", []):
            err(f"saywho: warning: {one_line(w.replace(chr(10), ' ').replace(chr(13), ' '), 500)}")


def run_extraction(paths: tuple[str, ...], options: "ReadOptions", report: "RunReport",
                   quiet: bool) -> Iterator["Article"]:
    """Read and extract through the runner, bad inputs reported on stderr and skipped."""
    from ..runner import extract as run_extract

    return run_extract(paths, options, report=report, quiet=quiet, on_item=report_item)


@click.command()
@inputs_argument
@published_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "table"]), default=None,
              help="Output format (default: table on a terminal, jsonl otherwise). csv and parquet have "
                   "one row per quote; parquet needs -o FILE.")
@click.option("--text/--no-text", "include_text", default=False, help="Include the article text in JSONL output.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto",
              help="Kind of every input (default: from extension, else content).")
@model_option
@max_chars_option
@output_option
@quiet_option
def extract(paths: tuple[str, ...], published: str | None, fmt: str | None, include_text: bool,
            input_format: str, max_chars: int | None, output: str | None, quiet: bool) -> None:
    """Extract quotations, speakers and events from articles.

    PATH is a .txt file (id = file stem), a .jsonl file (one article a line: id,
    text, optional published, title, outlet, url), a directory of them, or - for
    standard input.  Bad inputs are reported on stderr and skipped; the exit code
    is 1 when any input failed.

    \b
    Examples:
      saywho extract article.txt --published 2025-01-27
      saywho extract articles.jsonl --format jsonl -o quotes.jsonl
      cat article.txt | saywho extract - --format table
      saywho extract page.html crawl.warc.gz feed.xml https://example.org/news/1
      curl -s https://example.org/news/1 | saywho extract - --input-format html
    """
    from ..runner import RunReport
    from .output import open_output, write_articles, write_parquet

    options = read_options(published, max_chars, input_format)
    report = RunReport()
    if fmt == "parquet":
        if not output or output == "-":
            raise click.UsageError("--format parquet needs -o FILE (Parquet is not written to a terminal)")
        write_parquet(run_extraction(paths, options, report, quiet), output)
        _summary(report, quiet)
        return
    out = open_output(output)
    if fmt is None:
        fmt = "table" if out.isatty() else "jsonl"
    # data on the terminal is its own progress: a bar drawn there too would mix with it
    bar_quiet = quiet or out.isatty()
    try:
        write_articles(run_extraction(paths, options, report, bar_quiet), fmt, out, include_text)
    finally:
        if out is not sys.stdout:
            out.close()
    _summary(report, quiet)


def _summary(report: "RunReport", quiet: bool) -> None:
    """The closing line on stderr, and exit code 1 when any input failed."""
    if not quiet or report.failed:
        err(f"saywho: {report.extracted} article(s) extracted, {report.failed} failed")
    if report.failed:
        sys.exit(1)
