"""What is a quote, failure class by failure class: short texts written for the test.

Each row is (text, expected quotes) with a quote as (span text, type, speaker mention,
verbatim texts).  The span is the whole attributed content; the verbatim pieces are
the words inside quotation marks.  A row fails when a quote is missing, extra, or
has another span, type, mention or pieces.
"""
from __future__ import annotations

import pytest

from saywho import nlp
from saywho.quotes import find_quotes

Row = tuple[str, str, str | None, list[str]]


def quotes(text: str) -> list[Row]:
    found = find_quotes(nlp.parse(text), [])
    return [(text[f.start:f.end], f.type, text[f.mention[0]:f.mention[1]] if f.mention else None,
             [text[s:e] for s, e in f.verbatim()]) for f in found]


def check(text: str, expected: list[Row]) -> None:
    got = quotes(text)
    assert got == expected, got
    for span, *_ in got:  # a span never starts or ends inside a word
        s = text.index(span)
        e = s + len(span)
        assert not (s > 0 and text[s - 1].isalnum() and text[s].isalnum()), span
        assert not (e < len(text) and text[e - 1].isalnum() and text[e].isalnum()), span


# 1. indirect speech that was missed
INDIRECT = [
    ("Before the vote, Patel said, the party had lost its way.",
     [("Before the vote, Patel said, the party had lost its way", "indirect", "Patel", [])]),
    ("The bridge is safe, say engineers, but repairs are due.",
     [("The bridge is safe", "indirect", "engineers", [])]),
    ("The mayor hit back, claiming that the figures were wrong.",
     [("the figures were wrong", "indirect", "The mayor", [])]),
    ("The driver told police that the brakes had failed.",
     [("the brakes had failed", "indirect", "The driver", [])]),
    ("Several of the nurses said the ward was understaffed.",
     [("the ward was understaffed", "indirect", "Several of the nurses", [])]),
    ("The senator declined to comment on the report.",
     [("to comment on the report", "indirect", "The senator", [])]),
    ("According to the fire service, the blaze started in the kitchen.",
     [("the blaze started in the kitchen", "indirect", "the fire service", [])]),
]


@pytest.mark.parametrize("text,expected", INDIRECT, ids=[r[0][:30] for r in INDIRECT])
def test_indirect_speech_is_found(text: str, expected: list[Row]) -> None:
    check(text, expected)


# 2. mixed quotes span their clause; two fragments of one clause are one quote
MIXED = [
    ('Ann Cole said it was "good that the talks went well" for both sides.',
     [('it was "good that the talks went well" for both sides', "mixed", "Ann Cole", ["good that the talks went well"])]),
    ('The mayor called the plan "reckless" and "a continuing assault" on the town.',
     [('the plan "reckless" and "a continuing assault" on the town', "mixed", "The mayor",
       ["reckless", "a continuing assault"])]),
]


@pytest.mark.parametrize("text,expected", MIXED, ids=[r[0][:30] for r in MIXED])
def test_mixed_quote_spans_its_clause(text: str, expected: list[Row]) -> None:
    check(text, expected)


# 3. quotes sharing a cue, short exclamations
SHARED = [
    ('Tom Reed yelled "fire!" and ran.', [("fire!", "direct", "Tom Reed", ["fire!"])]),
    ('"We will win," she said. "The vote is ours."',
     [('We will win," she said. "The vote is ours.', "direct", "she", ["We will win,", "The vote is ours."])]),
]


@pytest.mark.parametrize("text,expected", SHARED, ids=[r[0][:30] for r in SHARED])
def test_quotes_sharing_a_cue(text: str, expected: list[Row]) -> None:
    check(text, expected)


# 4. marks that are nobody's speech
NOT_SPEECH = [
    "The council had 'agreed' to the plan before the vote was held in May.",
    'Drivers avoided the so-called "fast lane" on the bridge.',
    'Critics gave the new stadium the name "The Bowl" on opening day.',
    'Her favourite film is "The Long Night" and she watches it often.',
]


@pytest.mark.parametrize("text", NOT_SPEECH, ids=[t[:30] for t in NOT_SPEECH])
def test_scare_quotes_and_terms_are_not_quotes(text: str) -> None:
    assert quotes(text) == []


# 6. an interrupted quote is joined across its attribution only
def test_narrative_between_quotes_is_not_swallowed() -> None:
    text = 'Ann Lee spoke first. "We will win." The crowd cheered for a long time. "The vote is ours," she said.'
    got = quotes(text)
    assert [g[0] for g in got] == ["We will win.", "The vote is ours,"]


