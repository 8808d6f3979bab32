"""Step 7: indirect speech and "according to" (needs the spaCy model)."""
from __future__ import annotations

from reporting import reports

from saywho import nlp
from saywho.quotes.indirect import indirect_quotes
from saywho.quotes.marks import paragraphs


reported = reports


def test_reported_clause_after_that() -> None:
    assert reported("The prime minister has made it clear that taxes will not rise.") == [
        ("taxes will not rise", "has made it clear", "The prime minister")
    ]


def test_report_before_the_attribution() -> None:
    assert reported("Nurses will walk out next month, the union has announced.") == [
        ("Nurses will walk out next month", "has announced", "the union")
    ]


def test_according_to() -> None:
    assert reported("According to the police, the suspect fled the scene on foot.") == [
        ("the suspect fled the scene on foot", "According to", "the police")
    ]


def test_debris_paragraph_is_left_out() -> None:
    text = "The union has announced that nurses will strike."
    doc = nlp.parse(text)
    paras = paragraphs(text, [])
    paras[0].skipped = True
    assert indirect_quotes(doc, [], paras, []) == []


def test_report_goes_on_past_a_second_clause() -> None:
    # the parser hangs "his comment was ..." on "said": it is still the same report
    assert reported("The general said the army had enough troops and the real problem was the supply lines.") == [
        ("the army had enough troops and the real problem was the supply lines", "said", "The general")
    ]


def test_a_second_cue_starts_a_second_report() -> None:
    assert reported("Jones said the plan would fail and added that the costs were too high.") == [
        ("the plan would fail", "said", "Jones"),
        ("the costs were too high", "added", "Jones"),
    ]
    got = reported("The minister said the talks had collapsed, adding that she would try again.")
    assert got == [("the talks had collapsed", "said", "The minister"),
                   ("she would try again", "adding", "The minister")]


def test_a_report_of_another_speaker_is_not_a_continuation() -> None:
    assert reported("Jones said the plan would fail, but Smith said the costs were fine.") == [
        ("the plan would fail", "said", "Jones"),
        ("the costs were fine", "said", "Smith"),
    ]


def test_an_unnamed_person_reports() -> None:
    got = reported("A person familiar with the negotiations, who was not authorized to speak publicly, "
                   "said the two sides were close to a deal.")
    assert got == [("the two sides were close to a deal", "said", "A person familiar with the negotiations")]


def test_questioning_reports_a_doubt() -> None:
    # "questioned whether ..." puts a doubt on record: what is questioned is reported
    assert reported("The senator questioned whether the agency was ready for another storm.") == [
        ("whether the agency was ready for another storm", "questioned", "The senator")
    ]


def test_told_someone_that_reports_the_clause_only() -> None:
    # the parser hangs "that ..." on the object of "told": the object is the audience
    got = reported("Lewis told the BBC's Today programme that the policy had been rushed.")
    assert [(s, sp) for s, _, sp in got] == [("the policy had been rushed", "Lewis")]


def test_a_negated_cue_reports_nothing() -> None:
    # "has not said whether ...": nothing was said; a reader must not see it as his words
    assert reported("House Speaker Thomas Greer has not said whether he would bring it to a vote.") == []
    assert reported("The minister did not say when the line would reopen.") == []


def test_two_subjects_on_one_verb_the_nearer_speaks() -> None:
    # "New Delhi:" read as a second subject of "said": the speaker is next to the verb
    got = reported("Delhi to get new buses, says minister\n\nNew Delhi: The Delhi government will add 500 buses "
                   "to its fleet by March, transport minister Kailash Rathore said on Tuesday.")
    assert ("The Delhi government will add 500 buses to its fleet by March", "said",
            "transport minister Kailash Rathore") in got


def test_a_light_verb_object_without_content_reports_nothing() -> None:
    # "raised the issue with X in a phone call": to whom and how, not what
    assert reported("Coun. Brendan Fougere raised the issue with the general manager in a phone call on Friday.") == []
    assert [s for s, _, _ in reported("Senators raised concerns about the plan on Monday.")] == [
        "concerns about the plan on Monday"]


def test_told_an_outlet_and_a_clause_without_that() -> None:
    # "told Sky News the targets were ...": the clause's subject is no second object of
    # "told", and "and called for ..." is a second report, not part of the first
    got = reported("He told Sky News the government's targets were unrealistic and called for the ban to be lifted.")
    assert got[0][:2] == ("the government's targets were unrealistic", "told")


def test_said_in_a_statement_that_reports_the_clause_on_the_statement() -> None:
    # the parser hangs "that ..." on the noun saying where it was said
    got = reported("Its finance director, Maria Lind, said in a statement that the demands would cost "
                   "the group more than a billion euros.")
    assert [(s, sp) for s, _, sp in got] == [("the demands would cost the group more than a billion euros",
                                             "Maria Lind")]
    got = reported("The mayor told reporters at a news conference that the bridge would reopen in May.")
    assert [s for s, _, _ in got] == ["the bridge would reopen in May"]
