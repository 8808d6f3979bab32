"""Datelines: the place (and agency) that opens a wire story's paragraph.

"WASHINGTON —", "New York (AFP) -": the parser often makes the place the subject of
the first sentence, or hangs it on the first name; it never speaks and is no part of
the speaker's mention.
"""
from __future__ import annotations

from spacy.tokens import Token

from .marks import DASH_TOKENS

#: Dashes that close a dateline ("WASHINGTON — ", "New York (AFP) - ").
DATELINE_DASHES = DASH_TOKENS


def is_dateline(tok: Token) -> bool:
    """Whether ``tok`` heads the dateline that opens a paragraph ("WASHINGTON —",
    "New York (AFP) -"): a place, then perhaps an agency in brackets, then a dash.  The
    parser often makes it the sentence's subject; it never speaks."""
    doc = tok.doc
    first = tok.left_edge
    if not (tok.ent_type_ in ("GPE", "LOC") or tok.is_upper and tok.is_alpha):
        return False
    if first.i > 0 and "\n" not in doc[first.i - 1].whitespace_ and "\n" not in doc[first.i - 1].text:
        return False  # not at the start of a paragraph
    j = max(t.i for t in tok.subtree if t.ent_type_ in ("GPE", "LOC") or t.i <= tok.i) + 1
    if j < len(doc) and doc[j].text == "(":
        close = next((k for k in range(j + 1, min(j + 6, len(doc))) if doc[k].text == ")"), None)
        j = close + 1 if close is not None else j
    return j < len(doc) and doc[j].text in DATELINE_DASHES
