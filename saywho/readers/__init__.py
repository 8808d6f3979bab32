"""Stage 1, the readers: inputs -> Articles (with metadata and debris lines marked) or InputErrors.

Every reader yields :class:`~saywho.model.Article` objects, or
:class:`~saywho.errors.InputError` objects for inputs that cannot be read, so that a
batch goes on past a bad document.  The article text is kept exactly as the
reader made it (for HTML: trafilatura's extracted text): all offsets point into it.

Input kinds: plain text, JSONL, HTML pages, WARC / WARC.gz, RSS / Atom feeds,
http(s) URLs (fetched), directories of these (walked in name order), and ``-``
for standard input.  A file's kind comes from its extension, else from its first
bytes; ``input_format`` overrides both.  Every reader takes one frozen
:class:`ReadOptions` (published, max_chars, max_bytes, input_format).
"""
from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, content_hash
from .core import MAX_BYTES, MAX_CHARS, Item, NotAnArticle, NotEnglish, article_from_text
from .debris import find_debris
from .feed import read_feed, read_feed_bytes
from .fetch import is_url, read_url
from .html import read_html, read_html_bytes
from .options import ReadOptions
from .text import LineTooLong, capped_lines, decode_bytes, read_jsonl, read_jsonl_lines, read_text_bytes, read_txt
from .warc import read_warc, read_warc_bytes

__all__ = [
    "read_inputs", "read_path", "article_from_text", "find_debris", "decode_bytes", "MAX_CHARS", "MAX_BYTES",
    "READERS", "INPUT_FORMATS", "NotAnArticle", "NotEnglish", "ReadOptions", "read_bytes", "sniff",
]

Reader = Callable[..., Iterator[Item]]

#: Readers by file extension: reader(path, options).
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".arc.gz": read_warc,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}

#: Readers by ``--input-format`` name.
BY_FORMAT: dict[str, Reader] = {"text": read_txt, "jsonl": read_jsonl, "html": read_html, "warc": read_warc,
                                "feed": read_feed}
INPUT_FORMATS = ("auto", *BY_FORMAT)


def sniff(data: bytes) -> str | None:
    """The input kind from a file's first bytes: warc, feed, html, jsonl, text; None for binary."""
    from .feed import looks_like_feed
    from .html import looks_like_html
    from .text import looks_binary

    head = data[:8192]
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=__import__("io").BytesIO(head)) as g:
                inner = g.read(16)
        except (OSError, EOFError):
            inner = b""
        return "warc" if inner.startswith(b"WARC/") else None
    if head.startswith(b"WARC/"):
        return "warc"
    if looks_binary(head):
        return None
    if looks_like_feed(head):
        return "feed"
    if looks_like_html(head):
        return "html"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    return "text"


def _suffix(p: Path) -> str:
    name = p.name.lower()
    for suf in sorted(READERS, key=len, reverse=True):
        if name.endswith(suf):
            return suf
    return p.suffix.lower()


def _head(p: Path) -> bytes:
    try:
        with p.open("rb") as f:
            return f.read(8192)
    except OSError:
        return b""


def _options(options: ReadOptions | None, fields: dict[str, Any]) -> ReadOptions:
    """``options`` as given, or made of loose keyword fields (``published=...``) for
    callers that name one or two of them."""
    if options is not None:
        if fields:
            raise TypeError("give either a ReadOptions or its fields, not both")
        return options
    return ReadOptions(**fields)


