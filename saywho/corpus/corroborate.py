"""Corroboration: for one engagement or statement told by several outlets, which details
agree and which one outlet alone reports.

Statuses of a detail's value:

- ``agreed``: two or more sources give it and no source gives another value;
- ``single source``: one source alone gives it (the others say nothing of it);
- ``disputed``: sources give different values for the same detail (each value is listed
  with the outlets that gave it).

Topics are set-valued: each topic is its own detail, ``agreed`` when every source has it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..records import CorroborationRecord, Detail, EventRecord, Source, StatementRecord
from .statements import norm_text


def _label(outlet: str | None, article_id: str) -> str:
    return outlet or article_id


def _single_valued(field: str, values: dict[str, Any]) -> list[Detail]:
    """``values``: source label -> value (None: the source does not say)."""
    by_value: dict[Any, list[str]] = defaultdict(list)
    for src, v in values.items():
        if v is not None:
            by_value[v].append(src)
    if not by_value:
        return []
    disputed = len(by_value) > 1
    out = []
    for v, srcs in sorted(by_value.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))):
        status = "disputed" if disputed else ("agreed" if len(srcs) > 1 else "single source")
        out.append(Detail(field, v, sorted(srcs), status))
    return out


def compare_engagement(events: Sequence[EventRecord]) -> CorroborationRecord:
    """One engagement as several articles reported it (their EventRecords)."""
    evs = sorted(events, key=lambda e: (e.published or "9999", e.article_hash))
    labels = {e.id: _label(e.outlet, e.article_id) for e in evs}
    details = _single_valued("date", {labels[e.id]: e.date for e in evs})
    details += _single_valued("duration_minutes", {labels[e.id]: e.duration_minutes for e in evs})
    topic_srcs: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    for e in evs:
        for t in e.topics:
            k = norm_text(t)
            shown.setdefault(k, t)
            topic_srcs[k].add(labels[e.id])
    everyone = set(labels.values())
    for k, srcs in sorted(topic_srcs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        status = "agreed" if srcs == everyone and len(srcs) > 1 else (
            "single source" if len(srcs) == 1 else "partly reported")
        details.append(Detail("topic", shown[k], sorted(srcs), status))
    dated = next((e.date for e in evs if e.date), None)
    first = evs[0]
    title = f"{first.type}: {' & '.join(first.participants)}"
    sources = [Source(e.article_hash, e.article_id, e.outlet, e.url, e.published) for e in evs]
    return CorroborationRecord("engagement", title, dated, sources, details)


def compare_statement(s: StatementRecord) -> CorroborationRecord:
    """One statement's wordings: the same words everywhere, or which outlet printed which."""
    labels = [_label(src.outlet, src.article_id) for src in s.sources]
    wording = dict(zip(labels, s.source_wordings or [s.text] * len(labels)))
    # Quotation marks and spacing are the outlet's house style, not a different wording.
    canon: dict[str, str] = {}
    values = {}
    for lab, w in wording.items():
        k = norm_text(w)
        canon.setdefault(k, w)
        values[lab] = canon[k]
    details = _single_valued("wording", values)
    date = (s.first_published or "")[:10] or None
    text = " ".join(s.text.split())
    title = f"{s.speaker or '?'}: {text[:80]}{'…' if len(text) > 80 else ''}"
    return CorroborationRecord("statement", title, date, list(s.sources), details)
