"""saywho CLI commands across articles: link, people-load, merge, split, rules, statements,
stories, corroborate, report.

Identities, statements and stories are recomputed from the store whenever a query needs
them and the store changed (``saywho link`` forces it and says what it found).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from .options import date_options, db_option, format_option, quiet_option
from .output import err
from ..errors import SaywhoError
from .store import _cut, _query, emit, open_store


def _run(db: str | None, fn: Any) -> Any:
    st = open_store(db)
    try:
        return _query(lambda: fn(st))
    finally:
        st.close()


@click.command()
@db_option
@quiet_option
def link(db: str | None, quiet: bool) -> None:
    """Recompute identities, statements, engagements and stories now.

    Queries do this by themselves when the store has changed; run it after a large
    ingest to pay the cost once, or to see the counts.

    \b
    Examples:
      saywho link
      saywho link --db postgresql://me@dbhost/news
    """
    rep = _run(db, lambda st: st.link(force=True))
    if not quiet:
        err(f"saywho: {rep.identities} identities ({rep.linked} names in articles), {rep.statements} statements "
            f"({rep.multi_source_statements} from several outlets), {rep.engagements} engagements, "
            f"{rep.stories} stories, {rep.duplicate_groups} groups of near-duplicate articles")


@click.command("people-load")
@click.argument("path", type=click.Path(dir_okay=False))
@db_option
def people_load(path: str, db: str | None) -> None:
    """Load a people file (CSV or JSONL) that seeds identities.

    Columns: name, aliases (separated by ';'), roles (a JSON list of {role, country,
    start, end}), qid (e.g. a Wikidata id).  Loading a name again replaces it.  With
    roles, "the Prime Minister" resolves to whoever held the office on the article's
    date.

    \b
    Example (people.csv):
      name,aliases,roles,qid
      Keir Starmer,Sir Keir;Starmer,"[{""role"": ""Prime Minister"", ""country"": ""UK"", ""start"": ""2024-07-05""}]",Q6279
    \b
      saywho people-load people.csv
    """
    n = _run(db, lambda st: st.load_people(path))
    err(f"saywho: {n} people loaded")


@click.command()
@click.argument("a", metavar="NAME_A")
@click.argument("b", metavar="NAME_B")
@db_option
def merge(a: str, b: str, db: str | None) -> None:
    """Remember that two names are one person (kept across every recompute).

    \b
    Examples:
      saywho merge "Bill Smith" "William Smith"
      saywho merge "the PM" "Keir Starmer"
    """
    r = _run(db, lambda st: st.merge_people(a, b))
    err(f"saywho: rule {r.id}: {r.a} = {r.b}")


@click.command()
@click.argument("a", metavar="NAME_A")
@click.argument("b", metavar="NAME_B")
@db_option
def split(a: str, b: str, db: str | None) -> None:
    """Remember that two names are two people, never to be merged.

    \b
    Examples:
      saywho split "John Smith" "J. Smith"
      saywho split "Smith" "John Smith"      # the bare "Smith" is someone else
    """
    r = _run(db, lambda st: st.split_person(a, b))
    err(f"saywho: rule {r.id}: {r.a} != {r.b}")


@click.command()
@click.option("--remove", type=int, metavar="ID", help="Forget rule ID.")
@db_option
@format_option
def rules(remove: int | None, db: str | None, fmt: str | None, output: str | None) -> None:
    """The hand-made merge and split rules (or forget one with --remove).

    \b
    Examples:
      saywho rules
      saywho rules --remove 3
    """
    if remove is not None:
        if not _run(db, lambda st: st.remove_rule(remove)):
            raise click.ClickException(f"rule {remove}: no such rule")
        err(f"saywho: rule {remove} removed")
        return
    rs = _run(db, lambda st: st.rules())
    emit(rs, fmt, output, lambda rs: "".join(f"{r.id:>4}  {r.action:<6} {r.a!r} {'=' if r.action == 'merge' else '!='} "
                                             f"{r.b!r}  ({r.at})\n" for r in rs) or "(no rules)\n")


def statements_table(rs: Sequence[Any]) -> str:
    lines = [f"{'outlets':>7}  {'quotes':>6}  {'first':<10}  {'speaker':<24}  statement"]
    for s in rs:
        lines.append(f"{len(s.sources):>7}  {s.quote_count:>6}  {(s.first_published or '')[:10]:<10}  "
                     f"{_cut(s.speaker or '?', 24):<24}  {_cut(s.text, 80)}")
        if len(s.sources) > 1:
            lines.append(f"{'':>39}  in: {', '.join(x.outlet or x.article_id for x in s.sources)}")
    lines.append(f"({len(rs)} statement{'s' if len(rs) != 1 else ''})")
    return "\n".join(lines) + "\n"


@click.command()
@click.option("--speaker", metavar="NAME", help="Only this person (any of their names, whole, any case, or their surname).")
@click.option("--search", metavar="WORDS", help='Words the quotation must contain; "a phrase" in quotes.')
@click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True,
              help="Only statements reported by at least N outlets.")
@date_options
@click.option("--limit", type=click.IntRange(1), default=None, help="At most N statements.")
@db_option
@format_option
def statements(speaker: str | None, search: str | None, min_sources: int, since: str | None, until: str | None,
               limit: int | None, db: str | None, fmt: str | None, output: str | None) -> None:
    """Quotes as statements: the same words by the same person, once, with every source.

    Most widely reported first.  Wordings that differ only in punctuation or by being
    an excerpt of the longer quotation are one statement.

    \b
    Examples:
      saywho statements --min-sources 2
      saywho statements --speaker starmer --format jsonl
    """
    rs = _run(db, lambda st: st.statements(speaker=speaker, search=search, min_sources=min_sources, since=since,
                                           until=until, limit=limit))
    emit(rs, fmt, output, statements_table)


def stories_table(rs: Sequence[Any]) -> str:
    lines = []
    for s in rs:
        lines.append(f"{s.id}  {(s.first_published or '')[:10]}  {_cut(s.title, 90)}")
        for r in s.reasons:
            lines.append(f"    why: {r}")
        for a in s.articles:
            dup = "  (copy of " + a["duplicate_of"] + ")" if a.get("duplicate_of") not in (None, a["hash"]) else ""
            lines.append(f"    - {(a['published'] or '')[:10]:<10}  {_cut(a['outlet'] or '?', 16):<16}  "
                         f"{_cut(a['title'] or a['id'], 60)}{dup}")
    lines.append(f"({len(rs)} stor{'ies' if len(rs) != 1 else 'y'})")
    return "\n".join(lines) + "\n"


@click.command()
@db_option
@format_option
def stories(db: str | None, fmt: str | None, output: str | None) -> None:
    """Stories: articles about the same happening, oldest first, each with why.

    Articles join a story when they are near-duplicate copies (wire copy), report the
    same call or meeting, or quote the same statement, within a week of each other.

    \b
    Examples:
      saywho stories
      saywho stories --format jsonl -o stories.jsonl
    """
    rs = _run(db, lambda st: st.stories())
    emit(rs, fmt, output, stories_table)


def corroboration_table(rs: Sequence[Any]) -> str:
    lines = []
    for c in rs:
        lines.append(f"{c.date or 'undated':<10}  {c.kind}: {_cut(c.title, 90)}")
        lines.append(f"{'':<10}    sources: {', '.join(s.outlet or s.article_id for s in c.sources)}")
        for d in c.details:
            v = ", ".join(map(str, d.value)) if isinstance(d.value, list) else str(d.value)
            lines.append(f"{'':<10}    {d.field:<16} {_cut(v, 50):<50}  {d.status:<15} {', '.join(d.outlets)}")
    if not lines:
        lines.append("(nothing reported by several outlets)")
    return "\n".join(lines) + "\n"


@click.command()
@click.option("--person", metavar="NAME", help="Only engagements and statements of this person.")
@click.option("--min-sources", type=click.IntRange(1), default=2, show_default=True,
              help="Only what at least N outlets reported.")
@db_option
@format_option
def corroborate(person: str | None, min_sources: int, db: str | None, fmt: str | None, output: str | None) -> None:
    """What several outlets agree on: for each engagement and statement they all reported,
    each detail (date, duration, topics, wording) as agreed, single source or disputed.

    \b
    Examples:
      saywho corroborate
      saywho corroborate --person starmer --format csv -o checks.csv
    """
    rs = _run(db, lambda st: st.corroboration(person=person, min_sources=min_sources))
    emit(rs, fmt, output, corroboration_table)


@click.command()
@click.option("--by", type=click.Choice(["outlet", "month", "all"]), default="outlet", show_default=True,
              help="One group per outlet, per month of publication, or one for everything.")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True,
              help="Speakers listed per group; the others are summed by kind.")
@click.option("--outlet", metavar="X", help="Only this outlet.")
@date_options
@click.option("--chart", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Also draw the report as FILE (.png or .svg).")
@db_option
@format_option
def report(by: str, top: int, outlet: str | None, since: str | None, until: str | None, chart: str | None,
           db: str | None, fmt: str | None, output: str | None) -> None:
    """Source report: who gets quoted, by outlet or month, with counts and shares
    (people, organisations, unnamed sources), as a table, CSV/JSONL/Parquet and a chart.

    \b
    Examples:
      saywho report
      saywho report --by month --since 2025-01 --format csv -o sources.csv
      saywho report --chart sources.png
    """
    from ..corpus.report import report_chart, report_table

    rs = _run(db, lambda st: st.source_report(by=by, top=top, outlet=outlet, since=since, until=until))
    if chart:
        try:
            report_chart(rs, chart, title=f"Who gets quoted, by {by}" if by != "all" else "Who gets quoted")
        except SaywhoError as e:
            raise click.ClickException(str(e)) from None
        err(f"saywho: chart -> {chart}")
    emit(rs, fmt, output, report_table)
