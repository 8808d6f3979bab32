"""The Article every reader makes: checks, publication date, language, debris.

Kept free of spaCy: the readers run before the nlp stage.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

from ..dates import normalise_published
from ..errors import InputError
from ..model import Article
from ..settings import lenient
from .dates import text_date
from .debris import find_debris
from .lang import MIN_LETTERS, detect_language, short_guess

#: The longest text accepted (characters); longer inputs get a clear error.
MAX_CHARS = lenient().max_chars  # SAYWHO_MAX_CHARS
#: The largest raw input accepted (bytes): a page, a feed, a WARC record, a download.
MAX_BYTES = lenient().max_bytes  # SAYWHO_MAX_BYTES

Item = Article | InputError

_META = {"title", "outlet", "url", "author", "language"}


class NotEnglish(InputError):
    """An article in another language: skipped with the reason, not mis-parsed."""


class NotAnArticle(InputError):
    """A front page or section page (a list of short headlines and no body text): skipped
    with the reason, since its headlines are teasers of other stories."""


def _headline_page(text: str) -> bool:
    """Many short lines with no sentence ending and next to no paragraph of prose."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 8:
        return False
    heads = sum(1 for ln in lines if len(ln.split()) <= 14 and not ln.endswith((".", "?", "!", "\"", "”", ":")))
    prose = sum(1 for ln in lines if len(ln.split()) >= 25 and ln.endswith((".", "?", "!", "\"", "”")))
    return heads >= 0.75 * len(lines) and prose <= 1


def _checked_date(value: str | None, src: str, notes: list[str]) -> str | None:
    """A given publication date validated and normalised (a note when it was rewritten);
    InputError naming ``src`` when it is ambiguous or no date at all."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        day, note = normalise_published(str(value))
    except ValueError as e:
        raise InputError(src, str(e)) from None
    if note:
        notes.append(f"{src}: {note}")
    return day


def article_from_text(
    text: str,
    id: str,
    *,
    published: str | None = None,
    published_source: str | None = None,
    source: str | None = None,
    max_chars: int | None = None,
    default_published: str | None = None,
    capture_date: str | None = None,
    check_language: bool = True,
    **meta: str | None,
) -> Article:
    """Make an Article of a text, checking it and marking its debris lines.

    The publication date is, in order: ``published`` (the input's own metadata;
    ``published_source`` says where it came from, default ``"given"``), a
    dateline in the text (``"dateline"``; a date inside an embedded social post is the
    post's own date, never the article's),
    ``capture_date`` (a crawl's, ``"capture"``), ``default_published`` (the
    ``--published`` option, ``"option"``).  Raises InputError for an empty or
    over-long text, :class:`NotEnglish` for a text in another language and
    :class:`NotAnArticle` for a page of headlines.  Every date given is validated
    (:func:`saywho.dates.normalise_published`): an ambiguous or unparseable one is an
    InputError for this article; another form than ISO is normalised with a warning.
    """
    src = source or id
    limit = max_chars or MAX_CHARS
    if not text.strip():
        raise InputError(src, "empty text: nothing to extract")
    if len(text) > limit:
        raise InputError(
            src, f"text too long: {len(text):,} characters (limit {limit:,}; raise it with --max-chars)"
        )
    language = meta.pop("language", None)
    notes: list[str] = []
    published, default_published, capture_date = (
        _checked_date(d, src, notes) for d in (published, default_published, capture_date))
    if check_language:
        detected = detect_language(text)
        if detected:
            language = detected
        elif not language:
            # a sentence or two says nothing reliable about its language; one that does not
            # even look English must not be stored as English (a guess stored as a fact)
            guess = short_guess(text)
            if guess and guess != "en":
                language = "unknown"
                notes.append(f"{src}: too short to tell its language (under {MIN_LETTERS} letters; looks like "
                             f"{guess!r}): stored as language 'unknown'")
        if language and language not in ("en", "unknown"):
            raise NotEnglish(src, f"language {language!r}, not English: skipped")
    if _headline_page(text):
        raise NotAnArticle(src, "a front or section page (headlines, no article body): skipped")
    if published:
        pub_source = published_source or "given"
    else:
        found = text_date(text)
        if found:
            published, pub_source = found
        elif capture_date:
            published, pub_source = capture_date, "capture"
        elif default_published:
            published, pub_source = default_published, "option"
        else:
            pub_source = None
    art = Article(
        id=str(id),
        text=text,
        published=published,
        published_source=pub_source,
        source=src,
        language=language,
        **{k: v for k, v in meta.items() if k in _META and v},
    )
    art.skipped = find_debris(text)
    art.warnings.extend(notes)
    return art


def hold_last(items: Iterable[Item], notes: list[str], source: str, empty_reason: str,
              empty_error: bool = True) -> Iterator[Item]:
    """Pass items on, keeping the last Article back so that ``notes`` (filled while
    iterating: skipped records, summary-only entries) can ride on it as warnings.
    With no Article at all, the notes become one InputError for ``source`` (or, when
    ``empty_error`` is off because the input's error was already said, warnings
    printed on stderr)."""
    held: Article | None = None
    seen_any = False
    for item in items:
        seen_any = True
        if isinstance(item, Article):
            if held is not None:
                yield held
            held = item
        else:
            yield item
    if held is not None:
        held.warnings.extend(notes)
        yield held
    elif notes and not empty_error:
        for note in notes:
            print(f"saywho: warning: {note}", file=sys.stderr)
    elif notes:
        yield InputError(source, f"{empty_reason}; " + "; ".join(notes))
    elif not seen_any and empty_error:
        yield InputError(source, empty_reason)
