"""A publication date found in the text itself: a dateline.

A date inside an embedded social post ("— Name (@handle) January 26, 2025") is the
post's date, not the article's: it is never taken as the publication date.

Only full dates (with a year) count: a date without one cannot be placed.
"""
from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MDY = _MON + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
_DMY = r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON.replace("mon>", "mon2>") + r",?\s+(?P<y2>(?:19|20)\d\d)"
_ISO = r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
_DATE = rf"(?:{_MDY}|{_DMY}|{_ISO})"

#: "LONDON, Nov 6, 2024 (Reuters) -", "Published: 6 November 2024", "Updated 2024-11-06 10:00"
_DATELINES = (
    re.compile(r"^\s*(?:published|posted|updated|first published|last updated)(?:\s+on)?\s*:?\s*"
               r"(?:\w+day,?\s+)?" + _DATE, re.I | re.M),
    re.compile(r"^\s*[A-Z][A-Za-z .'\-]{1,40},\s*(?:\w+day,?\s+)?" + _DATE
               + r"\s*(?:\([^)\n]{1,30}\))?\s*[-–—]", re.I | re.M),
)


def _date_of(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    try:
        if g.get("iy"):
            d = _dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g.get("y1"):
            d = _dt.date(int(g["y1"]), _MONTHS[g["mon"].lower()], int(g["d1"]))
        else:
            d = _dt.date(int(g["y2"]), _MONTHS[g["mon2"].lower()], int(g["d2"]))
    except (ValueError, KeyError, TypeError):
        return None
    return d.isoformat()


def text_date(text: str) -> tuple[str, str] | None:
    """(YYYY-MM-DD, "dateline") from the text, or None.

    A dateline is looked for in the first 600 characters only (where papers put it).
    """
    head = text[:600]
    for rx in _DATELINES:
        m = rx.search(head)
        if m and (d := _date_of(m)):
            return d, "dateline"
    return None
