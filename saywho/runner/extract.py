"""The extraction step of a run, for a chunk of Articles: in this process or on a Dask
worker.  A chunk is parsed in ``nlp.pipe`` batches; when anything in it raises, its
documents are redone one by one so that one bad document fails alone (the only place
this batch-then-one-by-one retry is written)."""
from __future__ import annotations

import resource
import sys
from collections.abc import Iterator

from ..model import Article
from .storewrite import one_line

#: Characters per ``nlp.pipe`` batch inside a chunk (documents x longest): a batch of
#: 8 news articles of 5,000 characters goes in one; long ones go alone.  Measured on
#: en_core_web_sm, a batch costs about 6 KB per character at its peak.
PIPE_CHARS = 40_000

#: A chunk's results: an annotated Article, or (source, reason) for a document that failed.
Result = Article | tuple[str, str]


def source_of(art: Article) -> str:
    """How a failure names its article: where it was read from, else its URL or id."""
    return art.source or art.url or art.id


def extract_chunk(articles: list[Article]) -> list[Result]:
    """Annotate a chunk of Articles (on a worker, or here); a failing document fails alone.

    The chunk is parsed in ``nlp.pipe`` batches; if anything in it raises, every
    document is redone on its own and the ones that raise come back as
    ``(source, reason)``.
    """
    from ..pipeline import extract_articles

    try:
        out_ok: list[Result] = []
        for group in parse_groups(articles):
            out_ok.extend(extract_articles(group, batch_size=len(group)))
        return out_ok
    except Exception:  # noqa: BLE001 - find which document it was, below
        pass
    out: list[Result] = []
    for art in articles:
        try:
            out.extend(extract_articles([art], batch_size=1))
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
            # the reason names the error, never the article (a message may quote the text)
            out.append((source_of(art), f"extraction failed: {type(e).__name__}: {one_line(e, 100)}"))
    return out


def parse_groups(articles: list[Article]) -> Iterator[list[Article]]:
    """The chunk in order, cut into ``nlp.pipe`` batches of at most PIPE_CHARS characters
    counted as (documents x longest): the parser's memory grows with the batch, and a
    worker's peak memory is what limits how many fit on a machine."""
    group: list[Article] = []
    longest = 0
    for art in articles:
        n = len(art.text)
        if group and (len(group) + 1) * max(longest, n) > PIPE_CHARS:
            yield group
            group, longest = [], 0
        group.append(art)
        longest = max(longest, n)
    if group:
        yield group


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports ru_maxrss in KB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)
