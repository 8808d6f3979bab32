#!/usr/bin/env python3
"""Score predicted engagements (calls, meetings, visits, messages) against a gold file.

    .venv/bin/python scripts/evaluate_events.py GOLD.jsonl PRED.jsonl [--misses]

GOLD: one article a line, ``{"id", "published", "events": [{"type", "participants",
"date", "status", "place", "evidence": [[start, end], ...], ...}], "annotated": true}``
(eval/events-gold.jsonl).  PRED: saywho's ``extract --format jsonl`` output, one
article a line with ``"id"`` and ``"events"``; saywho's types are call, meeting,
visit, message and other (``other`` is a type of its own: it never matches gold).

Only articles present in GOLD are scored; predictions for other ids are ignored and
a gold article without a prediction line counts as "no events predicted".

A predicted event matches a gold event when (the rules are documented in
eval/EVENTS-GOLD.md):

1. the types are equal;
2. at least one participant is shared after normalisation (accents stripped, case
   folded, punctuation and leading titles dropped); a one-word name matches a longer
   name with that last word ("Trump" ~ "Donald Trump") or first word (surname-first
   names: "Xi" ~ "Xi Jinping"), and names agreeing on first
   and last word match whatever the middle ("Donald J. Trump" ~ "Donald Trump");
3. the dates agree: both given -> equal at their shared granularity
   ("2016-09" ~ "2016-09-12"); gold null -> any predicted date; predicted null and
   gold non-null -> no match (the text stated a time and it was lost).

Matching is one-to-one and greedy per article, best pairs first (more shared
participants, then an exact date, then document order).  Prints precision, recall
and F1 overall and per type; ``--misses`` also lists the unmatched gold and
predicted events with their article id and offsets.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

TYPES = ("call", "meeting", "visit", "message", "other")

# Titles and honorifics that precede a name in news copy; dropped before comparing
# so that "President Barack Obama" and "Barack Obama" are the same participant.
_TITLES = {
    "the", "president", "vice", "former", "sen", "senator", "rep", "representative",
    "gov", "governor", "mr", "mrs", "ms", "dr", "secretary", "of", "state", "lt",
    "gen", "general", "rev", "prime", "minister", "chancellor", "mayor", "judge",
    "justice", "chief", "attorney", "speaker", "leader", "majority", "minority",
    "king", "queen", "prince", "pope", "sir", "dame", "lord",
}


def normalise_name(name: str) -> str:
    """Case-fold, strip accents and punctuation, drop leading titles and a possessive."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’]s\b", "", text)          # "Clinton's campaign" -> "clinton campaign"
    text = re.sub(r"[^\w\s-]", " ", text).replace("-", " ")
    tokens = text.split()
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens.pop(0)
    return " ".join(tokens)


def participant_name(item: Any) -> str:
    """A participant as a string: saywho may give a plain name or an object."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in ("canonical", "name", "text", "mention"):
            value = item.get(key)
            if isinstance(value, str) and value:
                return value
    return ""


def names_match(a: str, b: str) -> bool:
    """Whether two normalised names denote the same participant under the surname rule."""
    if not a or not b:
        return False
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if len(ta) == 1 or len(tb) == 1:
        short, long_ = (ta, tb) if len(ta) == 1 else (tb, ta)
        # Surname-only mention; the first word too, for surname-first names
        # ("Xi" ~ "Xi Jinping").
        return short[0] in (long_[-1], long_[0])
    # Same first and last word: a middle initial or middle name differs.
    return ta[0] == tb[0] and ta[-1] == tb[-1]


def shared_participants(gold: Sequence[Any], pred: Sequence[Any]) -> int:
    """How many gold participants have a matching predicted participant."""
    g = [normalise_name(participant_name(x)) for x in gold]
    p = [normalise_name(participant_name(x)) for x in pred]
    return sum(1 for gn in g if any(names_match(gn, pn) for pn in p))


def date_value(value: Any) -> str | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from a string or a date object."""
    if isinstance(value, dict):
        for key in ("iso", "value", "date"):
            if isinstance(value.get(key), str):
                value = value[key]
                break
        else:
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    m = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip())
    return m.group(0) if m else None


