"""The store commands end to end (real extraction on short texts written for the test),
and the SIGKILL test: a killed ingest leaves no half-written article and a re-run
finishes with the same counts as an uninterrupted run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from saywho.cli import main
from saywho.store import Store

TEXTS = {
    "budget": '"We will balance the books by spring," Rachel Reeves said on Tuesday.\n'
              'The chancellor told reporters the plan was fair.',
    "harbour": '"The harbour will reopen next month," the mayor, Anne Hidalgo, said.\n'
               '"Nobody will lose their job," she added.',
}


def run(args: list[str], **kw: object) -> object:
    return CliRunner().invoke(main, args, catch_exceptions=False, **kw)


@pytest.fixture
def ingested(tmp_path: Path, store_url: str) -> str:
    for name, t in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(t, encoding="utf-8")
    r = run(["ingest", str(tmp_path / "budget.txt"), str(tmp_path / "harbour.txt"), "--db", store_url,
             "--published", "2025-03-04"])
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    assert "2 added" in r.stderr  # type: ignore[attr-defined]
    return store_url


def test_ingest_twice_stores_once(ingested: str, tmp_path: Path) -> None:
    with Store(ingested) as st:
        first = st.counts()
        assert first["articles"] == 2 and first["quotes"] >= 2
    r = run(["ingest", str(tmp_path / "budget.txt"), str(tmp_path / "harbour.txt"), "--db", ingested,
             "--published", "2025-03-04"])
    assert "0 added, 0 replaced, 2 unchanged" in r.stderr  # type: ignore[attr-defined]
    with Store(ingested) as st:
        assert st.counts() == first | {"runs": first["runs"] + 1}


def test_failures_are_recorded_and_exit_1(ingested: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    r = run(["ingest", str(tmp_path / "empty.txt"), str(tmp_path / "budget.txt"), "--db", ingested])
    assert r.exit_code == 1  # type: ignore[attr-defined]
    assert "empty.txt" in r.stderr  # type: ignore[attr-defined]
    with Store(ingested) as st:
        assert [Path(f.source).name for f in st.failures()] == ["empty.txt"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_quotes_formats(ingested: str, fmt: str) -> None:
    r = run(["quotes", "--db", ingested, "--search", "harbour", "--format", fmt])
    assert r.exit_code == 0  # type: ignore[attr-defined]
    out = r.stdout  # type: ignore[attr-defined]
    assert "The harbour will reopen next month" in out and "balance the books" not in out
    if fmt == "jsonl":
        rows = [json.loads(x) for x in out.splitlines()]
        assert len(rows) == 1 and rows[0]["published"] == "2025-03-04"


def test_quotes_parquet_needs_a_file(ingested: str, tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["quotes", "--db", ingested, "--format", "parquet"])
    assert r.exit_code == 2 and "-o FILE" in r.output
    f = tmp_path / "q.parquet"
    r = run(["quotes", "--db", ingested, "--format", "parquet", "-o", str(f)])
    with Store(ingested) as st:
        assert pq.read_table(f).num_rows == st.counts()["quotes"]


def test_people_show_export(ingested: str, tmp_path: Path) -> None:
    r = run(["people", "--db", ingested, "--format", "jsonl"])
    names = {json.loads(x)["name"] for x in r.stdout.splitlines()}  # type: ignore[attr-defined]
    assert "Rachel Reeves" in names
    with Store(ingested) as st:
        budget = next(a for a in st.articles() if a.id == "budget")
    r = run(["show", budget.hash, "--db", ingested, "--color"])
    assert "\x1b[" in r.stdout and "Rachel Reeves" in r.stdout  # type: ignore[attr-defined]
    r = run(["show", "budget", "--db", ingested])
    assert "\x1b[" not in r.stdout and "balance the books" in r.stdout  # type: ignore[attr-defined]
    r = CliRunner().invoke(main, ["show", "nope", "--db", ingested])
    assert r.exit_code == 1 and "nope: no such article" in r.output
    f = tmp_path / "all.jsonl"
    run(["export", "--db", ingested, "-o", str(f)])
    assert sorted(json.loads(x)["id"] for x in f.read_text().splitlines()) == ["budget", "harbour"]


@pytest.mark.parametrize("args, message", [
    (["quotes", "--db", "postgresql://nobody@127.0.0.1:1/none"], "127.0.0.1:1"),
    (["quotes", "--db", "/no/such/dir/x.db"], "does not exist"),
    (["quotes", "--db", "x.db", "--since", "last week"], "not a date"),
    (["timeline", "a", "b", "c"], "one or two"),
])
def test_bad_input_one_line_errors(args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.db").touch()  # an existing (empty) database: read commands refuse a missing one
    r = CliRunner().invoke(main, args)
    assert r.exit_code in (1, 2) and message in r.output and "Traceback" not in r.output


# ---------------------------------------------------------------- SIGKILL

# The child ingests with a fast stand-in for extraction (one quote per sentence, found by
# a regex): the store path is the real one, and articles with many quotes make the kill
# likely to land inside a transaction.
CHILD = r"""
import re, sys
from saywho.model import Quote, Speaker, Person
from saywho.runner import ingest
from saywho.store import Store

def fake_extract(arts):
    for a in arts:
        a.quotes = [Quote(m.start(), m.end(), m.group(0), "direct", Speaker(f"Person {m.group(1)}"))
                    for m in re.finditer(r'"Line (\d+) [^"]*"', a.text)]
        a.people = [Person(f"Person {n}") for n in sorted({q.speaker.name[7:] for q in a.quotes})]
        yield a

report = ingest([sys.argv[2]], Store(sys.argv[1]), extractor=lambda chunk: list(fake_extract(chunk)))
print(report.summary())
"""


def _write_corpus(path: Path, n: int, quotes_per: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(f'"Line {j % 37} of article {i} said it," he said.' for j in range(quotes_per))
            f.write(json.dumps({"id": f"art{i}", "text": text}) + "\n")


def _child(url: str, corpus: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, url, str(corpus)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_sigkill_mid_ingest_then_rerun(tmp_path: Path, store_url: str) -> None:
    n, per = 200, 60
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, n, per)

    # The reference: an uninterrupted run into another database (SQLite: the counts do
    # not depend on the backend, which the other tests check).
    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    p = _child(clean_url, corpus)
    assert p.wait(timeout=300) == 0, p.stderr.read()  # type: ignore[union-attr]
    with Store(clean_url) as st:
        clean = st.counts()
    assert clean["articles"] == n and clean["quotes"] == n * per

    p = _child(store_url, corpus)
    st = Store(store_url)
    deadline = time.monotonic() + 120
    while st.counts()["articles"] == 0:
        assert p.poll() is None, "the ingest ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL

    killed = st.counts()
    assert 0 < killed["articles"] < n, killed
    # No half-written article: every stored article has every one of its quotes.
    assert killed["quotes"] == killed["articles"] * per
    for a in st.articles(limit=None):
        assert a.quote_count == per
    st.close()

    p = _child(store_url, corpus)
    out, errs = p.communicate(timeout=300)
    assert p.returncode == 0, errs
    assert f"{n - killed['articles']} added" in out
    with Store(store_url) as st:
        after = st.counts()
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in clean.items() if k != "runs"}
