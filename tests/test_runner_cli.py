"""``saywho extract`` and ``saywho ingest`` read through one runner: the same options
accept and refuse the same inputs (they drifted once: ``ingest --max-chars N`` did not
raise the byte cap that ``extract --max-chars N`` raised)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.cli import main
from saywho.readers import ReadOptions

#: A byte cap small enough for a test file to exceed it (the real one is 5 MB).
CAP = 300

TEXT = ('"We will rebuild the harbour wall before the winter storms arrive," the mayor, Anne Lee, '
        'said on Monday.\nShe told reporters that the council had set aside the money for it, and that '
        'the work would start next week.\n')  # about 230 characters; padded below past CAP bytes


def _outcome(res: object) -> tuple[int, list[str]]:
    """Exit code and the reasons of the errors on stderr (the path prefix dropped)."""
    errors = [line.split(": ", 2)[-1] for line in res.stderr.splitlines() if "error:" in line]  # type: ignore[attr-defined]
    return res.exit_code, errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("max_chars", [None, 100, 2_000])
@pytest.mark.parametrize("kind", ["txt", "html"])
def test_extract_and_ingest_accept_and_refuse_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    max_chars: int | None, kind: str) -> None:
    monkeypatch.setattr("saywho.readers.options.MAX_BYTES", CAP)
    body = TEXT + "The rest of the report followed.\n" * 4
    data = body if kind == "txt" else f"<html><head><title>Harbour</title></head><body><article><p>{body}</p></article></body></html>"
    src = tmp_path / f"story.{kind}"
    src.write_text(data, encoding="utf-8")
    assert src.stat().st_size > CAP
    opt = [] if max_chars is None else ["--max-chars", str(max_chars)]
    ex = CliRunner().invoke(main, ["extract", str(src), "--format", "jsonl", *opt])
    ing = CliRunner().invoke(main, ["ingest", str(src), "--db", str(tmp_path / "s.db"), *opt])
    assert _outcome(ex) == _outcome(ing)
    if max_chars == 2_000:  # the cap raised with --max-chars: both read the file
        assert ex.exit_code == 0 and '"id": "story"' in ex.stdout and "1 added" in ing.stderr
    else:  # too many bytes (no --max-chars), or too many characters (--max-chars 100)
        assert ex.exit_code == 1 and _outcome(ex)[1]


def test_read_options_raise_the_byte_cap_with_max_chars() -> None:
    assert ReadOptions(max_chars=10_000_000).byte_limit == 40_000_000
    assert ReadOptions(max_chars=10, max_bytes=99).byte_limit == 99
    assert ReadOptions().format is None and ReadOptions(input_format="auto").format is None
    assert ReadOptions(published="2025-01-02").as_run_options() == {"published": "2025-01-02"}
