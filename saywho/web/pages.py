"""Server-rendered pages (Jinja2, autoescaped; no front-end build, no script)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from ..version import __version__
from .export import record_dict
from .paging import link, outlets, page_of, sliced_page
from .highlight import article_colours, segments, speaker_colour


def _safe_url(url: Any) -> str | None:
    """Only http(s) links: a ``javascript:`` URL from an article would run when clicked,
    escaping or not."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


# Autoescape on for every template (article text, titles, names are hostile input).
_env = Environment(loader=PackageLoader("saywho.web", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["safe_url"] = _safe_url
_env.filters["colour"] = speaker_colour
_env.globals["version"] = __version__
_env.globals["page_link"] = link
templates = Jinja2Templates(env=_env)

Str = Annotated[str | None, Query(max_length=300)]


def render(request: Request, name: str, status: int = 200, headers: Any = None, **ctx: Any) -> Response:
    """A page from template ``name`` with ``ctx``."""
    ctx.setdefault("has_stories", _has_stories(request))
    return templates.TemplateResponse(request, name, ctx, status_code=status, headers=headers)


def _has_stories(request: Request) -> bool:
    return callable(getattr(request.app.state.reads, "stories", None))


def error_page(request: Request, status: int, message: str, headers: Any = None) -> Response:
    """The error page for ``status`` with ``message``."""
    return render(request, "error.html", status=status, headers=headers, status_code=status, message=message)


def _date_key(q: dict[str, Any]) -> str:
    return q.get("date") or q.get("published") or ""


Offset = Annotated[int, Query(ge=0, le=10_000_000)]
QUOTE_TYPES = ("direct", "mixed", "indirect")
SPEAKER_KINDS = ("person", "organisation", "group", "unnamed")
PER = 25  # records per list page


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """A menu's value: "" is any; anything else must be one of ``allowed``."""
    value = (value or "").strip()
    if value and value not in allowed:
        raise HTTPException(422, f"{name}: one of {', '.join(allowed)}")
    return value or None


def _date(name: str, value: str | None) -> str | None:
    """A date filter from a date input: "" is none; else YYYY-MM-DD."""
    value = (value or "").strip()
    if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise HTTPException(422, f"{name}: a date is YYYY-MM-DD")
    return value or None


def _search_lists(st: Any, q: str, f: dict[str, Any], kind: str | None, offs: dict[str, int]) -> dict[str, Any]:
    """The lists of the search page: quotes (by the speaker, containing the words, or
    just filtered), people and articles, each a page of its own."""
    keep = (lambda r: r.get("speaker_kind") == kind) if kind else None
    art_f = {k: f[k] for k in ("outlet", "since", "until")}
    ctx: dict[str, Any] = {}
    if q:
        ctx["by_speaker"] = page_of(lambda n, o: st.quotes(speaker=q, limit=n, offset=o, **f), offs["offset"], PER, keep)
        ctx["containing"] = page_of(lambda n, o: st.quotes(search=q, limit=n, offset=o, **f), offs["coffset"], PER, keep)
        ctx["people"] = sliced_page(st.people(name=q), offs["poffset"], PER)
        ctx["articles"] = page_of(lambda n, o: st.articles(search=q, limit=n, offset=o, **art_f), offs["aoffset"], PER)
    elif any(f.values()) or kind:
        ctx["listed"] = page_of(lambda n, o: st.quotes(limit=n, offset=o, **f), offs["offset"], PER, keep)
        ctx["articles"] = page_of(lambda n, o: st.articles(limit=n, offset=o, **art_f), offs["aoffset"], PER)
    else:
        ctx["people"] = sliced_page(st.people(top=offs["poffset"] + PER + 1), offs["poffset"], PER)
        ctx["articles"] = page_of(lambda n, o: st.articles(limit=n, offset=o), offs["aoffset"], PER)
        ctx["counts"] = st.counts()
    return ctx


def make_router(has_stories: bool) -> APIRouter:
    """The pages: search, article, person, timeline (and stories when the store has them)."""
    r = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @r.get("/")
    def search_page(request: Request, q: Str = None, outlet: Str = None, since: Str = None, until: Str = None,
                    type: Str = None, kind: Str = None, offset: Offset = 0, coffset: Offset = 0,
                    aoffset: Offset = 0, poffset: Offset = 0) -> Response:
        st = request.app.state.reads
        q = (q or "").strip()
        f = {"outlet": (outlet or "").strip() or None, "since": _date("since", since), "until": _date("until", until),
             "type": _choice("type", type, QUOTE_TYPES)}
        k = _choice("kind", kind, SPEAKER_KINDS)
        offs = {"offset": offset, "coffset": coffset, "aoffset": aoffset, "poffset": poffset}
        ctx = _search_lists(st, q, f, k, offs)
        params = {"q": q, **f, "kind": k, **offs}
        return render(request, "search.html", q=q, filters={**f, "kind": k}, params=params, outlets=outlets(st),
                      quote_types=QUOTE_TYPES, speaker_kinds=SPEAKER_KINDS, **ctx)

    @r.get("/articles/{key}")
    def article_page(request: Request, key: Annotated[str, Path(max_length=200)]) -> Response:
        st = request.app.state.reads
        art = st.get_article(key)
        if art is None:
            raise HTTPException(404, "no such article")
        tree = segments(art.text, art.quotes, art.skipped)
        speakers = Counter(q.speaker.name if q.speaker else "" for q in art.quotes)
        colours = article_colours(list(speakers))
        return render(request, "article.html", art=art, tree=tree, colours=colours,
                      speakers=sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0])))

    @r.get("/person")
    def person_page(request: Request, name: Annotated[str, Query(min_length=1, max_length=300)],
                    offset: Offset = 0, eoffset: Offset = 0) -> Response:
        st = request.app.state.reads
        found = [record_dict(p) for p in st.people(name=name)]
        person = next((p for p in found if p["name"] == name), found[0] if found else None)
        if person is None:
            raise HTTPException(404, "no such person")
        own = {person["name"], *(person.get("names") or [])}

        def fetch(n: int, o: int) -> Any:
            return st.quotes(speaker=person["name"], limit=n, offset=o)

        quotes = page_of(fetch, offset, PER, lambda x: x.get("speaker") in own)
        if not quotes.items and offset == 0:  # none under the person's own names: show what matched
            quotes = page_of(fetch, offset, PER)
        by_date: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for x in sorted(quotes.items, key=lambda x: (_date_key(x), x.get("article_hash") or "", x["start"])):
            by_date[_date_key(x) or "undated"].append(x)
        names = Counter(x["mention"] for x in quotes.items if x.get("mention"))
        events = page_of(lambda n, o: st.events(person=person["name"], limit=n, offset=o), eoffset, PER)
        others = [p for p in found if p["name"] != person["name"]][:10]
        return render(request, "person.html", person=person, by_date=list(by_date.items()), names=names.most_common(),
                      quotes=quotes, events=events, others=others, quote_total=person.get("quote_count") or 0,
                      params={"name": person["name"], "offset": offset, "eoffset": eoffset})

    @r.get("/timeline")
    def timeline_page(request: Request, person: Annotated[list[str], Query(max_length=2)] = [],
                      offset: Offset = 0) -> Response:
        st = request.app.state.reads
        names = [p.strip() for p in person if p.strip()][:2]
        if any(len(n) > 300 for n in names):
            raise HTTPException(422, "a name is at most 300 characters")
        items = sliced_page(st.timeline(*names) if names else [], offset, 2 * PER)
        return render(request, "timeline.html", names=names, items=items,
                      params={"person": names, "offset": offset})

    @r.get("/statements")
    def statements_page(request: Request, speaker: Str = None,
                        min_sources: Annotated[int, Query(ge=1, le=50)] = 1, offset: Offset = 0) -> Response:
        found = request.app.state.reads.statements(speaker=(speaker or "").strip() or None, min_sources=min_sources)
        items = sliced_page([record_dict(s) for s in found], offset, PER)
        return render(request, "statements.html", statements=items, speaker=speaker, min_sources=min_sources,
                      params={"speaker": speaker, "min_sources": min_sources, "offset": offset})

    @r.get("/corroboration")
    def corroboration_page(request: Request, min_sources: Annotated[int, Query(ge=2, le=50)] = 2,
                           offset: Offset = 0) -> Response:
        found = request.app.state.reads.corroboration(min_sources=min_sources)
        items = sliced_page([record_dict(c) for c in found], offset, PER)
        return render(request, "corroboration.html", records=items, min_sources=min_sources,
                      params={"min_sources": min_sources, "offset": offset})

    @r.get("/report")
    def report_page(request: Request, by: Literal["outlet", "month", "all"] = "outlet") -> Response:
        rows = [record_dict(x) for x in request.app.state.reads.source_report(by=by)]
        return render(request, "report.html", rows=rows, by=by)

    @r.get("/report.svg")
    def report_chart_svg(request: Request, by: Literal["outlet", "month", "all"] = "outlet") -> Response:
        import tempfile
        from pathlib import Path as _Path

        from ..corpus.report import report_chart

        rows = request.app.state.reads.source_report(by=by)
        with tempfile.TemporaryDirectory() as d:  # matplotlib writes files; the SVG is sent as it is
            svg = report_chart(rows, _Path(d) / "report.svg").read_bytes()
        return Response(svg, media_type="image/svg+xml")

    if has_stories:
        @r.get("/stories")
        def stories_page(request: Request, offset: Offset = 0) -> Response:
            stories = sliced_page(request.app.state.reads.stories(), offset, 50)
            return render(request, "stories.html", stories=stories, params={"offset": offset})

        @r.get("/stories/{story_id}")
        def story_page(request: Request, story_id: Annotated[str, Path(max_length=200)]) -> Response:
            stories = [record_dict(s) for s in request.app.state.reads.stories()]
            story = next((s for s in stories if str(s.get("id")) == story_id), None)
            if story is None:
                raise HTTPException(404, "no such story")
            columns: dict[str, list[Any]] = defaultdict(list)
            for a in story.get("articles") or []:
                columns[(a.get("outlet") if isinstance(a, dict) else None) or "unknown outlet"].append(a)
            return render(request, "story.html", story=story, columns=sorted(columns.items()))

    return r