MIXED_INTERRUPTED = [
    # a mixed quote whose fragment closes before the attribution goes on after it
    ('The plan went "far too slowly," said Ann Lee, the council leader. "We lost a whole year."',
     [('The plan went "far too slowly," said Ann Lee, the council leader. "We lost a whole year.', "mixed", "Ann Lee",
       ["far too slowly,", "We lost a whole year."])]),
    # a fragment inside the clause, with words after it, is no interrupted quote
    ('Ann Lee said the plan went "far too slowly" and left early. "We lost a whole year."',
     [('the plan went "far too slowly" and left early', "mixed", "Ann Lee", ["far too slowly"]),
      ("We lost a whole year.", "direct", "Ann Lee", ["We lost a whole year."])]),
]


@pytest.mark.parametrize("text,expected", MIXED_INTERRUPTED, ids=[r[0][:30] for r in MIXED_INTERRUPTED])
def test_mixed_quote_interrupted_by_its_attribution(text: str, expected: list[Row]) -> None:
    check(text, expected)


# speaker finding (the parts of stage 3)
SPEAKERS = [
    ("She was warned that the bridge would close.", []),
    ('The risk of flooding is said to be "low".', []),
    ("Ms Lee, who added that the deal was off, left early.", [("the deal was off", "indirect", "Ms Lee", [])]),
    ("The paper quoted Tom Reed as saying the plan had failed.",
     [("the plan had failed", "indirect", "Tom Reed", [])]),
    ("As the Financial Times put it, the deal is dead.", [("the deal is dead", "indirect", "the Financial Times", [])]),
    ("Smith said of her former coach that he had been unfair.", [("he had been unfair", "indirect", "Smith", [])]),
    ("Tom Reed and Ann Lee said the deal was dead.", [("the deal was dead", "indirect", "Tom Reed and Ann Lee", [])]),
    ("The airline said the flight was cancelled.", [("the flight was cancelled", "indirect", "The airline", [])]),
    ('The mayor called Lee\'s plan "reckless".', [('Lee\'s plan "reckless"', "mixed", "The mayor", ["reckless"])]),
    ("The nurses, who added that the ward was full, went home.",
     [("the ward was full", "indirect", "The nurses", [])]),
]


@pytest.mark.parametrize("text,expected", SPEAKERS, ids=[r[0][:30] for r in SPEAKERS])
def test_speaker_is_found_in_its_role(text: str, expected: list[Row]) -> None:
    check(text, expected)


# 5. a page of headlines is no article
def test_front_page_is_skipped_with_a_reason() -> None:
    from saywho.errors import InputError
    from saywho.readers import NotAnArticle, article_from_text

    page = "\n".join(f"Council {w} plan for new town bridge" for w in
                     "backs drops delays rejects revives funds shelves reviews".split())
    with pytest.raises(NotAnArticle) as err:
        article_from_text(page, "front")
    assert isinstance(err.value, InputError) and "front or section page" in str(err.value)
    body = page + "\n" + "The council met on Monday and agreed, after a long debate about its cost, " \
        "to fund the new bridge over the river. " * 2
    assert article_from_text(body + "\n" + body, "article").text


def test_two_apostrophes_are_a_double_mark() -> None:
    """Typewriter-style news text writes a double mark as two apostrophes."""
    check("''We will win,'' she said. ''The vote is ours.''",
          [("We will win,'' she said. ''The vote is ours.", "direct", "she", ["We will win,", "The vote is ours."])])


def test_goes_on_to_say_and_data_sources() -> None:
    check("The report goes on to say that the river is polluted.",
          [("the river is polluted", "indirect", "The report", [])])
    check("According to census data, the town has grown by a third.", [])


def test_pull_quote_repeated_from_the_body_is_dropped() -> None:
    text = ('“We will rebuild the bridge by spring.”\n'
            'The mayor spoke after the vote.\n'
            '“We will rebuild the bridge by spring,” Ann Lee said.')
    assert [g[0] for g in quotes(text)] == ["We will rebuild the bridge by spring,"]


