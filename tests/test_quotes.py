"""The core attribution, phenomenon by phenomenon: (text written for the test, expected).

Each row is a short article and the quotations saywho must find in it, as
(quote text prefix, type, canonical speaker).  The texts are invented; none is
taken from the seed articles.
"""
from __future__ import annotations

import pytest

import saywho

CASES = [
    # 1. curly marks, cue after the quote, named speaker
    (
        "curly-cue-after",
        "Maria Lopez, the city's mayor, spoke after the vote.\n“We will rebuild the bridge by spring,” Ms Lopez said on Tuesday.",
        [("We will rebuild the bridge by spring", "direct", "Maria Lopez")],
    ),
    # 2. straight marks, cue before with a colon
    (
        "straight-colon",
        'Health secretary Paul Grant visited the hospital.\nPaul Grant said: "The waiting lists are too long."',
        [("The waiting lists are too long.", "direct", "Paul Grant")],
    ),
    # 3. a quote over two paragraphs: the first re-opens, only the last closes
    (
        "multi-paragraph",
        "Anna Berg told the BBC: “The plan has failed. We need a new one.\n“We will publish it next week.”\nThe council meets on Friday.",
        [("The plan has failed. We need a new one.\n“We will publish it next week.", "direct", "Anna Berg")],
    ),
    # 4. an opening mark never closed: the quote ends with its paragraph, the next quote is found
    (
        "never-closed",
        'Union leader Tom Reed said: "We will strike on Monday.\nThe company did not respond. Its chairman, Ian Moss, said: "We are open to talks."',
        [("We will strike on Monday.", "direct", "Tom Reed"), ("We are open to talks.", "direct", "Ian Moss")],
    ),
    # 5. an odd number of marks does not cost the rest of the article
    (
        "odd-marks",
        'The report was "leaked on Friday.\nSenator Jane Cole said: "It is a scandal."\nJane Cole added: "Someone must resign."',
        [("It is a scandal.", "direct", "Jane Cole"), ("Someone must resign.", "direct", "Jane Cole")],
    ),
    # 6. a mixed quote: the reported clause that holds a quoted fragment
    (
        "mixed",
        "Economist Sarah Kim said there was “a real risk of recession” this year.",
        [("there was “a real risk of recession” this year", "mixed", "Sarah Kim")],
    ),
    # 7. indirect speech with cue verbs beyond said
    (
        "indirect-claimed",
        "Opposition leader Mark Hill claimed the government had lost control of the budget.",
        [("the government had lost control of the budget", "indirect", "Mark Hill")],
    ),
    (
        "indirect-warned",
        "Finance minister Lena Sousa warned that prices would rise again in the autumn.",
        [("prices would rise again in the autumn", "indirect", "Lena Sousa")],
    ),
    (
        "indirect-urged",
        "Campaigner Ruth Adler urged ministers to scrap the tax.",
        [("ministers to scrap the tax", "indirect", "Ruth Adler")],
    ),
    (
        "indirect-made-it-clear",
        "Chancellor Omar Diallo made it clear that there would be no new borrowing.",
        [("there would be no new borrowing", "indirect", "Omar Diallo")],
    ),
    # 8. pronoun speaker
    (
        "pronoun",
        "Former minister Jane Cole spoke to students on Monday.\nShe said: “Politics is a long game.”",
        [("Politics is a long game.", "direct", "Jane Cole")],
    ),
    # 9. role speaker: "the 64-year-old", "The Labour MP" refer back to the named person
    (
        "role-age",
        "Businessman Victor Hale won the seat on Thursday.\nThe 64-year-old said: “This is a great night for the town.”",
        [("This is a great night for the town.", "direct", "Victor Hale")],
    ),
    (
        "role-party",
        "Tom Reed, who has led the union since 2019, met the minister.\nThe Labour MP told Times Radio: “We made progress today.”",
        [("We made progress today.", "direct", "Tom Reed")],
    ),
    # 10. carry-over: a quote paragraph with no cue continues the previous speaker
    (
        "carry-over",
        "“The river is rising fast,” fire chief Helen Ward said.\n“We are moving families to the school hall tonight.”\nThe rain is expected to ease on Sunday.",
        [("The river is rising fast", "direct", "Helen Ward"), ("We are moving families", "direct", "Helen Ward")],
    ),
    # 11. canonical name: the fullest form, titles dropped
    (
        "canonical",
        "Sir John Major spoke at the dinner.\nSir John said: “Europe matters.”\nMajor added: “It always will.”",
        [("Europe matters.", "direct", "John Major"), ("It always will.", "direct", "John Major")],
    ),
    # 12. unnamed and organisational speakers keep their description
    (
        "unnamed-spokesperson",
        "A Treasury spokesperson said: “We do not comment on leaks.”",
        [("We do not comment on leaks.", "direct", "Treasury spokesperson")],
    ),
    (
        "organisation",
        "Number 10 said the meeting covered energy prices and housing.",
        [("the meeting covered energy prices and housing", "indirect", "Downing Street")],
    ),
    # 13. a quote nested in a quote has its own speaker
    (
        "nested",
        "Senator Amy Ross said: “The governor, Dan Price, wrote ‘we will never close this plant’ in his letter, and he closed it.”",
        [
            ("The governor, Dan Price, wrote", "direct", "Amy Ross"),
            ("we will never close this plant", "direct", "Dan Price"),
        ],
    ),
    # 14. single-quoted headline scare quotes are not quotations
    (
        "headline-scare-quotes",
        "Mayor 'deeply regrets' flood response\nMayor Ken Obi said: “We should have acted sooner.”",
        [("We should have acted sooner.", "direct", "Ken Obi")],
    ),
    # 15. an embedded social-media post, signed and dated
    (
        "social-post",
        "The minister posted her reaction on Friday.\nWhat a result for our town today.\nI am proud of every volunteer.\n— Ruth Adler (@RuthAdlerMP) March 7, 2025\nOthers were less pleased.",
        [("What a result for our town today.\nI am proud of every volunteer.", "direct", "Ruth Adler")],
    ),
    # 16. an interrupted quote is one quotation
    (
        "interrupted",
        '"We will appeal," Laura Chen said. "The ruling is wrong."',
        [('We will appeal," Laura Chen said. "The ruling is wrong.', "direct", "Laura Chen")],
    ),
    (
        "interrupted-lowercase",
        '"By signing the deal," Governor Ruth Kagame said, "we have protected every job in the valley."',
        [('By signing the deal," Governor Ruth Kagame said, "we have protected every job in the valley.', "direct", "Ruth Kagame")],
    ),
    # 17. someone described through another named person is not that person
    (
        "described-through-other",
        "Senator Gary Holt toured the clinic.\nGary Holt's doctor said the senator was fit to serve.",
        [("the senator was fit to serve", "indirect", "Gary Holt's doctor")],
    ),
    # 18. an epithet fused to a name is not part of the canonical name
    (
        "epithet",
        "Crooked Hillary Clinton was the target of the rally.\nHillary Clinton said: “We will not be distracted.”",
        [("We will not be distracted.", "direct", "Hillary Clinton")],
    ),
    # 19. an organisation's whole name, "for" and all, even after a named person
    (
        "organisation-long-name",
        "Chancellor Rachel Reeves spoke on Sunday.\nThe Institute for Fiscal Studies warned that the sums did not add up.",
        [("the sums did not add up", "indirect", "Institute for Fiscal Studies")],
    ),
    # 20. a document speaks for the organisation that issued it
    (
        "according-to-document",
        "The president spoke by phone with Chancellor Olaf Scholz, according to a White House readout.",
        [("The president spoke by phone with Chancellor Olaf Scholz", "indirect", "White House")],
    ),
    # 21. a participial cue ("telling MPs") belongs to the clause's subject, and a
    #     surname alone finds the full name the article gave earlier
    (
        "participle-and-full-name",
        "Angela Rayner and Kemi Badenoch clashed in the Commons.\nMrs Badenoch hit back, telling MPs: “Labour has broken every promise.”",
        [("Labour has broken every promise.", "direct", "Kemi Badenoch")],
    ),
    # 22. two people who share a surname stay two; a bare surname goes to the one
    #     the article is about
    (
        "shared-surname",
        "Senator Ted Cruz spoke in Houston. His father Rafael Cruz was in the audience.\nTed Cruz said: “I will endorse him.”\nCruz added: “It was not easy.”",
        [("I will endorse him.", "direct", "Ted Cruz"), ("It was not easy.", "direct", "Ted Cruz")],
    ),
    # 23. headline style: a name and a colon before the quote
    (
        "name-colon",
        "Starmer: 'We will not back down on tariffs'\nKeir Starmer spoke in Downing Street on Monday.",
        [("We will not back down on tariffs", "direct", "Keir Starmer")],
    ),
    # 24. a show's title in marks is no quotation, and does not split the quote around it
    (
        "title-in-marks",
        "“We are ready,” Senator Amy Ross said on Channel 4’s “Morning Brief.” “The votes are there.”",
        [("We are ready,” Senator Amy Ross said on Channel 4’s “Morning Brief.” “The votes are there.", "direct", "Amy Ross")],
    ),
    # 25. a pronoun goes to the speaker just before, not to the person named most often
    (
        "pronoun-recency-over-frequency",
        "Hillary Clinton spoke in Ohio. Hillary Clinton attacked Trump. Clinton's team was upbeat.\n"
        "Campaign spokeswoman Jennifer Palmieri said Trump had been reduced to \"taunts and insults\".\n"
        "\"You could dismiss this as schoolyard behaviour, but he wants to be president,\" she said.",
        [("Trump had been reduced to \"taunts and insults\"", "mixed", "Jennifer Palmieri"), ("You could dismiss this", "direct", "Jennifer Palmieri")],
    ),
    # 26. ... and to the subject of its own paragraph before the last paragraph's speaker
    (
        "pronoun-paragraph-subject",
        "Congressman Bobby Scott is running for the Senate.\n"
        "\"There is some uncertainty about the money,\" said Quentin Kidd, a political scientist.\n"
        "Scott bristles at the suggestion. \"I have raised all I need,\" he said.",
        [("There is some uncertainty", "direct", "Quentin Kidd"), ("I have raised all I need", "direct", "Bobby Scott")],
    ),
    # 27. an office nobody here holds is someone else, not the most salient person
    (
        "unheld-office",
        "Donald Trump said the tariffs would stay.\nThe Vice President said the talks would resume in March.",
        [("the tariffs would stay", "indirect", "Donald Trump"), ("the talks would resume in March", "indirect", "Vice President")],
    ),
    # 28. a quote inside a curly-quoted quote does not end the outer one; long enough,
    #     it is a quotation of its own; a follow-up paragraph continues the outer speaker
    (
        "nested-double",
        "Tom Baker said: “The manager, John Brown, told me “the plant will close next year for good” and I believed him.”\n"
        "“We are going to fight this decision all the way to the courts.”",
        [
            ("The manager, John Brown, told me", "direct", "Tom Baker"),
            ("the plant will close next year for good", "direct", "John Brown"),
            ("We are going to fight", "direct", "Tom Baker"),
        ],
    ),
    # 29. a description in the narrative ("The president's roots") keeps its person
    #     salient for the pronoun after it, over the previous paragraph's subject
    (
        "description-keeps-salience",
        "President Ana Silva spoke about the climate on Monday.\n"
        "Her chief adviser, Tom Rhodes, recalled the president reading about collapsing societies.\n"
        "The president's roots also came into play. In Honolulu, she said the stakes were high for island nations.",
        [("the president reading about collapsing societies", "indirect", "Tom Rhodes"),
         ("the stakes were high for island nations", "indirect", "Ana Silva")],
    ),
    # 30. old Mac line ends (CR alone) end a paragraph like LF
    (
        "cr-line-ends",
        "Mayor Ann Lee said the plan would work\rThe council will vote on it tomorrow and then adjourn.",
        [("the plan would work", "indirect", "Ann Lee")],
    ),
    # 31. a relative clause reported by someone: "which officials said covered ..." (the
    # report opens with its pronoun, the attribution inside the outer span, as annotators mark it)
    (
        "relative-clause-report",
        "There was a long meeting on Friday, which officials said covered housing and transport policy.",
        [("which officials said covered housing and transport policy", "indirect", "officials")],
    ),
    # 32. "a spokesperson for the Home Office" is the Home Office spokesperson, again later
    (
        "spokesperson-for-org",
        "A spokesperson for the Home Office said the figures were being reviewed.\nThe spokesperson added that a review was under way.",
        [("the figures were being reviewed", "indirect", "Home Office spokesperson"),
         ("a review was under way", "indirect", "Home Office spokesperson")],
    ),
    # 33. a quoted fragment with no cue of its own continues the speaker just before
    (
        "mixed-carry-over",
        "Chancellor Rachel Reeves said the budget would be tough.\nThe cuts would be “painful but necessary for the country” this year.",
        [("the budget would be tough", "indirect", "Rachel Reeves"), ("painful but necessary for the country", "mixed", "Rachel Reeves")],
    ),
    # 34. a name the NER missed, after its role ("Arsenal boss Mikel Arteta")
    (
        "role-then-unknown-name",
        "Arsenal boss Mikel Arteta insists his side can still win the title.\n"
        "\"It's a long season,\" Arteta told Sky Sports.",
        [("his side can still win the title", "indirect", "Mikel Arteta"), ("It's a long season,", "direct", "Mikel Arteta")],
    ),
    # 35. according to
    (
        "according-to",
        "According to police chief Ian Moss, the suspect fled on foot.",
        [("the suspect fled on foot", "indirect", "Ian Moss")],
    ),
    # 18. a quote signed with a dash and a name
    (
        "dash-signed",
        "Readers wrote to us about the festival.\n“It was the best weekend of my life.” ― Carla Diaz\n",
        [("It was the best weekend of my life.", "direct", "Carla Diaz")],
    ),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_phenomenon(name: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    art = saywho.extract(text, published="2025-03-10", id=name)
    got = [(q.text, q.type, q.speaker.name if q.speaker else None) for q in art.quotes]
    for prefix, qtype, speaker in expected:
        match = [g for g in got if g[0].startswith(prefix)]
        assert match, f"no quote starting {prefix!r} in {got}"
        assert match[0][1] == qtype, f"{prefix!r}: type {match[0][1]} != {qtype}"
        assert match[0][2] == speaker, f"{prefix!r}: speaker {match[0][2]!r} != {speaker!r}"
    assert len(got) == len(expected), f"extra quotes: {got}"
    for q in art.quotes:
        assert art.text[q.start:q.end] == q.text


VENUES = [
    ("Tom Reed told Times Radio: “We are ready.”", "Times Radio"),
    ("In a social media update, Ruth Adler said: “Thank you all.”", "social media"),
    ("Speaking in the House of Commons, Ian Moss said the plan was unfair to renters.", "House of Commons"),
    ("In an interview with the BBC, Lena Sousa said: “No comment.”", "BBC"),
]


@pytest.mark.parametrize("text,venue", VENUES)
def test_venue(text: str, venue: str) -> None:
    art = saywho.extract(text)
    assert art.quotes, "no quote found"
    assert art.quotes[0].venue == venue


def test_cue_as_written_and_date() -> None:
    art = saywho.extract(
        "Mayor Ken Obi has said the budget will balance.\n“We made cuts,” Ken Obi said on Monday.",
        published="2025-03-12",
    )
    cues = [q.cue for q in art.quotes]
    assert cues == ["has said", "said"]
    assert art.quotes[1].date == "2025-03-10"


def test_debris_lines_produce_no_quotes_or_people() -> None:
    text = (
        "Most Read\nGETTY IMAGES\nJANE COLE\nTrending on Example News\n"
        "Jane Cole said: “We will win.”\nREUTERS\n"
    )
    art = saywho.extract(text)
    assert [q.text for q in art.quotes] == ["We will win."]
    assert [p.name for p in art.people] == ["Jane Cole"]
    skipped = {art.text[s.start:s.end] for s in art.skipped}
    assert {"Most Read", "GETTY IMAGES", "REUTERS"} <= skipped


SINGLE_MARK_OUTLETS = [
    ("'We will not give up,' Premier Dan Andrews said.", "We will not give up,", "Dan Andrews"),
    ("Club captain Tom Reed spoke.\n'The players' union will not accept this offer,' he said.",
     "The players' union will not accept this offer,", "Tom Reed"),
    ("Opposition leader Priya Nair said: 'The budget fails families.'", "The budget fails families.", "Priya Nair"),
]


@pytest.mark.parametrize("text,quote,speaker", SINGLE_MARK_OUTLETS)
def test_outlets_that_quote_with_single_marks(text: str, quote: str, speaker: str) -> None:
    art = saywho.extract(text)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in art.quotes] == [(quote, speaker)]
