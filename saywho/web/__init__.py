"""The web face of saywho: a JSON API (documented by its OpenAPI schema at
``/openapi.json``) and server-rendered pages over a :class:`saywho.store.Store`.

    from saywho.web import create_app
    app = create_app("sqlite:///saywho.db")        # read-only
    app = create_app(url, token="s3cret")          # also POST /api/articles with that bearer token
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
