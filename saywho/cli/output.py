"""What ``saywho extract`` writes: JSONL, CSV and Parquet rows of quotes, or a table.

The CSV/Parquet columns are derived from :class:`saywho.model.Quote`'s dataclass
fields (the speaker flattened into columns, the article's id first), so that a field
added to the model is a column without anyone remembering to add it here.
"""
from __future__ import annotations

import csv
import dataclasses
import json
import sys
import typing
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TextIO

import click

from ..model import Article, Quote, Speaker


def err(msg: str) -> None:
    """A line on stderr (progress, warnings, errors: never the data)."""
    click.echo(msg, err=True)


def open_output(path: str | None) -> TextIO:
    """``-o FILE`` opened for writing, or standard output."""
    if path is None or path == "-":
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="")


#: Columns before the quote's own: which article the quote is in.
ARTICLE_COLUMNS = ("article_id",)


def _speaker_column(name: str) -> str:
    """The column of a Speaker field: ``name`` is the speaker, ``mention*`` keep their names,
    the rest are prefixed (``kind`` -> ``speaker_kind``)."""
    if name == "name":
        return "speaker"
    return name if name.startswith("mention") else f"speaker_{name}"


@lru_cache(maxsize=1)
def quote_columns() -> tuple[tuple[str, str, str | None], ...]:
    """(column, kind, speaker field or None) per column: kind is int, float, str or spans
    (a list of [start, end] offsets), from the field's type; the ``speaker`` field is
    expanded into its own fields."""
    def kind(tp: Any) -> str:
        if typing.get_origin(tp) is list:
            return "spans"
        args = [a for a in typing.get_args(tp) if a is not type(None)] or [tp]
        base = args[0]
        return "int" if base is int else "float" if base is float else "str"

    cols: list[tuple[str, str, str | None]] = [(c, "str", None) for c in ARTICLE_COLUMNS]
    quote_hints = typing.get_type_hints(Quote)
    speaker_hints = typing.get_type_hints(Speaker)
    for f in dataclasses.fields(Quote):
        if f.name == "speaker":
            cols += [(_speaker_column(s.name), kind(speaker_hints[s.name]), s.name) for s in dataclasses.fields(Speaker)]
        else:
            cols.append((f.name, kind(quote_hints[f.name]), None))
    return tuple(cols)


def quote_fieldnames() -> list[str]:
    """The CSV header and the Parquet column names, in order."""
    return [c for c, _, _ in quote_columns()]


def quote_rows(article: Article) -> Iterator[dict[str, Any]]:
    """One row per quote: text columns "" when absent, numbers None (an empty CSV cell)."""
    for q in article.quotes:
        row: dict[str, Any] = {}
        for col, kind, sfield in quote_columns():
            if col == "article_id":
                v: Any = article.id
            elif sfield is not None:
                v = getattr(q.speaker, sfield) if q.speaker else None
            else:
                v = getattr(q, col)
            if isinstance(v, list):
                v = [list(x) if isinstance(x, tuple) else x for x in v]  # Parquet: list<list<int>>; CSV: JSON text
            row[col] = "" if v is None and kind == "str" else v
        yield row


def _csv_cell(v: Any) -> Any:
    """A CSV cell: offsets lists as JSON ("[[3, 9], [20, 31]]"), everything else as is."""
    return json.dumps(v) if isinstance(v, list) else v


def write_articles(articles: Iterable[Article], fmt: str, out: TextIO, include_text: bool = False) -> None:
    """Write each article as it comes: a JSONL line, CSV rows of its quotes, or a table."""
    writer = None
    for art in articles:
        if fmt == "jsonl":
            out.write(json.dumps(art.to_dict(include_text=include_text), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=quote_fieldnames())
                writer.writeheader()
            writer.writerows({k: _csv_cell(v) for k, v in row.items()} for row in quote_rows(art))
        else:
            from .tables import write

            write(out, *article_table(art))
        out.flush()


def write_parquet(articles: Iterable[Article], path: str) -> None:
    """One row per quote (the CSV columns), written with pyarrow."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "spans": pa.list_(pa.list_(pa.int64()))}
    rows = [row for art in articles for row in quote_rows(art)]
    schema = pa.schema([(col, types[kind]) for col, kind, _ in quote_columns()])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def article_table(article: Article) -> list[Any]:
    """One article for the terminal: a title line, its quotes (speaker, type, cue, quote
    with venue and date), its events, a blank line."""
    from .tables import Col, table

    head = (f"== {article.id}" + (f"  ({article.published})" if article.published else "")
            + (f"  {article.title}" if article.title else ""))
    out: list[Any] = [head]
    if not article.quotes:
        out.append("   (no quotes)")
    else:
        rows = []
        for q in article.quotes:
            body = " ".join(q.text.split())
            extra = ", ".join(x for x in (q.venue, q.date) if x)
            rows.append([q.speaker.name if q.speaker else "?", q.type, q.cue or "",
                         body + (f"  [{extra}]" if extra else "")])
        out.append(table([Col("speaker", max_width=30), Col("type"), Col("cue", max_width=14),
                          Col("quote", wrap=True)], rows))
    for e in article.events:
        when = e.date or "undated"
        dur = f", {e.duration_minutes} min" if e.duration_minutes else ""
        about = f"; about {', '.join(e.topics)}" if e.topics else ""
        out.append(f"   event: {e.type} {' / '.join(e.participants)} ({when}{dur}){about}")
    out.append("")
    return out
