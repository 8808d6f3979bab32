"""A word the NER fused to a surname is not a first name (issue #15): "With Obama" in
a title-case headline, "Derelict Obama" at a sentence start, "Crooked Hillary" as a
nickname are the surname's person, not second full names that make the bare surname
ambiguous across articles; a rare given name survives.  Invented texts only."""
from __future__ import annotations

import pytest

from saywho.pipeline import extract
from saywho.speakers.given import drop_non_given, is_given_name


def people(text: str) -> list[str]:
    return sorted(p.name for p in extract(text, published="2025-03-10").people if p.kind == "person")


HEADLINE = "Harlow Breaks With Quellmark On Tidal Levy Bill.\n\n"


@pytest.mark.parametrize("name, text, kept", [
    ("With Quellmark", HEADLINE + "President Quellmark spoke.", ["Quellmark"]),
    ("Derelict Quellmark", "Derelict Quellmark and friends.\n\nPresident Quellmark spoke.", ["Quellmark"]),
    ("Crooked Nadia Quellmark", "He mocked Crooked Nadia Quellmark. Nadia Quellmark spoke.", ["Nadia", "Quellmark"]),
    ("Absurd Double Standard Quellmark", "The Absurd Double Standard Quellmark Faces\n\nQuellmark spoke.", ["Quellmark"]),
    # rare, invented given names are no English words: kept wherever they stand
    ("Zorvan Quellmark", "Zorvan Quellmark and friends.\n\nQuellmark spoke.", ["Zorvan", "Quellmark"]),
    ("Ysolde Marrack", HEADLINE.replace("Quellmark", "Ysolde Marrack") + "Marrack spoke.", ["Ysolde", "Marrack"]),
    # a noun that is a given name too, written mid-sentence: its capital is the name's
    ("Spike Tallow", "Later, Spike Tallow spoke. Tallow left.", ["Spike", "Tallow"]),
    # nothing else named alone: dropping the word would invent a name
    ("Zero Hedgewick", "Derelict work by Zero Hedgewick.", ["Zero", "Hedgewick"]),
])
def test_leading_words_that_are_no_given_name(name: str, text: str, kept: list[str]) -> None:
    assert drop_non_given(name.split(), text) == kept


def test_sentence_start_noun_needs_the_name_written_elsewhere() -> None:
    assert not is_given_name("Spike", ["Tallow"], "Spike Tallow spoke.")
    assert is_given_name("Spike", ["Tallow"], "Spike Tallow spoke. Then Spike Tallow left.")
    assert is_given_name("Barack", ["Quellmark"], "")  # a listed first name is never judged


def test_headline_word_is_not_a_second_full_name_of_the_article() -> None:
    text = ("Derelict Quellmark and Harlow; Brandt will go on offense.\n\n"
            "President Quellmark said the plan was ready. Quellmark added that it would pass.")
    assert people(text) == ["Quellmark"]


def test_mr_surname_then_a_woman_with_that_surname_are_two_people() -> None:
    text = ('President Quellmark is rolling out a plan.\n\n"We will win," Mr. Quellmark said on Saturday.\n\n'
            'The campaign plans to use Mr. Quellmark and the first lady, Michelle Quellmark, in Ohio. '
            'Both back the "Garrick Quellmark Day" drive.\n\n"It matters," Michelle Quellmark said.')
    names = people(text)
    assert "Michelle Quellmark" in names and "Quellmark" in names
