"""``saywho schema``: the JSON Schema of the article record that ``extract --format jsonl`` writes."""
from __future__ import annotations

import sys

import click


@click.command()
@click.option("--generate", is_flag=True,
              help="Generate it from this saywho's data model instead of printing the shipped file "
                   "(they are the same; the tests check that).")
def schema(generate: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of one article record.

    \b
    Examples:
      saywho schema > article.schema.json
      saywho extract news.jsonl --format jsonl | check-jsonschema --schemafile article.schema.json -
    """
    from ..schema_out import render, shipped

    sys.stdout.write(render() if generate else shipped())
