"""saywho CLI commands over a store: quotes, people, show, events, timeline, export
(``ingest`` is in :mod:`saywho.cli.ingest`).

Data goes to stdout (or ``-o FILE``); progress and the ingest summary go to stderr.
Every command takes ``--db URL`` (default: $SAYWHO_DB, else ./saywho.db).
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from ..errors import SaywhoError
from .options import date_options, db_option, format_option
from .tables import Col, table

F = Callable[..., Any]


def open_store(db: str | None, create: bool = False) -> Any:
    """The store at ``db`` (else $SAYWHO_DB, else ./saywho.db); a bad URL is a one-line
    usage error.  Without ``create`` (every command but ``ingest`` and ``watch``), a SQLite file that
    does not exist is refused (exit 2) instead of being created empty."""
    from ..store import Store
    from .checks import existing_db, resolve_db

    url = resolve_db(db) if create else existing_db(db)
    try:
        return Store(url)
    except SaywhoError as e:
        raise click.ClickException(str(e)) from None


def _flat(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "; ".join(json.dumps(x, ensure_ascii=False) if isinstance(x, (list, dict)) else str(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def emit(records: Sequence[Any], fmt: str | None, output: str | None,
         table: Callable[[Sequence[Any]], str | list[Any]]) -> None:
    """Write records as a table (a string, or rich tables and lines), JSONL, CSV or Parquet."""
    from ..store import to_dataframe

    to_tty = output is None and sys.stdout.isatty()
    fmt = fmt or ("table" if to_tty else "jsonl")
    if fmt == "parquet":
        if not output or output == "-":
            raise click.UsageError("--format parquet needs -o FILE (Parquet is binary)")
        df = to_dataframe(records)
        df.to_parquet(output, index=False, engine="pyarrow")
        return
    out = sys.stdout if output in (None, "-") else open(output, "w", encoding="utf-8", newline="")
    try:
        if fmt == "jsonl":
            for r in records:
                out.write(json.dumps(r.to_dict(), ensure_ascii=False, default=str) + "\n")
        elif fmt == "csv":
            rows = [r.to_dict() for r in records]
            if rows:
                w = csv.DictWriter(out, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows({k: _flat(v) for k, v in row.items()} for row in rows)
        else:
            shown = table(records)
            if isinstance(shown, str):
                out.write(shown)
            else:
                from .tables import write

                write(out, *shown)
    finally:
        if out is not sys.stdout:
            out.close()


def _cut(s: str | None, n: int) -> str:
    """``s`` on one line, at most ``n`` characters, an ellipsis marking a cut."""
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def quotes_table(rs: Sequence[Any]) -> list[Any]:
    """Stored quotes as a terminal table, with their count."""
    rows = [[(r.published or "")[:10], r.outlet, r.speaker or "?", r.type, " ".join(r.text.split())] for r in rs]
    return [table([Col("published"), Col("outlet", max_width=16), Col("speaker", max_width=28), Col("type"),
                   Col("quote", wrap=True)], rows),
            f"({len(rs)} quote{'s' if len(rs) != 1 else ''})"]


def people_table(rs: Sequence[Any]) -> list[Any]:
    """People as a terminal table: counts, name, kind, outlets, roles and other names."""
    rows = []
    for r in rs:
        others = [n for n in (getattr(r, "names", None) or []) if n != r.name]
        extra = "; " + ", ".join(others) if others else ""
        rows.append([r.quote_count, r.article_count, r.name, r.kind, ", ".join(r.outlets),
                     ", ".join(r.roles) + extra])
    return [table([Col("quotes", justify="right"), Col("articles", justify="right"), Col("name", max_width=32),
                   Col("kind"), Col("outlets", max_width=28), Col("roles; other names", wrap=True)], rows)]


def events_table(rs: Sequence[Any]) -> list[Any]:
    """Events as a terminal table: date, type (planned ones marked), participants, place, outlet, topics."""
    rows = [[r.date or "?", r.type + (" (planned)" if r.status == "planned" else ""), " & ".join(r.participants),
             r.place or "", r.outlet, ", ".join(r.topics)] for r in rs]
    return [table([Col("date"), Col("type"), Col("participants", max_width=48), Col("place", max_width=20),
                   Col("outlet", max_width=16), Col("topics", wrap=True)], rows)]


def timeline_table(rs: Sequence[Any]) -> str:
    lines = []
    for it in rs:
        when = it.date or "undated"
        if it.kind == "event":
            what = f"{'PLANNED ' if it.status == 'planned' else ''}{it.type}: {' & '.join(it.participants)}"
            if it.place:
                what += f" in {it.place}"
            if it.duration_minutes:
                what += f" ({it.duration_minutes} min)"
            if it.topics:
                what += f"; topics: {', '.join(it.topics)}"
        else:
            what = f"{it.speaker} on {it.about}: {_cut(it.text, 80)}"
        lines.append(f"{when:<10}  {what}")
        for s in it.sources:
            lines.append(f"{'':<10}    - {s.outlet or '?'} {(s.published or '')[:10]} {s.url or s.article_id}")
    if not lines:
        lines.append("(nothing found)")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- commands


def _query(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except SaywhoError as e:
        raise click.ClickException(str(e)) from None


@click.command()
@click.option("--speaker", metavar="NAME", help="A person, by any of their names (whole, any case) or their surname.")
@click.option("--search", metavar="WORDS", help='Words the quote must contain (all of them); "a phrase" in quotes.')
@click.option("--outlet", metavar="X", help="Only this outlet.")
@date_options
@click.option("--type", "type_", type=click.Choice(["direct", "mixed", "indirect"]), help="Only this type.")
@click.option("--article", metavar="ID", help="Only this article (content hash or id).")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most N quotes.")
@db_option
@format_option
def quotes(speaker: str | None, search: str | None, outlet: str | None, since: str | None, until: str | None,
           type_: str | None, article: str | None, limit: int | None, db: str | None, fmt: str | None,
           output: str | None) -> None:
    """Stored quotes, newest article first, filtered.

    Dates are the articles' publication dates.

    \b
    Examples:
      saywho quotes --speaker badenoch --search trump --since 2025-01-01
      saywho quotes --search '"red lines"' --format csv -o red-lines.csv
      saywho quotes --outlet bbc --type direct --format parquet -o bbc.parquet
    """
    st = open_store(db)
    try:
        rs = _query(lambda: st.quotes(speaker=speaker, search=search, outlet=outlet, since=since, until=until,
                                      type=type_, article=article, limit=limit))
    finally:
        st.close()
    emit(rs, fmt, output, quotes_table)


@click.command()
@click.option("--top", type=click.IntRange(1), default=None, metavar="N", help="The N most quoted.")
@click.option("--name", metavar="NAME", help="Only the people NAME names (any of their names, whole, any case, or their surname).")
@db_option
@format_option
def people(top: int | None, name: str | None, db: str | None, fmt: str | None, output: str | None) -> None:
    """People in the stored articles, most quoted first, with roles and outlets.

    \b
    Examples:
      saywho people --top 20
      saywho people --name starmer --format jsonl
    """
    st = open_store(db)
    try:
        rs = _query(lambda: st.people(top=top, name=name))
    finally:
        st.close()
    emit(rs, fmt, output, people_table)


@click.command()
@click.option("--person", metavar="NAME", help="Only events NAME takes part in (any of their names, any case, or their surname).")
@date_options
@click.option("--limit", type=click.IntRange(1), default=None, help="At most N events.")
@db_option
@format_option
def events(person: str | None, since: str | None, until: str | None, limit: int | None, db: str | None,
           fmt: str | None, output: str | None) -> None:
    """Stored calls, meetings, visits and messages, in date order.

    A partial date (2024-09) covers its month; an undated event counts at its
    article's publication date.

    \b
    Examples:
      saywho events --person starmer --since 2025-01
      saywho events --format csv -o events.csv
    """
    st = open_store(db)
    try:
        rs = _query(lambda: st.events(person=person, since=since, until=until, limit=limit))
    finally:
        st.close()
    emit(rs, fmt, output, events_table)


@click.command()
@click.argument("persons", nargs=-1, required=True, metavar="PERSON [PERSON]")
@db_option
@format_option
def timeline(persons: tuple[str, ...], db: str | None, fmt: str | None, output: str | None) -> None:
    """Engagements of a person, or between two people, in date order, with their sources.

    With two people: only events both take part in, and the quotes in which one
    speaks about the other.  The same engagement reported by several articles is one
    line with several sources.

    \b
    Examples:
      saywho timeline "Keir Starmer"
      saywho timeline Starmer Trump --format jsonl
    """
    if len(persons) > 2:
        raise click.UsageError("give one or two people")
    st = open_store(db)
    try:
        rs = _query(lambda: st.timeline(*persons))
    finally:
        st.close()
    emit(rs, fmt, output, timeline_table)


_COLOURS = ["cyan", "magenta", "yellow", "green", "blue", "red", "bright_cyan", "bright_magenta", "bright_yellow",
            "bright_green", "bright_blue", "bright_red"]


def render_article(art: Any, color: bool) -> str:
    """The article text with every quote marked: coloured per speaker on a terminal, and a
    label [speaker · type · cue] after each; plain text with the same labels otherwise."""
    import zlib

    head = [f"{art.title or art.id}", " · ".join(x for x in (art.outlet, art.published, art.url, f"id {art.id}",
                                                             f"hash {art.hash}") if x), ""]
    # Outermost quotes only: a nested quote is inside its parent's highlight.
    spans = sorted(((q.start, q.end, q) for q in art.quotes), key=lambda t: (t[0], -t[1]))
    out: list[str] = []
    pos = 0
    for s, e, q in spans:
        if s < pos:
            continue
        out.append(art.text[pos:s])
        who = q.speaker.name if q.speaker else "?"
        colour = _COLOURS[zlib.crc32(who.encode()) % len(_COLOURS)]
        label = f"[{who} · {q.type}" + (f" · {q.cue}" if q.cue else "") + (f" · {q.venue}" if q.venue else "") + "]"
        body = art.text[s:e]
        if color:
            out.append(click.style(body, fg=colour, bold=True) + " " + click.style(label, fg=colour, dim=True))
        else:
            out.append(f"{body} {label}")
        pos = e
    out.append(art.text[pos:])
    tail = ["", f"{len(art.quotes)} quote(s), {len(art.people)} people, {len(art.events)} event(s)"]
    for ev in art.events:
        tail.append(f"  {ev.type}: {' & '.join(ev.participants)}" + (f" on {ev.date}" if ev.date else "")
                    + (f" ({ev.duration_minutes} min)" if ev.duration_minutes else ""))
    return "\n".join(head) + "".join(out) + "\n" + "\n".join(tail) + "\n"


@click.command()
@click.argument("key", metavar="ID")
@db_option
@click.option("--color/--no-color", default=None, help="Colours (default: on a terminal).")
def show(key: str, db: str | None, color: bool | None) -> None:
    """Print a stored article with its quotes highlighted and labelled.

    ID is the article's content hash or its given id.

    \b
    Examples:
      saywho show 000_f304f2aaaa0a4174
      saywho show 3f9a0c1d2e4b5a69 --db postgresql://me@dbhost/news | less -R
    """
    st = open_store(db)
    try:
        art = _query(lambda: st.get_article(key))
    finally:
        st.close()
    if art is None:
        raise click.ClickException(f"{key}: no such article in {st.where}")
    if color is None:
        color = sys.stdout.isatty()
    click.echo(render_article(art, color), color=color, nl=False)


@click.command()
@db_option
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="Write to FILE instead of standard output.")
def export(db: str | None, output: str | None) -> None:
    """Every stored article, with its text and annotations, as JSONL.

    The output reads back with ``saywho ingest`` or ``saywho.Article.from_dict``.

    \b
    Examples:
      saywho export -o archive.jsonl
      saywho export --db postgresql://me@dbhost/news | gzip > news.jsonl.gz
    """
    st = open_store(db)
    out = sys.stdout if output in (None, "-") else open(output, "w", encoding="utf-8")
    try:
        offset = 0
        while True:
            page = _query(lambda: st.articles(limit=200, offset=offset))
            for summary in page:
                art = _query(lambda: st.get_article(summary.hash))
                if art is not None:
                    out.write(json.dumps(art.to_dict(include_text=True), ensure_ascii=False) + "\n")
            if len(page) < 200:
                break
            offset += 200
    finally:
        st.close()
        if out is not sys.stdout:
            out.close()
