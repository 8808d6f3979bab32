"""The linked person is the unit of every read: quotes, events, timeline and CSV export
carry the identity's id and name (the article's name kept beside it), a merge or split
shows everywhere at once, and --speaker/--person name people by whole names or a
surname, never by part of a name.  On both backends (the ``store`` fixture)."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from saywho.cli import main
from saywho.model import Article, Event, Person, Quote, Speaker
from saywho.store import Store


def art(id: str, published: str, speaker: str, said: str, others: tuple[str, ...] = (),
        events: tuple[Event, ...] = ()) -> Article:
    """One quote by ``speaker``, then a sentence naming each of ``others``."""
    q = f"\u201c{said}\u201d"
    text = f"{q} {speaker} said. " + "".join(f"{o} was there. " for o in others)
    m0 = len(q) + 1
    people = [Person(speaker, kind="person", mentions=[(m0, m0 + len(speaker))])]
    for o in others:
        s = text.index(o)
        people.append(Person(o, kind="person", mentions=[(s, s + len(o))]))
    return Article(id=id, text=text, published=published, outlet=id.split("-")[0],
                   quotes=[Quote(0, len(q), q, "direct", Speaker(speaker, speaker, m0, m0 + len(speaker),
                                                                kind="person"), cue="said", confidence=0.9)],
                   people=people, events=list(events))


def meeting(a: str, b: str, date: str) -> Event:
    return Event("meeting", [a, b], date=date, evidence=[(0, 4)], trigger="met", confidence=0.8)


ARTICLES = [
    art("bbc-1", "2025-03-03", "Jane Doe", "We will build the new bridge this year",
        others=("Pierre Martin",), events=(meeting("Jane Doe", "Pierre Martin", "2025-03-02"),)),
    art("times-2", "2025-03-05", "Janet Roe", "The bridge budget is settled and signed"),
    art("sun-3", "2025-03-06", "Joanne Smith", "Our schools need more teachers now"),
]


@pytest.fixture
def people(store: Store) -> Store:
    for a in ARTICLES:
        store.add(a)
    return store


def test_merge_makes_one_person_in_quotes_events_timeline_and_csv(people: Store) -> None:
    before = {q.article_id: q for q in people.quotes()}
    assert before["bbc-1"].person_id != before["times-2"].person_id
    people.merge_people("Jane Doe", "Janet Roe")
    qs = {q.article_id: q for q in people.quotes()}
    one = qs["bbc-1"]
    assert one.person_id is not None and qs["times-2"].person_id == one.person_id
    assert qs["times-2"].speaker == one.speaker  # the identity's name, in both articles
    assert {qs["bbc-1"].speaker_as_written, qs["times-2"].speaker_as_written} == {"Jane Doe", "Janet Roe"}
    pid = {p.name: p.id for p in people.people()}[one.speaker]
    assert one.person_id == pid  # the same id `saywho people` shows
    # any of the person's names selects all of their quotes
    assert {q.article_id for q in people.quotes(speaker="janet roe")} == {"bbc-1", "times-2"}
    (ev,) = people.events(person="Janet Roe")
    assert ev.participants[0] == one.speaker and ev.participants_as_written[0] == "Jane Doe"
    assert ev.person_ids[0] == pid
    (item,) = people.timeline("Janet Roe")
    assert item.person_ids[0] == pid and item.participants[0] == one.speaker
    # the CSV export: one person, one speaker value
    r = CliRunner().invoke(main, ["quotes", "--db", people.url, "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    mine = [row for row in rows if row["article_id"] in ("bbc-1", "times-2")]
    assert len({row["speaker"] for row in mine}) == 1 and len({row["person_id"] for row in mine}) == 1


def test_undoing_a_merge_shows_at_once(people: Store) -> None:
    rule = people.merge_people("Jane Doe", "Janet Roe")
    assert len({q.person_id for q in people.quotes(speaker="Jane Doe")}) == 1
    people.remove_rule(rule.id)
    assert {q.article_id for q in people.quotes(speaker="Jane Doe")} == {"bbc-1"}
    assert {q.speaker for q in people.quotes()} >= {"Jane Doe", "Janet Roe"}


@pytest.mark.parametrize("name,want", [
    ("Joanne Smith", {"sun-3"}),
    ("JOANNE SMITH", {"sun-3"}),
    ("smith", {"sun-3"}),        # a bare surname: the people who have it
    ("Ann", set()),              # part of "Joanne": not a person
    ("Smi", set()),
    ("Jane", set()),             # a first name alone names nobody
    ("Doe", {"bbc-1"}),
])
def test_speaker_selects_people_not_substrings(people: Store, name: str, want: set[str]) -> None:
    assert {q.article_id for q in people.quotes(speaker=name)} == want


def test_person_filter_on_events_is_a_person(people: Store) -> None:
    assert len(people.events(person="Martin")) == 1
    assert people.events(person="Mart") == []
    assert people.events(person="Pierre Martin")[0].participants == ["Jane Doe", "Pierre Martin"]
