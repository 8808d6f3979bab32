"""Step 7: findings of studies, polls and documents are attributions (needs the spaCy model)."""
from __future__ import annotations

import pytest

from reporting import reports


def reported(text: str) -> list[tuple[str, str]]:
    return [(span, who) for span, _, who in reports(text)]


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
