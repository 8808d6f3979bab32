"""saywho CLI: ``serve``, the web pages and JSON API over a store."""
from __future__ import annotations

import os

import click

from .output import err


@click.command()
@click.option("--db", "db", default=None, metavar="URL",
              help="Store to serve: a SQLite path or URL, or postgresql://... (default: $SAYWHO_DB or saywho.db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token-env", default=None, metavar="NAME",
              help="Enable POST /api/articles for requests bearing the token in environment variable NAME "
                   "(default: SAYWHO_TOKEN when set; otherwise the server is read-only).")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True, help="uvicorn's log level (logs go to stderr).")
@click.option("--max-body", type=click.IntRange(1), default=None, metavar="BYTES",
              help="Largest request body accepted; larger ones get 413 before they are read "
                   "(default: $SAYWHO_MAX_BODY_BYTES or 4 MiB).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Server processes answering requests (default: the number of cores). Each keeps its "
                   "own cache of answers, dropped when the store changes.")
def serve(db: str | None, host: str, port: int, token_env: str | None, log_level: str,
          max_body: int | None, workers: int | None) -> None:
    """Serve the stored articles as web pages and a JSON API.

    Pages: search (/), an article with every quote highlighted (/articles/HASH),
    a person (/person?name=...), a timeline of one or two people (/timeline).
    API: /api/articles, /api/quotes, /api/people, /api/events, /api/timeline,
    /api/search, /api/statements, /api/corroboration, /api/report, described by
    /openapi.json; lists page with ?limit=&offset= and download whole as CSV or JSONL
    with ?format=csv|jsonl.  Requests without the token are refused before their body
    is read; bodies over --max-body get 413.

    \b
    Examples:
      saywho serve --db saywho.db
      saywho serve --db saywho.db --workers 4
      saywho serve --db postgresql://localhost/news --host 0.0.0.0 --port 8080
      SAYWHO_TOKEN=$(openssl rand -hex 16) saywho serve   # also POST /api/articles
      curl -H "Authorization: Bearer $SAYWHO_TOKEN" -H 'content-type: application/json' \\
           -d '{"text": "\\"We will win,\\" the senator said."}' http://127.0.0.1:8000/api/articles
    """
    import uvicorn

    from ..web import create_app
    from ..web.cache import warm

    from .checks import check_settings, existing_db

    settings = check_settings()
    url = existing_db(db)  # a mistyped path must not serve a new, empty database
    # --token-env names a variable of the user's choosing, read as named; the default one is a setting
    token = (os.environ.get(token_env) or None) if token_env else settings.token
    if token_env and token is None:
        raise click.UsageError(f"--token-env {token_env}: the environment variable {token_env} is not set or empty")
    body = max_body or settings.max_body_bytes
    n = workers or os.cpu_count() or 1
    mode = "POST /api/articles enabled (bearer token)" if token else "read-only"
    if n == 1:
        app = create_app(url, token, max_body=body)
        warm(app.state.store)
        err(f"saywho: serving http://{host}:{port}/ ({mode}); Ctrl-C stops")
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    _serve_workers(url, token, body, n, host, port, log_level, mode)


def _serve_workers(url: str, token: str | None, body: int | None, n: int, host: str, port: int,
                   log_level: str, mode: str) -> None:
    """Serve with ``n`` processes (uvicorn workers started from an import string)."""
    import uvicorn

    from ..web import create_app
    from ..web.app import ENV_DB, ENV_MAX_BODY, ENV_TOKEN
    from ..web.cache import warm

    # Several processes: uvicorn starts each from the import string, configured by the
    # environment they inherit.  The app is built once here first, so a bad store or
    # setting fails now, in one message, and the store is linked once, not per worker.
    check = create_app(url, token, max_body=body)
    warm(check.state.store)
    check.state.store.close()
    os.environ[ENV_DB] = url
    for name, value in ((ENV_TOKEN, token), (ENV_MAX_BODY, body)):
        if value:
            os.environ[name] = str(value)
        else:  # not inherited from an outer serve either
            os.environ.pop(name, None)
    err(f"saywho: serving http://{host}:{port}/ ({mode}, {n} worker processes); Ctrl-C stops")
    uvicorn.run("saywho.web.app:app_from_env", factory=True, workers=n, host=host, port=port,
                log_level=log_level)
