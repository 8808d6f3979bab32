"""Steps 5-6 (type and attribution of marked quotes), titles and interrupted quotes
(needs the spaCy model)."""
from __future__ import annotations

from spacy.tokens import Doc

from saywho import nlp
from saywho.quotes import find_quotes
from saywho.quotes.found import Found
from saywho.quotes.marked import attribute_marked, is_title, merge_interrupted
from saywho.quotes.marks import Para, double_quotes, paragraphs


def marked(text: str) -> tuple[list[Found], Doc, list[Para]]:
    """The double-quoted spans of ``text``, typed and attributed (steps 1-2, 5-6)."""
    doc = nlp.parse(text)
    paras = paragraphs(text, [])
    found = double_quotes(text, paras, [])
    attribute_marked(doc, found, paras)
    return found, doc, paras


def who(text: str, f: Found) -> str | None:
    return text[f.mention[0]:f.mention[1]] if f.mention else None


def test_direct_quote_with_cue_after() -> None:
    text = '"I will not resign," Jones told the BBC.'
    (f,), _, _ = marked(text)
    assert (f.type, f.cue, who(text, f), f.venue) == ("direct", "told", "Jones", "BBC")


def test_mixed_fragment_governed_by_cue() -> None:
    text = 'Economist Sarah Kim said there was "a real risk of recession" this year.'
    (f,), _, _ = marked(text)
    assert (f.type, f.cue, who(text, f)) == ("mixed", "said", "Economist Sarah Kim")


def test_interrupted_quote_is_joined() -> None:
    text = '"We will win," she said. "They will lose."'
    found, doc, paras = marked(text)
    joined = merge_interrupted(doc, found, paras)
    assert len(joined) == 1 and text[joined[0].start:joined[0].end] == 'We will win," she said. "They will lose.'
    assert joined[0].notes == ["interrupted quote joined"]


def test_title_of_a_show_is_no_quote() -> None:
    text = 'She appeared on Fox News\'s "Fox and Friends" and said the plan would fail.'
    doc = nlp.parse(text)
    (f,) = double_quotes(text, paragraphs(text, []), [])
    assert is_title(doc, f)
    assert [q.type for q in find_quotes(doc, [])] == ["indirect"]


def test_a_short_title_after_the_noun_of_a_work_is_no_quote() -> None:
    # in any case, after a comma too, and it leaves no report behind it
    for text in ('In his 2002 book, "Make Your Kid a Millionaire," he argued for saving early.',
                 'Her weekly column, "Notes from the ward," drew hundreds of letters.'):
        assert find_quotes(nlp.parse(text), []) == [], text


def test_signed_with_a_colon() -> None:
    text = 'Keir Starmer: "We will deliver for working people."'
    (f,), _, _ = marked(text)
    assert f.type == "direct" and f.signed_name == "Keir Starmer" and who(text, f) == "Keir Starmer"


def test_words_after_the_closing_mark_make_a_fragment_mixed() -> None:
    # the writer's sentence goes on after the marks: the marks hold part of a report
    text = 'The spokeswoman said that "of course he will defend himself" against what she sees as a campaign of attacks.'
    found = find_quotes(nlp.parse(text), [])
    assert [(f.type, text[f.start:f.end]) for f in found] == [
        ("mixed", '"of course he will defend himself" against what she sees as a campaign of attacks')
    ]


def test_an_attribution_after_the_closing_mark_keeps_a_quote_direct() -> None:
    text = '"We will win this seat" said the candidate.'
    found = find_quotes(nlp.parse(text), [])
    assert [f.type for f in found] == ["direct"]


def test_fragment_in_a_that_clause_on_the_told_object() -> None:
    # "told the BBC's Today programme that ... 'naive'": the parser hangs the clause on
    # the object; the fragment is still what "told" reports, not the next sentence's "said"
    text = ('Clive Lewis told the BBC\'s Today programme that the policy was "politically naive". '
            "He said voters would see it as a tax on work.")
    q = [f for f in find_quotes(nlp.parse(text), []) if f.type == "mixed"]
    assert [(text[f.start:f.end], f.cue, who(text, f)) for f in q] == [
        ('the policy was "politically naive"', "told", "Clive Lewis")]


def test_fragment_in_a_that_clause_under_a_prepositional_phrase() -> None:
    # "told analysts on an earnings call that ...": the parser hangs the clause on "call"
    text = ('Chief executive Tom Jensen told analysts on an earnings call that demand had fallen '
            '"much faster than anyone expected". The company would focus on solar, he said.')
    q = [f for f in find_quotes(nlp.parse(text), []) if f.type == "mixed"]
    assert [(text[f.start:f.end], f.cue) for f in q] == [
        ('demand had fallen "much faster than anyone expected"', "told")]


