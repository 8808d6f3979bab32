"""The article record's JSON Schema: generated from saywho.model, shipped, printed, obeyed."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.cli import main
from saywho.schema_out import SCHEMA_FILE, article_schema, render, shipped, type_schema

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_schema_is_the_generated_one() -> None:
    """Regenerating gives the shipped file: a change to saywho.model that is not
    regenerated (python -m saywho.schema_out --write) fails here."""
    assert (ROOT / "saywho" / "data" / SCHEMA_FILE).read_text(encoding="utf-8") == render()
    assert shipped() == render()


def test_schema_follows_the_model() -> None:
    import dataclasses

    from saywho import model

    s = article_schema()
    # every field the record writes is described, with no extra key allowed
    assert set(s["properties"]) == set(model.Article(id="a", text="t").to_dict(include_text=True)) | {"warnings"}
    assert s["additionalProperties"] is False and "text" not in s["required"] and "hash" in s["required"]
    for cls in (model.Quote, model.Person, model.Event, model.Speaker):
        assert set(s["$defs"][cls.__name__]["properties"]) == {f.name for f in dataclasses.fields(cls)}
    assert s["$defs"]["Skipped"]["type"] == "array"
    assert s["$defs"]["Quote"]["properties"]["type"]["enum"] == ["direct", "mixed", "indirect"]


def test_an_unknown_type_is_an_error_not_a_gap() -> None:
    with pytest.raises(TypeError, match="no JSON Schema mapping"):
        type_schema(complex, {})


def test_schema_command_prints_it() -> None:
    res = CliRunner().invoke(main, ["schema"])
    assert res.exit_code == 0 and json.loads(res.stdout) == article_schema()
    assert CliRunner().invoke(main, ["schema", "--generate"]).stdout == res.stdout


def test_extract_output_obeys_the_schema_and_bad_records_do_not(
        tmp_path: Path, article_record_check: Callable[[dict], None]) -> None:
    src = tmp_path / "story.txt"
    src.write_text('Mayor Ken Obi met Ana Ruiz on Monday.\n"We will rebuild the bridge," Ken Obi said.\n',
                   encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(src), "--published", "2025-03-10", "--text", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["quotes"]
    article_record_check(rec)
    for bad in ({**rec, "surprise": 1}, {**rec, "quotes": [{**rec["quotes"][0], "type": "shouted"}]},
                {k: v for k, v in rec.items() if k != "hash"}):
        with pytest.raises(AssertionError, match="JSON Schema"):
            article_record_check(bad)
