"""Property: random bytes and random HTML never make a reader raise anything but
saywho's own InputError (readers return errors as items; nothing escapes)."""
from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saywho.errors import InputError
from saywho.readers import BY_FORMAT, read_bytes, read_path
from saywho.model import Article

FORMATS = sorted(BY_FORMAT)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

_tags = st.sampled_from(["p", "div", "article", "html", "body", "head", "title", "script", "nav", "rss", "item",
                         "feed", "entry", "content", "br", "meta", "a", "figure", "figcaption", "!--", "![CDATA["])
_texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_fragment = st.lists(st.one_of(_texts, _tags.map(lambda t: f"<{t}>"), _tags.map(lambda t: f"</{t}>"),
                               st.just("<?xml version='1.0'?>"), st.just("<!DOCTYPE html>")), max_size=40)
random_html = _fragment.map("".join)


def _check(items) -> None:
    for item in items:
        assert isinstance(item, (Article, InputError))


@pytest.mark.parametrize("fmt", FORMATS + ["auto"])
@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes(fmt: str, data: bytes) -> None:
    _check(read_bytes(data, "fuzz", input_format=fmt))


@pytest.mark.parametrize("fmt", FORMATS + ["auto"])
@SETTINGS
@given(doc=random_html)
def test_random_html(fmt: str, doc: str) -> None:
    _check(read_bytes(doc.encode("utf-8"), "fuzz", input_format=fmt))


@pytest.mark.parametrize("suffix", [".html", ".warc.gz", ".warc", ".rss", ".txt", ".jsonl", ""])
@SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), random_html.map(str.encode),
                      st.binary(max_size=500).map(gzip.compress)))
def test_random_files_by_extension(tmp_path, suffix: str, data: bytes) -> None:
    p = tmp_path / f"input{suffix}"
    p.write_bytes(data)
    _check(read_path(p))
