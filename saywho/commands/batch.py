"""saywho CLI: the options that scale ``saywho ingest`` out (``--workers``, ``--scheduler``).

The command itself lives with the store commands (``saywho/commands/store.py``);
it takes these options through :func:`scale_options` and hands them to
:func:`saywho.batch.ingest`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


F = Callable[..., Any]


def scale_options(f: F) -> F:
    """``--workers N`` and ``--scheduler ADDRESS``."""
    f = click.option(
        "--scheduler", metavar="ADDRESS", default=None,
        help="Run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786); its workers need this saywho "
             "installed. Articles are read and stored here, extracted there.")(f)
    return click.option(
        "--workers", type=click.IntRange(1), default=1, show_default=True, metavar="N",
        help="Extract in N worker processes on this machine (a Dask LocalCluster, one thread and "
             "about 250 MB each). Inputs of fewer than about 100 articles stay in one process.")(f)
