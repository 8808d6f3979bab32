"""saywho: who said what, to whom, where and when, and who met or called whom.

    >>> import saywho
    >>> art = saywho.extract('"We will win," the senator said.', published="2025-01-27")
    >>> [(q.text, q.speaker.name) for q in art.quotes]

The public names are loaded when first used (module ``__getattr__``): ``import saywho``
and ``saywho --help`` load no spaCy, pandas, matplotlib, Dask or SQLAlchemy.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .version import __version__

#: public name -> the module (relative to this package) that defines it
_LAZY: dict[str, str] = {
    "Article": ".model", "Event": ".model", "Person": ".model", "Quote": ".model", "Skipped": ".model",
    "Speaker": ".model",
    "InputError": ".errors", "SaywhoError": ".errors",
    "extract": ".pipeline", "extract_articles": ".pipeline", "extract_many": ".pipeline",
    "ReadOptions": ".readers",
    "Store": ".store",
}

__all__ = sorted([*_LAZY, "__version__"])

if TYPE_CHECKING:  # pragma: no cover
    from .errors import InputError, SaywhoError
    from .model import Article, Event, Person, Quote, Skipped, Speaker
    from .pipeline import extract, extract_articles, extract_many
    from .readers import ReadOptions
    from .store import Store


def __getattr__(name: str) -> Any:
    """Load a public name's module on first use and cache the name here."""
    where = _LAZY.get(name)
    if where is None:
        if name.startswith("_"):
            raise AttributeError(f"module 'saywho' has no attribute {name!r}")
        # a submodule (saywho.model, saywho.nlp) is an attribute too, as after an import of it
        try:
            return import_module(f".{name}", __name__)
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'saywho' has no attribute {name!r}") from None
    value = getattr(import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
