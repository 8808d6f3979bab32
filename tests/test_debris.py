"""The debris classifier, pinned by a table of lines written for the tests.

Each case is a small text; the expected value is the list of (line, reason) it
marks as skipped.  The lines are made up in the style of scraped news pages from
several outlets (not taken from the seed articles), and include real short lines
that must be kept.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from saywho.readers.debris import classify_line, find_debris, has_verb

LEAD = "The minister announced the new policy on Tuesday after weeks of talks with unions."


def skipped_lines(text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.reason) for s in find_debris(text)]


# (line placed after a normal first line, expected reason or None)
LINES = [
    # navigation and promotion blocks
    ("Most Popular", "navigation"),
    ("Recommended for you", "navigation"),
    ("Trending on Sky News", "navigation"),
    ("Read more about the budget", "navigation"),
    ("Share this article", "navigation"),
    ("Advertisement", "navigation"),
    ("You may also like", "navigation"),
    ("Editor's Picks", "navigation"),
    # photo credits, bare and in their usual forms
    ("REUTERS", "photo credit"),
    ("AFP via Getty Images", "photo credit"),
    ("EPA/ANDY RAIN", "photo credit"),
    ("Photograph: Stefan Rousseau/PA", "photo credit"),
    ("Image source, Getty Images", "photo credit"),
    ("(Image: Getty)", "photo credit"),
    ("Jane Doe/Reuters", "photo credit"),
    ("Picture by Tom Smith", "photo credit"),
    # all-caps name captions
    ("RISHI SUNAK", "caption (all caps)"),
    ("EMMANUEL MACRON AND OLAF SCHOLZ", "caption (all caps)"),
    # short verbless caption or heading lines
    ("Boris Johnson at the summit in Brussels", "caption or heading"),
    ("Angela Rayner pictured outside Downing Street", "caption or heading"),
    ("The scene outside the court on Monday morning", "caption or heading"),
    # real lines that must be kept: sentences, quotes, short replies, reporting lines
    ("He denied the claims.", None),
    ("No.", None),
    ("Mr Patel resigned on Friday", None),
    ("She told reporters she would not stand again", None),
    ("“We will fight this all the way,” she said.", None),
    ("\"It was a very good meeting\"", None),
    ("The talks, which lasted two hours, covered trade, defence and migration.", None),
    ("Labour has not commented", None),
    ("The council said it couldn't comment on individual cases", None),
    ("Copyright, the minister said, was an outdated idea.", None),
    ("Photographs of the meeting were released by Downing Street on Monday evening.", None),
]


@pytest.mark.parametrize("line,reason", LINES, ids=[x[0][:30] for x in LINES])
def test_line_alone(line: str, reason: str | None) -> None:
    text = f"{LEAD}\n{line}\nThe opposition said the plan was unfunded and would fail.\n"
    want = [(line, reason)] if reason else []
    assert skipped_lines(text) == want


# texts where a line's fate depends on its neighbours or its position
CONTEXT = [
    # a caption with a verb is still a caption when it sits against a credit line
    (f"{LEAD}\nMacron and Scholz met in Berlin last week\nAFP\nThe talks went on.\n",
     [("Macron and Scholz met in Berlin last week", "caption"), ("AFP", "photo credit")]),
    (f"{LEAD}\nREUTERS\nProtesters gathered outside parliament\nThe vote passed.\n",
     [("REUTERS", "photo credit"), ("Protesters gathered outside parliament", "caption")]),
    # a run-in label is cut off its paragraph; the paragraph stays
    (f"{LEAD}\nKEY POINTS:The bill passes to the Lords next week.\n", [("KEY POINTS:", "label")]),
    # the first line (a headline) is kept even when short and unpunctuated
    ("Minister quits over expenses row\nThe minister quit on Monday, the party said.\n", []),
    # an embedded social post: its unpunctuated lines and its signature are kept
    (f"{LEAD}\nGreat to meet the team in Leeds today\nMore to come on jobs and growth\n"
     "— Jane Minister (@JaneMinisterMP) March 3, 2024\nThe visit was her first.\n", []),
    # nothing to skip in a plain story
    ("The court ruled on Friday.\nThe appeal was dismissed.\n", []),
]


@pytest.mark.parametrize("text,want", CONTEXT)
def test_lines_in_context(text: str, want: list[tuple[str, str]]) -> None:
    assert skipped_lines(text) == want


@pytest.mark.parametrize("line,verb", [
    ("Mr Patel resigned on Friday", True),
    ("Labour has not commented", True),
    ("They won't back it", True),
    ("Boris Johnson at the summit", False),
    ("Keir Starmer pictured in Downing Street", False),
    ("Prime Minister's Questions", False),
])
def test_has_verb(line: str, verb: bool) -> None:
    assert has_verb(line) is verb


def test_offsets_point_at_the_lines() -> None:
    text = "Headline here\r\n  GETTY  \r\nBody text goes on here.\n"
    (s,) = find_debris(text)
    assert text[s.start:s.end] == "GETTY" and s.reason == "photo credit"


def test_first_line_is_not_classified_as_caption() -> None:
    assert classify_line("Starmer at the summit", first=True) is None
    assert classify_line("Starmer at the summit") == "caption or heading"


SEED_001 = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_44b5600d792d1be4.txt"


@pytest.mark.skipif(not SEED_001.exists(), reason="needs ../shared/seeds")
def test_seed_001_debris_gives_no_quotes_and_no_people() -> None:
    """Seed 001 (scraped with navigation, captions and credits): after extraction,
    no quote and no person mention lies inside a skipped stretch."""
    from saywho.pipeline import extract

    text = SEED_001.read_text(encoding="utf-8")
    art = extract(text, published="2024-11-06", id="001")
    reasons = {text[s.start:s.end]: s.reason for s in art.skipped}
    # the page debris of this scrape, by kind (the classifier is pinned on made-up lines above)
    assert {"navigation", "photo credit", "caption (all caps)", "label"} <= set(reasons.values())
    assert len(art.skipped) >= 8
    for s in art.skipped:
        for q in art.quotes:
            assert not (q.start < s.end and s.start < q.end), (q.text, s)
        for p in art.people:
            for a, b in p.mentions:
                assert not (a < s.end and s.start < b), (p.name, text[a:b], s)
