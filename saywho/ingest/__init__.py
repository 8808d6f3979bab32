"""Stage 1: inputs -> Articles with metadata and debris lines marked.

Every reader yields :class:`~saywho.model.Article` objects, or
:class:`~saywho.errors.InputError` objects for inputs that cannot be read, so that a
batch goes on past a bad document.  The article text is kept exactly as given
(decoding aside): all offsets point into it.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .debris import find_debris
from .text import decode_bytes

__all__ = ["read_inputs", "read_path", "article_from_text", "find_debris", "decode_bytes", "MAX_CHARS"]

#: The longest text accepted (characters); longer inputs get a clear error.
MAX_CHARS = int(os.environ.get("SAYWHO_MAX_CHARS", 5_000_000))

Item = Article | InputError


def article_from_text(
    text: str,
    id: str,
    *,
    published: str | None = None,
    published_source: str | None = None,
    source: str | None = None,
    max_chars: int | None = None,
    **meta: str | None,
) -> Article:
    """Make an Article of a text, checking it and marking its debris lines."""
    src = source or id
    limit = max_chars or MAX_CHARS
    if not text.strip():
        raise InputError(src, "empty text: nothing to extract")
    if len(text) > limit:
        raise InputError(
            src, f"text too long: {len(text):,} characters (limit {limit:,}; raise it with --max-chars)"
        )
    art = Article(
        id=str(id),
        text=text,
        published=published,
        published_source=published_source or ("given" if published else None),
        source=src,
        **{k: v for k, v in meta.items() if k in {"title", "outlet", "url", "author", "language"}},
    )
    art.skipped = find_debris(text)
    return art


def _read_txt(path: Path, published: str | None, max_chars: int | None) -> Iterator[Item]:
    try:
        data = path.read_bytes()
        text, warnings = decode_bytes(data, str(path))
        art = article_from_text(text, path.stem, published=published, source=str(path), max_chars=max_chars)
        art.warnings.extend(warnings)
        yield art
    except InputError as e:
        yield e
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))


def _read_jsonl_lines(lines: Iterable[bytes], name: str, published: str | None, max_chars: int | None) -> Iterator[Item]:
    for n, raw in enumerate(lines, 1):
        src = f"{name}:{n}"
        if not raw.strip():
            continue
        try:
            line, _ = decode_bytes(raw, src)
            d = json.loads(line)
        except InputError as e:
            yield e
            continue
        except json.JSONDecodeError as e:
            yield InputError(src, f"not valid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(d, dict):
            yield InputError(src, "a JSONL line must be an object with 'id' and 'text'")
            continue
        text = d.get("text")
        if not isinstance(text, str):
            yield InputError(src, "no 'text' string in this line")
            continue
        art_id = str(d.get("id") or f"{Path(name).stem}-{n}")
        try:
            yield article_from_text(
                text,
                art_id,
                published=d.get("published") or published,
                published_source="given" if (d.get("published") or published) else None,
                source=src,
                max_chars=max_chars,
                title=d.get("title"),
                outlet=d.get("outlet"),
                url=d.get("url"),
                author=d.get("author"),
            )
        except InputError as e:
            yield e


def _read_jsonl(path: Path, published: str | None, max_chars: int | None) -> Iterator[Item]:
    try:
        with path.open("rb") as f:
            yield from _read_jsonl_lines(f, str(path), published, max_chars)
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))


#: Readers by file extension.  Other input kinds (HTML, WARC, feeds) register here.
READERS = {
    ".txt": _read_txt,
    ".text": _read_txt,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
}


def read_path(path: str | Path, *, published: str | None = None, max_chars: int | None = None) -> Iterator[Item]:
    """Read one path: a file of a known kind or a directory (walked in name order)."""
    p = Path(path)
    if not p.exists():
        yield InputError(str(path), "no such file or directory")
        return
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and _suffix(child) in READERS:
                yield from read_path(child, published=published, max_chars=max_chars)
        return
    reader = READERS.get(_suffix(p), _read_txt)
    yield from reader(p, published, max_chars)


def _suffix(p: Path) -> str:
    name = p.name.lower()
    for suf in sorted(READERS, key=len, reverse=True):
        if name.endswith(suf):
            return suf
    return p.suffix.lower()


def read_stdin(published: str | None = None, max_chars: int | None = None, name: str = "stdin") -> Iterator[Item]:
    """Read standard input as one text article (id ``stdin``)."""
    data = sys.stdin.buffer.read()
    try:
        text, warnings = decode_bytes(data, "<stdin>")
        art = article_from_text(text, name, published=published, source="<stdin>", max_chars=max_chars)
        art.warnings.extend(warnings)
        yield art
    except InputError as e:
        yield e


def read_inputs(
    paths: Iterable[str], *, published: str | None = None, max_chars: int | None = None
) -> Iterator[Item]:
    """Read every input in turn: paths, directories, or ``-`` for standard input."""
    for path in paths:
        if path == "-":
            yield from read_stdin(published, max_chars)
        else:
            yield from read_path(path, published=published, max_chars=max_chars)
