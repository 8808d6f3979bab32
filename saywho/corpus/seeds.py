"""The people file: known people that seed identities.

CSV (header ``name,aliases,roles,qid``) or JSONL (the same keys), one person a row:

- ``name``: the name to show;
- ``aliases``: other names (CSV: separated by ``;``, JSONL: a list);
- ``roles``: a JSON list of ``{"role", "country", "start", "end"}`` (dates YYYY[-MM[-DD]],
  either end may be missing), so that "the Prime Minister" in a UK article of
  January 2025 resolves to whoever held the office then;
- ``qid``: an external id (a Wikidata QID such as Q6279), shown with the identity.
"""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..dates import period
from ..errors import InputError


@dataclass(frozen=True)
class Role:
    role: str
    country: str | None = None
    start: str | None = None
    end: str | None = None

    def covers(self, day: str | None) -> bool:
        """Held on ``day`` (YYYY-MM-DD); an unknown day is covered by no dated role."""
        if day is None:
            return self.start is None and self.end is None
        s = period(self.start)
        e = period(self.end)
        return (s is None or s[0] <= day) and (e is None or day <= e[1])


@dataclass(frozen=True)
class Seed:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    qid: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _roles(raw: Any, where: str) -> list[Role]:
    if raw in (None, ""):
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as e:
            raise InputError(where, f"roles is not a JSON list ({e.msg})") from None
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise InputError(where, "roles must be a list of {role, country, start, end}")
    out = []
    for r in raw:
        if isinstance(r, str):
            r = {"role": r}
        if not isinstance(r, dict) or not str(r.get("role") or "").strip():
            raise InputError(where, f"a role needs a 'role' name: {r!r}")
        for k in ("start", "end"):
            if r.get(k) not in (None, "") and period(str(r[k])) is None:
                raise InputError(where, f"role {r['role']!r}: {k} {r[k]!r} is not a date (YYYY[-MM[-DD]])")
        out.append(Role(str(r["role"]).strip(), (str(r["country"]).strip() or None) if r.get("country") else None,
                        str(r["start"]) if r.get("start") else None, str(r["end"]) if r.get("end") else None))
    return out


def _seed(row: dict[str, Any], where: str) -> Seed:
    name = str(row.get("name") or "").strip()
    if not name:
        raise InputError(where, "a row without a name")
    al = row.get("aliases") or []
    if isinstance(al, str):
        al = [a for a in (x.strip() for x in al.split(";")) if a]
    if not isinstance(al, list):
        raise InputError(where, "aliases must be a list or a ';'-separated string")
    qid = str(row.get("qid") or "").strip() or None
    return Seed(name, [str(a).strip() for a in al if str(a).strip()], _roles(row.get("roles"), where), qid)


def load_people(path: str | os.PathLike[str]) -> list[Seed]:
    """Read a people file (CSV or JSONL, by extension, else by its first character).

    Raises :class:`InputError` naming the file and line for anything it cannot use.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(p), f"cannot read ({getattr(e, 'strerror', None) or e})") from None
    jsonl = p.suffix.lower() in (".jsonl", ".json", ".ndjson") or raw.lstrip()[:1] == "{"
    seeds: list[Seed] = []
    if jsonl:
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{p}:{n}", f"not JSON ({e.msg})") from None
            if not isinstance(row, dict):
                raise InputError(f"{p}:{n}", "each line must be a JSON object")
            seeds.append(_seed(row, f"{p}:{n}"))
    else:
        reader = csv.DictReader(io.StringIO(raw))
        if not reader.fieldnames or "name" not in [f.strip() for f in reader.fieldnames]:
            raise InputError(str(p), "a CSV people file needs a header with a 'name' column")
        for n, row in enumerate(reader, 2):
            seeds.append(_seed({(k or "").strip(): v for k, v in row.items()}, f"{p}:{n}"))
    if not seeds:
        raise InputError(str(p), "no people in the file")
    return seeds
