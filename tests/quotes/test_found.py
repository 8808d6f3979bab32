"""The Found record's list bookkeeping: parent indices and step 8 (carry-over)."""
from __future__ import annotations

from saywho.quotes.found import Found, carry_over, reindex_parents
from saywho.quotes.marks import paragraphs


def test_reindex_parents_finds_the_container() -> None:
    outer = Found(start=0, end=50, type="direct", para=0)
    inner = Found(start=10, end=20, type="direct", para=0, parent=5)
    other = Found(start=60, end=70, type="mixed", para=1)
    found = [other, outer, inner]
    reindex_parents(found)
    assert inner.parent == 1 and outer.parent is None and other.parent is None


def test_carry_over_to_the_next_unattributed_quote() -> None:
    text = "a\nb\nc\nd\ne\n"
    paras = paragraphs(text, [])
    first = Found(start=0, end=1, type="direct", para=0, mention=(100, 105), mention_head=20)
    second = Found(start=2, end=3, type="direct", para=1)
    far = Found(start=6, end=7, type="direct", para=3)
    found = [first, second, far]
    carry_over(found)
    assert second.carried and second.mention == (100, 105) and second.mention_head == 20
    # two paragraphs after the last carried quote is still near enough
    assert far.carried


def test_carry_over_stops_at_a_gap() -> None:
    first = Found(start=0, end=1, type="direct", para=0, mention=(100, 105))
    later = Found(start=20, end=21, type="mixed", para=3)
    indirect = Found(start=10, end=11, type="indirect", para=1)
    carry_over([first, indirect, later])
    assert not later.carried and later.mention is None and not indirect.carried
