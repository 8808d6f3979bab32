"""Across articles over a Store, on both backends: short articles written for the test
(quotes, people and events placed by hand, so that they pin the linking, not the
extractor): the same call told by three outlets with different details, a republished
wire story, two different people called Smith, a minister who changes office."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from saywho.cli import main
from saywho.corpus import Role, Seed
from saywho.model import Article, Event, Person, Quote, Speaker
from saywho.store import Store


def art(id: str, published: str, outlet: str, quotes: list[tuple[str, str, str]] = (),
        people: list[tuple[str, str]] = (), events: list[Event] = (), body: str = "") -> Article:
    """An article: one sentence per quote ("TEXT," NAME said.), the people named in a
    sentence each, then ``body``.  quotes: (speaker name, kind, text); people: (name, kind)."""
    parts: list[str] = []
    pos = 0
    qs: list[Quote] = []
    listed: dict[str, Person] = {}
    for name, kind in people:
        sent = f"{name} was there. "
        listed.setdefault(name, Person(name, kind=kind))  # type: ignore[arg-type]
        parts.append(sent)
        pos += len(sent)
    for name, kind, text in quotes:
        q = f"\u201c{text}\u201d"
        sent = f"{q} {name} said. "
        m0 = pos + len(q) + 1
        qs.append(Quote(pos, pos + len(q), q, "direct", Speaker(name, name, m0, m0 + len(name), kind=kind),  # type: ignore[arg-type]
                        cue="said", confidence=0.9))
        listed.setdefault(name, Person(name, kind=kind))  # type: ignore[arg-type]
        parts.append(sent)
        pos += len(sent)
    full = "".join(parts) + body
    for p in listed.values():
        p.mentions = [(m.start(), m.end()) for m in re.finditer(re.escape(p.name), full)]
    return Article(id=id, text=full, published=published, outlet=outlet, url=f"https://{outlet}.example/{id}",
                   title=f"{outlet}: {id}", quotes=qs, people=list(listed.values()), events=list(events))


def call(a: str, b: str, date: str | None, minutes: int | None, topics: list[str]) -> Event:
    return Event("call", [a, b], date=date, duration_minutes=minutes, topics=topics, evidence=[(0, 4)],
                 trigger="call", confidence=0.8)


SAID = "We agreed to work together on steel tariffs and energy security"
CALL = [
    art("bbc-call", "2025-03-03", "bbc", [("Jane Doe", "person", SAID + ".")],
        people=[("Pierre Martin", "person")],
        events=[call("Jane Doe", "Pierre Martin", "2025-03-02", 30, ["trade", "security"])]),
    art("guardian-call", "2025-03-03", "guardian", [("Doe", "person", SAID)],
        people=[("Jane Doe", "person"), ("Pierre Martin", "person")],
        events=[call("Jane Doe", "Pierre Martin", "2025-03-02", 45, ["trade"])]),
    art("times-call", "2025-03-04", "times", [("Ms Doe", "person", "work together on steel tariffs and energy")],
        people=[("Pierre Martin", "person")],
        events=[call("Ms Doe", "Pierre Martin", None, None, ["trade", "fishing"])]),
]
WIRE = ("Floodwater covered the lower town of Harlow Bridge on Tuesday after the river burst its banks "
        "following three days of heavy rain. Emergency crews moved around two hundred residents to the "
        "sports hall, and the county council opened a rest centre with beds, food and dry clothes. The "
        "regional water board said the peak had passed shortly before midnight but warned that roads near "
        "the old mill would stay closed for several days while engineers checked the bridge supports. "
        "Shopkeepers on the high street began clearing mud from their floors as the water drained away.")
WIRE_COPIES = [
    art("wire", "2025-04-01", "newswire", body=WIRE),
    art("wire-copy", "2025-04-01", "localpaper", body="By Staff Reporter. " + WIRE + " More to follow."),
]
SMITHS = [
    art("smith-a", "2025-05-01", "bbc", [("Smith", "person", "The school will reopen on Monday for every pupil")],
        people=[("John Smith", "person")]),
    art("smith-b", "2025-05-02", "guardian", [("Smith", "person", "Our bakery has doubled its bread orders since May")],
        people=[("Bob Smith", "person")]),
]
OFFICE = [
    art("m1", "2024-03-10", "bbc", [("Health Secretary", "unnamed", "Waiting lists are finally falling this spring")]),
    art("m2", "2024-09-10", "bbc", [("Health Secretary", "unnamed", "We will hire more nurses in every region")]),
    art("m3", "2024-09-12", "guardian", [("Home Secretary", "unnamed", "Border checks will be tightened next month"),
                                         ("Helen Carter", "person", "I am proud of the work I did on health")]),
]
SEEDS = [Seed("Helen Carter", [], [Role("Health Secretary", "UK", "2024-01-01", "2024-06-30"),
                                   Role("Home Secretary", "UK", "2024-07-01")], "Q111"),
         Seed("Mark Roe", [], [Role("Health Secretary", "UK", "2024-07-01")], "Q222")]


@pytest.fixture
def corpus(store: Store) -> Store:
    for a in CALL + WIRE_COPIES + SMITHS:
        store.add(a)
    return store


def test_one_identity_per_person_across_articles(corpus: Store) -> None:
    doe = corpus.people(name="doe")
    assert [(p.name, p.quote_count, p.article_count) for p in doe] == [("Jane Doe", 3, 3)]
    assert set(doe[0].names) == {"Jane Doe", "Doe", "Ms Doe"} and doe[0].outlets == ["bbc", "guardian", "times"]
    # Quotes by any of her names, from her name or a part of it.
    assert sorted(q.article_id for q in corpus.quotes(speaker="Jane Doe")) == ["bbc-call", "guardian-call",
                                                                               "times-call"]


def test_two_people_called_smith(corpus: Store) -> None:
    people = {p.name: p for p in corpus.people(name="smith")}
    assert set(people) == {"John Smith", "Bob Smith"}
    assert people["John Smith"].quote_count == people["Bob Smith"].quote_count == 1
    assert [q.article_id for q in corpus.quotes(speaker="John Smith")] == ["smith-a"]
    assert [q.article_id for q in corpus.quotes(speaker="Bob Smith")] == ["smith-b"]
    assert sorted(q.article_id for q in corpus.quotes(speaker="smith")) == ["smith-a", "smith-b"]


def test_statement_with_three_sources(corpus: Store) -> None:
    many = corpus.statements(min_sources=2)
    assert len(many) == 1
    s = many[0]
    assert s.speaker == "Jane Doe" and s.outlets == ["bbc", "guardian", "times"] and s.quote_count == 3
    assert len(s.wordings) == 3 and SAID in s.text
    assert len(corpus.statements()) == 3  # and the two Smiths' own


def test_timeline_merges_the_call_across_outlets(corpus: Store) -> None:
    items = corpus.timeline("Jane Doe", "Pierre Martin")
    assert [(i.kind, i.type, i.date) for i in items] == [("event", "call", "2025-03-02")]
    assert sorted(s.outlet for s in items[0].sources) == ["bbc", "guardian", "times"]
    assert set(items[0].topics) == {"trade", "security", "fishing"}


def test_corroboration_of_the_call(corpus: Store) -> None:
    recs = corpus.corroboration()
    eng = next(c for c in recs if c.kind == "engagement")
    got = {(d.field, str(d.value)): (d.status, d.outlets) for d in eng.details}
    assert got == {
        ("date", "2025-03-02"): ("agreed", ["bbc", "guardian"]),
        ("duration_minutes", "30"): ("disputed", ["bbc"]),
        ("duration_minutes", "45"): ("disputed", ["guardian"]),
        ("topic", "trade"): ("agreed", ["bbc", "guardian", "times"]),
        ("topic", "security"): ("single source", ["bbc"]),
        ("topic", "fishing"): ("single source", ["times"]),
    }
    stmt = next(c for c in recs if c.kind == "statement")
    statuses = {(d.status, tuple(d.outlets)) for d in stmt.details}
    # bbc and guardian print the same words (punctuation aside); the times an excerpt.
    assert statuses == {("disputed", ("bbc", "guardian")), ("disputed", ("times",))}


def test_stories_and_near_duplicates(corpus: Store) -> None:
    stories = corpus.stories()
    by_ids = {frozenset(a["id"] for a in s.articles): s for s in stories}
    assert set(by_ids) == {frozenset({"bbc-call", "guardian-call", "times-call"}), frozenset({"wire", "wire-copy"})}
    wire = by_ids[frozenset({"wire", "wire-copy"})]
    assert any("near-duplicate" in r for r in wire.reasons) and wire.outlets == ["localpaper", "newswire"]
    call_story = by_ids[frozenset({"bbc-call", "guardian-call", "times-call"})]
    assert [a["published"] for a in call_story.articles] == sorted(a["published"] for a in call_story.articles)
    assert any(r.startswith("same call") for r in call_story.reasons)
    assert all(a["outlet"] for s in stories for a in s.articles) and all(s.id and s.title for s in stories)
    assert [sorted(g) for g in corpus.duplicates()] == [sorted(a.hash for a in WIRE_COPIES)]


def test_manual_merge_and_split_are_remembered(store_url: str, corpus: Store) -> None:
    corpus.split_person("Jane Doe", "Ms Doe")
    corpus.merge_people("Smith", "Bob Smith")  # both bare "Smith"s are Bob's, says the editor
    with Store(store_url) as again:
        again.add(art("later", "2025-06-01", "bbc", [("Jane Doe", "person", "Nothing has changed since March")]))
        names = {p.name: p for p in again.people()}
        assert names["Bob Smith"].quote_count == 2 and "John Smith" in names
        assert names["Jane Doe"].quote_count == 3 and "Ms Doe" in names
        assert [(r.action, r.a, r.b) for r in again.rules()] == [("split", "Jane Doe", "Ms Doe"),
                                                                ("merge", "Smith", "Bob Smith")]
        assert again.remove_rule(again.rules()[0].id)
        assert {p.name for p in again.people(name="doe")} == {"Jane Doe"}


def test_minister_changes_office(store: Store) -> None:
    for a in OFFICE:
        store.add(a)
    store.load_people(SEEDS)
    people = {p.name: p for p in store.people()}
    carter, roe = people["Helen Carter"], people["Mark Roe"]
    assert (carter.quote_count, roe.quote_count, carter.qid) == (3, 1, "Q111")
    assert "Health Secretary (UK, 2024-01-01–2024-06-30)" in carter.roles
    assert "Health Secretary" not in people and "Home Secretary" not in people
    assert [q.article_id for q in store.quotes(speaker="Mark Roe")] == ["m2"]


def test_link_is_idempotent(corpus: Store) -> None:
    first = corpus.link(force=True)
    assert first.recomputed and corpus.link().recomputed is False
    again = corpus.link(force=True)
    assert first.to_dict() == again.to_dict()
    assert (first.stories, first.duplicate_groups, first.multi_source_statements) == (2, 1, 1)


def test_source_report(corpus: Store, tmp_path: Path) -> None:
    rows = corpus.source_report(by="outlet")
    by_group: dict[str, list[Any]] = {}
    for r in rows:
        by_group.setdefault(r.group, []).append(r)
    assert set(by_group) == {"bbc", "guardian", "times"}  # the wire articles quote nobody
    assert [(r.speaker, r.quotes) for r in by_group["bbc"]] == [("Jane Doe", 1), ("John Smith", 1)]
    for g in by_group.values():
        assert abs(sum(r.share for r in g) - 1) < 1e-3
    assert {r.group for r in corpus.source_report(by="month")} == {"2025-03", "2025-05"}
    from saywho.corpus.report import report_chart

    png, svg = report_chart(rows, tmp_path / "r.png"), report_chart(rows, tmp_path / "r.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and b"<svg" in svg.read_bytes()[:500]


def test_cli(store_url: str, corpus: Store, tmp_path: Path) -> None:
    r = CliRunner()
    db = ["--db", store_url]

    def run(*args: str) -> str:
        res = r.invoke(main, [*args, *db])
        assert res.exit_code == 0, res.output
        return res.stdout

    assert "Jane Doe" in run("statements", "--min-sources", "2", "--format", "table")
    assert run("stories", "--format", "jsonl").count("\n") == 2
    out = run("report", "--format", "csv", "--chart", str(tmp_path / "c.svg"))
    assert out.splitlines()[0] == "group,group_quotes,speaker,kind,quotes,share" and (tmp_path / "c.svg").exists()
    assert "disputed" in run("corroborate", "--format", "table")
    assert "2025-03-02" in run("timeline", "Jane Doe", "Pierre Martin", "--format", "table")
    run("split", "Jane Doe", "Ms Doe")
    assert "split" in run("rules", "--format", "jsonl")
    pf = tmp_path / "p.csv"
    pf.write_text('name,aliases,roles,qid\nJane Doe,J. Doe,"[]",Q9\n')
    run("people-load", str(pf))
    assert '"qid": "Q9"' in run("people", "--name", "doe", "--format", "jsonl")
    bad = r.invoke(main, ["report", "--chart", str(tmp_path / "c.gif"), *db])
    assert bad.exit_code == 1 and "c.gif: the chart must be a .png or .svg file" in bad.output
    bad = r.invoke(main, ["people-load", str(tmp_path / "missing.csv"), *db])
    assert bad.exit_code == 1 and "missing.csv: cannot read" in bad.output


def test_story_pages_show_outlets_side_by_side(store_url: str, corpus: Store) -> None:
    """The web app shows the stories: a list, and a story with one column per outlet."""
    from fastapi.testclient import TestClient

    from saywho.web.app import create_app

    stories = corpus.stories()
    assert stories
    with TestClient(create_app(store_url)) as client:
        listing = client.get("/stories")
        assert listing.status_code == 200 and stories[0].title in listing.text
        page = client.get(f"/stories/{stories[0].id}")
        assert page.status_code == 200
        outlets = {a["outlet"] for a in stories[0].articles}
        assert len(outlets) >= 2 and all(o in page.text for o in outlets)
        api = client.get("/api/stories").json()
        assert {s["id"] for s in api["items"]} == {s.id for s in stories}


def test_statements_compare_the_quoted_words_not_the_attribution_inside_a_span(store: Store) -> None:
    """One outlet prints the quote whole, another interrupts it with "she said": the
    quoted words (verbatim_text) are one statement, never two wordings of it."""
    words = "We will not sign a deal that hurts our farmers, and we will say so in Brussels"
    a = art("one", "2025-05-01", "bbc", [("Jane Doe", "person", words + ".")])
    b_text = "\u201cWe will not sign a deal that hurts our farmers,\u201d Jane Doe said, \u201cand we will say so in Brussels.\u201d"
    first, second = (1, 48), (b_text.index("and we"), b_text.rindex("\u201d"))
    b = Article(id="two", text=b_text, published="2025-05-01", outlet="guardian",
                quotes=[Quote(first[0], second[1], b_text[first[0]:second[1]], "direct",
                              Speaker("Jane Doe", "Jane Doe", 50, 58), cue="said", confidence=0.9,
                              verbatim=[list(first), list(second)],
                              verbatim_text=b_text[first[0]:first[1]] + " " + b_text[second[0]:second[1]])],
                people=[Person("Jane Doe", mentions=[(50, 58)])])
    assert b.quotes[0].verbatim_text.startswith("We will not") and "said" not in b.quotes[0].verbatim_text
    store.add_many([a, b])
    shared = store.statements(min_sources=2)
    assert len(shared) == 1 and shared[0].outlets == ["bbc", "guardian"]
    assert all("said" not in w for w in shared[0].source_wordings)


def test_a_planned_meeting_keeps_its_place_and_is_marked_planned(store_url: str) -> None:
    """place and status go through the store, the API records, `events` and `timeline`."""
    meet = Event("meeting", ["Jane Doe", "Pierre Martin"], date="2025-03-07", evidence=[(0, 4)],
                 trigger="meet", confidence=0.8, place="Paris", status="planned")
    with Store(store_url) as st:
        st.add(art("planned", "2025-03-03", "bbc", people=[("Jane Doe", "person"), ("Pierre Martin", "person")],
                   events=[meet]))
        (rec,) = st.events()
        assert (rec.place, rec.status) == ("Paris", "planned")
        (item,) = st.timeline("Jane Doe", "Pierre Martin")
        assert (item.place, item.status) == ("Paris", "planned")
        back = st.get_article("planned")
        assert back is not None and (back.events[0].place, back.events[0].status) == ("Paris", "planned")
    db = ["--db", store_url]
    out = CliRunner().invoke(main, ["timeline", "Jane Doe", "Pierre Martin", "--format", "table", *db])
    assert out.exit_code == 0, out.output
    assert "PLANNED meeting: Jane Doe & Pierre Martin in Paris" in out.output
    out = CliRunner().invoke(main, ["events", "--format", "table", *db])
    assert out.exit_code == 0 and "(planned)" in out.output and "Paris" in out.output, out.output
