"""The Store on both backends (SQLite always; PostgreSQL with SAYWHO_TEST_PG_URL):
idempotent adds, replacement, round trips, the queries, and bad input."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from saywho.model import Article, Event, Person, Quote, Speaker
from saywho.store import Store, StoreError, period, to_dataframe
from saywho.store import migrate
from saywho.store import schema as S


def art(id: str, published: str | None, outlet: str, quotes: list[tuple[str, str, str, str]],
        events: list[Event] = (), extra_people: list[str] = ()) -> Article:
    """An article written for the test: each quote (speaker, type, text, cue) is a sentence
    of the text, and every speaker (and extra person) is mentioned in it."""
    parts: list[str] = []
    pos = 0
    qs: list[Quote] = []
    people: dict[str, Person] = {}
    for speaker, typ, body, cue in quotes:
        qtext = f"\u201c{body}\u201d"
        sent = f"{qtext} {speaker} {cue}. "
        start = pos
        m0 = start + len(qtext) + 1
        people.setdefault(speaker, Person(speaker, roles=[f"role of {speaker}"]))
        qs.append(Quote(start, start + len(qtext), qtext, typ, Speaker(speaker, speaker, m0, m0 + len(speaker)),  # type: ignore[arg-type]
                        cue=cue, cue_start=m0 + len(speaker) + 1, cue_end=m0 + len(speaker) + 1 + len(cue),
                        confidence=0.9))
        parts.append(sent)
        pos += len(sent)
    for name in extra_people:
        sent = f"{name} was there. "
        people.setdefault(name, Person(name))
        parts.append(sent)
        pos += len(sent)
    full = "".join(parts)
    for p in people.values():  # every occurrence of the name is a mention, inside quotes too
        p.mentions = [(m.start(), m.end()) for m in re.finditer(re.escape(p.name), full)]
    return Article(id=id, text=full, published=published, outlet=outlet, url=f"https://{outlet}.example/{id}",
                   title=f"Title of {id}", quotes=qs, people=list(people.values()), events=list(events))


CALL = Event("call", ["Keir Starmer", "Donald Trump"], date="2025-01-26", date_text="on Sunday",
             duration_minutes=45, topics=["trade"], evidence=[(0, 10)], trigger="call", confidence=0.8)
MEET = Event("meeting", ["Keir Starmer", "Emmanuel Macron"], date="2025-03", topics=["Ukraine"], evidence=[(0, 5)])

ARTICLES = [
    art("a1", "2025-01-27", "bbc", [
        ("Kemi Badenoch", "direct", "We will not cross the red lines on Trump and tariffs", "said"),
        ("Keir Starmer", "indirect", "the call with Trump was very good", "told"),
    ], events=[CALL], extra_people=["Donald Trump"]),
    art("a2", "2025-02-10", "guardian", [
        ("Kemi Badenoch", "mixed", "Labour's red lines are fading lines", "argued"),
        ("Donald Trump", "direct", "Keir Starmer is a very good man", "said"),
    ], events=[CALL], extra_people=["Keir Starmer"]),
    art("a3", "2024-12-01", "bbc", [
        ("Emmanuel Macron", "direct", "Europe must stand up; 100% of us agree", "said"),
        ("Prime Minister's spokesman", "indirect", "there were no lines crossed_today", "said"),
    ], events=[MEET], extra_people=["Keir Starmer"]),
]


def keys(records: list[Any]) -> set[str]:
    return {f"{r.article_id}:{r.speaker}" for r in records}


@pytest.fixture
def full(store: Store) -> Store:
    for a in ARTICLES:
        assert store.add(a).status == "added"
    return store


def test_add_is_idempotent_and_replaces_on_a_new_run(store: Store) -> None:
    a = ARTICLES[0]
    assert store.add(a).status == "added"
    assert store.add(a).status == "unchanged"
    before = store.counts()
    assert before["articles"] == 1 and before["quotes"] == 2 and before["events"] == 1
    # Another saywho run (other options) re-annotates: one quote fewer now.
    fewer = Article.from_dict(a.to_dict(include_text=True))
    fewer.quotes = fewer.quotes[:1]
    res = store.add(fewer, run={"options": {"changed": True}})
    assert (res.status, res.hash) == ("replaced", a.hash)
    after = store.counts()
    assert (after["articles"], after["quotes"], after["mentions"]) == (1, 1, before["mentions"])
    assert store.get_article(a.hash) == fewer


def test_round_trip(full: Store) -> None:
    for a in ARTICLES:
        assert full.get_article(a.hash) == a
        assert full.get_article(a.id) == a
    assert full.get_article("nope") is None
    assert full.has(ARTICLES[0].hash) and not full.has("0" * 16)


@pytest.mark.parametrize("params, expected", [
    ({}, {"a1:Kemi Badenoch", "a1:Keir Starmer", "a2:Kemi Badenoch", "a2:Donald Trump", "a3:Emmanuel Macron",
          "a3:Prime Minister's spokesman"}),
    ({"speaker": "badenoch"}, {"a1:Kemi Badenoch", "a2:Kemi Badenoch"}),
    ({"speaker": "Kemi Badenoch", "search": "trump"}, {"a1:Kemi Badenoch"}),
    ({"speaker": "badenoch", "since": "2025-02-01"}, {"a2:Kemi Badenoch"}),
    ({"speaker": "badenoch", "until": "2025-01-27"}, {"a1:Kemi Badenoch"}),
    ({"since": "2025-01", "until": "2025-01"}, {"a1:Kemi Badenoch", "a1:Keir Starmer"}),
    ({"outlet": "BBC", "type": "direct"}, {"a1:Kemi Badenoch", "a3:Emmanuel Macron"}),
    ({"search": "red lines"}, {"a1:Kemi Badenoch", "a2:Kemi Badenoch"}),
    ({"search": '"red lines"'}, {"a1:Kemi Badenoch", "a2:Kemi Badenoch"}),
    ({"search": '"lines red"'}, set()),
    ({"search": "fading"}, {"a2:Kemi Badenoch"}),
    ({"search": "LINES"}, {"a1:Kemi Badenoch", "a2:Kemi Badenoch", "a3:Prime Minister's spokesman"}),
    ({"search": "very good"}, {"a1:Keir Starmer", "a2:Donald Trump"}),
    ({"speaker": "spokesman"}, {"a3:Prime Minister's spokesman"}),
    ({"article": "a3", "type": "indirect"}, {"a3:Prime Minister's spokesman"}),
    # SQL and FTS metacharacters are data, never syntax.
    ({"search": "'; DROP TABLE quotes; --"}, set()),
    ({"search": "red OR 1=1"}, set()),
    ({"search": "red* NEAR(lines)"}, set()),
    ({"search": "100%"}, {"a3:Emmanuel Macron"}),
    ({"search": "!!! ???"}, set()),
    ({"speaker": "%"}, set()),
    ({"speaker": "_"}, set()),
    ({"speaker": "' OR '1'='1"}, set()),
    ({"speaker": "prime minister's spokesman"}, {"a3:Prime Minister's spokesman"}),
    # a person, by a whole name or their surname: never a part of a name
    ({"speaker": "badeno"}, set()),
    ({"speaker": "minister's"}, set()),
    ({"outlet": "bbc' --"}, set()),
])
def test_quote_queries(full: Store, params: dict[str, str], expected: set[str]) -> None:
    assert keys(full.quotes(**params)) == expected
    assert full.counts()["quotes"] == 6  # nothing dropped by a hostile query


def test_quotes_order_limit_offset_and_dataframe(full: Store) -> None:
    allq = full.quotes()
    assert [q.published for q in allq] == sorted([q.published for q in allq], reverse=True)
    assert full.quotes(limit=2, offset=1) == allq[1:3]
    q = full.quotes(speaker="Trump")[0]
    assert q.text == "\u201cKeir Starmer is a very good man\u201d" and q.cue == "said" and q.outlet == "guardian"
    df = to_dataframe(allq)
    assert list(df["speaker"]) == [r.speaker for r in allq] and "article_hash" in df.columns


@pytest.mark.parametrize("bad", ["2025-13-01", "yesterday", "2025-1-1", "'; --"])
def test_bad_dates_are_clear_errors(full: Store, bad: str) -> None:
    with pytest.raises(StoreError, match="not a date"):
        full.quotes(since=bad)


def test_people(full: Store) -> None:
    top = full.people(top=2)
    assert [(p.name, p.quote_count) for p in top] == [("Kemi Badenoch", 2), ("Keir Starmer", 1)]  # 3 articles
    kemi = top[0]
    assert kemi.article_count == 2 and kemi.outlets == ["bbc", "guardian"] and kemi.roles == ["role of Kemi Badenoch"]
    starmer = full.people(name="starmer")
    assert [(p.name, p.quote_count, p.article_count) for p in starmer] == [("Keir Starmer", 1, 3)]
    assert full.counts()["people"] == 5


@pytest.mark.parametrize("params, expected", [
    ({}, [("a3", "meeting"), ("a1", "call"), ("a2", "call")]),
    ({"person": "trump"}, [("a1", "call"), ("a2", "call")]),
    ({"person": "macron"}, [("a3", "meeting")]),
    ({"since": "2025-02-01"}, [("a3", "meeting")]),
    ({"since": "2025-03-15", "until": "2025-03-20"}, [("a3", "meeting")]),  # "2025-03" covers the month
    ({"until": "2025-01-26"}, [("a1", "call"), ("a2", "call")]),
    ({"person": "%"}, []),
])
def test_events(full: Store, params: dict[str, str], expected: list[tuple[str, str]]) -> None:
    # Sorted by date; the two reports of the call share a date, so compare them as a set.
    got = [(e.article_id, e.type) for e in full.events(**params)]
    assert sorted(got) == sorted(expected)
    if got:
        dates = [e.date for e in full.events(**params)]
        assert dates == sorted(dates, key=lambda d: period(d)[0])  # type: ignore[index]


def test_event_record_fields(full: Store) -> None:
    e = full.events(person="Trump")[0]
    assert e.participants == ["Keir Starmer", "Donald Trump"]
    assert (e.date, e.date_text, e.duration_minutes, e.topics, e.evidence) == ("2025-01-26", "on Sunday", 45,
                                                                             ["trade"], [[0, 10]])


def test_timeline_merges_reports_and_adds_quotes_about_the_other(full: Store) -> None:
    one = full.timeline("Keir Starmer")
    assert [(i.kind, i.type, i.date) for i in one] == [("event", "call", "2025-01-26"), ("event", "meeting", "2025-03")]
    call = one[0]
    assert sorted(s.article_id for s in call.sources) == ["a1", "a2"]
    assert {s.outlet for s in call.sources} == {"bbc", "guardian"}

    two = full.timeline("Starmer", "Trump")
    assert [(i.kind, i.speaker) for i in two] == [("event", None), ("quote", "Donald Trump")]
    # the person spoken about, by their name (the identity's), whatever name was asked for
    assert two[1].about == "Keir Starmer" and two[1].sources[0].article_id == "a2"
    assert full.timeline("Starmer", "Nobody") == [] and full.timeline() == []


def test_articles(full: Store) -> None:
    assert [a.id for a in full.articles()] == ["a2", "a1", "a3"]
    assert [a.id for a in full.articles(outlet="bbc", since="2025")] == ["a1"]
    assert [a.id for a in full.articles(search="fading")] == ["a2"]
    assert full.articles(limit=1, offset=1)[0].quote_count == 2


def test_failures(store: Store) -> None:
    store.add_failure("bad.txt", "empty text")
    assert [(f.source, f.reason) for f in store.failures()] == [("bad.txt", "empty text")]
    assert store.counts()["failures"] == 1


def test_a_failed_replace_keeps_the_old_article(full: Store) -> None:
    a = ARTICLES[0]
    broken = Article.from_dict(a.to_dict(include_text=True))
    broken.quotes.append(Quote(0, 1, None, "direct"))  # type: ignore[arg-type]  # NOT NULL text: the insert fails
    with pytest.raises(StoreError):
        full.add(broken, run={"options": {"v": 2}})
    assert full.get_article(a.hash) == a
    assert full.counts()["quotes"] == 6


def test_reopen_keeps_data(store_url: str) -> None:
    with Store(store_url) as st:
        st.add(ARTICLES[1])
    with Store(store_url) as st:
        assert st.get_article("a2") == ARTICLES[1]
        assert st.schema_version == S.SCHEMA_VERSION


def test_newer_schema_is_refused_untouched(store_url: str) -> None:
    with Store(store_url) as st:
        st.add(ARTICLES[0])
        with st.engine.begin() as conn:
            conn.execute(S.meta.update().values(value="99"))
    db = store_url.removeprefix("sqlite:///")
    before = Path(db).read_bytes() if store_url.startswith("sqlite") else None
    with pytest.raises(StoreError, match="schema version 99, newer"):
        Store(store_url)
    if before is not None:
        assert Path(db).read_bytes() == before


def test_migrates_an_old_schema(store_url: str) -> None:
    """A database at schema 1 (before events) is brought to the current version on open."""
    from sqlalchemy import create_engine

    from saywho.store import resolve_url

    engine = create_engine(resolve_url(store_url))
    with engine.begin() as conn:
        migrate.upgrade(conn, store_url, target=migrate.REVISIONS[1])
    engine.dispose()
    with Store(store_url) as st:
        assert st.schema_version == S.SCHEMA_VERSION
        st.add(ARTICLES[0])
        assert len(st.events()) == 1


def test_not_a_saywho_database(tmp_path: Path) -> None:
    f = tmp_path / "junk.db"
    f.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(str(f))
    assert f.read_bytes() == b"this is not sqlite at all" * 100


@pytest.mark.parametrize("url, reason", [
    ("postgresql://nobody@127.0.0.1:1/none", "connection"),
    ("mysql://x@localhost/db", "unsupported database"),
    ("sqlite:////no/such/dir/x.db", "does not exist"),
    ("", "empty database URL"),
])
def test_unusable_urls_are_one_line_errors(url: str, reason: str) -> None:
    with pytest.raises(StoreError) as ei:
        Store(url)
    msg = str(ei.value)
    assert reason in msg.lower() or reason in msg
    assert "\n" not in msg


def test_read_only_database(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    with Store(str(db)) as st:
        st.add(ARTICLES[0])
    before = db.read_bytes()
    with Store(f"sqlite:///file:{db}?mode=ro&uri=true") as ro:
        assert len(ro.quotes()) == 2  # reading works
        with pytest.raises(StoreError, match="read-only"):
            ro.add(ARTICLES[1])
    assert db.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_directory(tmp_path: Path) -> None:
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o555)
    try:
        with pytest.raises(StoreError):
            Store(str(d / "x.db"))
    finally:
        d.chmod(0o755)


def test_store_is_the_package_attribute() -> None:
    import saywho

    assert saywho.Store is Store


def test_memory_store_for_quick_use() -> None:
    with Store("sqlite:///:memory:") as st:
        st.add(ARTICLES[2])
        assert keys(st.quotes(search="europe")) == {"a3:Emmanuel Macron"}


def test_pg_tokenises_like_fts5_for_the_test_data(full: Store) -> None:
    """Every word of every quote finds its quote (the same on both backends)."""
    import re

    for a in ARTICLES:
        for q in a.quotes:
            for w in set(re.findall(r"[^\W_]+", q.text)):
                assert f"{a.id}:{q.speaker.name}" in keys(full.quotes(search=w)), w  # type: ignore[union-attr]
