"""The typed Python API: ``saywho.extract`` / ``saywho.extract_many`` and the JSON shape.

Texts are written for the test (no seed wording).  What is asserted is the API's
contract (types, offsets into the text as given, the ``to_dict`` shape of the
issue, batching through ``nlp.pipe``), plus that a plain reported direct quote is
found: the smoke test of the extractor behind it.
"""
from __future__ import annotations

import json

import pytest

import saywho
from saywho import nlp
from saywho.model import Article, Person, Quote, Speaker

TEXT = (
    "Harbour Council approved the new ferry timetable on Tuesday.\n"
    "\u201cThe crossings will run every twenty minutes from June,\u201d said Marta Ilves, "
    "the council's transport director.\n"
    "Ilves added that fares would not rise this year.\n"
)

QUOTE_KEYS = {"start", "end", "text", "type", "speaker", "cue", "venue", "date", "confidence"}
SPEAKER_KEYS = {"name", "mention", "mention_start", "mention_end", "kind"}
PERSON_KEYS = {"name", "mentions", "roles"}


@pytest.fixture(scope="module")
def article() -> Article:
    return saywho.extract(TEXT, published="2024-05-14", id="ferry")


def test_extract_returns_typed_article(article: Article) -> None:
    assert isinstance(article, Article)
    assert (article.id, article.published, article.text) == ("ferry", "2024-05-14", TEXT)
    assert article.quotes, "a plain 'said NAME' direct quote should be found"
    for q in article.quotes:
        assert isinstance(q, Quote)
        assert q.type in ("direct", "mixed", "indirect")
        assert q.speaker is None or isinstance(q.speaker, Speaker)
    for p in article.people:
        assert isinstance(p, Person)


def test_direct_quote_span_and_speaker(article: Article) -> None:
    direct = [q for q in article.quotes if "twenty minutes" in q.text]
    assert len(direct) == 1
    q = direct[0]
    assert q.type == "direct"
    assert q.speaker is not None and q.speaker.name == "Marta Ilves"


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "  \n" + TEXT,                       # leading blank line kept: offsets must not shift
        TEXT.replace("\n", "\r\n"),           # Windows line ends
        TEXT.replace("\u201c", '"').replace("\u201d", '"'),  # straight quotes
    ],
    ids=["plain", "leading-space", "crlf", "straight-quotes"],
)
def test_offsets_index_the_text_as_given(text: str) -> None:
    art = saywho.extract(text)
    assert art.text == text
    assert art.quotes
    for q in art.quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker and q.speaker.mention_start is not None:
            assert text[q.speaker.mention_start:q.speaker.mention_end] == q.speaker.mention
    for p in art.people:
        for s, e in p.mentions:
            assert 0 <= s < e <= len(text)


def test_to_dict_has_the_issue_shape(article: Article) -> None:
    d = json.loads(json.dumps(article.to_dict()))  # JSON-serialisable as it is
    assert {"id", "published", "quotes", "people"} <= d.keys()
    assert d["id"] == "ferry" and d["published"] == "2024-05-14"
    assert "text" not in d  # the text only on request
    assert d["quotes"]
    for q in d["quotes"]:
        assert QUOTE_KEYS <= q.keys()
        assert isinstance(q["start"], int) and isinstance(q["end"], int)
        assert TEXT[q["start"]:q["end"]] == q["text"]
        assert q["type"] in ("direct", "mixed", "indirect")
        if q["speaker"] is not None:
            assert SPEAKER_KEYS <= q["speaker"].keys()
            assert q["speaker"]["kind"] in ("person", "organisation", "group", "unnamed")
    for p in d["people"]:
        assert PERSON_KEYS <= p.keys()
        assert all(isinstance(m, list) and len(m) == 2 for m in p["mentions"])
        assert isinstance(p["roles"], list)
    assert article.to_dict(include_text=True)["text"] == TEXT


def test_to_dict_round_trips(article: Article) -> None:
    d = article.to_dict(include_text=True)
    assert Article.from_dict(json.loads(json.dumps(d))).to_dict(include_text=True) == d


@pytest.mark.parametrize(
    "bad",
    ["", "   \n\t  "],
    ids=["empty", "whitespace"],
)
def test_extract_refuses_empty_text_with_input_error(bad: str) -> None:
    with pytest.raises(saywho.InputError, match="empty"):
        saywho.extract(bad, id="blank")


def test_extract_many_batches_through_nlp_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        TEXT,
        "\u201cWe expect the bridge to reopen in March,\u201d said Tomas Berg, the city engineer.\n",
        "The festival drew a record crowd, organisers said on Sunday.\n",
    ]
    pipeline = nlp.load()
    seen: list[list[str]] = []
    real_pipe = pipeline.pipe

    def spy(docs, *args, **kwargs):  # type: ignore[no-untyped-def]
        docs = list(docs)
        seen.append(docs)
        return real_pipe(docs, *args, **kwargs)

    monkeypatch.setattr(pipeline, "pipe", spy)
    items = [
        texts[0],                                            # bare text: id from position
        (texts[1], "2023-11-02"),                            # (text, published)
        {"id": "fest", "text": texts[2], "outlet": "Test Gazette"},  # dict with metadata
    ]
    arts = list(saywho.extract_many(items))
    monkeypatch.undo()

    assert [a.id for a in arts] == ["0", "1", "fest"]
    assert [a.text for a in arts] == texts
    assert arts[1].published == "2023-11-02" and arts[2].outlet == "Test Gazette"
    # every text went through nlp.pipe, in one batch
    assert [t for batch in seen for t in batch] == texts and len(seen) == 1
    # the batch gives what one-at-a-time extraction gives
    for art in arts:
        one = saywho.extract(art.text, published=art.published, id=art.id, outlet=art.outlet)
        assert [q.to_dict() for q in art.quotes] == [q.to_dict() for q in one.quotes]
    assert any(q.speaker and q.speaker.name == "Tomas Berg" for q in arts[1].quotes)
