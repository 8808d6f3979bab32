"""Step 7: cues whose content is their object ("cited", "called for", "called on",
"called X Y", verbs of judging aloud: "accused X of Y", "praised X for Y")."""
from __future__ import annotations

import pytest

from reporting import reports


def reported(text: str) -> list[tuple[str, str]]:
    return [(span, who) for span, _, who in reports(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The union called for an independent inquiry into the closures.",
         [("an independent inquiry into the closures", "The union")]),
        ("The mayor called on residents to conserve water during the heatwave.",
         [("residents to conserve water during the heatwave", "The mayor")]),
        ("The senator cited rising rents as evidence of a failed policy.",
         [("rising rents as evidence of a failed policy", "The senator")]),
        ("The council called for closing the depot by March.",
         [("closing the depot by March", "The council")]),
        ("The coach called for younger players to be given a chance.",
         [("younger players to be given a chance", "The coach")]),
        # a call on a day reports nothing
        ("The minister called on Tuesday evening.", []),
        ("The minister called her counterpart on Tuesday evening.", []),
        # "called X Y" is a claim about X: what X was called is the subject's judgement
        ("The senator called the plan a costly disaster.", [("the plan a costly disaster", "The senator")]),
        ("Opposition leaders called the new tariffs reckless and unfair.",
         [("the new tariffs reckless and unfair", "Opposition leaders")]),
        # verbs of judging aloud: the object and its reason
        ("The regulator accused the lender of misleading its customers.",
         [("the lender of misleading its customers", "The regulator")]),
        ("The mayor praised the firefighters for their courage.",
         [("the firefighters for their courage", "The mayor")]),
        ("The inspector described the prison as unsafe for inmates.",
         [("the prison as unsafe for inmates", "The inspector")]),
        # ... but not verbs that act rather than speak
        ("The senator attacked the bill in a long speech.", []),
        ("The committee supported the plan to rebuild the harbour.", []),
    ],
)
def test_object_content(text: str, want: list[tuple[str, str]]) -> None:
    assert reported(text) == want
