"""Dates: expressions resolved against the publication date, and (partial) ISO dates.

One resolver for the whole pipeline (quote dates, event dates): the granularity
is what the expression says ("in September" -> "2024-09"), vague expressions are
marked approximate, and relative ones need the publication date.

One validator for date filters (``--since``/``--until``, the store's queries):
:func:`date_bound` accepts YYYY, YYYY-MM and YYYY-MM-DD and gives the first or last
day they cover; :func:`period` gives both days of a (maybe partial) ISO date.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from typing import Any


@functools.lru_cache(maxsize=1)
def _date_parser_cls() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser


_WEEKDAY_RE = re.compile(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(\s+(morning|afternoon|evening|night))?$", re.I)
_MONTH_RE = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(\s+\d{4})?$", re.I)


@functools.lru_cache(maxsize=4096)
def resolve_date(expr: str, base: str | None) -> tuple[str, bool] | None:
    """(ISO date, approximate) for a date expression, relative to ``base`` (YYYY-MM-DD).

    The granularity is what the expression says: "in September" -> "2024-09",
    "earlier this year" -> "2025" (approximate), "a few weeks ago" -> a day, approximate.
    None when dateparser finds no date in it.
    """
    e = expr.strip().strip(" ,.;:")
    e = re.sub(r"^(on|in|at|during|this past|over)\s+", "", e, flags=re.I)
    e = re.sub(r"^(just|only)\s+", "", e, flags=re.I)
    approx = False
    # Vague quantities and "earlier/late" are approximate: dateparser wants a number.
    vague = re.search(r"\b(a few|a couple of|a couple|several|some|earlier|later|late|early|mid|recently)\b", e, re.I)
    if vague:
        approx = True
        e = re.sub(r"\b(a few|several|some)\b", "3", e, flags=re.I)
        e = re.sub(r"\b(a couple of|a couple)\b", "2", e, flags=re.I)
        e = re.sub(r"\b(earlier|later|late|early|mid-?)\s*", "", e, flags=re.I).strip()
    e = re.sub(r"\s+(morning|afternoon|evening|night)$", "", e, flags=re.I) if not re.fullmatch(r"(this|last|tomorrow)\s+\w+", e, re.I) else e
    b = _base_day(base)
    if b is None:
        # No publication date: a relative expression must keep its words and no date.
        # Resolve against two far-apart stand-in days; an answer that moves with them
        # depends on "now" and is dropped (dateparser would use the computer's clock).
        if not re.search(r"\b\d{4}\b", e):
            return None
        a1 = _resolve_at(e, _dt.datetime(1901, 3, 15), approx)
        a2 = _resolve_at(e, _dt.datetime(2087, 9, 3), approx)
        return a1 if a1 == a2 else None
    # A bare weekday in news copy includes the day of publication itself
    # ("on Monday" in Monday's paper); dateparser's "past" excludes it.
    return _resolve_at(e, b + _dt.timedelta(days=1) if _WEEKDAY_RE.match(e) else b, approx)


def _base_day(base: str | None) -> _dt.datetime | None:
    """The publication day as a datetime, None when absent or not an ISO date."""
    if not base:
        return None
    try:
        return _dt.datetime.fromisoformat(base[:10])
    except ValueError:
        return None


def _resolve_at(e: str, base: _dt.datetime, approx: bool) -> tuple[str, bool] | None:
    """``e`` (already cleaned) resolved with dateparser against ``base``: RELATIVE_BASE is
    always set, so nothing here ever reads the clock."""
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                                "RELATIVE_BASE": base}
    try:
        data = _date_parser_cls()(languages=["en"], settings=settings).get_date_data(e)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    d = data.date_obj
    if d is None:
        return None
    period = data.period or "day"
    if _MONTH_RE.match(e):
        period = "month"
    if period == "year":
        return f"{d.year:04d}", approx
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}", approx
    if period == "week":
        approx = True
    return d.date().isoformat(), approx




def resolve_day(expr: str, published: str | None) -> str | None:
    """Just the ISO date (or partial date) of ``expr``, None when it is not a date."""
    got = resolve_date(expr, published)
    return got[0] if got else None


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FILTER = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: What a date filter accepts, for messages.
DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"


def period(value: str | None) -> tuple[str, str] | None:
    """The first and last day a (maybe partial) ISO date covers; None if it is not one.

    Only the leading date is read, so a timestamp ("2024-09-20T10:00") is its day.

    >>> period("2024-09")
    ('2024-09-01', '2024-09-30')
    """
    if not value:
        return None
    m = _PARTIAL.match(value.strip())
    if not m:
        return None
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            day = _dt.date(y, int(mo), int(d)).isoformat()
            return day, day
        if mo:
            last = calendar.monthrange(y, int(mo))[1]
            return _dt.date(y, int(mo), 1).isoformat(), _dt.date(y, int(mo), last).isoformat()
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    except ValueError:
        return None


def date_bound(value: str | _dt.date | None, end: bool) -> str | None:
    """A date filter's bound: the first day ``value`` covers (``end``: the last), None when
    no value is given.  ``value`` is exactly YYYY, YYYY-MM or YYYY-MM-DD (or a date);
    anything else raises ValueError("'<value>' is not a date (...)")."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        value = value.isoformat()
    p = period(str(value))
    if p is None or not _FILTER.fullmatch(str(value).strip()):
        raise ValueError(f"{value!r} is not a date ({DATE_FORMS})")
    return p[1] if end else p[0]


