"""The store's function modules on a bare Connection (in-memory SQLite), the one date
validator, and the library-backed grouping (networkx components, rapidfuzz cdist)."""
from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection

from saywho.corpus import statements as ST
from saywho.corpus import stories as SR
from saywho.dates import date_bound, period
from saywho.model import Article, Person, Quote, Speaker
from saywho.store import StoreError, across, linking, migrate, read, write
from saywho.store.engine import make_engine, resolve_url
from saywho.store.sql import date_args, fts_terms, person_key


@pytest.fixture
def conn() -> Iterator[Connection]:
    engine = make_engine(resolve_url("sqlite:///:memory:"))
    with engine.connect() as c:
        with c.begin():
            migrate.upgrade(c, ":memory:")
            yield c
    engine.dispose()


def _article(aid: str, published: str, outlet: str, speaker: str, words: str) -> Article:
    q = f"\u201c{words}\u201d"
    text = f"{q} {speaker} said to {outlet}."
    m0 = len(q) + 1
    return Article(id=aid, text=text, published=published, outlet=outlet,
                   quotes=[Quote(0, len(q), q, "direct", Speaker(speaker, speaker, m0, m0 + len(speaker)),
                                 cue="said", confidence=0.9)],
                   people=[Person(speaker, mentions=[(m0, m0 + len(speaker))])])


def test_write_read_link_on_a_connection(conn: Connection) -> None:
    run = write.default_run({"x": 1}, "test")
    rid = write.insert_run(conn, run)
    annot = write.annotator(run)
    a1 = _article("a1", "2025-01-02", "One", "Ada Byron", "We will build the engine this year")
    a2 = _article("a2", "2025-01-03", "Two", "Ada Byron", "We will build the engine this year")
    assert write.add_article(conn, a1, rid, annot).status == "added"
    assert write.add_article(conn, a1, rid, annot).status == "unchanged"
    write.add_article(conn, a2, rid, annot)
    assert read.counts(conn)["quotes"] == 2
    assert read.get_article(conn, "a1") == a1
    assert [q.article_id for q in read.quotes(conn, since="2025-01-03")] == ["a2"]
    report = linking.relink(conn)
    assert report.recomputed and not linking.relink(conn).recomputed
    [st] = across.statements(conn, speaker="byron", min_sources=2)
    assert st.outlets == ["One", "Two"]
    write.delete_article(conn, a1.hash)
    assert read.resolve_key(conn, "a1") is None


def test_people_rows_are_shared_by_key(conn: Connection) -> None:
    ids = write.person_ids(conn, [("Keir  STARMER", "person"), ("Keir Starmer", "person")])
    assert list(ids) == [person_key("Keir Starmer", "person")]


@pytest.mark.parametrize("value,end,want", [
    ("2024", False, "2024-01-01"), ("2024", True, "2024-12-31"), ("2024-02", True, "2024-02-29"),
    ("2024-09-20", False, "2024-09-20"), (None, False, None), ("", True, None)])
def test_date_bound(value: str | None, end: bool, want: str | None) -> None:
    assert date_bound(value, end) == want


@pytest.mark.parametrize("bad", ["2024-13", "20240101", "2024-09-20T10:00", "last week", "2024-02-30"])
def test_date_bound_refuses(bad: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        date_bound(bad, False)
    with pytest.raises(StoreError, match="^until: "):
        date_args(None, bad)


def test_period_reads_a_leading_date() -> None:
    assert period("2024-09-20T10:00") == ("2024-09-20", "2024-09-20")
    assert period("September") is None
    assert fts_terms('red "hard lines" well-known') == [["red"], ["hard", "lines"], ["well", "known"]]


def _brute_group(quotes: list[ST.QuoteRow]) -> list[list[int]]:
    """The grouping as it was written before: union-find over pairwise same_words."""
    out: list[list[int]] = []
    by: dict[int | None, list[ST.QuoteRow]] = {}
    for q in quotes:
        by.setdefault(q.identity, []).append(q)
    for ident, qs in by.items():
        if ident is None:
            out += [[q.id] for q in qs]
            continue
        normed = [ST.norm_text(q.text) for q in qs]
        parent = list(range(len(qs)))

        def find(i: int) -> int:
            while parent[i] != i:
                i = parent[i]
            return i
        for i in range(len(qs)):
            for j in range(i + 1, len(qs)):
                if find(i) != find(j) and normed[i] and ST.same_words(normed[i], normed[j]):
                    parent[find(j)] = find(i)
        groups: dict[int, list[int]] = {}
        for i, q in enumerate(qs):
            groups.setdefault(find(i), []).append(q.id)
        out += [sorted(g) for g in groups.values()]
    return sorted(out)


@pytest.mark.parametrize("block", [256, 7])
def test_statement_groups_match_pairwise_union_find(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ST, "BLOCK", block)
    rng = random.Random(7)
    vocab = "we will not let the country down and the bridge is built before winter comes".split()
    base = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 14))) for _ in range(25)]
    texts = []
    for b in base:
        texts.append(b)
        words = b.split()
        texts.append(" ".join(words[rng.randint(0, len(words) - 1):]))  # an excerpt
        texts.append(b.upper() + "!")
        texts.append(b.replace(rng.choice(vocab), rng.choice(vocab)))
    texts += ["", "  ", "!!"]
    quotes = [ST.QuoteRow(i, rng.choice([None, 1, 2, 3]), t) for i, t in enumerate(texts)]
    want = _brute_group(quotes)
    assert any(len(g) > 2 for g in want)  # the test does join quotations
    assert ST.group(quotes) == want


def test_story_components() -> None:
    docs = [SR.Doc(h, f"text {h}", "2025-01-0" + str(i + 1)) for i, h in enumerate("abcd")]
    events = [SR.EventKey(1, "a", "call", frozenset({0, 1}), "2025-01-01", "2025-01-01", True),
              SR.EventKey(2, "b", "call", frozenset({0, 1}), "2025-01-01", "2025-01-01", True),
              SR.EventKey(3, "d", "meeting", frozenset({0, 1}), None, None, False)]
    g = SR.group(docs, events, [("c", "d", "Ada")], ["Ada", "Bob"])
    assert g.stories == [["a", "b"], ["c", "d"]]
    assert g.engagements == [[1, 2], [3]]
    assert g.reasons[frozenset({"c", "d"})] == ["same statement by Ada"]
