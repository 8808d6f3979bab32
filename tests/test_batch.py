"""Batch ingestion (saywho.runner): chunks, failures, resume, and a Dask cluster losing a worker.

The articles are written by the tests (short synthetic news copy with quotes);
every run's stored counts are compared with a clean single-process run of the
same input, which is what "nothing lost or duplicated" means.
"""
from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from saywho import runner
from saywho.errors import InputError, SaywhoError
from saywho.model import Article
from saywho.store import Store

NAMES = ["Jane Smith", "Omar Haddad", "Li Wei", "Maria Lopez", "Peter Brown", "Anna Kowalski", "Tom Okafor"]
ROLES = ["the housing minister", "the mayor", "a council spokesman", "the opposition leader"]


def article_text(i: int) -> str:
    a, b = NAMES[i % len(NAMES)], NAMES[(i * 3 + 1) % len(NAMES)]
    return (f"Council vote {i} on the housing plan\n\n"
            f"\"We will build {i + 10} more homes this year,\" said {a}, {ROLES[i % len(ROLES)]}.\n\n"
            f"{b} said the plan for district {i} was unrealistic. \"It cannot be done by {2030 + i % 9},\" "
            f"{b.split()[0]} told reporters on Tuesday.\n")


def write_corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"a{i}", "text": article_text(i), "published": "2025-01-27"}) + "\n")
    return path


def stored(st: Store) -> tuple[dict[str, int], set[str]]:
    counts = {k: v for k, v in st.counts().items() if k != "runs"}
    hashes = {a.hash for a in st.articles(limit=100_000)}
    return counts, hashes


def clean_run(tmp_path: Path, paths: list[str]) -> tuple[dict[str, int], set[str]]:
    with Store(f"sqlite:///{tmp_path / 'clean.db'}") as st:
        report = runner.ingest(paths, st, workers=1)
        assert report.mode == "local"
        return stored(st)


def test_single_process_stores_every_article_once_and_resumes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", 20)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st:
        first = runner.ingest([str(corpus)], st, chunk=6)
        again = runner.ingest([str(corpus)], st, chunk=6)
        counts = st.counts()
    assert (first.added, first.unchanged, first.failed, first.mode) == (20, 0, 0, "local")
    assert (again.added, again.unchanged, again.failed) == (0, 20, 0)
    assert counts["articles"] == 20
    assert counts["quotes"] > 0


def test_a_run_stopped_half_way_is_finished_by_the_next(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", 12)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st:
        from saywho.readers import read_inputs

        half = runner.run(list(read_inputs([str(corpus)]))[:5], st, chunk=4)
        rest = runner.ingest([str(corpus)], st, chunk=4)
        got = stored(st)
    assert (half.added, rest.added, rest.unchanged) == (5, 7, 5)
    assert got == clean_run(tmp_path, [str(corpus)])


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("binary.bin", b"\x00\x01\x02\xff" * 64, "binary"),
    ("missing.txt", None, "no such file"),
])
def test_a_bad_input_is_recorded_and_the_run_goes_on(tmp_path: Path, name: str, content: bytes | None,
                                                      reason: str) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", 3)
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st:
        report = runner.ingest([str(bad), str(corpus)], st)
        failures = st.failures()
        assert st.counts()["articles"] == 3
    assert (report.added, report.failed) == (3, 1)
    assert len(failures) == 1 and failures[0].source == str(bad)
    assert reason in failures[0].reason.lower()


def test_a_document_that_breaks_extraction_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import saywho.pipeline as pipeline

    real = pipeline.annotate

    def annotate(article: Article, doc):  # type: ignore[no-untyped-def]
        if "district 4 " in article.text:
            raise ValueError("boom in annotate")
        return real(article, doc)

    monkeypatch.setattr(pipeline, "annotate", annotate)
    corpus = write_corpus(tmp_path / "in.jsonl", 9)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st:
        report = runner.ingest([str(corpus)], st, chunk=8)  # the bad one shares a chunk with 7 good ones
        failures = st.failures()
        n = st.counts()["articles"]
    assert (report.added, report.failed, n) == (8, 1, 8)
    assert "ValueError: boom in annotate" in failures[0].reason