# 8. span boundaries: the whole reported content, as annotators mark it
SPANS = [
    # an attribution set off by commas mid-sentence: the sentence around it (outer span)
    ('These workers, Lee explained at the hearing, were "well paid" for their time.',
     [('These workers, Lee explained at the hearing, were "well paid" for their time', "mixed", "Lee", ["well paid"])]),
    ("The old bridge carried 900 cars a day, the council said in a report, and the new one will carry twice as many.",
     [("The old bridge carried 900 cars a day, the council said in a report, and the new one will carry twice as many",
       "indirect", "the council", [])]),
    # ...but a participle after it is a cue of its own
    ("The deal is off, Jones said, adding that talks had failed.",
     [("The deal is off", "indirect", "Jones", []), ("talks had failed", "indirect", "Jones", [])]),
    # the second half of a quote interrupted after a '' close is direct: the halves join
    ("''We will win this seat,'' Ms. Hale said, ''because the voters want a change.''",
     [("We will win this seat,'' Ms. Hale said, ''because the voters want a change.", "direct", "Ms. Hale",
       ["We will win this seat,", "because the voters want a change."])]),
    # a report in a relative clause opens with its pronoun
    ('The firm cut what former staff have called a "culture of fear" last year.',
     [('what former staff have called a "culture of fear"', "mixed", "former staff", ["culture of fear"])]),
    ("The union rejected the offer, which its leader says would cut pay for new staff.",
     [("which its leader says would cut pay for new staff", "indirect", "its leader", [])]),
    # a fragment named in "what she calls" inside another report is that report's
    ('The mayor says she admired the crew for what she calls a "heroic effort" in the storm.',
     [('she admired the crew for what she calls a "heroic effort" in the storm', "mixed", "The mayor", ["heroic effort"])]),
    # the report goes on to the end of the cue's clause
    ("The senator cited his own record on the farm bill during the debate.",
     [("his own record on the farm bill during the debate", "indirect", "The senator", [])]),
]


@pytest.mark.parametrize("text,expected", SPANS, ids=[r[0][:30] for r in SPANS])
def test_span_is_the_whole_reported_content(text: str, expected: list[Row]) -> None:
    check(text, expected)


def test_a_closing_according_to_sources_its_whole_sentence() -> None:
    text = ("The town raised $2 million from local donors, while the county raised $6 million, "
            "according to the filings.")
    assert [(g[0], g[1]) for g in quotes(text)] == [
        ("The town raised $2 million from local donors, while the county raised $6 million", "indirect")]


SPANS_MORE = [
    # a clause after ", but" with the speaker as its subject again is what they do, not say
    # (her refusal to name them is a report of its own: "refused to name", like "declined to comment")
    ("Mayor Ruiz said 20 people have asked about the seat, but she refuses to name them.",
     [("20 people have asked about the seat", "indirect", "Mayor Ruiz", []), ("to name them", "indirect", "she", [])]),
    # ...and at a subordinate clause that is a cue of its own
    ("The senator vowed to win back the voters' trust, while acknowledging that this will be tough.",
     [("to win back the voters' trust", "indirect", "The senator", []),
      ("this will be tough", "indirect", "The senator", [])]),
    # two reports joined by "and": neither keeps the conjunction
    ("79 percent of Democrats said they were satisfied with the plan and 60 percent said they would vote for it.",
     [("they were satisfied with the plan", "indirect", "79 percent of Democrats", []),
      ("they would vote for it", "indirect", "60 percent", [])]),
    # the clause before ", but" in front of a set-off attribution is the writer's
    ("The city had resisted such plans, but the traffic had become so bad, the mayor noted, that buses were late.",
     [("the traffic had become so bad, the mayor noted, that buses were late", "indirect", "the mayor", [])]),
    # an attribution in an "as" clause reports the rest of its sentence
    ('The main test for the permit is a "lawful source of income," as a council memo put it.',
     [('The main test for the permit is a "lawful source of income,"', "mixed", "a council memo", ["lawful source of income,"])]),
    # an attribution closing its sentence reports the sentence before its comma
    ('The vote marks "the beginning of the end" for the pact, said Mr. Smith.',
     [('The vote marks "the beginning of the end" for the pact', "mixed", "Mr. Smith", ["the beginning of the end"])]),
    # "according to X" with a fragment: the clause it sources
    ('According to Ruiz, he was once part of the old guard, but is now "the worst thing that ever happened to it."',
     [('he was once part of the old guard, but is now "the worst thing that ever happened to it."', "mixed", "Ruiz",
       ["the worst thing that ever happened to it."])]),
    # where and when it was said is no part of a mixed quote's clause; a "because" clause is
    ('Rubio mused in Thursday night\'s debate that Clinton was "unfit to lead" because she broke the rules.',
     [('Clinton was "unfit to lead" because she broke the rules', "mixed", "Rubio", ["unfit to lead"])]),
    # an interrupted quote whose later part the writer's words close is joined too
    ('"This deal must come with strict checks," she said, and "clear costs for any breach."',
     [('This deal must come with strict checks," she said, and "clear costs for any breach."', "mixed", "she",
       ["This deal must come with strict checks,", "clear costs for any breach."])]),
]


@pytest.mark.parametrize("text,expected", SPANS_MORE, ids=[r[0][:30] for r in SPANS_MORE])
def test_span_stops_where_the_report_does(text: str, expected: list[Row]) -> None:
    check(text, expected)
