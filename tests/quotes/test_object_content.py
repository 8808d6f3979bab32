"""Step 7: cues whose content is their object ("cited", "called for", "called on")."""
from __future__ import annotations

import pytest

from saywho import nlp
from saywho.quotes.indirect import indirect_quotes
from saywho.quotes.marks import paragraphs


def reported(text: str) -> list[tuple[str, str]]:
    doc = nlp.parse(text)
    out = indirect_quotes(doc, [], paragraphs(text, []), [])
    return [(text[f.start:f.end], text[f.mention[0]:f.mention[1]]) for f in out]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The union called for an independent inquiry into the closures.",
         [("an independent inquiry into the closures", "The union")]),
        ("The mayor called on residents to conserve water during the heatwave.",
         [("residents to conserve water during the heatwave", "The mayor")]),
        ("The senator cited rising rents as evidence of a failed policy.",
         [("rising rents as evidence of a failed policy", "The senator")]),
        # a call on a day, or a name given, reports nothing
        ("The minister called on Tuesday evening.", []),
        ("The senator called the plan a disaster.", []),
    ],
)
def test_object_content(text: str, want: list[tuple[str, str]]) -> None:
    assert reported(text) == want
