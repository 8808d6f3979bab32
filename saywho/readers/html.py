"""HTML pages -> Articles: main text and metadata with trafilatura, date with htmldate.

The article text is trafilatura's extracted text (paragraphs one a line); every
offset saywho reports refers to it, so it is kept in the output with ``--text``.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .core import MAX_BYTES, Item, article_from_text
from .options import ReadOptions
from .text import looks_binary

# trafilatura and htmldate log their own complaints; saywho reports one line per input.
for _name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

#: Fewer words than this is a page without an article (a menu, a notice), not a story.
MIN_WORDS = 15

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_ANY = re.compile(rb"<(?:html|head|body|p|div|article)\b", re.I)


def looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head) or _HTML_ANY.search(head))


def _date(html: str) -> str | None:
    """The page's own publication date (meta tags, JSON-LD, <time>, URL), or None."""
    from htmldate import find_date

    try:
        # extensive_search=False: page metadata only, no guessing from stray dates in the text
        return find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate fails on odd markup; the date then comes from elsewhere
        return None


def article_from_html(
    data: bytes | str,
    id: str,
    *,
    source: str,
    url: str | None = None,
    capture_date: str | None = None,
    default_published: str | None = None,
    max_chars: int | None = None,
    max_bytes: int | None = None,
) -> Article:
    """One page as an Article; raises InputError with the reason when it has no article."""
    import trafilatura
    from trafilatura.utils import decode_file

    limit = max_bytes or MAX_BYTES
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if len(raw) > limit:
        raise InputError(source, f"page too large: {len(raw):,} bytes (limit {limit:,}; set SAYWHO_MAX_BYTES)")
    if looks_binary(raw):
        raise InputError(source, "binary data, not an HTML page")
    if not raw.strip():
        raise InputError(source, "empty page")
    html = data if isinstance(data, str) else decode_file(raw)
    if not looks_like_html(raw):
        raise InputError(source, "not an HTML page (no HTML markup found)")
    warnings = []
    if not re.search(r"</html\s*>|</body\s*>", html[-2048:], re.I):
        warnings.append(f"{source}: page looks truncated (no closing </body> or </html>); extracted what was there")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, include_formatting=False,
        )
    except Exception as e:  # lxml/trafilatura on broken markup: one clear line, not a traceback
        raise InputError(source, f"malformed HTML ({type(e).__name__}: {e})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    words = len(text.split())
    if words < MIN_WORDS:
        # trafilatura falls back to whatever text there is ("Home", a footer line)
        raise InputError(source, "no article text found in the page"
                         + (f" (only {words} word(s) of page furniture)" if words else ""))
    published = _date(html)
    art = article_from_text(
        text,
        id,
        published=published,
        published_source="metadata" if published else None,
        capture_date=capture_date,
        default_published=default_published,
        source=source,
        max_chars=max_chars,
        title=doc.title,
        outlet=doc.sitename,
        url=url or doc.url,
        author=doc.author,
    )
    art.warnings.extend(warnings)
    return art


def read_html_bytes(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """One HTML page in memory: its main text as an Article."""
    try:
        yield article_from_html(data, Path(name).stem, source=name, default_published=opts.published,
                                max_chars=opts.max_chars, max_bytes=opts.byte_limit)
    except InputError as e:
        yield e


def read_html(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """An HTML file: its main text as an Article."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))
        return
    yield from read_html_bytes(data, str(path), opts)
