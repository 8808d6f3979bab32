"""The one progress display of a run: a ``rich`` bar on stderr (articles done, articles/s,
failures, already stored); silent when quiet or when stderr is not a terminal."""
from __future__ import annotations

import sys
from typing import Any

from .report import IngestReport


class Progress:
    """Progress of a run on stderr.  ``rich`` is imported only when there is a terminal to
    draw on, and honours NO_COLOR by itself."""

    def __init__(self, label: str = "ingest", quiet: bool = False, total: int | None = None) -> None:
        self._bar: Any = None
        self._task: Any = None
        if quiet or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        columns = [TextColumn("{task.description}"),
                   BarColumn() if total else SpinnerColumn(),
                   MofNCompleteColumn() if total else TextColumn("{task.completed} articles"),
                   TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("{task.fields[note]}")]
        # stdout is left alone: the data may be going there (a table on the terminal)
        self._bar = Bar(*columns, console=Console(stderr=True), redirect_stdout=False, transient=False)
        self._task = self._bar.add_task(label, total=total, rate="", note="")
        self._bar.start()

    def update(self, report: IngestReport, n: int) -> None:
        """``n`` more inputs dealt with; the report's failure and skip counts shown beside."""
        if self._bar is None:
            return
        speed = self._bar.tasks[0].speed
        note = f"{report.failed} failed" + (f", {report.unchanged} already stored" if report.unchanged else "")
        self._bar.update(self._task, advance=n, note=note, rate=f"{speed:.1f}/s" if speed else "")

    def close(self) -> None:
        """Leave the final state on screen and give the terminal back."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
