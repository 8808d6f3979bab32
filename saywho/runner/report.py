"""What a run did: counts by outcome, the failures, how it ran.  No heavy imports: the
store package re-exports :class:`IngestReport` from here."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IngestReport:
    """Counts of one read -> extract -> store run, and each failure as (source, reason)."""

    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    run_id: int | None = None

    @property
    def stored(self) -> int:
        """Articles in the store after the run: added, replaced or already there."""
        return self.added + self.unchanged + self.replaced

    def summary(self) -> str:
        """One line for the terminal: the four counts."""
        return (f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{self.failed} failed")


@dataclass
class RunReport(IngestReport):
    """:class:`IngestReport` plus how the run went: where, on how many workers, how long."""

    #: articles extracted by a run without a store (``saywho extract``)
    extracted: int = 0
    mode: str = "local"          # "local" (this process) or "dask"
    workers: int = 1
    seconds: float = 0.0
    #: peak resident memory of each worker process in MB (Dask runs), by worker address
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    @property
    def processed(self) -> int:
        """Inputs dealt with: stored (or extracted) and failed."""
        return self.stored + self.extracted + self.failed
