"""Transitional alias of :mod:`saywho.readers` ("ingest" now names only the command).

Kept because ``saywho.pipeline`` (maintained separately) still imports
``article_from_text`` from here; remove once it imports from ``.readers``.
"""
from __future__ import annotations

from .readers import article_from_text

__all__ = ["article_from_text"]
