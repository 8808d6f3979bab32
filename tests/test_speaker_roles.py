"""Roles shown beside a person come only from what is written about that name: a
pre-modifier, an apposition or a copula, filtered to phrases whose head names a role."""
from __future__ import annotations

import pytest

from saywho.pipeline import extract
from saywho.speakers.names import clean_role


@pytest.mark.parametrize(
    ("role", "name", "want"),
    [
        ("expectations Donald", "Donald Trump", None),
        ("'s", "Donald Trump", None),
        ("times", "Donald Trump", None),
        ("high stakes Hillary", "Hillary Clinton", None),
        ("words Hillary", "Hillary Clinton", None),
        ("-", "Aaron Kall", None),
        ("Hillary", "Hillary Clinton", None),
        ("Democratic candidate Hillary", "Hillary Clinton", "Democratic candidate"),
        ("'s director Lonnie", "Lonnie Bunch", "director"),
        ("fund manager S.", "Donald Sussman", "fund manager"),
        ("first lady Michelle", "Michelle Obama", "first lady"),
        ("minister of economy Mr. Guajardo", "Guajardo Villarreal", "minister of economy"),
        ("director of debate at University of Michigan", "Aaron Kall", "director of debate at University of Michigan"),
        ("former secretary of state and", "Colin Powell", "former secretary of state"),
        ("campaign manager", "Robby Mook", "campaign manager"),
        ("Foreign Secretary", "David Lammy", "Foreign Secretary"),
        ("President-elect", "Donald Trump", "President-elect"),
        ("George W. Bush Presidential Center", "George Bush", None),
        ("15 percent polling threshold", "Jill Stein", None),
    ],
)
def test_clean_role(role: str, name: str, want: str | None) -> None:
    assert clean_role(role, name) == want


@pytest.mark.parametrize(
    ("text", "name", "want"),
    [
        ('Boris Johnson, the foreign secretary, spoke. "We are ready," Johnson said.', "Boris Johnson", ["foreign secretary"]),
        ('"We will win," said President-elect Donald Trump.', "Donald Trump", ["President-elect"]),
        ('Foreign Secretary David Lammy said: "We will act."', "David Lammy", ["Foreign Secretary"]),
        ('Keir Starmer is the prime minister. "We will deliver," Starmer said.', "Keir Starmer", ["prime minister"]),
        ('The high stakes Hillary Clinton faces are clear. "We will fight," Clinton said.', "Hillary Clinton", []),
        ('Expectations Donald Trump would win were high. "I will win," Trump said.', "Donald Trump", []),
        ('President and Michelle Obama arrived. "We are glad," Michelle Obama said.', "Michelle Obama", []),
        # a role word the tagger makes a proper noun, in apposition after the comma
        ('Clive Lewis, the Labour MP for Norwich South, said the plan was "naive".', "Clive Lewis",
         ["Labour MP for Norwich South"]),
        # ... but never across a colon into a quote, nor the next name's title
        ('Ann Reed replied: "The Foreign Secretary and I met him." Reed then left.', "Ann Reed", []),
        ('Ann Reed met the president alongside Foreign Secretary Tom Hale. "It went well," Reed said.', "Ann Reed", []),
    ],
)
def test_roles_on_people(text: str, name: str, want: list[str]) -> None:
    art = extract(text, id="t")
    person = next(p for p in art.people if p.name == name)
    assert person.roles == want


def test_a_hyphenated_role_before_a_name_keeps_its_hyphen_and_not_the_name_title() -> None:
    art = extract("Her co-author, Professor James Whitfield of Bristol, cautioned that the study was small.", id="t")
    person = next(p for p in art.people if p.name == "James Whitfield")
    assert "co-author" in person.roles and "author Professor" not in person.roles
