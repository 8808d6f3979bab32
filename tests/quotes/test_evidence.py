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
        # a source's "show"/"find" reports its object too (.91 on the annotated corpus)
        ("The survey shows a steep fall in bus journeys.", [("a steep fall in bus journeys", "The survey")]),
        ("Polls show a close contest in the state.", [("a close contest in the state", "Polls")]),
        # records, videos and transcripts are sources; one may close the sentence it reports
        ("Video of the incident shows that the officer fired first.",
         [("the officer fired first", "Video of the incident")]),
        ("Donations to the campaign doubled in August, a new study has found.",
         [("Donations to the campaign doubled in August", "a new study")]),
        ("Large parts of the city are divided by income, other studies have shown.",
         [("Large parts of the city are divided by income", "other studies")]),
        # an organisation's finding with a clause
        ("The Charlotte Observer found that one in four residents lived in poverty.",
         [("one in four residents lived in poverty", "The Charlotte Observer")]),
        # a person who finds or shows something reports nothing
        ("The hikers found that the trail had been closed for weeks.", []),
        ("She found her keys under the sofa.", []),
        ("The hikers showed up at the station after dark.", []),
        # a record that does not show is no one's stance
        ("The videos do not show whether he was armed.", []),
        # bare data is no one's statement (like "according to census data")
        ("Early results indicated the governor was heading for a narrow win.", []),
        ("The figures show that unemployment rose in the spring.", []),
    ],
)
def test_findings_of_sources(text: str, want: list[tuple[str, str]]) -> None:
    assert reported(text) == want
