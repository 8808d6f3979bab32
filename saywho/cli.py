"""The command line: a thin click layer over the library.

Data goes to stdout (or ``-o FILE``); progress, warnings and errors go to stderr.
Shared options are decorators defined once here and reused by every command.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO, TypeVar

import click

from . import __version__
from .errors import InputError, SaywhoError
from .model import Article

F = TypeVar("F", bound=Callable[..., Any])

# ---------------------------------------------------------------- shared options


def published_option(f: F) -> F:
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        help="Publication date for inputs that carry none; relative dates ('on Sunday') resolve against it.",
    )(f)


def output_option(f: F) -> F:
    return click.option(
        "-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), default=None,
        help="Write to FILE instead of standard output.",
    )(f)


def max_chars_option(f: F) -> F:
    return click.option(
        "--max-chars", type=click.IntRange(min=1), default=None, metavar="N",
        help="Refuse texts longer than N characters (default 5,000,000).",
    )(f)


def quiet_option(f: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")(f)


def inputs_argument(f: F) -> F:
    return click.argument("paths", nargs=-1, required=True, metavar="PATH...")(f)


# ---------------------------------------------------------------- helpers


def err(msg: str) -> None:
    click.echo(msg, err=True)


class Progress:
    """Counts on stderr, updated in place on a terminal, quiet otherwise."""

    def __init__(self, label: str, quiet: bool = False) -> None:
        self.label = label
        self.done = 0
        self.failed = 0
        self.tty = sys.stderr.isatty() and not quiet

    def step(self, ok: bool = True) -> None:
        self.done += ok
        self.failed += not ok
        if self.tty:
            sys.stderr.write(f"\r{self.label}: {self.done} done, {self.failed} failed")
            sys.stderr.flush()

    def close(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def validate_date(value: str | None) -> str | None:
    if value is None:
        return None
    import datetime as _dt

    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD", param_hint="--published") from None


def open_output(path: str | None) -> TextIO:
    if path is None or path == "-":
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="")


QUOTE_CSV_FIELDS = [
    "article_id", "start", "end", "type", "speaker", "speaker_kind", "mention", "cue", "venue", "date",
    "confidence", "text",
]


def quote_rows(article: Article) -> Iterator[dict[str, Any]]:
    for q in article.quotes:
        yield {
            "article_id": article.id, "start": q.start, "end": q.end, "type": q.type,
            "speaker": q.speaker.name if q.speaker else "", "speaker_kind": q.speaker.kind if q.speaker else "",
            "mention": q.speaker.mention if q.speaker else "", "cue": q.cue or "", "venue": q.venue or "",
            "date": q.date or "", "confidence": q.confidence, "text": q.text,
        }


def render_table(article: Article, width: int = 110) -> str:
    """A readable terminal table of one article: quotes (speaker, type, cue, quote), then events."""
    import textwrap

    lines = [f"== {article.id}" + (f"  ({article.published})" if article.published else "")
             + (f"  {article.title}" if article.title else "")]
    if not article.quotes:
        lines.append("   (no quotes)")
    sw = min(30, max([len(q.speaker.name) if q.speaker else 1 for q in article.quotes] + [7]))
    cw = 14
    qw = max(30, width - sw - 8 - cw - 9)
    pad = f"   {'':<{sw}}  {'':<8}  {'':<{cw}}  "
    if article.quotes:
        lines.append(f"   {'speaker':<{sw}}  {'type':<8}  {'cue':<{cw}}  quote")
    for q in article.quotes:
        name = (q.speaker.name if q.speaker else "?")[:sw]
        cue = (q.cue or "")[:cw]
        body = " ".join(q.text.split())
        extra = ", ".join(x for x in (q.venue, q.date) if x)
        if extra:
            body += f"  [{extra}]"
        wrapped = textwrap.wrap(body, qw) or [""]
        lines.append(f"   {name:<{sw}}  {q.type:<8}  {cue:<{cw}}  {wrapped[0]}")
        lines += [pad + w for w in wrapped[1:4]]
        if len(wrapped) > 4:
            lines.append(pad + "…")
    for e in article.events:
        when = e.date or "undated"
        dur = f", {e.duration_minutes} min" if e.duration_minutes else ""
        about = f"; about {', '.join(e.topics)}" if e.topics else ""
        lines.append(f"   event: {e.type} {' / '.join(e.participants)} ({when}{dur}){about}")
    return "\n".join(lines) + "\n"


def write_articles(articles: Iterable[Article], fmt: str, out: TextIO, include_text: bool = False) -> None:
    writer = None
    for art in articles:
        if fmt == "jsonl":
            out.write(json.dumps(art.to_dict(include_text=include_text), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=QUOTE_CSV_FIELDS)
                writer.writeheader()
            writer.writerows(quote_rows(art))
        else:
            out.write(render_table(art) + "\n")
        out.flush()


def write_parquet(articles: Iterable[Article], path: str) -> None:
    """One row per quote (the CSV columns), written with pyarrow."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [row for art in articles for row in quote_rows(art)]
    table = pa.Table.from_pylist(rows, schema=pa.schema([
        (f, pa.float64() if f == "confidence" else pa.int64() if f in ("start", "end") else pa.string())
        for f in QUOTE_CSV_FIELDS
    ]))
    pq.write_table(table, path)


