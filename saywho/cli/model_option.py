"""``--model NAME``: parse with another installed spaCy pipeline (``extract``, ``ingest``, ``watch``).

The option takes effect through its callback (it is not passed to the command): it sets
$SAYWHO_MODEL, which :func:`saywho.nlp.load` reads, so worker processes a run starts on
this machine parse with the same pipeline.  Only click is imported here.
"""
from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
#: The same name as saywho.nlp.MODEL_ENV (not imported from there: it imports spaCy).
MODEL_ENV = "SAYWHO_MODEL"


def _set_model(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if not value:
        return
    # spaCy loads a pipeline from an installed package or a directory: check which without
    # importing it, so a misspelt name is one usage error, not a failure per document
    if not Path(value).is_dir() and importlib.util.find_spec(value) is None:
        raise click.BadParameter(f"no installed spaCy pipeline {value!r} (pip install it, or give its directory)")
    before = os.environ.get(MODEL_ENV)
    os.environ[MODEL_ENV] = value

    def restore() -> None:  # a command run in-process (tests, a notebook) leaves no setting behind
        if before is None:
            os.environ.pop(MODEL_ENV, None)
        else:
            os.environ[MODEL_ENV] = before

    ctx.call_on_close(restore)


def model_option(f: F) -> F:
    """``--model NAME``: a spaCy pipeline package or path with a parser and NER."""
    return click.option(
        "--model", metavar="NAME", default=None, expose_value=False, callback=_set_model,
        help="Parse with another installed spaCy pipeline with a parser and NER, e.g. en_core_web_md "
             "(default: the pinned en_core_web_sm, or $SAYWHO_MODEL). Workers on a remote Dask "
             "cluster need $SAYWHO_MODEL set there.",
    )(f)