def test_mixed_fragment_takes_no_cue_from_the_next_sentence() -> None:
    # the fragment sits in a sentence of its own subject; "insisted" is someone else's
    text = 'Norway branded the plan a "reckless gamble with public money." Sweden insisted that the talks go on.'
    found, _, _ = marked(text)
    f = found[0]
    assert f.type == "mixed" and who(text, f) != "Sweden" and f.cue != "insisted"


def test_quote_set_off_below_a_colon_paragraph() -> None:
    # a passage quoted in its own paragraph, introduced by 'X reports:' just above
    text = 'Small donors gave most.\n\nThe Harbour Gazette reports:\n\n"Just a quarter of the party\'s activists gave anything this year."'
    found, _, _ = marked(text)
    f = found[-1]
    assert (f.type, who(text, f)) == ("direct", "The Harbour Gazette")


def test_any_verb_right_after_the_close_attributes_the_quote() -> None:
    # a manner of saying the speech-verb list does not hold, inverted or not
    for text, name in [('"This is fantastic!" beamed Tom Hartley of Madison, who had snuck onto the floor.', "Tom Hartley"),
                       ('"It was the best day of my life," Ana Ruiz smiled at the crowd.', "Ana Ruiz")]:
        (f,), _, _ = marked(text)
        assert (who(text, f) or "").startswith(name), text
    # not when the clause goes on with a verb of its own: that is a narrative sentence
    text = '"We won," the coach waved, and the players ran onto the pitch.'
    (f,), _, _ = marked(text)
    assert who(text, f) is None


def test_a_characterisation_in_an_as_phrase_is_the_subjects() -> None:
    text = 'The mayor condemned the new levy as "reckless and unfair" and a "tax on the poor" at a meeting.'
    (f, *rest), _, _ = marked(text)
    assert (f.type, who(text, f), f.cue) == ("mixed", "The mayor", "condemned")
    assert text[f.start:f.end].startswith("the new levy as") and "tax on the poor" in text[f.start:f.end]
    text = 'Mr. Okafor likened the rules to "burning the charter" - a charge that stung.'
    (f,), _, _ = marked(text)
    assert (who(text, f), text[f.start:f.end]) == ("Mr. Okafor", 'the rules to "burning the charter"')
    # using something as a thing is no characterisation
    text = 'The club used the field as a "training ground" for years.'
    (f,), _, _ = marked(text)
    assert f.cue != "used"


def test_a_name_given_in_marks_after_the_object_is_the_subjects() -> None:
    # "called X "Y"": the parser may hang the quoted name on the object as an apposition
    text = 'The senator thanked the governor. She called his executive orders "a crucial step forward."'
    (f,), _, _ = marked(text)
    assert (f.cue, who(text, f)) == ("called", "She")


def test_voicing_verbs_are_cues() -> None:
    text = 'Protesters marching through the streets chanted "What curfew?" as the troops watched.'
    (f,), _, _ = marked(text)
    assert (f.cue, who(text, f)) == ("chanted", "Protesters")


def test_a_cue_in_a_clause_of_time_is_the_occasion_not_the_attribution() -> None:
    text = ('The ad ends with footage of Mr. Baxter saying at the debate, "That makes me smart," '
            'when Ms. Lind attacked him over his taxes.')
    found, _, _ = marked(text)
    f = next(x for x in found if text[x.start:x.end].startswith("That makes"))
    assert who(text, f) == "Mr. Baxter"


def test_markup_attributes_and_titles_in_doubled_apostrophes_are_no_quotes() -> None:
    # an attribute's value in markup left in the text is nobody's words
    text = 'It was rated true. <tweet tweet-date="the youth rate is worse than the others say">Sanders spoke.'
    found, _, _ = marked(text)
    assert not found
    # a title after the noun of a work, in the doubled apostrophes of typewriter-style text
    text = "In his 2002 book, ''Make Your Kid a Millionaire,'' he argued for saving early."
    found, doc, _ = marked(text)
    assert found and all(is_title(doc, f) for f in found)


def test_dropping_a_title_keeps_nested_quotes_pointing_at_their_parent() -> None:
    # titles in doubled apostrophes dropped before a quote with a quote inside it
    text = ("The network ordered a revival of ''Twin Peaks,'' and the French are fans of ''Prison Break,'' Mr. Dale said.\n\n"
            "''It's a higher-end version of 'Are You Smarter Than a Fifth Grader?','' he replied.")
    found = find_quotes(nlp.parse(text), [])
    for f in found:
        if f.parent is not None:
            host = found[f.parent]
            assert host.start <= f.start and f.end <= host.end
    assert not any(text[f.start:f.end].startswith(("Twin", "Prison")) for f in found)


def test_data_are_no_speaker_of_a_fragment() -> None:
    text = 'According to data from the Harbour Pollution Board, the index stood at 382, in the "very poor" band.'
    found, _, _ = marked(text)
    assert all(who(text, f) not in ("data", "the Harbour Pollution Board") for f in found)
    text = 'According to census data, the town grew by 4 percent, in what is a "remarkable" rise.'
    found, _, _ = marked(text)
    assert all(who(text, f) != "data" for f in found)
