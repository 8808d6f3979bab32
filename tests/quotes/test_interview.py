"""Step 4c: the answers of a printed question-and-answer interview are the
interviewee's direct quotes; "I" in an answer and "you" in a question are the
interviewee."""
from __future__ import annotations

import pytest

import saywho
from saywho.nlp import parse
from saywho.quotes.interview import interview_answers
from saywho.quotes.marks import paragraphs
from saywho.speakers import resolve_with_lookup
from saywho.speakers.lookup import referent_at
from saywho.readers import article_from_text
from saywho.quotes import find_quotes

INTERVIEW = (
    "Maria Lindqvist: the glaciologist on a warming Arctic\n\n"
    "The Courier interviewed glaciologist Maria Lindqvist about her fieldwork in Svalbard.\n\n"
    "What drew you to the study of ice?\n\n"
    "I grew up near a glacier. My father took me there every summer and I saw it shrink.\n\n"
    "How has the ice changed since you began?\n\n"
    "It has retreated by almost a kilometre. We measure it every spring.\n\n"
    "The loss speeds up every year, and I worry about the next decade.\n\n"
    "Do you expect the trend to reverse?\n\n"
    "No. Not in my lifetime, and probably not in yours.\n\n"
    "Lindqvist returns to Svalbard in March."
)
Q_AND_A = (
    "An interview with union leader Tomas Novak, who led the rail strike.\n"
    "Q: Why did you call the strike?\n"
    "A: Our members had waited two years for a pay offer.\n"
    "Q: Will you accept arbitration?\n"
    "A: Only if the company drops its demands on overtime.\n"
    "Q: What happens next?\n"
    "A: We vote on Friday."
)


def answers(text: str) -> list[str]:
    doc = parse(text)
    return [text[f.start:f.end] for f in interview_answers(doc, text, paragraphs(text, []), [])]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # each answer up to the next question; the closing prose that names her is not hers
        (INTERVIEW, ["I grew up near a glacier. My father took me there every summer and I saw it shrink.",
                     "It has retreated by almost a kilometre. We measure it every spring.\n\n"
                     "The loss speeds up every year, and I worry about the next decade.",
                     "No. Not in my lifetime, and probably not in yours."]),
        # "Q:" and "A:" labels: the label is not part of the answer
        (Q_AND_A, ["Our members had waited two years for a pay offer.",
                   "Only if the company drops its demands on overtime.", "We vote on Friday."]),
        # rhetorical questions in ordinary news: nobody is said to be interviewed
        ("Prices rose again in May.\nWhat does that mean for you?\nEconomists expect more rises.\n"
         "Can you do anything about it?\nSaving helps a little.\nWill you feel it this winter?\nMost households will.",
         []),
        # an interview announced, but only two questions: too little to call it one
        ("Wikinews interviewed author Ana Ruiz.\nWhy did you write it?\nI was angry.\nWhat next?\nA novel.", []),
        # questions not put to anyone ("you" in none of them)
        ("In an interview with Ana Ruiz, she spoke of her plans.\nWhat is the plan?\nA new bridge.\n"
         "Who pays for it?\nThe state.\nWhen will it open?\nIn 2030.", []),
        # an interview with two people: whose answer is whose is unknown
        ("Wikinews interviews Mario Lucero and Isabel Ruiz of the studio.\nWhat do you make?\nGames.\n"
         "Why did you start?\nFor fun.\nWhere are you based?\nIn Texas.", []),
    ],
)
def test_interview_answers(text: str, want: list[str]) -> None:
    assert answers(text) == want


def test_interview_in_the_pipeline() -> None:
    art = saywho.extract(INTERVIEW, id="iv")
    got = [(q.type, q.speaker.name if q.speaker else None, q.verbatim_text) for q in art.quotes]
    assert got and all(t == "direct" and s == "Maria Lindqvist" for t, s, _ in got)
    assert got[0][2] == "I grew up near a glacier. My father took me there every summer and I saw it shrink."


@pytest.mark.parametrize(
    ("needle", "occurrence", "want"),
    [
        ("I grew", 0, "Maria Lindqvist"),   # "I" in an answer
        ("you to", 0, "Maria Lindqvist"),   # "you" in the question before it
        ("you began", 0, "Maria Lindqvist"),
    ],
)
def test_interview_pronouns(needle: str, occurrence: int, want: str) -> None:
    art = article_from_text(INTERVIEW, "iv")
    doc = parse(art.text)
    _, look = resolve_with_lookup(doc, find_quotes(doc, art.skipped), art)
    start = INTERVIEW.index(needle)
    word = needle.split()[0]
    got = referent_at(look, start, start + len(word))
    assert got is not None and got.name == want
