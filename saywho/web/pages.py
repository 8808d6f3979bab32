"""Server-rendered pages (Jinja2, autoescaped; no front-end build, no script)."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from .export import record_dict
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
templates = Jinja2Templates(env=_env)

Str = Annotated[str | None, Query(max_length=300)]


def render(request: Request, name: str, status: int = 200, headers: Any = None, **ctx: Any) -> Response:
    ctx.setdefault("has_stories", _has_stories(request))
    return templates.TemplateResponse(request, name, ctx, status_code=status, headers=headers)


def _has_stories(request: Request) -> bool:
    return callable(getattr(request.app.state.store, "stories", None))


def error_page(request: Request, status: int, message: str, headers: Any = None) -> Response:
    return render(request, "error.html", status=status, headers=headers, status_code=status, message=message)


def _date_key(q: dict[str, Any]) -> str:
    return q.get("date") or q.get("published") or ""


def make_router(has_stories: bool) -> APIRouter:
    r = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @r.get("/")
    def search_page(request: Request, q: Str = None, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
        st = request.app.state.store
        q = (q or "").strip()
        per = 25
        if q:
            by_speaker = [record_dict(x) for x in st.quotes(speaker=q, limit=per + 1, offset=offset)]
            containing = [record_dict(x) for x in st.quotes(search=q, limit=per + 1, offset=offset)]
            more = len(by_speaker) > per or len(containing) > per
            ctx = dict(by_speaker=by_speaker[:per], containing=containing[:per],
                       people=[record_dict(x) for x in st.people(name=q)[:25]],
                       articles=[record_dict(x) for x in st.articles(search=q, limit=25)] if offset == 0 else [],
                       next_offset=offset + per if more else None)
        else:
            ctx = dict(by_speaker=[], containing=[], people=[record_dict(x) for x in st.people(top=20)],
                       articles=[record_dict(x) for x in st.articles(limit=25)], next_offset=None,
                       counts=st.counts())
        return render(request, "search.html", q=q, offset=offset, **ctx)

    @r.get("/articles/{key}")
    def article_page(request: Request, key: Annotated[str, Path(max_length=200)]) -> Response:
        st = request.app.state.store
        art = st.get_article(key)
        if art is None:
            raise HTTPException(404, "no such article")
        tree = segments(art.text, art.quotes, art.skipped)
        speakers = Counter(q.speaker.name if q.speaker else "" for q in art.quotes)
        colours = article_colours(list(speakers))
        return render(request, "article.html", art=art, tree=tree, colours=colours,
                      speakers=sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0])))

    @r.get("/person")
    def person_page(request: Request, name: Annotated[str, Query(min_length=1, max_length=300)]) -> Response:
        st = request.app.state.store
        found = [record_dict(p) for p in st.people(name=name)]
        person = next((p for p in found if p["name"] == name), found[0] if found else None)
        if person is None:
            raise HTTPException(404, "no such person")
        quotes = [record_dict(x) for x in st.quotes(speaker=person["name"], limit=1000)]
        own = {person["name"], *(person.get("names") or [])}
        quotes = [x for x in quotes if x.get("speaker") in own] or quotes
        by_date: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for x in sorted(quotes, key=lambda x: (_date_key(x), x.get("article_hash") or "", x["start"])):
            by_date[_date_key(x) or "undated"].append(x)
        names = Counter(x["mention"] for x in quotes if x.get("mention"))
        events = [record_dict(e) for e in st.events(person=person["name"], limit=200)]
        others = [p for p in found if p["name"] != person["name"]][:10]
        return render(request, "person.html", person=person, by_date=list(by_date.items()), names=names.most_common(),
                      events=events, others=others, quote_total=len(quotes))

    @r.get("/timeline")
    def timeline_page(request: Request, person: Annotated[list[str], Query(max_length=2)] = []) -> Response:
        st = request.app.state.store
        names = [p.strip() for p in person if p.strip()][:2]
        if any(len(n) > 300 for n in names):
            raise HTTPException(422, "a name is at most 300 characters")
        items = [record_dict(i) for i in st.timeline(*names)] if names else []
        return render(request, "timeline.html", names=names, items=items)

    if has_stories:
        @r.get("/stories")
        def stories_page(request: Request) -> Response:
            stories = [record_dict(s) for s in request.app.state.store.stories()]
            return render(request, "stories.html", stories=stories)

        @r.get("/stories/{story_id}")
        def story_page(request: Request, story_id: Annotated[str, Path(max_length=200)]) -> Response:
            stories = [record_dict(s) for s in request.app.state.store.stories()]
            story = next((s for s in stories if str(s.get("id")) == story_id), None)
            if story is None:
                raise HTTPException(404, "no such story")
            columns: dict[str, list[Any]] = defaultdict(list)
            for a in story.get("articles") or []:
                columns[(a.get("outlet") if isinstance(a, dict) else None) or "unknown outlet"].append(a)
            return render(request, "story.html", story=story, columns=sorted(columns.items()))

    return r
