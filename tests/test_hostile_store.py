"""Hostile input into a store: no article lost, on SQLite and PostgreSQL alike.

A NUL character anywhere in an article (PostgreSQL refuses it in text), overlapping
ingests writing the same articles at once, a batch mixing every kind of bad input with
good articles; and the URL fetcher, whose errors must not tell which internal ports are
open.  Every input is written by the test into tmp_path.
"""
from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from saywho import runner
from saywho.errors import InputError
from saywho.model import Article, Person
from saywho.readers import ReadOptions
from saywho.readers.fetch import REFUSED, fetch
from saywho.runner.local import run
from saywho.store import Store
from saywho.store.write import NUL_WARNING

GOOD = (
    "The regional water board met on Monday to discuss the drought.\n"
    "\u201cWe are asking every household to cut its use by a tenth,\u201d said Ana Kovac, "
    "the board's chair.\n"
)


def as_is(arts: list[Article]) -> list[Any]:
    """An extractor that finds nothing: the store is what is under test."""
    return list(arts)


def article(i: int) -> Article:
    """A small article with a person and her mention (rows in people and mentions too)."""
    text = f"Story {i}. " + GOOD
    start = text.index("Ana Kovac")
    return Article(id=f"a{i}", text=text, title=f"Story {i}",
                   people=[Person(name="Ana Kovac", mentions=[(start, start + 9)])])


# ---------------------------------------------------------------- NUL

def test_a_nul_character_does_not_stop_the_batch(store_url: str) -> None:
    """Article 41 of 84 has NUL in its text, title and id: all 84 are stored, the NUL made a
    space (offsets unchanged), a warning on the article, nothing in the failures."""
    arts = [article(i) for i in range(84)]
    bad = arts[40]
    bad.text = bad.text.replace("Story 40.", "Story\x0040.")
    bad.title, bad.id, bad.source = "Sto\x00ry", "a\x0040", "in.jsonl:41"
    bad.people[0].name = "Ana\x00Kovac"
    with Store(store_url) as st:
        report = run(arts, st, extractor=as_is, chunk=32)
        assert (report.added, report.failed) == (84, 0)
        assert st.counts()["articles"] == 84 and st.failures() == []
        got = st.get_article(bad.hash)
        assert got is not None
        assert got.text == bad.text.replace("\x00", " ") and len(got.text) == len(bad.text)
        assert (got.title, got.id) == ("Sto ry", "a 40")
        assert NUL_WARNING in got.warnings
        # a re-run finds every article stored (the hash is the original text's)
        again = run(arts, st, extractor=as_is, chunk=32)
        assert (again.unchanged, again.added, again.failed) == (84, 0, 0)


def test_a_failure_whose_source_has_a_nul_is_recorded(store_url: str) -> None:
    with Store(store_url) as st:
        report = run([InputError("bad\x00name.txt", "empty text: nothing to extract"), article(1)], st,
                     extractor=as_is)
        assert (report.added, report.failed) == (1, 1)
        assert [f.source for f in st.failures()] == ["bad name.txt"]


# ---------------------------------------------------------------- overlapping writers

