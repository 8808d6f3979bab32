"""The FastAPI application: JSON API + pages over one Store."""
from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import SaywhoError
from . import api, pages

# Pages use no inline script or style at all, so the policy can forbid them: even if
# hostile article text slipped past escaping, the browser would not run it.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
# FastAPI's interactive docs load their own script; they get no policy.
_NO_CSP = ("/docs", "/redoc", "/docs/oauth2-redirect")

DESCRIPTION = """Who said what, to whom, where and when, from the articles in a saywho store.

Lists are paginated (`limit`, `offset`, `next_offset`) and download whole as CSV or JSON Lines
with `format=csv|jsonl`. Read-only unless the server was given a token: then `POST /api/articles`
extracts and stores an article for a request with `Authorization: Bearer <token>`."""


#: Query parameters that take several values (``/api/timeline?person=A&person=B``).
_LIST_PARAMS = frozenset({"person"})


def create_app(store_url: str | None = None, token: str | None = None) -> FastAPI:
    """The saywho web application over the store at ``store_url`` (None: $SAYWHO_DB or saywho.db).

    With a ``token``, ``POST /api/articles`` is enabled for requests bearing it; without
    one the application is read-only.
    """
    from ..store import Store

    st = Store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        st.close()

    app = FastAPI(title="saywho", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.store = st
    app.state.token = token or None
    has_stories = callable(getattr(st, "stories", None))

    app.include_router(api.router)
    if has_stories:
        app.include_router(api.stories_router())
    if token:
        app.include_router(api.write_router())
    app.include_router(pages.make_router(has_stories))
    app.mount("/static", StaticFiles(packages=[("saywho.web", "static")]), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # A NUL byte is never meaningful in a name or a search, and PostgreSQL refuses
        # it in a string: refuse it here as bad input rather than fail in the store.
        raw = request.url.query.lower() + request.url.path.lower()
        keys = [k for k, _ in request.query_params.multi_items()]
        repeated = sorted({k for k in keys if keys.count(k) > 1 and k not in _LIST_PARAMS})
        msg = ""
        if "%00" in raw or "\x00" in raw:
            msg = "NUL characters are not allowed in a request"
        elif repeated:
            # a filter given twice is ambiguous: refuse it rather than pick one
            msg = f"query parameter given more than once: {', '.join(repeated)}"
        if msg:
            resp: Response = (JSONResponse({"detail": msg}, status_code=400) if request.url.path.startswith("/api")
                              else PlainTextResponse(msg, status_code=400))
        else:
            resp = await call_next(request)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        if request.url.path not in _NO_CSP:
            resp.headers["Content-Security-Policy"] = CSP
        return resp

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_html(request):
            return pages.error_page(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if wants_html(request):
            msg = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors())
            return pages.error_page(request, 422, msg or "bad request")
        from fastapi.encoders import jsonable_encoder

        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)

    @app.exception_handler(SaywhoError)
    async def saywho_error(request: Request, exc: SaywhoError) -> Response:
        if wants_html(request):
            return pages.error_page(request, 400, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return app


