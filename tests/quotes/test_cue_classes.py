"""Step 7: cue classes that attribute a report beyond "said" (needs the spaCy model).

Each class was chosen by how often annotators of a news corpus marked it as an
attribution; the texts below are invented, with the look-alikes that must stay out.
"""
from __future__ import annotations

import pytest

from reporting import reports

from saywho import nlp
from saywho.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # judging verbs report their object: noted, acknowledged, denounced, attacked ... as/for
        ("The senator noted the rule in an interview last week.", [("the rule in an interview last week", "The senator")]),
        ("Critics acknowledged the appeal of the plan.", [("the appeal of the plan", "Critics")]),
        ("Police announced on Friday the arrest of a man in the shooting.",
         [("the arrest of a man in the shooting", "Police")]),
        ("The governor denounced the attack as an act of cowardice.",
         [("the attack as an act of cowardice", "The governor")]),
        ("He attacked his rival for her vote on the war.", [("his rival for her vote on the war", "He")]),
        ("The army attacked the fortress at dawn.", []),
        # what a speaker spoke about or of; speaking to or with someone reports nothing
        ("She spoke about her deep ties to the church.", [("her deep ties to the church", "She")]),
        ("He spoke to reporters at the rally.", []),
        # a negated mention still tells what a speech said (or left out)
        ("He never mentioned the attack on the embassy.", [("the attack on the embassy", "He")]),
        # "pointed out that ...", "as X pointed out, ..."
        ("Mr. Lee pointed out that the bridge had been closed for years.",
         [("the bridge had been closed for years", "Mr. Lee")]),
        ("As one adviser pointed out, the island rarely sees two storms in a row.",
         [("the island rarely sees two storms in a row", "one adviser")]),
        ("He pointed out the window at the crowd.", []),
        # subjects of say-type verbs: any noun of its own, a described "those", a bare quantifier
        ("The magazine said the winner had been chosen by its readers.",
         [("the winner had been chosen by its readers", "The magazine")]),
        ("Those close to him say that he will run again.", [("he will run again", "Those close to him")]),
        ("Nearly half said they would vote for the mayor.", [("they would vote for the mayor", "Nearly half")]),
        ("Most of them said they had loved working at the plant.",
         [("they had loved working at the plant", "Most of them")]),
        ("Delegates questioned how the senator could break his pledge.",
         [("how the senator could break his pledge", "Delegates")]),
        ("The fine was set by the European Commission, which contended that Ireland had undertaxed the firm.",
         [("Ireland had undertaxed the firm", "the European Commission")]),
        ("Only time will tell whether the plan works.", []),
        ("One could say the city integrates its newcomers poorly.", []),
        # "calling for [X to ...]", "proposed to ..."
        ("The mayor is calling for the council to resign.", [("the council to resign", "The mayor")]),
        ("She proposed to cut the tax on fuel.", [("to cut the tax on fuel", "She")]),
        # an attribution set off by commas after a fronted modifier the parser gave the cue
        ("If this argument fails, Mr. Castaneda argues, there are other tools in the toolbox.",
         [("If this argument fails, Mr. Castaneda argues, there are other tools in the toolbox", "Mr. Castaneda")]),
        # a fronted "what": the whole clause, attribution included, is the thing said
        ("The plan amounts to what critics said was a tax on the poor.",
         [("what critics said was a tax on the poor", "critics")]),
        # beliefs, refusals, threats and worries stay out (annotated about half the time)
        ("They believe the economy will recover next year.", []),
        ("He refused to cooperate with the inquiry.", []),
        # ... but refusing to speak is a report, like "declined to comment"
        ("He refused to answer questions about the deal.", [("to answer questions about the deal", "He")]),
        ("The company could threaten to close the plant.", []),
        ("Many residents worry that the plant will close.", []),
        ("House Speaker Thomas Greer has not said whether he would bring it to a vote.", []),
    ],
)
def test_cue_classes(text: str, want: list[tuple[str, str]]) -> None:
    assert [(span, who) for span, _, who in reports(text)] == want


def test_a_cue_whose_quote_closed_the_sentence_before_reports_its_own_clause() -> None:
    # '"It is not true." He said ...': the quote before takes "He said" as its attribution,
    # and the clause after the cue is a report of its own
    text = 'The mayor spoke on Monday. "It is simply not true." He said the new plan would fail within a year.'
    got = [(f.type, text[f.start:f.end]) for f in find_quotes(nlp.parse(text), [])]
    assert got == [("direct", "It is simply not true."), ("indirect", "the new plan would fail within a year")]
