"""Steps 1-4 of the quote finder, called directly on bare strings (no parse, no model)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from saywho.model import Skipped
from saywho.quotes.marks import (
    double_quotes,
    in_spans,
    para_index,
    paragraphs,
    single_quotes,
    social_posts,
    title_case,
)


def spans(text: str, found: list) -> list[str]:
    return [text[f.start:f.end] for f in found]


def test_marks_import_no_spacy() -> None:
    # ``import saywho`` loads the pipeline (and so spaCy): stand in empty packages for
    # ``saywho`` and ``saywho.quotes`` so that only the scan modules and what they import run.
    code = textwrap.dedent("""
        import importlib.util, pathlib, sys, types
        root = pathlib.Path(importlib.util.find_spec("saywho").submodule_search_locations[0])
        for name, path in (("saywho", root), ("saywho.quotes", root / "quotes")):
            mod = types.ModuleType(name)
            mod.__path__ = [str(path)]
            sys.modules[name] = mod
        import saywho.quotes.marks, saywho.quotes.found
        assert "spacy" not in sys.modules, "the mark scans pull in spaCy"
    """)
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------------------------ 1. paragraphs


def test_paragraphs_one_a_line_trimmed() -> None:
    text = "  First line.\n\nSecond line.  \n"
    ps = paragraphs(text, [])
    assert [text[p.start:p.end] for p in ps] == ["First line.", "Second line."]
    assert not any(p.skipped for p in ps)
    assert [p.body_start for p in ps] == [p.start for p in ps]


def test_paragraphs_debris_and_run_in_label() -> None:
    text = "Share this page\nLATEST: The vote is on.\n"
    label_end = text.index("The")
    ps = paragraphs(text, [Skipped(0, 15, "debris"), Skipped(16, label_end - 1, "label")])
    assert ps[0].skipped and not ps[1].skipped
    assert ps[1].body_start == label_end


def test_para_index_maps_offsets() -> None:
    text = "One.\nTwo.\n"
    find = para_index(paragraphs(text, []))
    assert find(0) == 0 and find(text.index("Two")) == 1 and find(100) is None


# ------------------------------------------------------------------ 2. double marks


def test_double_curly_and_straight() -> None:
    text = '“We will win,” she said. He said "No chance" and left.'
    found = double_quotes(text, paragraphs(text, []), [])
    assert spans(text, found) == ["We will win,", "No chance"]
    assert all(f.type == "direct" and f.parent is None for f in found)
    assert text[found[0].open_mark] == "“" and text[found[0].close_mark] == "”"


def test_double_continues_across_reopened_paragraph() -> None:
    text = "She said: “The plan failed.\n“We will try again.”\nNext line."
    found = double_quotes(text, paragraphs(text, []), [])
    assert spans(text, found) == ["The plan failed.\n“We will try again."]


def test_double_unclosed_ends_with_its_paragraph() -> None:
    text = 'He said: "We will strike.\nThe firm said: "We are open to talks."'
    found = double_quotes(text, paragraphs(text, []), [])
    assert spans(text, found) == ["We will strike.", "We are open to talks."]
    assert found[0].close_mark is None


def test_double_stray_close_is_ignored() -> None:
    text = "A stray” mark, then “a quote here”."
    assert spans(text, double_quotes(text, paragraphs(text, []), [])) == ["a quote here"]


def test_double_nested_long_inner_quote_is_a_child() -> None:
    text = "“I told them “we will never ever give up” and left,” she said."
    found = double_quotes(text, paragraphs(text, []), [])
    assert spans(text, found)[1] == "we will never ever give up"
    assert found[1].parent == 0


def test_double_skipped_paragraph_is_left_out() -> None:
    text = '"Share" this\n"Real words here," he said.'
    found = double_quotes(text, paragraphs(text, [Skipped(0, 12, "debris")]), [])
    assert spans(text, found) == ["Real words here,"]


# ------------------------------------------------------------------ 3. single marks


def test_single_nested_in_double() -> None:
    text = "“He told me ‘we are leaving this town now’ and went,” she said."
    paras = paragraphs(text, [])
    doubles = double_quotes(text, paras, [])
    singles = single_quotes(text, paras, doubles, [])
    assert spans(text, singles) == ["we are leaving this town now"]
    assert singles[0].parent == 0


def test_single_short_term_inside_double_is_no_quote() -> None:
    text = "“They call it ‘Islamic terrorism’ now,” she said."
    paras = paragraphs(text, [])
    assert single_quotes(text, paras, double_quotes(text, paras, []), []) == []


def test_single_speech_in_prose_not_apostrophes() -> None:
    text = "The minister said: ‘We don’t accept Trump’s offer.’ She left."
    found = single_quotes(text, paragraphs(text, []), [], [])
    assert spans(text, found) == ["We don’t accept Trump’s offer."]


def test_single_heading_keeps_scare_quotes() -> None:
    text = "Minister attacks ‘cruel and unfair policy’ in row"
    assert single_quotes(text, paragraphs(text, []), [], []) == []


# ------------------------------------------------------------------ 4. social posts


def test_social_post_above_signature() -> None:
    text = "Intro paragraph of the article here.\nWe won tonight! #victory\n— Jane Doe (@janedoe) May 3, 2024\nMore text."
    found = social_posts(text, paragraphs(text, []))
    assert len(found) == 1
    f = found[0]
    assert text[f.start:f.end] == "We won tonight! #victory"
    assert f.signed_name == "Jane Doe" and f.signed_date == "May 3, 2024" and f.venue == "social media"
    assert text[f.mention[0]:f.mention[1]] == "Jane Doe"


# ------------------------------------------------------------------ helpers


def test_in_spans_half_open() -> None:
    assert in_spans(3, [(3, 5)]) and not in_spans(5, [(3, 5)])


def test_title_case() -> None:
    assert title_case("Fox and Friends")
    assert not title_case("we will win")
    assert not title_case("One Two Three Four Five Six Seven")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a stray straight mark in an article of curly marks: no quote, and the next
        # paragraph's curly quote is its own
        ('“We won,” she said.\n"The crowd went home.\n“Here we are,” she said. “It is late.”',
         ["We won,", "Here we are,", "It is late."]),
        # straight marks throughout: an open quote still continues when the next paragraph re-opens
        ('She said: "We won.\n"It is late."', ['We won.\n"It is late.']),
    ],
)
def test_stray_straight_mark(text: str, want: list[str]) -> None:
    assert spans(text, double_quotes(text, paragraphs(text, []), [])) == want


def test_single_marks_outside_double_marks_in_one_paragraph() -> None:
    # outlets that quote with single marks still use double ones for a phrase
    text = "'It's a tragedy for the whole estate,' said Tom Hughes. He promised to rebuild \"brick by brick\"."
    paras = paragraphs(text, [])
    doubles = double_quotes(text, paras, [])
    assert spans(text, single_quotes(text, paras, doubles, [])) == ["It's a tragedy for the whole estate,"]
    # ... but single marks inside a double-quoted span are no second top-level quote
    text = "\"He told me 'we are done here' and left,\" said Tom Hughes. The talks ended on Monday."
    paras = paragraphs(text, [])
    doubles = double_quotes(text, paras, [])
    assert all(f.parent is not None for f in single_quotes(text, paras, doubles, []))
