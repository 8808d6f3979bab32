"""Engagement events: a table of short texts written for the test, the seed gold, date resolution."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from saywho.events import resolve_date
from saywho.model import Article
from saywho.pipeline import annotate

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def run(text: str, published: str = "2025-03-10") -> Article:
    """The whole pipeline on a text (Article built directly: ingest is not under test here)."""
    from saywho import nlp

    return annotate(Article(id="t", text=text, published=published), nlp.parse(text))


def find(art: Article, *names: str):
    return [e for e in art.events if all(any(n in p for p in e.participants) for n in names)]


# (text, published, type, participants (surnames), date, duration)
POSITIVE = [
    # "There was a 45-minute call between the two men on Sunday"
    ("Chancellor Olaf Brandt welcomed President Maria Lopez's victory. There was a 30-minute call between "
     "the two leaders on Tuesday.", "2025-03-12", "call", ("Brandt", "Lopez"), "2025-03-11", 30),
    # "the leaders spoke for the first time since"
    ("Prime Minister Anna Berg and President Tomas Varga spoke for the first time since the election.",
     "2025-03-12", "call", ("Berg", "Varga"), None, None),
    # "met with X alongside Y"
    ("Governor Paul Hendricks met with Senator Ruth Okafor alongside Mayor Denis Walsh in Chicago.",
     "2025-03-12", "meeting", ("Hendricks", "Okafor", "Walsh"), None, None),
    # "making a phone call this evening" (subject inherited from the main clause)
    ("Senator Ruth Okafor congratulated Governor Paul Hendricks on his win before making a phone call this evening.",
     "2025-03-12", "call", ("Okafor", "Hendricks"), "2025-03-12", None),
    # "X and I did meet Y, just a few weeks ago, for dinner, for about a couple of hours" ("I" is the speaker)
    ('Mr Varga replied: "The minister and I did meet Anna Berg, just a few weeks ago, for dinner, for about a couple of hours."',
     "2025-03-12", "meeting", ("Varga", "Berg"), None, 120),
    # month only
    ("Anna Berg visited Tomas Varga in Budapest in September.", "2024-11-06", "visit", ("Berg", "Varga"), "2024-09", None),
    # phoned + an hour-long
    ("Tomas Varga phoned Anna Berg on Monday for an hour-long conversation.", "2025-03-12", "call", ("Varga", "Berg"), "2025-03-10", 60),
    # message of congratulation
    ("On Friday, Ruth Okafor congratulated Denis Walsh on his re-election.", "2025-03-12", "message", ("Okafor", "Walsh"), "2025-03-07", None),
    # "called X on <date> to ..." is a call ("called on X to" is not)
    ("Anna Berg called Tomas Varga on Friday to thank him.", "2025-03-12", "call", ("Berg", "Varga"), "2025-03-07", None),
    # an organisation as a party: a group named through its organisation
    ("Governor Paul Hendricks met with AFL-CIO leaders in Detroit on Tuesday.", "2025-03-12", "meeting", ("Hendricks", "AFL-CIO"), "2025-03-11", None),
    # a described group as a party
    ("Senator Ruth Okafor had breakfast with state officials on Monday.", "2025-03-12", "meeting", ("Okafor", "state officials"), "2025-03-10", None),
    # a visit to a named place (one person and a place)
    ("Governor Paul Hendricks visited Flint on Tuesday.", "2025-03-12", "visit", ("Hendricks",), "2025-03-11", None),
    # "invited X to a meeting" reports the meeting: host and guest
    ("President Maria Lopez invited Chancellor Olaf Brandt to a meeting in Madrid in January.", "2025-03-12", "meeting",
     ("Lopez", "Brandt"), "2025-01", None),
    # "her decision to meet with X": the possessor is the subject
    ("Critics attacked Anna Berg over her decision to meet with Tomas Varga in June.", "2024-11-06", "meeting", ("Berg", "Varga"), "2024-06", None),
]


@pytest.mark.parametrize("text,published,etype,names,date,duration", POSITIVE)
def test_phrasings_become_events(text, published, etype, names, date, duration):
    art = run(text, published)
    evs = [e for e in find(art, *names) if e.type == etype]
    assert evs, f"no {etype} between {names}: {[e.to_dict() for e in art.events]}"
    ev = evs[0]
    if date is not None:
        assert ev.date == date
    if duration is not None:
        assert ev.duration_minutes == duration
    assert ev.evidence and all(0 <= s < e <= len(text) for s, e in ev.evidence)


NEGATIVE = [
    "Donald Bell is filing a complaint against Labour after a senior figure sent out a rallying cry.",
    "There was a call for staffers to campaign for Mary Jones in key swing states.",
    "Senator Ruth Okafor calls on the government to scrap the tax.",
    "Governor Paul Hendricks called for an inquiry into the deal.",
    "Tomas Varga called Anna Berg a \"genius\" on Tuesday.",
    "Tomas Varga looks forward to meeting Anna Berg soon.",
    # a debate is the press's event, not an engagement between the candidates
    "At Monday's debate with Governor Paul Hendricks, Senator Ruth Okafor defended her tax plan.",
    "Anna Berg did not meet Tomas Varga during the summit season.",
    "Tomas Varga said the two campaigns speak to different voter segments.",
    # press and speeches are not engagements between people
    "Senator Ruth Okafor spoke to reporters on Tuesday.",
    "Anna Berg spoke with CNN on Tuesday about the budget.",
    "Senator Ruth Okafor spoke to the Ohio delegation at the convention.",
    # a visit needs a place or a host
    "Governor Paul Hendricks visited on Tuesday.",
    # debates that did not (yet) take place, and the other sense of "debate"
    '"Let Anna Berg and me sit there and just debate," Tomas Varga said.',
    "The poll was taken days before the first debate between Anna Berg and Tomas Varga.",
    "Anna Berg faces off against Tomas Varga in the only debate.",
    "Scholars have long debated the role of unions.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_non_events(text):
    art = run(text)
    assert art.events == [], [e.to_dict() for e in art.events]


def test_mentions_of_one_event_merge():
    text = (
        "Anna Berg and Tomas Varga held a 40-minute call on Sunday. "
        "The call covered energy and migration, Berg's office said. "
        "Sanctions were not discussed.\n"
        "Later, Mr Varga said he had spoken with Anna Berg and that the conversation was friendly."
    )
    art = run(text, "2025-03-10")
    calls = [e for e in art.events if e.type == "call"]
    assert len(calls) == 1, [e.to_dict() for e in art.events]
    c = calls[0]
    assert c.date == "2025-03-09" and c.duration_minutes == 40
    assert {"energy", "migration"} <= {t.lower() for t in c.topics}
    assert any("sanction" in t.lower() for t in c.not_discussed)
    assert len(c.evidence) >= 2


@pytest.mark.parametrize(
    "expr,base,expected",
    [
        ("on Sunday", "2025-01-27", ("2025-01-26", False)),
        ("on Monday", "2025-01-27", ("2025-01-27", False)),  # the day of publication
        ("in September", "2024-11-06", ("2024-09", False)),
        ("this evening", "2024-11-06", ("2024-11-06", False)),
        ("earlier this year", "2025-05-02", ("2025", True)),
        ("January 26, 2025", None, ("2025-01-26", False)),
        ("on Sunday", None, None),  # relative and nothing to resolve it against
    ],
)
def test_resolve_date(expr, base, expected):
    assert resolve_date(expr, base) == expected


def test_few_weeks_ago_is_approximate():
    d, approx = resolve_date("just a few weeks ago", "2024-11-06")
    assert approx and "2024-09-15" <= d <= "2024-10-31"


def _topic_found(gold: str, found: list[str]) -> bool:
    g = gold.lower().replace("nato", "nato")
    return any(
        (g in f.lower() or fuzz.token_set_ratio(g, f.lower()) >= 80) and len(f.split()) <= 14 for f in found
    )


@pytest.mark.skipif(not (SEEDS / "gold.jsonl").exists(), reason="needs ../shared/seeds")
def test_seed_gold_events():
    arts = {json.loads(l)["id"]: json.loads(l) for l in (SEEDS / "articles.jsonl").open()}
    for line in (SEEDS / "gold.jsonl").open():
        gold = json.loads(line)
        a = arts[gold["id"]]
        art = run(a["text"], a["published"])
        for g in gold["events"]:
            cands = [e for e in art.events if e.type == g["type"] and set(g["participants"]) <= set(e.participants)]
            assert cands, (g, [e.to_dict() for e in art.events])
            ev = cands[0]
            assert ev.date == g["date"]
            if "duration_minutes" in g:
                assert ev.duration_minutes == g["duration_minutes"]
            # topics: most gold topics are found, each found topic is short
            if g.get("topics"):
                hit = [t for t in g["topics"] if _topic_found(t, ev.topics)]
                assert len(hit) == len(g["topics"]), (g["topics"], ev.topics)
            for t in g.get("not_discussed", []):
                key = max(t.split(), key=len)  # "Chagos", "spending"
                assert any(key.lower() in f.lower() for f in ev.not_discussed), (t, ev.not_discussed)


@pytest.mark.parametrize(
    "text",
    [
        # a visitor's later sentence about something else is no topic of the visit
        "Anna Berg visited Chicago on Monday. Berg and her husband focused on the campaign.",
        # a clause about someone ("who was born and raised in Ohio") is no topic of a meeting
        "Tomas Varga met with the Ohio delegation on Monday. He attacked Denis Walsh, who was born and raised in Ohio.",
    ],
)
def test_topics_stay_with_conversations(text):
    art = run(text)
    assert art.events, "the engagement itself is found"
    assert all(e.topics == [] for e in art.events), [e.to_dict() for e in art.events]


def test_readout_from_to_topics():
    """A call readout's "From X and Y to Z, ... the leaders agreed" names what they covered."""
    art = run(
        "President Ana Silva spoke by phone with Chancellor Olaf Brandt on Tuesday.\n"
        "From energy and migration to trade, the relationship was strong, the leaders agreed.",
        "2025-03-06",
    )
    calls = [e for e in art.events if e.type == "call"]
    assert calls and {"energy", "migration", "trade"} <= set(calls[0].topics), [e.to_dict() for e in art.events]


def test_time_phrases_are_not_durations_or_topics():
    """"an hour after the vote" is when, not how long; "From Monday to Friday" is no list of subjects."""
    art = run("Angela Berg called Emil Marcon an hour after the vote on Monday.", "2025-03-12")
    calls = [e for e in art.events if e.type == "call"]
    assert calls and calls[0].duration_minutes is None and calls[0].date == "2025-03-10"
    art = run("Ann Lee met Tom Baker in Paris on Monday.\nFrom Monday to Friday, the two leaders agreed, talks would continue.", "2025-03-12")
    assert art.events and all(e.topics == [] for e in art.events), [e.to_dict() for e in art.events]