def run_extraction(
    paths: Iterable[str], published: str | None, max_chars: int | None, progress: Progress,
    input_format: str | None = None,
) -> Iterator[Article]:
    """Read inputs and extract, reporting bad inputs on stderr and going on."""
    from .readers import MAX_BYTES, read_inputs
    from .pipeline import extract_articles

    # --max-chars must lift the byte cap on files too, or a text over 5 MB stays refused
    # whatever it says (N characters take at most 4N bytes in UTF-8)
    max_bytes = max(MAX_BYTES, 4 * max_chars) if max_chars else None

    def good() -> Iterator[Article]:
        for item in read_inputs(paths, published=published, max_chars=max_chars, max_bytes=max_bytes,
                                input_format=input_format):
            if isinstance(item, InputError):
                progress.step(ok=False)
                err(f"saywho: error: {item}")
                continue
            for w in item.warnings:
                err(f"saywho: warning: {w}")
            yield item

    def failed(article: Article, exc: Exception) -> None:
        progress.step(ok=False)
        err(f"saywho: error: {article.source or article.id}: extraction failed ({type(exc).__name__}: {exc})")

    for art in extract_articles(good(), on_error=failed):
        progress.step()
        yield art


# ---------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="saywho")
def main() -> None:
    """saywho: who said what, to whom, where and when, in news articles.

    Quotations (direct, mixed, indirect) are attributed to canonical speakers, with
    cue, venue and date; calls and meetings are extracted as events.
    """


@main.command()
@inputs_argument
@published_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "table"]), default=None,
              help="Output format (default: table on a terminal, jsonl otherwise). csv and parquet have "
                   "one row per quote; parquet needs -o FILE.")
@click.option("--text/--no-text", "include_text", default=False, help="Include the article text in JSONL output.")
@click.option("--input-format", type=click.Choice(["auto", "text", "jsonl", "html", "warc", "feed"]),
              default="auto", help="Kind of every input (default: from extension, else content).")
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
    published = validate_date(published)
    if fmt == "parquet":
        if not output or output == "-":
            raise click.UsageError("--format parquet needs -o FILE (Parquet is not written to a terminal)")
        progress = Progress("extract", quiet)
        try:
            write_parquet(run_extraction(paths, published, max_chars, progress, input_format), output)
        finally:
            progress.close()
        _summary(progress, quiet)
        return
    out = open_output(output)
    if fmt is None:
        fmt = "table" if out.isatty() else "jsonl"
    progress = Progress("extract", quiet)
    try:
        write_articles(run_extraction(paths, published, max_chars, progress, input_format), fmt, out, include_text)
    finally:
        progress.close()
        if out is not sys.stdout:
            out.close()
    _summary(progress, quiet)


def _summary(progress: Progress, quiet: bool) -> None:
    """The closing line on stderr, and exit code 1 when any input failed."""
    if not quiet or progress.failed:
        err(f"saywho: {progress.done} article(s) extracted, {progress.failed} failed")
    if progress.failed:
        sys.exit(1)


def run() -> None:  # pragma: no cover
    try:
        main()
    except SaywhoError as e:
        err(f"saywho: error: {e}")
        sys.exit(1)


# Commands of the other concerns register themselves on `main`.
from .commands import batch, corpus, events, store, web  # noqa: E402,F401


if __name__ == "__main__":  # pragma: no cover
    run()
