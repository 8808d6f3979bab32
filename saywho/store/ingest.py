"""``saywho.store.ingest``: kept for its callers; the loop itself is :mod:`saywho.runner`.

``extract`` replaces the extraction step: it takes an iterable of Articles and yields
them annotated (default: the runner's chunked extraction).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Article
from ..runner.report import IngestReport

if TYPE_CHECKING:  # pragma: no cover
    from .core import Store

Extractor = Callable[[Iterable[Article]], Iterator[Article]]

__all__ = ["IngestReport", "ingest"]


def ingest(paths: Iterable[str], store: "Store", *, published: str | None = None, max_chars: int | None = None,
           input_format: str | None = None, extract: Extractor | None = None, force: bool = False,
           on_item: Callable[[str, Article | InputError], None] | None = None) -> IngestReport:
    """Read every input, extract the articles not yet stored, store them (``saywho.runner.ingest``).

    Bad inputs go to the failures table (and to ``on_item("failed", err)``) and the
    batch goes on.  ``force``: re-extract and replace even unchanged articles.
    ``on_item(status, item)`` is called for each input: added|replaced|unchanged|failed.
    """
    from ..runner import ingest as run_ingest

    step = None if extract is None else (lambda chunk: list(extract(chunk)))
    return run_ingest(paths, store, published=published, max_chars=max_chars, input_format=input_format,
                      force=force, on_item=on_item, extractor=step)
