"""Engagements told without the usual engagement word, by class (the second held-out
issue): investigators' interviews, invitations, summons, trips worded as flights or
"went to see", meetings one is somewhere "for", letters from described groups, subjects
the parser lost, time clauses, and the routines and requests that are no engagement.
Short texts written for the test (none from an evaluation article)."""
from __future__ import annotations

import pytest

from saywho.model import Article, Event
from saywho.pipeline import annotate

PUB = "2025-03-12"  # a Wednesday


def events(text: str, published: str | None = PUB) -> list[Event]:
    """The events the whole pipeline finds in ``text``."""
    from saywho import nlp

    return annotate(Article(id="t", text=text, published=published), nlp.parse(text)).events


def one(text: str, etype: str, *names: str) -> Event:
    """The single event of ``etype`` whose participants contain every name."""
    got = [e for e in events(text) if e.type == etype and all(any(n in p for p in e.participants) for n in names)]
    assert len(got) == 1, (text, [e.to_dict() for e in events(text)])
    return got[0]


# 1. investigators questioning someone are a meeting; the press's interview is none
INVESTIGATORS = [
    ("Anna Berg was interviewed by the FBI on Saturday.", ("Berg", "FBI"), "2025-03-08"),
    ("Tomas Varga sat in on the FBI's interview of Anna Berg.", ("Berg", "FBI"), None),
]


@pytest.mark.parametrize("text,names,date", INVESTIGATORS)
def test_interviews_by_investigators(text: str, names: tuple[str, ...], date: str | None) -> None:
    assert one(text, "meeting", *names).date == date


@pytest.mark.parametrize("text", [
    "Anna Berg gave an interview to CNN on Monday.",
    "In an interview with Tomas Varga on Monday, Anna Berg defended the plan.",
    "Anna Berg questioned the wisdom of the plan on Monday.",
])
def test_other_interviews_are_none(text: str) -> None:
    assert not [e for e in events(text) if e.type == "meeting"]


# 2. an invitation addressed to a named guest is a message; an invitation to meet is the meeting
INVITATIONS = [
    ("Anna Berg invited Tomas Varga to sit in the front row at the gala.", ("Berg", "Varga")),
    ("Anna Berg's tweet to invite Tomas Varga to Monday night's debate was a joke.", ("Berg", "Varga")),
]


@pytest.mark.parametrize("text,names", INVITATIONS)
def test_invitations(text: str, names: tuple[str, ...]) -> None:
    e = one(text, "message", *names)
    assert e.date != "2025-03-10"  # the debate's Monday is not the invitation's date


@pytest.mark.parametrize("text", [
    "Anna Berg was invited to speak at the gala.",
    "Anna Berg invited Tomas Varga to a meeting in Paris.",  # the meeting, no message
])
def test_invitations_that_are_no_message(text: str) -> None:
    assert not [e for e in events(text) if e.type == "message"]


def test_summoned_to_an_office_is_a_meeting_dated_by_its_time_clause() -> None:
    e = one("The morning Anna Berg unveiled the final plan last year, she summoned her adviser, Tomas Varga, "
            "to the Oval Office.", "meeting", "Berg", "Varga")
    assert e.date == "2024" and not any("Office" in p for p in e.participants)


def test_when_clause_dates_the_meeting() -> None:
    assert one("When Anna Berg took office in 2019, she met Tomas Varga.", "meeting", "Berg", "Varga").date == "2019"


# 3. trips not worded as "visit"
TRIPS = [
    ("Anna Berg went to see the glaciers in Iceland last week.", "Iceland"),
    ("Hours before boarding a flight to a trade conference in Detroit, Anna Berg met farmers.", "Detroit"),
    ("Anna Berg took a flight to London on Monday.", "London"),
    ("A storm.\n\nMIDWAY ATOLL - Last week, Anna Berg flew here to swim with seals.", "MIDWAY ATOLL"),
    ("Farmers rallied in Leeds and York counties and Senator Anna Berg will travel to North Yorkshire on Friday.",
     "North Yorkshire"),
]


@pytest.mark.parametrize("text,place", TRIPS)
def test_trips(text: str, place: str) -> None:
    assert one(text, "visit", "Berg").place == place


@pytest.mark.parametrize("text", [
    "She is a flight attendant in Leeds.",
    "Last week, Anna Berg flew here to swim with seals.",  # "here" without a dateline: nowhere
])
def test_no_trip(text: str) -> None:
    assert not [e for e in events(text) if e.type == "visit"]


# 4. meetings and summits in nominal wording
NOMINAL = [
    ("Anna Berg was in Leeds for a meeting with union leaders on Monday.", ("Berg", "union leaders"), "2025-03-10"),
    ("Anna Berg presided over a summit of rebel groups in 2019.", ("Berg", "rebel groups"), "2019"),
]


@pytest.mark.parametrize("text,names,date", NOMINAL)
def test_nominal_meetings(text: str, names: tuple[str, ...], date: str) -> None:
    assert one(text, "meeting", *names).date == date


# 5. letters and emails from described groups, to bodies, to people named with their employer
LETTERS = [
    ("A group of senators in 2019 sent a letter to Anna Berg.", ("A group of senators", "Berg"), "2019"),
    ("In March, a group of nurses sent a letter to the Unison board of directors.", ("a group of nurses", "Unison"), "2025-03"),
    ("Anna Berg wrote in an email to the Daily Planet's Tomas Varga that he was wrong.", ("Berg", "Varga"), None),
]


@pytest.mark.parametrize("text,names,date", LETTERS)
def test_letters(text: str, names: tuple[str, ...], date: str | None) -> None:
    assert one(text, "message", *names).date == date


# 6. routines and requests are no engagement
@pytest.mark.parametrize("text", [
    "During his frequent visits to the front, Tomas Varga spends his time meeting with fellow commanders.",
    "Tomas Varga said he made multiple requests through the ministry to speak with Anna Berg but those requests were denied.",
])
def test_routines_and_requests(text: str) -> None:
    assert events(text) == []
