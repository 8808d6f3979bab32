"""Hostile input, faults and load; nothing silently wrong.

Lone surrogates in JSONL, pipes and devices without end, failures that must stay one
line, empty and oddly encoded JSONL, texts too short to tell their language, a
database that goes away mid-ingest, a mistyped --db, bad SAYWHO_* values.  Every
input is written by the test into tmp_path.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from saywho import runner
from saywho.cli import main
from saywho.errors import InputError
from saywho.model import Article
from saywho.store import Store

ROOT = Path(__file__).resolve().parents[1]
GOOD = (
    "The regional water board met on Monday to discuss the drought.\n"
    "\u201cWe are asking every household to cut its use by a tenth,\u201d said Ana Kovac, "
    "the board's chair.\n"
)


def cli(*args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env)


def errors(r: Result) -> list[str]:
    return [line for line in r.stderr.splitlines() if line.startswith("saywho: error:")]


def no_traceback(r: Result) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)


def good_line(i: int) -> str:
    return json.dumps({"id": f"good{i}", "text": f"Story {i}. " + GOOD})


# JSON may spell a lone surrogate; it is no character: no UTF-8 writer and no database takes it
SURROGATE_LINES = {
    "id": '{"id": "bad\\ud800", "text": "Story 9. The board said \\"no\\", said Ana Kovac."}',
    "title": '{"id": "bad", "title": "x\\udfff", "text": "Story 9. The board said no, said Ana Kovac."}',
    "text": '{"id": "bad", "text": "Story 9. \\ud800 \\"No,\\" said Ana Kovac."}',
}


def surrogate_file(tmp_path: Path, field: str) -> Path:
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join([good_line(1), SURROGATE_LINES[field], good_line(3)]) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("field", sorted(SURROGATE_LINES))
def test_a_lone_surrogate_in_jsonl_is_one_line_and_extract_goes_on(tmp_path: Path, field: str) -> None:
    p = surrogate_file(tmp_path, field)
    r = cli("extract", "--format", "jsonl", str(p))
    no_traceback(r)
    assert r.exit_code == 1
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == ["good1", "good3"]
    (line,) = errors(r)
    assert f"{p}:2" in line and "surrogate" in line and repr(field) in line


@pytest.mark.parametrize("field", sorted(SURROGATE_LINES))
def test_a_lone_surrogate_in_jsonl_does_not_stop_ingest(tmp_path: Path, field: str) -> None:
    p = surrogate_file(tmp_path, field)
    db = tmp_path / "s.db"
    r = cli("ingest", str(p), "--db", str(db))
    no_traceback(r)
    assert r.exit_code == 1
    (line,) = errors(r)
    assert f"{p}:2" in line and "surrogate" in line
    with Store(str(db)) as st:
        assert sorted(a.id for a in st.articles()) == ["good1", "good3"]
        assert [f.source for f in st.failures()] == [f"{p}:2"]


# ---------------------------------------------------------------- inputs without end

def _limit_memory() -> None:  # pragma: no cover - runs in the child
    # on a reader that reads to the end, the child dies of MemoryError instead of the machine
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_an_endless_device_stops_at_the_byte_cap(fmt: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SAYWHO_MAX_BYTES": "100000"}
    r = subprocess.run([sys.executable, "-m", "saywho.cli", "extract", "/dev/zero", "--input-format", fmt],
                       capture_output=True, text=True, env=env, timeout=120, preexec_fn=_limit_memory)
    assert "Traceback" not in r.stderr and "MemoryError" not in r.stderr
    assert r.returncode == 1
    (line,) = [x for x in r.stderr.splitlines() if x.startswith("saywho: error:")]
    assert "/dev/zero" in line and "100,000 bytes" in line


def test_an_endless_jsonl_pipe_stops_at_the_byte_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("saywho.readers.options.MAX_BYTES", 10_000)
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    # the writer: far more than the cap, no newline, until the reader goes away
    writer = subprocess.Popen([sys.executable, "-c", "import sys\ntry:\n with open(sys.argv[1], 'wb') as w:\n"
                               "  for _ in range(1000): w.write(b'x' * 65536)\nexcept BrokenPipeError: pass",
                               str(fifo)], stderr=subprocess.DEVNULL)
    try:
        r = cli("extract", "--format", "jsonl", str(fifo))
    finally:
        writer.kill()
        writer.wait()
    no_traceback(r)
    assert r.exit_code == 1
    (line,) = errors(r)
    assert f"{fifo}:1" in line and "longer than 10,000 bytes" in line


# ---------------------------------------------------------------- one line per failure

def test_a_failed_extraction_names_the_article_not_its_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import saywho.pipeline as pipeline

    real = pipeline.annotate

    def annotate(article: Article, doc: Any) -> Any:
        if "Story 2." in article.text:
            raise ValueError(article.text.replace("\n", " "))  # a message quoting the whole article
        return real(article, doc)

    monkeypatch.setattr(pipeline, "annotate", annotate)
    long_text = "Story 2. " + "The board met again and talked at length about water. " * 40 + GOOD
    p = tmp_path / "in.jsonl"
    p.write_text(good_line(1) + "\n" + json.dumps({"id": "long", "text": long_text}) + "\n", encoding="utf-8")
    r = cli("ingest", str(p), "--db", str(tmp_path / "f.db"))
    no_traceback(r)
    (line,) = errors(r)
    assert f"{p}:2" in line and "ValueError" in line
    assert len(line) < 300 and line.count("talked at length") <= 2


class RefusingStore:
    """A store whose writes fail like a database refusing a value: the error's message
    quotes the statement's parameters (the whole article), as SQLAlchemy's does."""

    where = "fake.db"

    def __init__(self) -> None:
        self.stored: list[str] = []
        self.failures: list[tuple[str, str]] = []

    def start_run(self, options: dict[str, Any], source: str = "ingest") -> dict[str, Any]:
        return {"id": 1}

    def has(self, h: str) -> bool:
        return False

    def is_current(self, h: str, run: Any) -> bool:
        return False

    def add_failure(self, source: str, reason: str, run_id: int) -> None:
        self.failures.append((source, reason))

    def close(self) -> None:
        pass

    def add_many(self, arts: list[Article], run: Any, batch_size: int = 50) -> list[Any]:
        for a in arts:
            if a.id == "bad":
                raise ValueError(f"cannot store\n[parameters: {a.text!r}]")
        self.stored += [a.id for a in arts]
        return [type("R", (), {"status": "added"})() for _ in arts]


def fake_extract(arts: list[Article]) -> list[Any]:
    return list(arts)


def test_an_article_the_store_refuses_fails_alone_in_one_line(tmp_path: Path) -> None:
    items = [Article(id=i, text=f"{i} " + GOOD * 20, source=f"in.jsonl:{n}")
             for n, i in enumerate(["a", "bad", "c"], 1)]
    st = RefusingStore()
    report = runner.run(items, st, extractor=fake_extract)  # type: ignore[arg-type]
    assert st.stored == ["a", "c"] and (report.added, report.failed) == (2, 1)
    ((source, reason),) = st.failures
    assert source == "in.jsonl:2" and reason.startswith("not stored: ValueError") and "\n" not in reason
    assert GOOD not in reason


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    p = tmp_path / "two\nlines.txt"
    p.write_bytes(b"\x00\x01binary")
    r = cli("extract", "--format", "jsonl", str(p))
    no_traceback(r)
    lines = r.stderr.splitlines()
    (line,) = errors(r)
    assert "$'" in line and "two\\nlines.txt'" in line  # as bash's printf %q writes it
    assert not any(x.startswith("lines.txt") for x in lines)


# ---------------------------------------------------------------- JSONL like text

def test_an_empty_jsonl_file_is_an_error_like_an_empty_text(tmp_path: Path) -> None:
    for name in ("empty.jsonl", "empty.txt"):
        p = tmp_path / name
        p.write_bytes(b"\n  \n" if name.endswith("jsonl") else b"")
        r = cli("extract", "--format", "jsonl", str(p))
        no_traceback(r)
        assert r.exit_code == 1 and r.stdout == ""
        (line,) = errors(r)
        assert str(p) in line and "empty" in line


def test_a_cp1252_jsonl_line_gets_a_warning_like_a_text_file(tmp_path: Path) -> None:
    p = tmp_path / "old.jsonl"
    p.write_bytes(good_line(1).encode() + b"\n" + b'{"id": "old", "text": "' + GOOD.replace("\n", " ")
                  .replace("\u201c", "\x93").replace("\u201d", "\x94").encode("latin-1") + b'"}\n')
    r = cli("extract", "--format", "jsonl", str(p))
    no_traceback(r)
    assert r.exit_code == 0, r.stderr
    warnings = [x for x in r.stderr.splitlines() if x.startswith("saywho: warning:") and "cp1252" in x]
    assert len(warnings) == 1 and f"{p}:2" in warnings[0]


def test_a_short_french_text_is_stored_as_unknown_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "fr.txt"
    p.write_text("Le président a dit qu'il viendra demain à Paris.\n", encoding="utf-8")
    db = tmp_path / "fr.db"
    r = cli("ingest", str(p), "--db", str(db))
    no_traceback(r)
    assert r.exit_code == 0, r.stderr
    assert any("too short to tell" in x and "unknown" in x for x in r.stderr.splitlines())
    with Store(str(db)) as st:
        art = st.get_article("fr")
    assert art is not None and art.language == "unknown"


def test_a_short_text_keeps_the_language_it_is_given(tmp_path: Path) -> None:
    p = tmp_path / "given.jsonl"
    p.write_text(json.dumps({"id": "fr", "text": "Le président a dit qu'il viendra.", "language": "fr"}) + "\n")
    r = cli("extract", "--format", "jsonl", str(p))
    assert r.exit_code == 1 and "not English" in r.stderr


def test_a_short_english_text_has_no_language_warning(tmp_path: Path) -> None:
    p = tmp_path / "en.txt"
    p.write_text(GOOD, encoding="utf-8")
    r = cli("extract", "--format", "jsonl", str(p))
    assert r.exit_code == 0 and "warning" not in r.stderr


# ---------------------------------------------------------------- a database that goes away

def _operational() -> Exception:
    from sqlalchemy.exc import OperationalError

    from saywho.store.engine import StoreError

    cause = OperationalError("INSERT ...", {}, Exception("server closed the connection unexpectedly"))
    try:  # wrapped as the Store wraps it
        raise StoreError("postgresql://db/news", "server closed the connection") from cause
    except StoreError as e:
        return e


class FlakyStore(RefusingStore):
    """A store whose writes lose their connection ``outages`` times (forever with None)."""

    def __init__(self, outages: int | None) -> None:
        super().__init__()
        self.where = "postgresql://me:***@db/news"
        self.outages = outages
        self.calls = 0

    def add_many(self, arts: list[Article], run: Any, batch_size: int = 50) -> list[Any]:
        self.calls += 1
        if self.outages is None or self.calls <= self.outages:
            raise _operational()
        return super().add_many(arts, run, batch_size)


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"{i} " + GOOD, source=f"in.jsonl:{i}") for i in range(n)]


def test_a_store_that_comes_back_is_retried_with_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr("saywho.runner.storewrite.time.sleep", waits.append)
    st = FlakyStore(outages=2)
    report = runner.run(_articles(3), st, extractor=fake_extract, retry_seconds=30)  # type: ignore[arg-type]
    assert st.stored == ["a0", "a1", "a2"] and report.added == 3 and report.failed == 0
    assert len(waits) == 2 and waits[1] > waits[0] > 0


def test_a_store_that_never_comes_back_stops_with_the_count_and_the_resume_command(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import saywho.runner.storewrite as sw

    clock = [0.0]
    monkeypatch.setattr(sw.time, "sleep", lambda s: clock.__setitem__(0, clock[0] + s))
    monkeypatch.setattr(sw.time, "monotonic", lambda: clock[0])
    st = FlakyStore(outages=None)
    with pytest.raises(runner.StoreUnavailable) as info:
        runner.run(_articles(3), st, extractor=fake_extract, retry_seconds=10)  # type: ignore[arg-type]
    assert info.value.stored == 0 and 10 <= clock[0] <= 11 and "gave up after 10 s" in str(info.value)

    # the command line: one line with the count and the exact command that resumes
    monkeypatch.setattr("saywho.cli.store.open_store", lambda db, create=False: FlakyStore(outages=None))
    p = tmp_path / "my articles.jsonl"
    p.write_text(good_line(1) + "\n", encoding="utf-8")
    r = cli("ingest", str(p), "--db", "postgresql://me:secret@db/news", "--published", "2025-01-27",
            "--store-retry", "1", "--force")
    no_traceback(r)
    assert r.exit_code == 1
    (line,) = errors(r)
    assert "0 article(s) stored" in line and "secret" not in line
    assert line.endswith(f"resume with: saywho ingest '{p}' --db 'postgresql://me:***@db/news' "
                         "--published 2025-01-27 --store-retry 1.0")


def test_other_store_errors_are_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    from saywho.runner.storewrite import is_disconnect

    assert is_disconnect(_operational())
    assert not is_disconnect(ValueError("bad value"))
    assert not is_disconnect(InputError("x", "y"))


# ---------------------------------------------------------------- a mistyped --db

@pytest.mark.parametrize("args", [["quotes"], ["people"], ["show", "x"], ["events"], ["timeline", "A"], ["serve"]])
def test_read_commands_refuse_a_database_that_does_not_exist(args: list[str], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)  # serve must stop before serving
    db = tmp_path / "mistyped.db"
    for where in (str(db), f"sqlite:///{db}"):
        r = cli(*args, "--db", where)
        no_traceback(r)
        assert r.exit_code == 2, r.output
        (line,) = errors(r)
        assert str(db) in line and "does not exist" in line
        assert not db.exists()


def test_read_commands_refuse_a_missing_default_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("quotes", env={"SAYWHO_DB": str(tmp_path / "nope.db")})
    assert r.exit_code == 2 and "nope.db" in r.stderr and not (tmp_path / "nope.db").exists()


# ---------------------------------------------------------------- SAYWHO_* settings

def _saywho(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-m", "saywho.cli", *args], capture_output=True, text=True, env=full,
                          timeout=120)


def test_bad_settings_are_one_line_each_and_exit_2(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GOOD, encoding="utf-8")
    r = _saywho("extract", str(p), SAYWHO_MAX_BYTES="5MB", SAYWHO_FETCH_PRIVATE="maybe")
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.splitlines() == ["saywho: error: SAYWHO_MAX_BYTES='5MB': not a whole number",
                                     "saywho: error: SAYWHO_FETCH_PRIVATE='maybe': must be 1 or 0"]


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["ingest", "-h"]])
def test_help_works_with_a_bad_setting(args: list[str]) -> None:
    r = _saywho(*args, SAYWHO_MAX_BYTES="lots", SAYWHO_FETCH_TIMEOUT="-3")
    assert r.returncode == 0 and "Usage:" in r.stdout and "Traceback" not in r.stderr


def test_settings_are_typed_and_checked() -> None:
    from saywho.settings import SettingsError, lenient, load

    s = load({"SAYWHO_MAX_BYTES": "1_000", "SAYWHO_FETCH_PRIVATE": "1", "SAYWHO_DB": "x.db",
              "SAYWHO_STORE_RETRY_SECONDS": "2.5", "SAYWHO_TOKEN": "s3cret"})
    assert (s.max_bytes, s.fetch_private, s.db, s.store_retry_seconds, s.token) == (1000, True, "x.db", 2.5, "s3cret")
    assert "s3cret" not in repr(s)
    with pytest.raises(SettingsError) as info:
        load({"SAYWHO_MAX_CHARS": "0", "SAYWHO_STORE_RETRY_SECONDS": "nan", "SAYWHO_AUTO_LINK_MAX": "-1"})
    assert [p.split("=")[0] for p in info.value.problems] == [
        "SAYWHO_MAX_CHARS", "SAYWHO_AUTO_LINK_MAX", "SAYWHO_STORE_RETRY_SECONDS"]
    assert lenient({"SAYWHO_MAX_BYTES": "abc"}).max_bytes == 5_000_000


# ---------------------------------------------------------------- what a kill costs, said once

def test_the_docs_say_what_the_runner_does_one_transaction_per_chunk() -> None:
    from saywho.cli.ingest import ingest
    from saywho.runner import DEFAULT_CHUNK
    from saywho.runner import local

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    store_section = readme[readme.index("## Store and query"):]
    store_section = store_section[:store_section.index("\n## ", 5)]
    helptext = " ".join((ingest.help or "").split())
    assert "each article is one transaction" not in readme.lower()
    assert "article is written in one transaction" not in helptext
    assert f"one transaction per chunk of {DEFAULT_CHUNK}" in " ".join(store_section.split())
    assert f"{DEFAULT_CHUNK} to a transaction" in helptext
    assert "loses at most the articles of the chunk" in " ".join((local.__doc__ or "").split())


def test_an_article_sqlite_refuses_is_recorded_and_its_chunk_is_stored(tmp_path: Path) -> None:
    # past the readers (a library caller's Article): SQLite cannot encode a lone surrogate
    items = [Article(id=i, text=f"{i} " + GOOD, source=f"api:{i}", title=t)
             for i, t in (("a", "fine"), ("b", "bad \ud800 title"), ("c", None))]
    with Store(str(tmp_path / "r.db")) as st:
        report = runner.run(items, st, extractor=fake_extract)
        ids = sorted(a.id for a in st.articles())
        failures = [(f.source, f.reason) for f in st.failures()]
    assert ids == ["a", "c"] and (report.added, report.failed) == (2, 1)
    assert failures[0][0] == "api:b" and "UnicodeEncodeError" in failures[0][1]