def read_path(path: str | Path, options: ReadOptions | None = None, **fields: Any) -> Iterator[Item]:
    """Read one path: a URL, a file of a known kind or a directory (walked in name order).

    ``options`` (or its fields as keywords): see :class:`ReadOptions`."""
    opts = _options(options, fields)
    if isinstance(path, str) and is_url(path):
        yield from read_url(path, opts)
        return
    p = Path(path)
    fmt = opts.format
    if not p.exists():
        yield InputError(str(path), "no such file or directory")
        return
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if not child.is_file() or any(part.startswith(".") for part in child.relative_to(p).parts):
                continue
            # in a directory, a file of unknown extension is read only when its bytes say what it is
            # (a README.md or a picture beside the articles is not an article)
            if fmt or _suffix(child) in READERS or sniff(_head(child)) not in (None, "text"):
                yield from read_path(child, opts)
        return
    limit = opts.byte_limit
    reader = BY_FORMAT[fmt] if fmt else READERS.get(_suffix(p))
    if reader is None:
        kind = sniff(_head(p))
        if kind is None:
            yield InputError(str(p), "binary file of unknown kind, not an article")
            return
        reader = BY_FORMAT[kind]
    elif reader is read_feed and _suffix(p) == ".xml" and sniff(_head(p)) == "html":
        reader = read_html  # XHTML saved as .xml
    if reader not in (read_warc, read_jsonl):  # archives and JSONL hold many articles; caps apply per record
        try:
            size = p.stat().st_size
        except OSError as e:
            yield InputError(str(p), e.strerror or str(e))
            return
        if size > limit:
            yield InputError(str(p), f"file too large: {size:,} bytes (limit {limit:,}; set SAYWHO_MAX_BYTES)")
            return
    yield from reader(p, opts)


def read_stdin(options: ReadOptions | None = None, name: str = "<stdin>", **fields: Any) -> Iterator[Item]:
    """Read standard input as one input of the options' format (default: sniffed; text when unsure)."""
    opts = _options(options, fields)
    limit = opts.byte_limit
    if opts.format == "jsonl":  # line by line, each line capped: a pipe may never end
        try:
            yield from read_jsonl_lines(capped_lines(sys.stdin.buffer, limit), name, opts)
        except LineTooLong as e:
            yield InputError(f"{name}:{e.line}", f"line longer than {e.limit:,} bytes: stopped reading "
                                                 "(set SAYWHO_MAX_BYTES)")
        return
    if opts.format == "warc":
        data = sys.stdin.buffer.read()
    else:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            yield InputError(name, f"input too large: over {limit:,} bytes (set SAYWHO_MAX_BYTES)")
            return
    yield from read_bytes(data, name, opts)


def read_bytes(data: bytes, name: str, options: ReadOptions | None = None, **fields: Any) -> Iterator[Item]:
    """Read one in-memory input (standard input, a test's bytes) of the given or sniffed kind."""
    opts = _options(options, fields)
    kind = opts.format or sniff(data) or "text"
    if kind == "html":
        yield from read_html_bytes(data, name, opts)
    elif kind == "warc":
        yield from read_warc_bytes(data, name, opts)
    elif kind == "feed":
        yield from read_feed_bytes(data, name, opts)
    elif kind == "jsonl":
        yield from read_jsonl_lines(data.splitlines(), name, opts)
    else:
        yield from read_text_bytes(data, name, opts)


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None, **fields: Any) -> Iterator[Item]:
    """Read every input in turn: paths, directories, URLs, or ``-`` for standard input.

    ``options`` (or its fields as keywords, e.g. ``published=``): see
    :class:`ReadOptions`; ``published`` is the fallback date for articles that carry
    none.  An article whose text is identical to one already read in this run (same
    content hash) is skipped; the skip is noted as a warning on the next article read.
    """
    opts = _options(options, fields)
    seen: dict[str, str] = {}
    notes: list[str] = []
    for path in paths:
        items = read_stdin(opts) if path == "-" else read_path(path, opts)
        for item in items:
            if isinstance(item, Article):
                # identical up to whitespace: a .txt and the same story's page differ in line ends only
                h = content_hash(" ".join(item.text.split()))
                if h in seen:
                    notes.append(f"{item.source or item.id}: same text as {seen[h]} (hash {h}): processed once")
                    notes.extend(item.warnings)  # what rode on the skipped copy still gets said
                    continue
                seen[h] = item.id
                if notes:
                    item.warnings[:0] = notes
                    notes = []
            yield item
    for note in notes:  # duplicates at the very end: no article left to carry them
        print(f"saywho: warning: {note}", file=sys.stderr)
