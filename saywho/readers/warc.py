"""WARC and WARC.gz (warcio): each HTML response record becomes an Article.

Its id and url are the record's target URI, and its capture date (WARC-Date)
stands in for the publication date when neither the page nor the text has one.
Other records (requests, metadata, non-HTML or non-200 responses) are skipped
and counted; the counts ride as a warning on the archive's last article.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .core import Item, hold_last
from .html import article_from_html
from .options import ReadOptions


def _cut_off(rec, already: int = 0) -> bool:  # type: ignore[no-untyped-def]
    """Drain the record; True when it ends before its Content-Length (a truncated file).

    warcio ends quietly at a truncated gzip member, so this is checked per record."""
    if rec.rec_headers.get_header("Content-Length") is None:  # every WARC record has one: the headers are cut
        return True
    n = already
    while chunk := rec.raw_stream.read(1 << 16):
        n += len(chunk)
    limit = getattr(rec.raw_stream, "limit", None)
    if limit is not None:
        return limit > 0
    if rec.http_headers is None:
        try:
            return n < int(rec.rec_headers.get_header("Content-Length") or 0)
        except ValueError:
            return False
    return False


def _records(stream, name: str, opts: ReadOptions, skipped: Counter[str]) -> Iterator[Item]:  # type: ignore[no-untyped-def]
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = opts.byte_limit
    n = 0
    try:
        for rec in ArchiveIterator(stream, arc2warc=True):
            n += 1
            uri = rec.rec_headers.get_header("WARC-Target-URI") or f"{name}#{n}"
            cut = InputError(name, f"truncated WARC: record {n} ({rec.rec_type} {uri}) is cut off")
            skip = None
            if rec.rec_type != "response" or rec.http_headers is None:
                skip = rec.rec_type or "unknown"
            else:
                status = rec.http_headers.get_statuscode()
                ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                if status != "200":
                    skip = f"status {status}"
                elif ctype and "html" not in ctype:
                    skip = ctype.split(";")[0].strip() or "non-HTML"
            if skip:
                if _cut_off(rec):
                    yield cut
                    return
                skipped[skip] += 1
                continue
            body = rec.content_stream().read(limit + 1)
            if _cut_off(rec):
                yield cut
                return
            src = f"{name} {uri}"
            if len(body) > limit:
                yield InputError(src, f"page too large: over {limit:,} bytes (set SAYWHO_MAX_BYTES)")
                continue
            date = (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None
            try:
                yield article_from_html(body, uri, source=src, url=uri, capture_date=date,
                                        default_published=opts.published, max_chars=opts.max_chars, max_bytes=limit)
            except InputError as e:
                yield e
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as e:
        # warcio raises these for a truncated gzip member or a cut-off record
        yield InputError(name, f"truncated or corrupt WARC after {n} record(s) ({type(e).__name__}: {e})")


def read_warc(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """A WARC or WARC.gz file: one Article per HTML response record."""
    name = str(path)
    skipped: Counter[str] = Counter()
    notes: list[str] = []

    def gen() -> Iterator[Item]:
        try:
            with path.open("rb") as f:
                yield from _records(f, name, opts, skipped)
        except OSError as e:
            yield InputError(name, e.strerror or str(e))
        if skipped:
            notes.append(f"{name}: {sum(skipped.values())} non-article record(s) skipped ("
                         + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())) + ")")

    yield from hold_last(gen(), notes, name, "no HTML response records")


def read_warc_bytes(data: bytes, name: str, opts: ReadOptions) -> Iterator[Item]:
    """A WARC in memory (standard input): one Article per HTML response record."""
    import io

    skipped: Counter[str] = Counter()
    notes: list[str] = []

    def gen() -> Iterator[Item]:
        yield from _records(io.BytesIO(data), name, opts, skipped)
        if skipped:
            notes.append(f"{name}: {sum(skipped.values())} non-article record(s) skipped ("
                         + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())) + ")")

    yield from hold_last(gen(), notes, name, "no HTML response records")