def dates_agree(gold: Any, pred: Any) -> bool:
    """Gold null agrees with anything; predicted null never agrees with a gold date;
    two dates agree on their shared granularity."""
    g, p = date_value(gold), date_value(pred)
    if g is None:
        return True
    if p is None:
        return False
    n = min(len(g), len(p))
    return g[:n] == p[:n]


def event_type(event: dict[str, Any]) -> str:
    """The event's type, lower-cased; unknown types count as ``other``."""
    t = str(event.get("type") or "other").lower()
    return t if t in TYPES else "other"


def match_article(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one greedy matching of one article's events; returns (gold, pred) index pairs."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if event_type(g) != event_type(p):
                continue
            shared = shared_participants(g.get("participants") or [], p.get("participants") or [])
            if not shared or not dates_agree(g.get("date"), p.get("date")):
                continue
            exact = date_value(g.get("date")) == date_value(p.get("date"))
            candidates.append((-shared, not exact, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def load_jsonl(path: str | Path) -> dict[str, dict[str, Any]]:
    """Articles of a JSONL file keyed by id (blank lines skipped)."""
    rows: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0.0 when undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold: dict[str, dict[str, Any]], pred: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Counts per type plus the unmatched events of every gold article."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    misses: list[tuple[str, str, dict[str, Any]]] = []
    for aid, g_row in gold.items():
        g_events = list(g_row.get("events") or [])
        p_events = list((pred.get(aid) or {}).get("events") or [])
        pairs = match_article(g_events, p_events)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        for gi, ev in enumerate(g_events):
            n_gold[event_type(ev)] += 1
            if gi in mg:
                tp[event_type(ev)] += 1
            else:
                misses.append((aid, "gold", ev))
        for pi, ev in enumerate(p_events):
            n_pred[event_type(ev)] += 1
            if pi not in mp:
                misses.append((aid, "pred", ev))
    return {"tp": tp, "gold": n_gold, "pred": n_pred, "misses": misses}


def format_table(result: dict[str, Any]) -> str:
    """A markdown table: one row per type with any event, then the overall row."""
    lines = ["| type | gold | pred | matched | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for t in TYPES:
        g, p, m = result["gold"][t], result["pred"][t], result["tp"][t]
        if g or p:
            pr, rc, f = prf(m, p, g)
            lines.append(f"| {t} | {g} | {p} | {m} | {pr:.3f} | {rc:.3f} | {f:.3f} |")
    g, p, m = (sum(result[k].values()) for k in ("gold", "pred", "tp"))
    pr, rc, f = prf(m, p, g)
    lines.append(f"| **all** | {g} | {p} | {m} | {pr:.3f} | {rc:.3f} | {f:.3f} |")
    return "\n".join(lines)


def offsets(event: dict[str, Any]) -> Any:
    """Whatever offsets an event carries (gold ``evidence``; saywho's spans)."""
    for key in ("evidence", "spans", "span"):
        if event.get(key):
            return event[key]
    if "start" in event and "end" in event:
        return [event["start"], event["end"]]
    return None


def format_misses(misses: Iterable[tuple[str, str, dict[str, Any]]]) -> str:
    """One line per unmatched event: side, article id, type, participants, date, offsets."""
    out = []
    for aid, side, ev in misses:
        names = [participant_name(x) for x in ev.get("participants") or []]
        out.append(f"{side}\t{aid}\t{event_type(ev)}\t{'; '.join(names)}\t"
                   f"{date_value(ev.get('date'))}\t{ev.get('status')}\t{json.dumps(offsets(ev))}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: print the table (and the misses with ``--misses``)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--misses", action="store_true", help="list unmatched gold and predicted events")
    args = ap.parse_args(argv)
    gold = load_jsonl(args.gold)
    pred = load_jsonl(args.pred)
    result = score(gold, pred)
    scored = sum(1 for aid in gold if aid in pred)
    print(f"articles in gold: {len(gold)}; with a prediction line: {scored}; "
          f"prediction lines ignored (not in gold): {sum(1 for aid in pred if aid not in gold)}")
    print(format_table(result))
    if args.misses:
        print("\nside\tid\ttype\tparticipants\tdate\tstatus\toffsets")
        print(format_misses(result["misses"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
