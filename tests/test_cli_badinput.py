"""Bad input on the command line: a result or one line naming the file, never a traceback.

Every input is written by the test into tmp_path.  Each case runs
``saywho extract`` through click's CliRunner (in process, the model loads once);
one case runs the real ``python -m saywho.cli`` in a subprocess, to check what a
user's shell sees (exit code, stderr, no traceback).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from saywho.cli import main

GOOD = (
    "The regional water board met on Monday to discuss the drought.\n"
    "\u201cWe are asking every household to cut its use by a tenth,\u201d said Ana Kovac, "
    "the board's chair.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["extract", "--format", "jsonl", *args], input=input)


def jsonl(out: str) -> list[dict]:
    """stdout parsed as JSONL: every line must be one JSON object."""
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def no_traceback(r: Result) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    # an exception that escaped click would be kept here instead of printed
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)


def error_lines(r: Result) -> list[str]:
    return [line for line in r.stderr.splitlines() if line.startswith("saywho: error:")]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


# ---------------------------------------------------------------- one bad file: one clear line

BAD_FILES = [
    # (name, content, words the error line must hold)
    ("empty.txt", b"", ["empty"]),
    ("blank.txt", b"  \n\n\t \n", ["empty"]),
    ("picture.txt", PNG, ["binary"]),
    ("picture.png", PNG, ["binary"]),
    ("neither.txt", "Caf\u00e9 owners said".encode("utf-8")[:4] + b"\x81\x8d said the owners.\n",
     ["not UTF-8", "cp1252"]),
]


@pytest.mark.parametrize("name,content,words", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_gives_one_line_naming_it(tmp_path: Path, name: str, content: bytes, words: list[str]) -> None:
    path = write(tmp_path, name, content)
    r = run(str(path))
    no_traceback(r)
    assert r.exit_code == 1
    errors = error_lines(r)
    assert len(errors) == 1, r.stderr
    assert str(path) in errors[0]
    for w in words:
        assert w.lower() in errors[0].lower()
    assert jsonl(r.stdout) == []
    assert "0 article(s) extracted, 1 failed" in r.stderr


def test_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    # Smart quotes as cp1252 bytes 0x93/0x94: invalid UTF-8, common in old Windows files.
    data = GOOD.encode("cp1252")
    assert b"\x93" in data and b"\x94" in data
    path = write(tmp_path, "old.txt", data)
    r = run(str(path))
    no_traceback(r)
    assert r.exit_code == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if line.startswith("saywho: warning:")]
    assert len(warnings) == 1 and str(path) in warnings[0] and "cp1252" in warnings[0]
    (art,) = jsonl(r.stdout)
    assert art["id"] == "old"
    # offsets index the decoded text: the quote's text is there, with its real quote marks
    assert any("cut its use by a tenth" in q["text"] for q in art["quotes"])


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20 MB text file: one paragraph repeated."""
    para = ("The committee heard evidence on the harbour works for a third day, "
            "and members asked for the cost estimates to be published.\n")
    path = tmp_path_factory.mktemp("huge") / "huge.txt"
    path.write_text(para * (20_000_000 // len(para) + 1), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    return path


@pytest.mark.parametrize(
    "max_chars,limit",
    [
        (None, "5,000,000"),
        # --max-chars raised but still below the text's length: refused by *that* limit,
        # which means the raised cap was honoured (the file was not stopped at 5 MB)
        ("10000000", "10,000,000"),
    ],
    ids=["default-cap", "raised-cap"],
)
def test_twenty_megabyte_text_is_refused_naming_file_and_limit(huge: Path, max_chars: str | None,
                                                               limit: str) -> None:
    r = run(str(huge), *(["--max-chars", max_chars] if max_chars else []))
    no_traceback(r)
    assert r.exit_code == 1
    (line,) = error_lines(r)
    assert str(huge) in line
    assert f"limit {limit}" in line
    # says how to raise it (the default stops a file at 5 MB before decoding it: the byte cap)
    assert "--max-chars" in line or (max_chars is None and "SAYWHO_MAX_BYTES" in line)


@pytest.mark.parametrize(
    "max_chars,ok",
    [(None, True), ("100", False), ("100000", True)],
    ids=["default", "below-text", "above-text"],
)
def test_max_chars_sets_the_cap(tmp_path: Path, max_chars: str | None, ok: bool) -> None:
    path = write(tmp_path, "short.txt", GOOD)
    assert 100 < len(GOOD) < 100_000
    r = run(str(path), *(["--max-chars", max_chars] if max_chars else []))
    no_traceback(r)
    if ok:
        assert r.exit_code == 0 and len(jsonl(r.stdout)) == 1
    else:
        assert r.exit_code == 1
        (line,) = error_lines(r)
        assert str(path) in line and "limit 100;" in line and "--max-chars" in line


# ---------------------------------------------------------------- a batch goes on past a bad file


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    good1 = write(tmp_path, "a_good.txt", GOOD)
    bad = write(tmp_path, "b_bad.txt", PNG)
    good2 = write(tmp_path, "c_good.txt", GOOD.replace("Ana Kovac", "Ivo Marsh"))
    empty = write(tmp_path, "d_empty.txt", b"")
    r = run(str(good1), str(bad), str(good2), str(empty))
    no_traceback(r)
    assert r.exit_code == 1
    assert [a["id"] for a in jsonl(r.stdout)] == ["a_good", "c_good"]
    errors = error_lines(r)
    assert len(errors) == 2
    assert str(bad) in errors[0] and str(empty) in errors[1]
    assert r.stderr.strip().splitlines()[-1] == "saywho: 2 article(s) extracted, 2 failed"


def test_directory_with_a_bad_file(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    write(d, "one.txt", GOOD)
    write(d, "two.txt", b"\x81\x8d\x81\x8d")
    write(d, "three.txt", GOOD.replace("Ana Kovac", "Lea Brandt"))
    r = run(str(d))
    no_traceback(r)
    assert r.exit_code == 1
    assert sorted(a["id"] for a in jsonl(r.stdout)) == ["one", "three"]
    (line,) = error_lines(r)
    assert str(d / "two.txt") in line
    assert "2 article(s) extracted, 1 failed" in r.stderr


def test_malformed_jsonl_line_among_good_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "j1", "text": GOOD, "published": "2024-03-04"}),
        '{"id": "j2", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "j4"}),
        json.dumps({"id": "j5", "text": GOOD.replace("Ana Kovac", "Rui Costa")}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    r = run(str(path))
    no_traceback(r)
    assert r.exit_code == 1
    arts = jsonl(r.stdout)
    assert [a["id"] for a in arts] == ["j1", "j5"]
    assert arts[0]["published"] == "2024-03-04"
    errors = error_lines(r)
    # each error names the file and the line number
    assert [e.split(": ")[2] for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "2 article(s) extracted, 3 failed" in r.stderr


def test_nonexistent_path(tmp_path: Path) -> None:
    good = write(tmp_path, "here.txt", GOOD)
    missing = tmp_path / "not-here.txt"
    r = run(str(missing), str(good))
    no_traceback(r)
    assert r.exit_code == 1
    (line,) = error_lines(r)
    assert str(missing) in line and "no such file" in line
    assert [a["id"] for a in jsonl(r.stdout)] == ["here"]


def test_stdin_empty_and_good() -> None:
    r = run("-", input=b"")
    no_traceback(r)
    assert r.exit_code == 1
    (line,) = error_lines(r)
    assert "<stdin>" in line and "empty" in line
    r = run("-", input=GOOD.encode())
    assert r.exit_code == 0 and [a["id"] for a in jsonl(r.stdout)] == ["stdin"]


@pytest.mark.parametrize("value", ["03/04/2025", "2025-13-01", "yesterday", ""])
def test_published_not_a_date_is_a_usage_error(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, "a.txt", GOOD)
    r = run(str(path), "--published", value)
    no_traceback(r)
    assert r.exit_code == 2
    assert "--published" in r.stderr and "YYYY-MM-DD" in r.stderr
    assert r.stdout == ""


def test_output_file_gets_the_good_articles(tmp_path: Path) -> None:
    good = write(tmp_path, "g.txt", GOOD)
    bad = write(tmp_path, "b.txt", b"")
    out = tmp_path / "out.jsonl"
    r = run(str(bad), str(good), "-o", str(out))
    no_traceback(r)
    assert r.exit_code == 1
    assert [a["id"] for a in jsonl(out.read_text(encoding="utf-8"))] == ["g"]


# ---------------------------------------------------------------- what a shell sees


def test_real_process_bad_file_among_good(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    bad = write(tmp_path, "latin.txt", b"Prices \x81\x8d rose.\n")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    p = subprocess.run([sys.executable, "-m", "saywho.cli", "extract", "--format", "jsonl", str(bad), str(good)],
                       capture_output=True, text=True, timeout=300, env=env)
    assert "Traceback" not in p.stderr
    assert p.returncode == 1
    assert [a["id"] for a in jsonl(p.stdout)] == ["good"]
    errors = [line for line in p.stderr.splitlines() if line.startswith("saywho: error:")]
    assert len(errors) == 1 and str(bad) in errors[0]
    assert p.stderr.strip().splitlines()[-1] == "saywho: 1 article(s) extracted, 1 failed"
