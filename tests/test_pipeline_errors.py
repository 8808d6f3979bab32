"""A document whose extraction raises is reported and left out; the batch goes on."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import saywho
from saywho import quotes
from saywho.cli import main


@pytest.fixture
def exploding(monkeypatch: pytest.MonkeyPatch) -> None:
    real = quotes.find_quotes

    def find_quotes(doc, skipped):  # type: ignore[no-untyped-def]
        if "EXPLODE" in doc.text:
            raise RuntimeError("simulated extractor bug")
        return real(doc, skipped)

    monkeypatch.setattr(quotes, "find_quotes", find_quotes)


def test_library_raises_without_on_error(exploding: None) -> None:
    arts = [saywho.model.Article(id="a", text="EXPLODE here.")]
    with pytest.raises(RuntimeError):
        list(saywho.extract_articles(arts))


def test_library_reports_and_goes_on(exploding: None) -> None:
    arts = [
        saywho.model.Article(id="bad", text="EXPLODE here."),
        saywho.model.Article(id="good", text='Jane Cole said: "We will win."'),
    ]
    failed: list[str] = []
    out = list(saywho.extract_articles(arts, on_error=lambda a, e: failed.append(a.id)))
    assert [a.id for a in out] == ["good"] and failed == ["bad"]
    assert out[0].quotes[0].speaker.name == "Jane Cole"


def test_cli_reports_one_line_and_exits_1(exploding: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("EXPLODE in this article.", encoding="utf-8")
    (tmp_path / "b.txt").write_text('Jane Cole said: "We will win."', encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl"])
    assert res.exit_code == 1
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["b"]
    errors = [x for x in res.stderr.splitlines() if "error" in x]
    assert len(errors) == 1 and "a.txt" in errors[0] and "extraction failed" in errors[0]
    assert "Traceback" not in res.stderr
