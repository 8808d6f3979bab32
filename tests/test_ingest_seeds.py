"""Seed articles wrapped as a user would have them score as the clean text does.

Each seed (``../shared/seeds/*.txt``) is wrapped at test time in a realistic page
(``tests/fixtures/ingest/page.html``: navigation, cookie banner, share buttons,
related links, captions and credits, footer), the same pages are packed in one
WARC.gz, and a feed carries both as full-content entries.  Each form goes through
``saywho.readers.read_inputs`` and ``saywho.pipeline.extract_articles`` and is
scored with ``../shared/eval/score.py`` against ``gold.jsonl``.

The wrapped forms' text is trafilatura's (or the feed's) extracted text, so its
offsets need not be the .txt's: each predicted quote is aligned back onto the
gold text by finding the quote's own text in the .txt (the occurrence nearest its
predicted offset) before scoring.  The end-to-end F1 of each form must be within
0.02 of the clean .txt's.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "fixtures" / "ingest"))
import build  # noqa: E402

SHARED = HERE.parents[1] / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "seeds" / "gold.jsonl").exists(), reason="needs ../shared")


def _scorer():
    spec = importlib.util.spec_from_file_location("saywho_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _align(q: dict, gold_text: str) -> dict:
    """The quote with its span moved onto the gold text (nearest occurrence of its text)."""
    hits, i = [], gold_text.find(q["text"])
    while i >= 0 and q["text"]:
        hits.append(i)
        i = gold_text.find(q["text"], i + 1)
    if not hits:
        return q
    start = min(hits, key=lambda h: abs(h - q["start"]))
    return {**q, "start": start, "end": start + len(q["text"])}


def _score(arts, tmp: Path, name: str) -> dict:
    from saywho.pipeline import extract_articles

    seeds = {a["id"]: a for a in build.seeds()}
    lines = []
    for art in extract_articles(arts):
        # the wrapped forms carry the seed id in their URL / feed link
        sid = next(s for s in seeds if s in (art.url or "") or s == art.id)
        d = art.to_dict()
        d["id"] = sid
        d["quotes"] = [_align(q, seeds[sid]["text"]) for q in d["quotes"]]
        lines.append(json.dumps(d, ensure_ascii=False))
    assert len(lines) == len(seeds), f"{name}: {len(lines)} articles read, want {len(seeds)}"
    pred = tmp / f"{name}.jsonl"
    pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return _scorer().score(str(SHARED / "seeds" / "gold.jsonl"), str(pred))


def _read(paths, **kw):
    from saywho.errors import InputError
    from saywho.readers import read_inputs

    items = list(read_inputs([str(p) for p in paths], **kw))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert not errors, errors
    return items


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, list[Path]]:
    tmp = tmp_path_factory.mktemp("wrapped")
    seeds = build.seeds()
    out: dict[str, list[Path]] = {"txt": [], "html": []}
    for a in seeds:
        p = tmp / f"{a['id']}.html"
        p.write_text(build.page(a), encoding="utf-8")
        out["html"].append(p)
        out["txt"].append(SHARED / "seeds" / f"{a['id']}.txt")
    warc = tmp / "seeds.warc.gz"
    warc.write_bytes(build.warc_gz([(f"https://news.example.org/politics/{a['id']}", a["published"] + "T21:00:00Z",
                                     build.page(a)) for a in seeds]))
    out["warc"] = [warc]
    feed = tmp / "seeds.rss"
    feed.write_text(build.rss(seeds), encoding="utf-8")
    out["feed"] = [feed]
    return out


@pytest.fixture(scope="module")
def baseline(forms, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("base")
    arts = []
    for a, p in zip(build.seeds(), forms["txt"]):
        arts += _read([p], published=a["published"])
    return _score(arts, tmp, "txt")


@pytest.mark.parametrize("form", ["html", "warc", "feed"])
def test_wrapped_form_scores_as_the_text(form: str, forms, baseline, tmp_path) -> None:
    arts = _read(forms[form])
    got = _score(arts, tmp_path, form)
    assert abs(got["e2e_f1"] - baseline["e2e_f1"]) <= 0.02, (form, got["e2e_f1"], baseline["e2e_f1"])
    assert abs(got["quote_f1"] - baseline["quote_f1"]) <= 0.02, (form, got["quote_f1"], baseline["quote_f1"])


@pytest.mark.parametrize("form", ["html", "warc", "feed"])
def test_wrapped_form_metadata(form: str, forms) -> None:
    seeds = {a["id"]: a for a in build.seeds()}
    for art in _read(forms[form]):
        sid = next(s for s in seeds if s in (art.url or ""))
        assert art.published == seeds[sid]["published"]
        assert art.published_source == ("feed" if form == "feed" else "metadata")
        assert art.title and art.title.split()[0] == seeds[sid]["text"].split()[0]
        assert art.author == "Jane Reporter"
        assert art.language == "en"
        # none of the page furniture leaks into the text
        for junk in ("cookies", "Share on Facebook", "All rights reserved", "Related articles", "Most read"):
            assert junk not in art.text
        if form == "warc":
            assert art.url == f"https://news.example.org/politics/{sid}"
