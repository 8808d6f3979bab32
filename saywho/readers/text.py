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
from collections.abc import Iterable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

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


def read_txt(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """A plain-text file: one article, id = the file stem."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))
        return
    yield from read_text_bytes(data, str(path), opts)


def read_jsonl_lines(lines: Iterable[bytes], name: str, opts: ReadOptions) -> Iterator[Item]:
    """JSONL lines, one article each (id, text, optional published, title, outlet, url, author)."""
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
        except (json.JSONDecodeError, RecursionError) as e:
            msg = f"{e.msg} at column {e.colno}" if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            yield InputError(src, f"not valid JSON ({msg})")
            continue
        if not isinstance(d, dict):
            yield InputError(src, "a JSONL line must be an object with 'id' and 'text'")
            continue
        text = d.get("text")
        if not isinstance(text, str):
            yield InputError(src, "no 'text' string in this line")
            continue
        art_id = str(d.get("id") or f"{Path(name).stem}-{n}")
        own = d.get("published")
        meta = {k: d.get(k) if isinstance(d.get(k), str) else None for k in ("title", "outlet", "url", "author")}
        try:
            yield article_from_text(
                text, art_id,
                published=own if isinstance(own, str) and own else None,
                default_published=opts.published,
                source=src, max_chars=opts.max_chars, **meta,
            )
        except InputError as e:
            yield e


def read_jsonl(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """A JSONL file, read line by line (caps apply per line, not to the file)."""
    try:
        with path.open("rb") as f:
            yield from read_jsonl_lines(f, str(path), opts)
    except OSError as e:
        yield InputError(str(path), e.strerror or str(e))
