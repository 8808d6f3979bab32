"""Date, venue and addressee of a cue (needs the spaCy model)."""
from __future__ import annotations

from saywho import nlp
from saywho.quotes.syntax import is_cue
from saywho.quotes.venue import date_and_venue


def dva(text: str) -> tuple[str | None, str | None, str | None]:
    doc = nlp.parse(text)
    cue = next(t for t in doc if is_cue(t))
    return date_and_venue(cue, [])


def test_weekday_date() -> None:
    assert dva("The mayor, Maria Lopez, said on Tuesday that the bridge would reopen.") == ("Tuesday", None, None)


def test_told_outlet_is_venue_people_are_addressee() -> None:
    assert dva('"I will not resign," Jones told the BBC.') == (None, "BBC", None)
    assert dva("Allies of Mr Trump told reporters in the White House that he would run.") == (None, "White House", "reporters")


def test_statement_venue_drops_article() -> None:
    assert dva("Health secretary Paul Grant said in a statement on Monday that waiting lists were too long.")[1] == "statement"


def test_told_a_programme_or_meeting_is_venue() -> None:
    # a programme, show or meeting told is where it was said, not a person spoken to
    assert dva("Lewis told the BBC's Today programme that the plan was naive.")[1:] == ("BBC's Today programme", None)
    assert dva("The minister told the conference that fees would fall.")[1:] == ("conference", None)


def test_written_to_an_outlet() -> None:
    # "in an email to CBC News": the outlet written to; a person of an outlet is not one
    assert dva("In an email to CBC News, a spokesperson said about 1.4 million households would be covered.")[1] == "CBC News"
    assert dva("He was smart, Steve Mosko wrote in an email to the NFL Network's Rich Eisen.")[1] != "NFL Network's Rich Eisen"
    assert dva("In an email, a spokesperson said the figures were wrong.")[1] == "email"


def test_told_a_website_is_venue() -> None:
    assert dva("Kovac told the club's website that the referee had erred.")[1] == "club's website"
    assert dva("The club told its website that the referee had erred.")[1] == "website"


def test_told_a_person_named_before_is_the_addressee() -> None:
    # the tagger may miss "Lowry" here, but the article named Kevin Lowry
    doc = nlp.parse('Judge Eleanor Swain sentenced Kevin Lowry on Thursday. "You took money," Swain told Lowry.')
    cue = next(t for t in doc if t.lower_ == "told")
    assert date_and_venue(cue, [])[1:] == (None, "Lowry")


def test_he_said_takes_the_occasion_of_the_sentence_before() -> None:
    doc = nlp.parse('Speaking to Times Radio on Wednesday morning, the secretary, Priya Desai, defended the plans. '
                    '"Nobody will lose support," she said.')
    cue = [t for t in doc if t.lower_ == "said"][-1]
    assert date_and_venue(cue, [])[:2] == ("Wednesday morning", "Times Radio")
    # a named speaker of a new sentence is a new occasion
    doc = nlp.parse('Speaking to Times Radio on Wednesday, Priya Desai defended the plans. '
                    '"It is a scandal," Tom Hale said.')
    cue = [t for t in doc if t.lower_ == "said"][-1]
    assert date_and_venue(cue, [])[:2] == (None, None)


def test_a_post_on_a_platform() -> None:
    assert dva('Iyer, in a post on X, said the Centre was "committed to clean air".')[1] == "X"
