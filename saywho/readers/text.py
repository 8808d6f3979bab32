"""Bytes -> text: UTF-8, else cp1252 with a warning, else a clear error."""
from __future__ import annotations

from ..errors import InputError

#: Control characters that never occur in text (TAB, LF, CR, FF are fine).
_BINARY_BYTES = bytes(range(0, 9)) + bytes([11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])


def looks_binary(data: bytes) -> bool:
    """A NUL byte, or many control bytes, in the first 8 KB means it is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    ctrl = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    return ctrl / len(head) > 0.05


def decode_bytes(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode a text file's bytes; returns the text and any warnings.

    Raises InputError for binary data and for bytes that are neither UTF-8 nor cp1252.
    """
    if looks_binary(data):
        raise InputError(source, "binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            source, f"not UTF-8 (bad byte 0x{data[first_bad]:02x} at offset {first_bad}) and not cp1252 either"
        ) from None
    return text, [f"{source}: not UTF-8 (bad byte at offset {first_bad}); decoded as cp1252"]


# ---------------------------------------------------------------- readers of plain text and JSONL

import json  # noqa: E402
import re  # noqa: E402
from collections.abc import Iterable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, BinaryIO  # noqa: E402

from ..model import Article  # noqa: E402

from .core import Item, article_from_text  # noqa: E402
from .options import ReadOptions  # noqa: E402


def read_text_bytes(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """One plain-text input in memory: decoded, checked, made an Article."""
    try:
        text, warnings = decode_bytes(data, name)
        art = article_from_text(text, Path(name).stem if name != "<stdin>" else "stdin",
                                default_published=opts.published, source=name, max_chars=opts.max_chars)
        art.warnings.extend(warnings)
        yield art
    except InputError as e:
        yield e


#: Bytes read at a time from a file or pipe whose size is not known in advance.
READ_CHUNK = 1 << 20


def read_capped(f: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``f``, read in bounded chunks; None when there are more
    (a pipe or /dev/zero says size 0 to stat, so the size cap must hold while reading)."""
    parts: list[bytes] = []
    got = 0
    while True:
        block = f.read(min(READ_CHUNK, limit + 1 - got))
        if not block:
            return b"".join(parts)
        parts.append(block)
        got += len(block)
        if got > limit:
            return None


def read_txt(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """A plain-text file: one article, id = the file stem."""
    limit = opts.byte_limit
    try:
        with path.open("rb") as f:
            data = read_capped(f, limit)
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))
        return
    if data is None:
        yield InputError(str(path), f"input too large: over {limit:,} bytes (set SAYWHO_MAX_BYTES)")
        return
    yield from read_text_bytes(data, str(path), opts)


class LineTooLong(Exception):
    """A JSONL line over the byte cap: reading that input stops there."""

    def __init__(self, line: int, limit: int) -> None:
        self.line, self.limit = line, limit
        super().__init__(f"line {line} longer than {limit:,} bytes")


def capped_lines(f: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``f``, each read with at most ``limit`` bytes in memory; raises
    :class:`LineTooLong` at the first longer one (there may be no end to it: /dev/zero)."""
    n = 0
    while True:
        raw = f.readline(limit + 1)
        if not raw:
            return
        n += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            raise LineTooLong(n, limit)
        yield raw


#: Surrogate code points: JSON can spell them alone (``"\ud800"``), but they are not
#: characters, and no UTF-8 output or database can take them.
_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELDS = ("id", "text", "published", "title", "outlet", "url", "author", "language")


def _bad_field(d: dict[str, Any]) -> str | None:
    """The first field holding a lone surrogate, as ``'id' (\\ud800)``; None when all are clean."""
    for k in _FIELDS:
        v = d.get(k)
        m = _SURROGATE.search(v) if isinstance(v, str) else None
        if m:
            return f"{k!r} (\\u{ord(m.group()):04x})"
    return None


def read_jsonl_lines(lines: Iterable[bytes], name: str, opts: ReadOptions) -> Iterator[Item]:
    """JSONL lines, one article each (id, text, optional published, title, outlet, url,
    author, language).  An input with no line at all is an error, as an empty text is."""
    seen = False
    for n, raw in enumerate(lines, 1):
        src = f"{name}:{n}"
        if not raw.strip():
            continue
        seen = True
        try:
            line, warnings = decode_bytes(raw, src)
            d = json.loads(line)
        except InputError as e:
            yield e
            continue
        except (json.JSONDecodeError, RecursionError) as e:
            msg = f"{e.msg} at column {e.colno}" if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            yield InputError(src, f"not valid JSON ({msg})")
            continue
        item = _jsonl_article(d, src, Path(name).stem, n, opts)
        if isinstance(item, Article):
            item.warnings.extend(warnings)  # decoded as cp1252: said as for a text file
        yield item
    if not seen:
        yield InputError(name, "empty file: no JSONL lines, nothing to extract")


def _jsonl_article(d: Any, src: str, stem: str, n: int, opts: ReadOptions) -> Item:
    """One decoded JSONL line -> an Article, or the InputError saying why not."""
    if not isinstance(d, dict):
        return InputError(src, "a JSONL line must be an object with 'id' and 'text'")
    text = d.get("text")
    if not isinstance(text, str):
        return InputError(src, "no 'text' string in this line")
    bad = _bad_field(d)
    if bad:
        return InputError(src, f"lone surrogate escape in {bad}: not a character; line skipped")
    art_id = str(d.get("id") or f"{stem}-{n}")
    own = d.get("published")
    meta = {k: d.get(k) if isinstance(d.get(k), str) else None
            for k in ("title", "outlet", "url", "author", "language")}
    try:
        return article_from_text(
            text, art_id,
            published=own if isinstance(own, str) and own else None,
            default_published=opts.published,
            source=src, max_chars=opts.max_chars, **meta,
        )
    except InputError as e:
        return e


def read_jsonl(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """A JSONL file, read line by line (caps apply per line, not to the file); a line
    over the byte cap stops the reading of this file with one error."""
    try:
        with path.open("rb") as f:
            yield from read_jsonl_lines(capped_lines(f, opts.byte_limit), str(path), opts)
    except LineTooLong as e:
        yield InputError(f"{path}:{e.line}", f"line longer than {e.limit:,} bytes: stopped reading this file "
                                             "(set SAYWHO_MAX_BYTES)")
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))