def test_small_inputs_stay_in_one_process(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", 4)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st:
        report = runner.ingest([str(corpus)], st, workers=2)  # default min_parallel: no cluster for 4
    assert (report.mode, report.workers, report.added) == ("local", 1, 4)


def test_progress_is_silent_when_stderr_is_not_a_terminal(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", 3)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st:
        report = runner.ingest([str(corpus)], st, quiet=False)
    assert report.added == 3
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("kwargs, message", [
    ({"chunk": 0}, "chunk"),
    ({"workers": 0}, "workers"),
])
def test_bad_arguments(tmp_path: Path, kwargs: dict[str, int], message: str) -> None:
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st, pytest.raises(ValueError, match=message):
        runner.run([], st, **kwargs)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in.jsonl", 2)
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st, pytest.raises(SaywhoError, match="127.0.0.1:9"):
        runner.ingest([str(corpus)], st, scheduler="tcp://127.0.0.1:9", timeout=2)


def test_failures_from_reading_reach_the_store(tmp_path: Path) -> None:
    items = [InputError("feed.xml", "malformed feed"), Article(id="x", text=article_text(1))]
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as st:
        report = runner.run(items, st)
        assert [(f.source, f.reason) for f in st.failures()] == [("feed.xml", "malformed feed")]
    assert (report.added, report.failed) == (1, 1)


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    """One LocalCluster of 2 worker processes for this module's Dask tests."""
    c = runner.local_cluster(2)
    yield c
    c.close()


def test_an_existing_cluster_by_address_gives_the_same_store(tmp_path: Path, cluster) -> None:  # type: ignore[no-untyped-def]
    corpus = write_corpus(tmp_path / "in.jsonl", 24)
    with Store(f"sqlite:///{tmp_path / 'dask.db'}") as st:
        report = runner.ingest([str(corpus)], st, scheduler=cluster.scheduler_address, chunk=4)
        got = stored(st)
    # a running cluster is used even for a small input: it costs no start-up
    assert (report.mode, report.workers, report.added) == ("dask", 2, 24)
    assert set(report.peak_rss_mb) == set(cluster.scheduler_info["workers"])
    assert got == clean_run(tmp_path, [str(corpus)])


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path: Path, cluster) -> None:  # type: ignore[no-untyped-def]
    corpus = write_corpus(tmp_path / "in.jsonl", 240)
    client = runner.connect(cluster)
    try:
        pids = client.run(os.getpid)  # worker address -> process id
        killed: list[int] = []
        busy: list[int] = []

        def on_item(status: str, item: object) -> None:
            # After the first chunks are stored, kill a worker that holds work at that
            # moment (chosen then, not beforehand: which worker is busy is up to Dask's
            # scheduling, and a loaded machine makes it vary), so that its chunks must be
            # redone elsewhere.
            if status == "added" and not killed and on_item.n >= 16:  # type: ignore[attr-defined]
                holding = {a: len(ts) for a, ts in client.processing().items() if ts and a in pids}
                if holding:
                    address = max(holding, key=holding.__getitem__)
                    busy.append(holding[address])
                    os.kill(pids[address], signal.SIGKILL)
                    killed.append(pids[address])
            on_item.n += 1  # type: ignore[attr-defined]

        on_item.n = 0  # type: ignore[attr-defined]
        with Store(f"sqlite:///{tmp_path / 'dask.db'}") as st:
            report = runner.ingest([str(corpus)], st, client=client, chunk=8, on_item=on_item)
            got = stored(st)
        after = set(client.run(os.getpid).values())
    finally:
        client.close()
    assert killed and killed[0] not in after  # a worker really died (and its nanny started another)
    assert busy[0] >= 1  # ... holding work that had to be redone elsewhere
    assert (report.mode, report.added, report.failed) == ("dask", 240, 0)
    assert got == clean_run(tmp_path, [str(corpus)])


def _ingest_has_scale_options() -> bool:
    from saywho.cli import main

    return "workers" in {p.name for p in main.commands["ingest"].params}


@pytest.mark.skipif(not _ingest_has_scale_options(),
                    reason="saywho ingest has no --workers yet (saywho/cli/ingest.py)")
@pytest.mark.parametrize("how", ["workers", "scheduler"])
def test_saywho_ingest_scales_out_from_the_command_line(tmp_path: Path, cluster, how: str) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from saywho.cli import main

    corpus = write_corpus(tmp_path / "in.jsonl", 10)
    db = tmp_path / "cli.db"
    opts = ["--workers", "2"] if how == "workers" else ["--scheduler", cluster.scheduler_address]
    res = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(db), *opts])
    assert res.exit_code == 0, res.output
    assert "10 added" in res.output
    with Store(f"sqlite:///{db}") as st:
        assert stored(st) == clean_run(tmp_path, [str(corpus)])
