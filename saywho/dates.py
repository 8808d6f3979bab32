"""Date expressions -> ISO dates, resolved against the publication date (dateparser)."""
from __future__ import annotations

import datetime as _dt
import functools
import re

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@functools.lru_cache(maxsize=4096)
def resolve_date(expr: str, published: str | None) -> str | None:
    """ISO date for ``expr`` ("on Sunday", "January 26, 2025", "in September").

    Relative expressions need ``published`` (YYYY-MM-DD); a weekday means the most
    recent such day on or before publication; a month alone gives "YYYY-MM".
    Returns None when the expression is not a date.
    """
    import dateparser

    e = re.sub(r"^(on|in|at|since|by|from|this|last)\s+", "", expr.strip(), flags=re.I).strip(" ,.")
    e = re.sub(r"\s+(morning|afternoon|evening|night)$", "", e, flags=re.I)
    base = None
    if published:
        try:
            base = _dt.datetime.fromisoformat(published[:10])
        except ValueError:
            base = None
    low = e.lower()
    if low in ("morning", "afternoon", "evening", "tonight", "night", "today") and base is not None:
        return base.date().isoformat()
    if low in _WEEKDAYS and base is not None:
        delta = (base.weekday() - _WEEKDAYS.index(low)) % 7
        return (base - _dt.timedelta(days=delta)).date().isoformat()
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": []}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    elif not re.search(r"\d{4}", e):
        return None
    months = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
    month_only = re.fullmatch(months + r"(\s+\d{4})?", low)
    try:
        d = dateparser.parse(e, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if d is None:
        return None
    if month_only:
        return f"{d.year:04d}-{d.month:02d}"
    return d.date().isoformat()
