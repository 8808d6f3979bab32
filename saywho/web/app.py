"""The FastAPI application: JSON API + pages over one Store."""
from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..version import __version__
from ..errors import SaywhoError
from . import api, pages
from .api import store_failed
from .api_corpus import corpus_router
from .cache import Reads
from .guard import Guard, max_body_from_env

log = logging.getLogger("saywho.web")

DESCRIPTION = """Who said what, to whom, where and when, from the articles in a saywho store.

Lists are paginated (`limit`, `offset`, `next_offset`) and download whole as CSV or JSON Lines
with `format=csv|jsonl`; a download that fails part way is cut off (no terminating chunk; a JSON
Lines download ends with an `{"error": ...}` line), never served as a complete 200. Read-only
unless the server was given a token: then `POST /api/articles` extracts and stores an article for
a request with `Authorization: Bearer <token>`. Request bodies are capped (413 beyond). A store
that fails answers 503. This schema is the documentation (no interactive page is served)."""

#: What a client is told when the database fails: never its address or user.
UNAVAILABLE = "the database is unavailable; try again later"

#: How ``saywho serve --workers N`` configures its worker processes (see :func:`app_from_env`).
ENV_DB, ENV_TOKEN, ENV_MAX_BODY = "SAYWHO_SERVE_DB", "SAYWHO_SERVE_TOKEN", "SAYWHO_SERVE_MAX_BODY"


def link_every_from_env() -> float:
    """$SAYWHO_LINK_EVERY: the fewest seconds between two relinks by a served store."""
    raw = os.environ.get("SAYWHO_LINK_EVERY")
    try:
        value = float(raw) if raw else 10.0
    except ValueError:
        raise SaywhoError(f"SAYWHO_LINK_EVERY must be a number of seconds, not {raw!r}") from None
    return max(value, 0.0)


def app_from_env() -> FastAPI:
    """The application of one ``saywho serve --workers N`` process (a uvicorn factory),
    from the settings the serving command put in the environment."""
    raw = os.environ.get(ENV_MAX_BODY)
    return create_app(os.environ.get(ENV_DB), os.environ.get(ENV_TOKEN) or None,
                      max_body=int(raw) if raw else None)


def create_app(store_url: str | None = None, token: str | None = None, max_body: int | None = None) -> FastAPI:
    """The saywho web application over the store at ``store_url`` (None: $SAYWHO_DB or saywho.db).

    With a ``token``, ``POST /api/articles`` is enabled for requests bearing it; without
    one the application is read-only.  ``max_body``: the request body cap in bytes
    (None: $SAYWHO_MAX_BODY_BYTES, else 4 MiB).
    """
    from ..store import Store

    st = Store(store_url)
    # A served store may be written by an ingest alongside: relink at most every
    # $SAYWHO_LINK_EVERY seconds (default 10) instead of on each request after each commit.
    st.link_every = link_every_from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        st.close()

    # No interactive docs: their page loads an unpinned script from a CDN.  The schema
    # at /openapi.json documents the API.
    app = FastAPI(title="saywho", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.store = st
    app.state.reads = Reads(st)
    app.state.token = token or None
    has_stories = callable(getattr(st, "stories", None))

    app.include_router(api.router)
    app.include_router(corpus_router())
    if has_stories:
        app.include_router(api.stories_router())
    if token:
        app.include_router(api.write_router())
    app.include_router(pages.make_router(has_stories))
    app.mount("/static", StaticFiles(packages=[("saywho.web", "static")]), name="static")

    # A pure ASGI middleware (not BaseHTTPMiddleware): it must refuse before the body is
    # read, count a chunked body, and let a failed download abort its connection.
    # The cap is read now: a bad setting fails at start, not at the first request.
    app.add_middleware(Guard, token=token or None, max_body=max_body if max_body is not None else max_body_from_env())

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
        if store_failed(exc, st):
            return unavailable(request, exc)
        if wants_html(request):
            return pages.error_page(request, 400, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(SQLAlchemyError)
    async def database_error(request: Request, exc: SQLAlchemyError) -> Response:
        return unavailable(request, exc)

    def unavailable(request: Request, exc: Exception) -> Response:
        # The reason goes to the server's log; the client learns only that it failed (the
        # message names the database: user, host, port).
        log.error("store failed on %s: %s", request.url.path, exc)
        if wants_html(request):
            return pages.error_page(request, 503, UNAVAILABLE, {"Retry-After": "30"})
        return JSONResponse({"detail": UNAVAILABLE}, status_code=503, headers={"Retry-After": "30"})

    return app