def next_day(day: str) -> str:
    """The ISO day after ``day`` (YYYY-MM-DD)."""
    return (_dt.date.fromisoformat(day) + _dt.timedelta(days=1)).isoformat()


#: Numeric dates with the year last: day and month can be either way round.
_NUMERIC_YEAR_LAST = re.compile(r"^\s*(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})\s*$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normalise_published(value: str) -> tuple[str, str | None]:
    """A publication date as given -> (ISO date or date-time, warning or None).

    ISO 8601 dates and date-times are taken as they are.  Other unambiguous forms
    ("27 January 2025", "Jan 27, 2025", "2025/01/27", "27/01/2025") become YYYY-MM-DD,
    with a warning naming the input.  Raises ValueError for an ambiguous value
    ("03/04/2025": March or April?) and for one that is not a full date at all.
    """
    v = str(value).strip()
    if _ISO_DAY.match(v[:10]):
        try:
            _dt.date.fromisoformat(v[:10])
            if len(v) > 10:
                _dt.datetime.fromisoformat(v.replace("Z", "+00:00").replace("z", "+00:00"))
            return v, None
        except ValueError:
            raise ValueError(f"published date {value!r} is not a valid date (give YYYY-MM-DD)") from None
    m = _NUMERIC_YEAR_LAST.match(v)
    if m and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1].lstrip("0") != m[2].lstrip("0"):
        raise ValueError(f"published date {value!r} is ambiguous (day/month or month/day?): give YYYY-MM-DD")
    # A real date reads the same whatever day it is read on; one that moves with the
    # stand-in "today" is relative ("yesterday") or partial ("March 2025"): no date.
    day = None
    for base in (_dt.datetime(1901, 3, 15), _dt.datetime(2087, 9, 3)):
        got = None
        try:
            data = _date_parser_cls()(languages=["en"], settings={
                "RELATIVE_BASE": base, "DATE_ORDER": "DMY" if m and int(m[1]) > 12 else "MDY" if m else "YMD",
                "RETURN_AS_TIMEZONE_AWARE": False}).get_date_data(v)
            if data.date_obj is not None and (data.period or "day") == "day":
                got = data.date_obj.date().isoformat()
        except Exception:  # dateparser raises assorted errors on odd input
            got = None
        if got is None or (day is not None and got != day):
            raise ValueError(f"published date {value!r} is not a date (give YYYY-MM-DD)")
        day = got
    assert day is not None
    return day, f"published date {value!r} read as {day}"
