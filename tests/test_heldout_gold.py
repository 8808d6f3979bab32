"""The gold sets under eval/heldout are well formed: every span is what its text says,
every type is one the scorer knows, every speaker is named (offsets into the text as
given, as saywho's own output)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

HELDOUT = sorted((Path(__file__).resolve().parent.parent / "eval" / "heldout").glob("*.jsonl"))


@pytest.mark.parametrize("path", HELDOUT, ids=lambda p: p.name)
def test_heldout_gold_is_well_formed(path: Path) -> None:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert docs and len({d["id"] for d in docs}) == len(docs)
    for d in docs:
        text = d["text"]
        assert d["quotes"], d["id"]
        for q in d["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"], (d["id"], q["text"][:40])
            assert q["type"] in ("direct", "mixed", "indirect") and q["speaker"], (d["id"], q["text"][:40])
        for ig in d.get("ignore", []):
            assert 0 <= ig["start"] < ig["end"] <= len(text)