@pytest.mark.parametrize("attempt", range(3))
def test_overlapping_ingests_both_finish_and_store_each_article_once(store_url: str, attempt: int) -> None:
    """Two writers (own Store objects, as two processes would have) store overlapping inputs,
    one in the reverse order: both finish without a failure, each article is stored once."""
    arts = [article(i) for i in range(60)]
    inputs = [arts[:45], list(reversed(arts[15:]))]
    reports: list[Any] = [None, None]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def ingest(k: int) -> None:
        try:
            with Store(store_url) as st:
                start.wait()
                reports[k] = run(inputs[k], st, extractor=as_is, chunk=5)
        except BaseException as e:  # noqa: BLE001 - reported by the test
            errors.append(e)

    Store(store_url).close()  # the schema first: both writers open a migrated store
    threads = [threading.Thread(target=ingest, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert all(r is not None and r.failed == 0 for r in reports)
    assert sum(r.added for r in reports) == 60
    with Store(store_url) as st:
        assert st.counts()["articles"] == 60 and st.failures() == []
        assert sorted(a.id for a in st.articles(limit=None)) == sorted(a.id for a in arts)
        (person,) = st.people()
        assert person.name == "Ana Kovac"



@pytest.mark.parametrize("attempt", range(3))
def test_overlapping_add_many_in_opposite_orders_both_finish(store_url: str, attempt: int) -> None:
    """Store.add_many itself (no runner to retry article by article): two writers storing
    the same articles in opposite orders lock them crosswise; the store retries the batch
    that lost, so both finish and each article is stored once."""
    arts = [article(i) for i in range(40)]
    orders = [arts, list(reversed(arts))]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def write(k: int) -> None:
        try:
            with Store(store_url) as st:
                start.wait()
                st.add_many(orders[k], batch_size=10)
        except BaseException as e:  # noqa: BLE001 - reported by the test
            errors.append(e)

    Store(store_url).close()
    threads = [threading.Thread(target=write, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    with Store(store_url) as st:
        assert st.counts()["articles"] == 40

# ---------------------------------------------------------------- a batch of everything

def hostile_batch(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Good articles mixed with every kind of bad input; the bad ones with a word of their reason."""
    d = tmp_path / "in"
    d.mkdir()
    lines = [json.dumps({"id": f"good{i}", "text": f"Story {i}. " + GOOD}) for i in range(3)]
    lines.insert(1, json.dumps({"id": "nul\u0000id", "title": "Ti\u0000tle", "text": "Story N. \u0000 " + GOOD}))
    lines.insert(2, '{"id": "sur", "text": "Story 9. \\ud800 \\"No,\\" said Ana Kovac."}')
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "empty.txt").write_text("")
    (d / "huge.txt").write_text("Word after word, said Ana Kovac. " * 4000)
    (d / "french.txt").write_text(
        "Le conseil r\u00e9gional de l'eau s'est r\u00e9uni lundi pour discuter de la s\u00e9cheresse. "
        "\u00ab Nous demandons \u00e0 chaque foyer de r\u00e9duire sa consommation d'un dixi\u00e8me \u00bb, "
        "a d\u00e9clar\u00e9 Ana Kovac, la pr\u00e9sidente du conseil. Les agriculteurs ont protest\u00e9 "
        "contre les restrictions impos\u00e9es depuis le mois dernier dans toute la r\u00e9gion.\n")
    (d / "frontpage.txt").write_text(
        "\n".join(f"Minister resigns over scandal in region number {i}" for i in range(40)) + "\n")
    (d / "good.txt").write_text("Story T. " + GOOD)
    bad = {f"{d / 'batch.jsonl'}:3": "surrogate", str(d / "binary.txt"): "binary",
           str(d / "empty.txt"): "empty", str(d / "huge.txt"): "too large",
           str(d / "french.txt"): "not English", str(d / "frontpage.txt"): "front"}
    return d, bad


def test_nothing_is_lost_in_a_hostile_batch(store_url: str, tmp_path: Path) -> None:
    d, bad = hostile_batch(tmp_path)
    with Store(store_url) as st:
        report = runner.ingest([str(d)], st, ReadOptions(max_bytes=60_000))
        stored = {a.id: a for a in st.articles(limit=None)}
        assert sorted(stored) == ["good", "good0", "good1", "good2", "nul id"]
        nul = st.get_article("nul id")
        assert nul is not None and NUL_WARNING in nul.warnings and nul.title == "Ti tle"
        assert nul.quotes and nul.quotes[0].speaker is not None  # extracted and stored with its quote
        failures = {f.source: f.reason for f in st.failures()}
        assert sorted(failures) == sorted(bad)
        for source, word in bad.items():
            assert word.lower() in failures[source].lower(), (source, failures[source])
        assert report.failed == len(bad) and report.added == 5


# ---------------------------------------------------------------- the fetcher

@pytest.fixture
def ports() -> Iterator[dict[str, int]]:
    """Loopback ports: one closed, one open that closes at once, one open that is not HTTP."""
    servers: list[socket.socket] = []

    def serve(greeting: bytes) -> int:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen()
        servers.append(s)

        def loop() -> None:
            while True:
                try:
                    c, _ = s.accept()
                except OSError:
                    return
                try:
                    c.sendall(greeting)
                finally:
                    c.close()

        threading.Thread(target=loop, daemon=True).start()
        return int(s.getsockname()[1])

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    closed = int(probe.getsockname()[1])
    probe.close()
    try:
        yield {"closed": closed, "silent": serve(b""), "ssh": serve(b"SSH-2.0-OpenSSH_9.6\r\n")}
    finally:
        for s in servers:
            s.close()


@pytest.mark.parametrize("allow_private", [False, True])
def test_fetch_errors_do_not_tell_open_ports_from_closed(ports: dict[str, int], allow_private: bool) -> None:
    reasons = {}
    for name, port in ports.items():
        url = f"http://127.0.0.1:{port}/"
        with pytest.raises(InputError) as e:
            fetch(url, allow_private=allow_private, timeout=5)
        reasons[name] = e.value.reason
        assert str(port) not in e.value.reason
    assert len(set(reasons.values())) == 1, reasons
    if not allow_private:
        assert reasons["closed"] == REFUSED


# ---------------------------------------------------------------- the near-linear helpers

def test_span_set_answers_like_a_scan() -> None:
    """SpanSet (bisection) gives what the list scan gave, overlaps and a skipped span included."""
    import random

    from saywho.quotes.marks import SpanSet, in_spans

    r = random.Random(3)
    for _ in range(200):
        spans = [(s, s + r.randrange(1, 30)) for s in (r.randrange(0, 200) for _ in range(r.randrange(0, 12)))]
        st = SpanSet(spans)
        skip = spans[0] if spans else None
        for i in range(-2, 240):
            assert st.has(i) == in_spans(i, spans)
            rest = list(spans)
            if skip is not None:
                rest.remove(skip)
            assert st.has(i, skip=skip) == any(s <= i < e for s, e in rest)


def test_ents_within_is_the_filter_over_all_entities() -> None:
    from saywho import nlp

    doc = nlp.parse("Ana Kovac met John Smith in Paris on Monday. Later, Maria Novak of the United Nations "
                    "flew to Berlin with Peter Brennan.")
    for a in range(len(doc) + 1):
        for b in range(a, len(doc) + 1):
            want = [e for e in doc.ents if e.start >= a and e.end <= b]
            assert nlp.ents_within(doc, a, b) == want
