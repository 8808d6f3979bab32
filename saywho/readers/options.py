"""The options every reader takes, in one frozen value instead of four loose arguments."""
from __future__ import annotations

from dataclasses import dataclass

from .core import MAX_BYTES


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: passed unchanged from the command (or caller) down to every reader.

    ``published``: the fallback publication date (YYYY-MM-DD) for articles that carry
    none.  ``max_chars``: refuse texts longer than this (default ``MAX_CHARS``).
    ``max_bytes``: refuse raw inputs (a page, a feed, a WARC record, a download)
    larger than this; by default ``MAX_BYTES``, raised by ``max_chars`` (see
    :attr:`byte_limit`).  ``input_format``: the kind of every input (``auto`` or
    None: from the extension, else the content).
    """

    published: str | None = None
    max_chars: int | None = None
    max_bytes: int | None = None
    input_format: str | None = None

    @property
    def byte_limit(self) -> int:
        """The byte cap in force.  A raised ``max_chars`` raises it too: N characters take
        at most 4N bytes in UTF-8, and a text allowed by --max-chars must not stay refused
        for its size in bytes.  Every command reads through here, so they agree."""
        if self.max_bytes:
            return self.max_bytes
        return max(MAX_BYTES, 4 * self.max_chars) if self.max_chars else MAX_BYTES

    @property
    def format(self) -> str | None:
        """The forced input kind, or None to detect it (``auto`` means detect)."""
        return self.input_format if self.input_format and self.input_format != "auto" else None

    def as_run_options(self) -> dict[str, str]:
        """The options that change what extraction produces: part of "the same extraction"
        a store uses to tell a stored article from one to redo."""
        return {"published": self.published} if self.published else {}
