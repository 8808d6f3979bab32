"""read -> extract -> store, as a library function the CLI (and a parallel runner) call.

The middle step is a parameter: ``extract`` takes an iterable of Articles and yields
them annotated (default :func:`saywho.pipeline.extract_articles`); a parallel runner
passes its own.  Articles already stored by the same saywho version, model and
options are counted "unchanged" before extraction, so a re-run after a crash only
extracts what is missing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..model import Article
from .facade import Store

Extractor = Callable[[Iterable[Article]], Iterator[Article]]


@dataclass
class IngestReport:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    run_id: int | None = None

    @property
    def stored(self) -> int:
        return self.added + self.unchanged + self.replaced

    def summary(self) -> str:
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.failed} failed")


def ingest(paths: Iterable[str], store: Store, *, published: str | None = None, max_chars: int | None = None,
           input_format: str | None = None, extract: Extractor | None = None, force: bool = False,
           on_item: Callable[[str, Article | InputError], None] | None = None) -> IngestReport:
    """Read every input, extract the articles not yet stored, store each in one transaction.

    Bad inputs go to the failures table (and to ``on_item("failed", err)``) and the
    batch goes on.  ``force``: re-extract and replace even unchanged articles.
    ``on_item(status, item)`` is called for each input: added|replaced|unchanged|failed.
    """
    from ..ingest import read_inputs

    # Options that change what extraction produces: part of "the same extraction".
    options: dict[str, Any] = {"published": published} if published else {}
    run = store.start_run(options, source="ingest")
    report = IngestReport(run_id=run["id"])

    def note(status: str, item: Article | InputError) -> None:
        if on_item:
            on_item(status, item)

    def todo() -> Iterator[Article]:
        for item in read_inputs(paths, published=published, max_chars=max_chars, input_format=input_format):
            if isinstance(item, InputError):
                store.add_failure(item.source, item.reason, run["id"])
                report.failed += 1
                report.failures.append((item.source, item.reason))
                note("failed", item)
            elif not force and store.is_current(item.hash, run):
                report.unchanged += 1
                note("unchanged", item)
            else:
                yield item

    def extraction_failed(art: Article, exc: Exception) -> None:
        reason = f"extraction failed ({type(exc).__name__}: {exc})"
        store.add_failure(art.source or art.id, reason, run["id"])
        report.failed += 1
        report.failures.append((art.source or art.id, reason))
        note("failed", InputError(art.source or art.id, reason))

    if extract is None:
        from ..pipeline import extract_articles

        def extract(items: Iterable[Article]) -> Iterator[Article]:
            return extract_articles(items, on_error=extraction_failed)

    for art in extract(todo()):
        if force and store.is_current(art.hash, run):
            store.delete(art.hash)  # so that add() writes it again
        res = store.add(art, run=run)
        setattr(report, res.status, getattr(report, res.status) + 1)
        note(res.status, art)
    return report
