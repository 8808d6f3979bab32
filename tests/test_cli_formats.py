"""`saywho extract` output formats: the same quotes as JSONL, CSV, Parquet and a table."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
from click.testing import CliRunner

from saywho.cli import main

TEXT = 'Mayor Ken Obi spoke on Monday.\n"We will rebuild the bridge," Ken Obi said.\n'


def _run(tmp_path, *args: str):  # type: ignore[no-untyped-def]
    src = tmp_path / "story.txt"
    src.write_text(TEXT, encoding="utf-8")
    return CliRunner().invoke(main, ["extract", str(src), "--published", "2025-03-10", *args])


def test_jsonl_csv_parquet_table_agree(tmp_path, article_record_check) -> None:  # type: ignore[no-untyped-def]
    j = _run(tmp_path, "--format", "jsonl")
    assert j.exit_code == 0, j.output
    art = json.loads(j.stdout.splitlines()[0])
    article_record_check(art)
    want = [(q["speaker"]["name"], q["text"]) for q in art["quotes"]]
    assert want == [("Ken Obi", "We will rebuild the bridge,")]

    c = _run(tmp_path, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(c.stdout)))
    assert [(r["speaker"], r["text"]) for r in rows] == want

    out = tmp_path / "q.parquet"
    p = _run(tmp_path, "--format", "parquet", "-o", str(out))
    assert p.exit_code == 0, p.output
    table = pq.read_table(out).to_pylist()
    assert [(r["speaker"], r["text"]) for r in table] == want and table[0]["start"] == art["quotes"][0]["start"]

    t = _run(tmp_path, "--format", "table")
    assert "Ken Obi" in t.stdout and "We will rebuild the bridge" in t.stdout


def test_parquet_needs_a_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = _run(tmp_path, "--format", "parquet")
    assert r.exit_code == 2 and "needs -o FILE" in r.output
