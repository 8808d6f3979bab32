"""Step 7: findings of studies, polls and documents are attributions (needs the spaCy model)."""
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
        ("A new survey shows that most farmers expect a poor harvest this year.",
         [("most farmers expect a poor harvest this year", "A new survey")]),
        ("The audit found that the council had overspent on its new library.",
         [("the council had overspent on its new library", "The audit")]),
        ("Recent polls suggest the mayor is losing support among younger voters.",
         [("the mayor is losing support among younger voters", "Recent polls")]),
        # a person who finds something, or a finding with no clause, reports nothing
        ("The hikers found that the trail had been closed for weeks.", []),
        ("The survey shows a steep fall in bus journeys.", []),
        # bare data is no one's statement (like "according to census data")
        ("Early results indicated the governor was heading for a narrow win.", []),
        ("The figures show that unemployment rose in the spring.", []),
    ],
)
def test_findings_of_sources(text: str, want: list[tuple[str, str]]) -> None:
    assert reported(text) == want
