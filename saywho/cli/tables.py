"""Terminal tables with ``rich``: columns fit the terminal's width, a cell too long for
its column ends in an ellipsis (or wraps, for the long text column) instead of being
cut silently, and NO_COLOR is honoured (rich reads it).  Written to a file or a pipe,
a table takes the width its content needs (no column cap, no trailing blanks), so
nothing is cut."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console, RenderableType
    from rich.table import Table

#: The width of a table written to a file or a pipe: wide enough for any row.
UNBOUNDED = 100_000


@dataclass(frozen=True)
class Col:
    """A column: its header; ``wrap`` for the one long text column (the others stay one
    line and end in an ellipsis); ``max_width`` caps a column; ``justify`` for numbers."""

    header: str
    wrap: bool = False
    max_width: int | None = None
    justify: str = "left"


def console(out: TextIO) -> "Console":
    """A console writing to ``out``: the terminal's width on a terminal, unbounded otherwise.
    Markup and highlighting are off: the cells are news text, not rich markup."""
    from rich.console import Console

    tty = out.isatty()
    return Console(file=out, width=None if tty else UNBOUNDED, markup=False, highlight=False, emoji=False,
                   soft_wrap=not tty)


def table(cols: Sequence[Col], rows: Iterable[Sequence[Any]]) -> "Table":
    """A plain table (a header rule, no borders) of ``rows`` under ``cols``."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for c in cols:
        t.add_column(c.header, no_wrap=not c.wrap, overflow="fold" if c.wrap else "ellipsis",
                     max_width=c.max_width, justify=c.justify)  # type: ignore[arg-type]
    for row in rows:
        t.add_row(*(Text("" if v is None else str(v)) for v in row))
    return t


def write(out: TextIO, *items: "RenderableType | str") -> None:
    """Print tables and lines (plain strings are text, never markup) to ``out``."""
    from rich.table import Table
    from rich.text import Text

    con = console(out)
    if con.is_terminal:
        for item in items:
            con.print(Text(item) if isinstance(item, str) else item)
        return
    with con.capture() as cap:
        for item in items:
            if isinstance(item, Table):
                for column in item.columns:  # a file keeps every character: no column caps
                    column.max_width = None
            con.print(Text(item) if isinstance(item, str) else item)
    out.write("".join(line.rstrip() + "\n" for line in cap.get().splitlines()))
