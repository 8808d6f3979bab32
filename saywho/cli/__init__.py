"""The command line: a thin click layer over the library.

Data goes to stdout (or ``-o FILE``); progress, warnings and errors go to stderr.
Every command is defined in a module of this package and registered on :func:`main`
below, by name: the command modules never import this one, so there is no import
circle, and ``saywho --help`` loads only click and the command modules, which import
what they need (spaCy, SQLAlchemy, Dask, pandas) inside their bodies.

Modules: :mod:`.options` (shared option decorators), :mod:`.output` (extract's
formats), :mod:`.tables` (terminal tables), :mod:`.extract`, :mod:`.ingest`,
:mod:`.store`, :mod:`.corpus`, :mod:`.web`, :mod:`.events` (commands).
"""
from __future__ import annotations

import sys

import click

from ..version import __version__
from ..errors import SaywhoError
from .checks import SaywhoGroup
from . import corpus, events, extract, ingest, store, web  # noqa: F401  (events: commands to come)
from . import schema, watch
from .output import err


@click.group(cls=SaywhoGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="saywho")
def main() -> None:
    """saywho: who said what, to whom, where and when, in news articles.

    Quotations (direct, mixed, indirect) are attributed to canonical speakers, with
    cue, venue and date; calls and meetings are extracted as events.
    """


COMMANDS: list[click.Command] = [
    extract.extract,
    ingest.ingest,
    store.quotes, store.people, store.events, store.timeline, store.show, store.export,
    corpus.link, corpus.people_load, corpus.merge, corpus.split, corpus.rules, corpus.statements, corpus.stories,
    corpus.corroborate, corpus.report,
    web.serve,
    schema.schema, watch.watch,
]
for _command in COMMANDS:
    main.add_command(_command)


def run() -> None:  # pragma: no cover
    """The console script ``saywho``: :func:`main`, a SaywhoError as one line and exit code 1."""
    try:
        main()
    except SaywhoError as e:
        err(f"saywho: error: {e}")
        sys.exit(1)
