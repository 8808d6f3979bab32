"""A long text is parsed in pieces and joined into one Doc (saywho.nlp): the join keeps
its annotations in one zero-page table to bound the peak memory, and must give exactly
the Doc that spaCy's own ``Doc.from_docs`` makes of the same pieces; the per-Doc caches
kept as C arrays must answer as the Spans they stand for."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from saywho import nlp

PARAS = [
    "\u201cWe will not accept any delay on the budget,\u201d said Maria Okafor, the finance minister, on Tuesday.",
    "John Lindqvist, a spokeswoman for the ministry, said that the government had failed on the strike.",
    "According to Amina Moreau, the new rail line will cost more than expected. She met Peter Haddad in Brussels.",
    "\u201cThis is about rising prices. People are tired of waiting,\u201d Lucia Novak told reporters.\n\n"
    "The mayor, Tomas Brennan, insisted the water shortage would end by June.",
]
#: Every attribute the join copies, and the lexical ones it rebuilds from the words.
ATTRS = [*Doc._get_array_attrs(), "IDX", "LOWER", "SHAPE", "IS_SPACE"]


@pytest.fixture()
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> int:
    """Pieces of 600 characters, so that a short text takes the long-text path."""
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 600)
    return 600


def _text(n: int) -> str:
    return "\n".join(PARAS[k % len(PARAS)] for k in range(n)) + "\n"


def test_joined_doc_is_what_from_docs_makes(small_pieces: int) -> None:
    text = _text(40)
    pieces = nlp._chunks(text)
    assert len(pieces) > 5 and "".join(pieces) == text
    joined = nlp.parse(text)
    ref = Doc.from_docs(list(nlp.load().pipe(pieces, batch_size=1)), ensure_whitespace=False)
    assert joined.text == ref.text == text
    assert (joined.to_array(ATTRS) == ref.to_array(ATTRS)).all()
    assert [(s.start, s.end) for s in joined.sents] == [(s.start, s.end) for s in ref.sents]
    assert [(e.start, e.end, e.label_) for e in joined.ents] == [(e.start, e.end, e.label_) for e in ref.ents]
    assert [(t.head.i, t.left_edge.i, t.right_edge.i, t.n_lefts, t.n_rights) for t in joined] == \
           [(t.head.i, t.left_edge.i, t.right_edge.i, t.n_lefts, t.n_rights) for t in ref]


def test_a_table_too_small_grows(small_pieces: int) -> None:
    text = _text(12)
    model = nlp.load()
    whole = nlp.parse(text)
    grown = nlp._join(model.vocab, model.pipe(nlp._chunks(text), batch_size=1), 3)
    assert grown.to_bytes(exclude=["user_data"]) == whole.to_bytes(exclude=["user_data"])


def test_cached_offsets_answer_as_the_spans() -> None:
    doc = nlp.parse(_text(6))
    sents = list(doc.sents)
    assert all(nlp.sent_of(t) == sents[[k for k, s in enumerate(sents) if s.start <= t.i < s.end][0]] for t in doc)
    chunks = list(doc.noun_chunks)
    assert list(nlp.noun_chunks(doc)) == chunks
    for s in sents:
        assert nlp.chunks_within(doc, s.start, s.end) == [c for c in chunks if c.start >= s.start and c.end <= s.end]
    ents = list(doc.ents)
    assert nlp.ents_within(doc, 0, len(doc)) == ents
    assert nlp.ents_touching(doc, 0, len(doc) - 1) == ents
    assert nlp.ent_overlapping(doc, 0, len(doc.text)) == ents
    assert all(nlp.ent_at(doc, e.start) == e for e in ents)


def test_a_joined_doc_shares_its_text(small_pieces: int) -> None:
    text = _text(20)
    doc = nlp.parse(text)
    assert nlp.text_of(doc) is text and doc.text == text
