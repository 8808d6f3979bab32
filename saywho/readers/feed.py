"""RSS and Atom feeds (feedparser): entries with full content become Articles.

An entry's text is its full content (``content:encoded`` or Atom ``content``),
one block element a line.  Entries with only a summary are not articles: each is
reported (a warning naming it), never silently dropped.  A feed feedparser flags
as malformed gets one error line; entries it could still read go on.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .core import Item, article_from_text, hold_last
from .options import ReadOptions
from .text import looks_binary

_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S)
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
          "figure", "figcaption", "tr", "pre", "ul", "ol", "dd", "dt", "header", "footer", "aside", "table", "hr"}
_DROP = {"script", "style", "noscript", "iframe", "svg", "form", "button"}


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, one block element a line, spaces normalised."""
    import lxml.etree
    import lxml.html

    if "<" not in fragment:
        lines = fragment.splitlines()
    else:
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return " ".join(fragment.split())
        for el in list(root.iter()):
            if not isinstance(el.tag, str):  # comments, processing instructions
                continue
            if el.tag in _DROP:
                el.drop_tree()
            elif el.tag in _BLOCK:
                el.tail = "\n" + (el.tail or "")
                el.text = "\n" + (el.text or "") if el.tag != "br" else el.text
        lines = root.text_content().split("\n")
    return "\n".join(" ".join(x.split()) for x in lines if x.strip())


def entry_date(entry) -> str | None:  # type: ignore[no-untyped-def]
    """A feed entry's own date (published, else updated, else created), ISO; None if it has none."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return _dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
            except ValueError:
                continue
    return None


def read_feed_bytes(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """An RSS or Atom feed in memory: one Article per entry with full content."""
    import feedparser

    limit = opts.byte_limit
    if len(data) > limit:
        yield InputError(name, f"feed too large: {len(data):,} bytes (limit {limit:,}; set SAYWHO_MAX_BYTES)")
        return
    if looks_binary(data):
        yield InputError(name, "binary data, not a feed")
        return
    try:
        # sanitize_html off: the text is taken from the markup below; resolve_relative_uris is irrelevant
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as e:  # feedparser is lenient, but a broken document must not end the batch
        yield InputError(name, f"not a readable feed ({type(e).__name__}: {e})")
        return
    notes: list[str] = []
    entries = parsed.get("entries") or []
    failed = False
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        benign = type(exc).__name__ in {"CharacterEncodingOverride"}
        msg = f"malformed feed ({type(exc).__name__}: {exc})" if exc else "malformed feed"
        if benign:
            notes.append(f"{name}: {msg}")
        else:
            failed = True
            yield InputError(name, msg + (f"; reading its {len(entries)} entries anyway" if entries else ""))
            if not entries:
                return
    if not entries and not parsed.get("bozo"):
        if not parsed.get("version"):
            yield InputError(name, "not an RSS or Atom feed")
        else:
            yield InputError(name, "feed has no entries")
        return
    outlet = (parsed.get("feed") or {}).get("title")

    def gen() -> Iterator[Item]:
        for n, e in enumerate(entries, 1):
            link = e.get("link")
            label = e.get("title") or link or f"entry {n}"
            src = f"{name} entry {n}" + (f" ({link})" if link else "")
            contents = [c.get("value", "") for c in e.get("content", []) if c.get("value")]
            if not contents:
                summary = e.get("summary") or ""
                notes.append(f"{name}: entry {n} {label!r} has only a summary ({len(summary)} characters), "
                             f"not full content: skipped" + (f"; fetch {link} to read it" if link else ""))
                continue
            text = fragment_text(max(contents, key=len))
            date = entry_date(e)
            try:
                yield article_from_text(
                    text, e.get("id") or link or f"{Path(name).stem}-{n}",
                    published=date, published_source="feed" if date else None,
                    default_published=opts.published, source=src, max_chars=opts.max_chars,
                    title=e.get("title"), url=link, author=e.get("author"), outlet=outlet,
                )
            except InputError as err:
                yield err

    yield from hold_last(gen(), notes, name, "no entry with full content", empty_error=not failed)


def read_feed(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """An RSS or Atom feed file: one Article per entry with full content."""
    limit = opts.byte_limit
    try:
        size = path.stat().st_size
        if size > limit:
            yield InputError(str(path), f"feed too large: {size:,} bytes (limit {limit:,}; set SAYWHO_MAX_BYTES)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))
        return
    yield from read_feed_bytes(data, str(path), opts)
