"""The pipeline, stage by stage, over one Article:

1. ingest   text + metadata -> Article, debris lines marked (``saywho.readers``)
2. nlp      Article.text -> spaCy Doc (``saywho.nlp``)
3. quotes   Doc -> quotation spans with type, cue, venue and speaker mention (``saywho.quotes``)
4. speakers mentions -> canonical people; pronouns and roles resolved (``saywho.speakers``)
5. events   calls, meetings, visits with dates, durations, topics (``saywho.events``);
            it reads stage 4's results only through a read-only ``PersonLookup``

Stages 3-5 are pure functions of the Doc and the Article; nothing here touches a
database (that is ``saywho.store``).  This module is the only place the stages are
chained: other entry points (CLI, batch, web API) call ``annotate`` or ``extract*``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from . import nlp as _nlp
from .readers import article_from_text
from .model import Article


def annotate(article: Article, doc: Doc) -> Article:
    """Stages 3-5 on an Article whose text has been parsed into ``doc``."""
    from . import events, quotes, speakers  # local: keeps `import saywho` light

    found = quotes.find_quotes(doc, article.skipped)
    ents = speakers.resolve(doc, found, article)
    article.quotes = ents.quotes
    quotes.attach_verbatim(article.quotes, found, article.text)
    del found  # stage 3's working records: the events stage does not read them
    article.people = ents.people
    article.events = events.find_events(doc, article, speakers.read_only_lookup(ents))
    return article


def extract(text: str, published: str | None = None, id: str | None = None, *, model: str | None = None,
            **meta: str | None) -> Article:
    """Find every quotation in ``text`` and attribute it to its canonical speaker.

    ``published`` (ISO date; other unambiguous forms are normalised with a warning)
    resolves relative dates such as "on Sunday"; an ambiguous ("03/04/2025") or
    unparseable one raises InputError.  Without it, relative dates stay unresolved.
    ``model``: another installed spaCy pipeline with a parser and NER (default: the
    pinned en_core_web_sm, or $SAYWHO_MODEL).
    Raises :class:`saywho.errors.InputError` for an empty or over-long text.
    """
    article = article_from_text(text, id or "article", published=published, **meta)
    return annotate(article, _nlp.parse(article.text, model))


def extract_articles(
    articles: Iterable[Article],
    batch_size: int = 32,
    on_error: Callable[[Article, Exception], None] | None = None,
) -> Iterator[Article]:
    """Annotate many Articles, parsing them in batches with ``nlp.pipe``.

    ``on_error(article, exc)``: when given, a document whose parse or extraction
    raises is reported to it and left out, and the batch goes on; without it, the
    error is raised.
    """
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch, batch_size, on_error)
            batch = []
    if batch:
        yield from _extract_batch(batch, batch_size, on_error)


def _extract_batch(
    batch: list[Article], batch_size: int, on_error: Callable[[Article, Exception], None] | None
) -> Iterator[Article]:
    docs: list[Doc | None]
    try:
        docs = list(_nlp.parse_many((a.text for a in batch), batch_size=batch_size))
    except Exception:
        if on_error is None:
            raise
        # the batch's parse failed: parse one by one to find the document to blame
        docs = []
        for a in batch:
            try:
                docs.append(_nlp.parse(a.text))
            except Exception as e:  # one bad document must not stop the batch
                on_error(a, e)
                docs.append(None)
    for article, doc in zip(batch, docs):
        if doc is None:
            continue
        if on_error is None:
            yield annotate(article, doc)
            continue
        try:
            yield annotate(article, doc)
        except Exception as e:  # one bad document must not stop the batch
            on_error(article, e)


def extract_many(
    texts: Iterable[str | tuple[str, str | None] | dict[str, str]], batch_size: int = 32
) -> Iterator[Article]:
    """Batch form of :func:`extract`.

    Each item is a text, a ``(text, published)`` pair, or a dict with ``text`` and
    optional ``id``, ``published``, ``title``, ``outlet``, ``url``.
    """

    def gen() -> Iterator[Article]:
        for n, item in enumerate(texts):
            if isinstance(item, str):
                yield article_from_text(item, str(n))
            elif isinstance(item, tuple):
                yield article_from_text(item[0], str(n), published=item[1])
            else:
                d = dict(item)
                text = d.pop("text")
                art_id = d.pop("id", None) or str(n)
                yield article_from_text(text, str(art_id), **d)

    return extract_articles(gen(), batch_size=batch_size)
