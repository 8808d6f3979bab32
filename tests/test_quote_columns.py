"""The CSV and Parquet columns of quotes are model.Quote's fields (the speaker flattened
into its own fields, the article's id first): a field added to the model is a column."""
from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from saywho.cli import main
from saywho.model import Quote, Speaker

TEXT = 'Mayor Ken Obi spoke on Monday.\n"We will rebuild the bridge," Ken Obi told the council.\n'


def expected() -> list[str]:
    speaker = ["speaker" if f.name == "name" else f.name if f.name.startswith("mention") else f"speaker_{f.name}"
               for f in dataclasses.fields(Speaker)]
    cols = ["article_id"]
    for f in dataclasses.fields(Quote):
        cols += speaker if f.name == "speaker" else [f.name]
    return cols


def test_csv_and_parquet_columns_are_the_model_fields(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(TEXT, encoding="utf-8")
    c = CliRunner().invoke(main, ["extract", str(src), "--format", "csv"])
    assert c.exit_code == 0, c.output
    header = next(csv.reader(io.StringIO(c.stdout)))
    out = tmp_path / "q.parquet"
    p = CliRunner().invoke(main, ["extract", str(src), "--format", "parquet", "-o", str(out)])
    assert p.exit_code == 0, p.output
    assert header == expected() == pq.read_table(out).column_names
    assert "addressee" in header and {"speaker", "speaker_kind", "mention", "text"} <= set(header)
    rows = list(csv.DictReader(io.StringIO(c.stdout)))
    assert rows and rows[0]["speaker"] == "Ken Obi" and rows[0]["article_id"] == "story"
