"""Lists as JSON pages, or as whole CSV / JSONL downloads streamed page by page."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

from fastapi.encoders import jsonable_encoder
from fastapi.responses import StreamingResponse

log = logging.getLogger("saywho.web")

Format = Literal["json", "csv", "jsonl"]
#: Fetches ``limit`` records from ``offset`` on.
Fetch = Callable[[int, int], Sequence[Any]]

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
_CHUNK = 500  # records per store call while streaming a download

DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A page of JSON (format=json), or the whole list as CSV or JSON Lines.",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


_SCALARS = (str, int, float, bool, type(None))


def plain(v: Any) -> Any:
    """``v`` as JSON-ready values, as ``jsonable_encoder(dataclasses.asdict(v))`` gives them.

    The common types (scalars, dates, lists, dicts, dataclasses) are converted here
    directly: ``asdict`` deep-copies every value and ``jsonable_encoder`` tests each one
    against a dozen types, which made the conversion of the records most of a list
    request's time.  Anything else goes to ``jsonable_encoder``."""
    if isinstance(v, _SCALARS):
        return v
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, dict):
        return {k if isinstance(k, str) else jsonable_encoder(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
    return jsonable_encoder(v)


def record_dict(rec: Any) -> dict[str, Any]:
    """A store record (dataclass with ``to_dict``) as JSON-ready values (dates as ISO strings)."""
    # A record whose to_dict is the plain asdict is converted field by field (see plain);
    # one with its own to_dict keeps it.
    own = getattr(type(rec), "to_dict", None)
    if dataclasses.is_dataclass(rec) and (own is None or own is _asdict_to_dict()):
        return plain(rec)  # type: ignore[no-any-return]
    d = rec.to_dict() if hasattr(rec, "to_dict") else dict(rec)
    return plain(d)  # type: ignore[no-any-return]


def _asdict_to_dict() -> Any:
    from ..records import _Record

    return _Record.to_dict


def json_page(fetch: Fetch, limit: int | None, offset: int) -> dict[str, Any]:
    lim = limit or DEFAULT_LIMIT
    rows = list(fetch(lim + 1, offset))  # one more tells whether a next page exists
    return {
        "items": [record_dict(r) for r in rows[:lim]],
        "limit": lim,
        "offset": offset,
        "next_offset": offset + lim if len(rows) > lim else None,
    }


def _records(fetch: Fetch, limit: int | None, offset: int) -> Iterator[dict[str, Any]]:
    left = limit  # None: the whole list
    while left is None or left > 0:
        n = _CHUNK if left is None else min(_CHUNK, left)
        rows = list(fetch(n, offset))
        for r in rows:
            yield record_dict(r)
        if len(rows) < n:
            return
        offset += n
        if left is not None:
            left -= n


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return "; ".join(str(_cell(x)) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def _csv_lines(rows: Iterator[dict[str, Any]], fields: list[str]) -> Iterator[str]:
    buf = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            # Columns: the model's that the store serves, then any the store adds.
            fields = [k for k in fields if k in row] + [k for k in row if k not in fields]
            writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _cell(row.get(k)) for k in fields})
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if writer is None:  # empty list: the header alone
        csv.writer(buf).writerow(fields)
        yield buf.getvalue()


#: The last line of a JSON Lines download cut off by a failure (never the failure's text,
#: which may name the database).
TRAILER = {"error": "the download failed part way and is incomplete"}


class DownloadAborted(RuntimeError):
    """Raised inside a download's body: the server then drops the connection without
    the terminating chunk, so that every client sees the download as incomplete."""


def _abort_on_failure(body: Iterator[str], jsonl: bool) -> Iterator[str]:
    """``body``, but a failure part way ends it as incomplete rather than as a short 200."""
    try:
        yield from body
    except Exception as e:  # noqa: BLE001 - any failure must cut the download
        log.error("download failed part way: %s", e)
        if jsonl:  # a reader that ignores the broken connection still sees the failure
            yield json.dumps(TRAILER) + "\n"
        raise DownloadAborted("download aborted") from e


def download(kind: str, fmt: Format, fetch: Fetch, limit: int | None, offset: int,
             fields: list[str]) -> StreamingResponse:
    rows = _records(fetch, limit, offset)
    try:
        # The first records before the response starts: a store that fails at once is
        # a 503 answer, not a 200 cut short.
        head = next(rows)
    except StopIteration:
        rows = iter(())
    else:
        rows = itertools.chain([head], rows)
    stamp = dt.date.today().isoformat()
    if fmt == "csv":
        body: Iterator[str] = _csv_lines(rows, list(fields))
        media = "text/csv; charset=utf-8"
        name = f"saywho-{kind}-{stamp}.csv"
    else:
        body = (json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        media = "application/x-ndjson"
        name = f"saywho-{kind}-{stamp}.jsonl"
    return StreamingResponse(_abort_on_failure(body, fmt == "jsonl"), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


def list_response(kind: str, fmt: Format, fetch: Fetch, limit: int | None, offset: int,
                  fields: list[str]) -> Any:
    if fmt == "json":
        return json_page(fetch, limit, offset)
    return download(kind, fmt, fetch, limit, offset, fields)


def sliced(records: Callable[[], Sequence[Any]]) -> Fetch:
    """A Fetch over a store call that takes no limit/offset (it returns the whole list)."""
    cache: list[Sequence[Any]] = []

    def fetch(limit: int, offset: int) -> Sequence[Any]:
        if not cache:
            cache.append(records())
        return cache[0][offset:offset + limit]

    return fetch
