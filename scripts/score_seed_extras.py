#!/usr/bin/env python3
"""The seed articles beyond quotes: engagements against the gold, and people's roles.

    .venv/bin/python scripts/score_seed_extras.py GOLD.jsonl PRED.jsonl

Engagements: scored with scripts/evaluate_events.py's matching (type, a shared
participant, agreeing dates), then each matched pair compared field by field
(participants, date, duration, topics); every difference and every unmatched event
is printed, flagged with ``!``.

Roles: the gold has none, so each person's roles are printed and flagged where they
cannot be right whatever the gold would say: a role whose words are nowhere near a
mention of the person, a role that stands nearer to someone else wherever it is written,
a role given to two people of one article, and a name listed as two kinds (a person and
an organisation) in one article.
Exit code 0 always: this is a report for ``make demo``, not a gate.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: How far (characters) from a mention a role's words may stand ("Tory leader Kemi Badenoch").
NEAR = 80


def _events_module() -> Any:
    """scripts/evaluate_events.py, loaded by path (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("evaluate_events", Path(__file__).with_name("evaluate_events.py"))
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _names(ev: dict[str, Any], ee: Any) -> list[str]:
    return [ee.participant_name(x) for x in ev.get("participants") or []]


def event_lines(gold: dict[str, Any], pred: dict[str, Any], ee: Any) -> list[str]:
    """One line per gold or predicted event: matched pairs with their differences."""
    out = []
    for aid, g_row in gold.items():
        g_ev, p_ev = list(g_row.get("events") or []), list((pred.get(aid) or {}).get("events") or [])
        pairs = ee.match_article(g_ev, p_ev)
        for gi, pi in pairs:
            g, p = g_ev[gi], p_ev[pi]
            diffs = []
            gn, pn = {ee.normalise_name(n) for n in _names(g, ee)}, {ee.normalise_name(n) for n in _names(p, ee)}
            if gn != pn:
                diffs.append(f"participants {sorted(_names(p, ee))} (gold {sorted(_names(g, ee))})")
            if ee.date_value(g.get("date")) != ee.date_value(p.get("date")):
                diffs.append(f"date {p.get('date')} (gold {g.get('date')})")
            if g.get("duration_minutes") is not None and g.get("duration_minutes") != p.get("duration_minutes"):
                diffs.append(f"duration {p.get('duration_minutes')} (gold {g['duration_minutes']})")
            missing = [t for t in g.get("topics") or [] if t.casefold() not in
                       {x.casefold() for x in p.get("topics") or []}]
            if missing:
                diffs.append(f"topics missing {missing}")
            flag = "!" if diffs else " "
            out.append(f"{flag} {aid[:12]:12} {g['type']:8} {', '.join(_names(g, ee)):40} {g.get('date')}"
                       + ("   " + "; ".join(diffs) if diffs else "   ok"))
        mg, mp = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        out += [f"! {aid[:12]:12} {e['type']:8} {', '.join(_names(e, ee)):40} {e.get('date')}   missed (gold)"
                for i, e in enumerate(g_ev) if i not in mg]
        out += [f"! {aid[:12]:12} {e['type']:8} {', '.join(_names(e, ee)):40} {e.get('date')}   not in gold"
                for i, e in enumerate(p_ev) if i not in mp]
    return out


def _gap(a: tuple[int, int], b: Sequence[int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def _nearer_other(text: str, role: str, person: dict[str, Any], people: list[dict[str, Any]]) -> str | None:
    """The other person every occurrence of ``role`` stands nearer to (by the nearest
    mention), None when some occurrence is nearest to ``person`` or the role is not in the text."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(role), text, re.I)]
    # a mention that is the role phrase itself ("the 45th President") proves nothing: it
    # was given to the person with the role
    last = person["name"].split()[-1].casefold() if person["name"].split() else ""
    mine = [m for m in person.get("mentions") or []
            if role.casefold() not in text[m[0]:m[1]].casefold() or last in text[m[0]:m[1]].casefold()]
    if not spans or not mine:
        return None
    nearest_other = None
    for sp in spans:
        d_mine = min(_gap(sp, m) for m in mine)
        others = [(min(_gap(sp, m) for m in o["mentions"]), o["name"]) for o in people
                  if o is not person and o.get("mentions") and o["name"] != person["name"]]
        best = min(others, default=None)
        if best is None or best[0] >= d_mine:
            return None
        nearest_other = best[1]
    return nearest_other


def role_flags(art: dict[str, Any], text: str) -> list[tuple[str, str, list[str], list[str]]]:
    """(name, kind, roles, flags) for every person listed in one predicted article, whose
    text is ``text`` (the gold's: the prediction need not carry it)."""
    people = art.get("people") or []
    holders: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    for p in people:
        kinds[p["name"].casefold()].add(p.get("kind") or "person")
        for r in p.get("roles") or []:
            holders[r.casefold()].add(p["name"])
    rows = []
    for p in people:
        flags = []
        windows = [text[max(0, s - NEAR):e + NEAR].casefold() for s, e in p.get("mentions") or []]
        for r in p.get("roles") or []:
            words = [w for w in re.findall(r"\w+", r.casefold()) if len(w) > 2]
            if windows and words and not any(all(w in win for w in words) for win in windows):
                flags.append(f"'{r}' not near a mention")
            if len(holders[r.casefold()]) > 1:
                flags.append(f"'{r}' also given to {sorted(holders[r.casefold()] - {p['name']})}")
            closer = _nearer_other(text, r, p, people)
            if closer:
                flags.append(f"'{r}' stands nearer to {closer}")
        if len(kinds[p["name"].casefold()]) > 1:
            flags.append(f"listed as {sorted(kinds[p['name'].casefold()])}")
        rows.append((p["name"], p.get("kind") or "person", list(p.get("roles") or []), flags))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Print the engagement comparison and the roles table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    a = ap.parse_args(argv)
    ee = _events_module()
    gold, pred = ee.load_jsonl(a.gold), ee.load_jsonl(a.pred)
    print("Engagements (seed gold):")
    print(ee.format_table(ee.score(gold, pred)))
    for line in event_lines(gold, pred, ee):
        print(line)
    print("\nPeople and roles (flagged '!' where a role cannot be right):")
    n_flagged = 0
    for aid in gold:
        for name, kind, roles, flags in role_flags(pred.get(aid) or {}, gold[aid].get("text") or ""):
            n_flagged += bool(flags)
            print(f"{'!' if flags else ' '} {aid[:12]:12} {name[:32]:32} {kind:12} {', '.join(roles) or '-'}"
                  + (f"   [{'; '.join(flags)}]" if flags else ""))
    print(f"{n_flagged} people flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
