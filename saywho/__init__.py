"""saywho: who said what, to whom, where and when, and who met or called whom.

    >>> import saywho
    >>> art = saywho.extract('"We will win," the senator said.', published="2025-01-27")
    >>> [(q.text, q.speaker.name) for q in art.quotes]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InputError, SaywhoError
from .model import Article, Event, Person, Quote, Skipped, Speaker
from .pipeline import extract, extract_articles, extract_many

__version__ = "0.1.0"

__all__ = [
    "Article", "Event", "InputError", "Person", "Quote", "SaywhoError", "Skipped", "Speaker",
    "Store", "extract", "extract_articles", "extract_many", "__version__",
]

if TYPE_CHECKING:  # pragma: no cover
    from .store import Store


def __getattr__(name: str) -> Any:
    # The store pulls in SQLAlchemy: load it only when asked for.
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)
