"""Organisations referred to again, by class: each row a short text written for the
test, the words asked about (their n-th occurrence) and the referent the lookup must
give them (None: nobody, never a wrong one)."""
from __future__ import annotations

import re

import pytest

from saywho import nlp
from saywho.model import Article, Speaker
from saywho.quotes import find_quotes
from saywho.speakers import resolve_with_lookup
from saywho.speakers.lookup import referent_at


def referent(text: str, words: str, nth: int = 1) -> tuple[str, str] | None:
    """The (name, kind) the lookup gives the ``nth`` occurrence of ``words``."""
    doc = nlp.parse(text)
    art = Article(id="t", text=text, published="2025-03-10")
    _, look = resolve_with_lookup(doc, find_quotes(doc, art.skipped), art)
    m = [m for m in re.finditer(r"\b" + re.escape(words) + r"(?!\w)", text)][nth - 1]
    got = referent_at(look, m.start(), m.end())
    return (got.name, got.kind) if got is not None else None


def first_speaker(text: str) -> Speaker | None:
    """The speaker of the text's first quote."""
    doc = nlp.parse(text)
    art = Article(id="t", text=text, published="2025-03-10")
    ents, _ = resolve_with_lookup(doc, find_quotes(doc, art.skipped), art)
    return ents.quotes[0].speaker


#: "it"/"its" take the organisation that is the subject of their clause or of the
#: clause above it (a country speaking as a body too)
IT = [
    ("North Korea stated it would attack any loudspeakers near the border.", "it", 1, "North Korea"),
    ("Shares in Tesco fell on Monday. The company said its profits would fall.", "its", 1, "Tesco"),
    ("The Food Standards Agency issued a warning on Friday. The FSA added that it would test more shops.",
     "it", 1, "Food Standards Agency"),
    # "they"/"their" of a body, when the clause's subject is one
    ("Microsoft said on Monday that their profits had risen.", "their", 1, "Microsoft"),
    ("Acme Corp cut 500 jobs after they lost the contract.", "they", 1, "Acme Corp"),
]


@pytest.mark.parametrize("text,words,nth,name", IT)
def test_it_is_the_organisation_its_clause_is_about(text: str, words: str, nth: int, name: str) -> None:
    assert referent(text, words, nth) == (name, "organisation")


#: a name span that holds an organisation's whole name is that organisation: with or
#: without "the", with a possessive, where the NER missed it the second time
NAMES = [
    ('The Home Office published the letter on Monday. "We will review it," Home Office minister Jane Reed said.',
     "Home Office", 2, "Home Office"),
    ("After the match, Tunisia's coach Nabil Maaloul said the team had played well.", "Tunisia's", 1, "Tunisia"),
    ('"The results are clear," said Simon Long, a professor at Washington State University.',
     "Washington State University", 1, "Washington State University"),
    ("Sweden beat South Korea on Monday. Group F: Sweden 1, Korea Republic 0.", "Sweden", 2, "Sweden"),
]


@pytest.mark.parametrize("text,words,nth,name", NAMES)
def test_a_name_is_the_organisation_it_names(text: str, words: str, nth: int, name: str) -> None:
    assert referent(text, words, nth) == (name, "organisation")


#: never a wrong referent: an affiliation before a person's name is not that person,
#: a word of an organisation's name is not the organisation
NOT = [
    ("Facebook creator Mark Zuckerberg visited Berlin on Monday.", "Facebook", 1, "Mark Zuckerberg"),
    ("Mary Hall studied at the Einstein Institute of Mathematics in Jerusalem. Einstein never went there.",
     "Einstein", 2, "Einstein Institute of Mathematics"),
]


@pytest.mark.parametrize("text,words,nth,wrong", NOT)
def test_never_the_wrong_referent(text: str, words: str, nth: int, wrong: str) -> None:
    got = referent(text, words, nth)
    assert got is None or got[0] != wrong


def test_a_description_of_another_kind_finds_no_organisation() -> None:
    """"the union" is not the company named before it ("Acme Corp." with its stop)."""
    sp = first_speaker('Unite called a strike at Acme Corp. "Members are angry," the union said.')
    assert sp is not None and sp.name != "Acme Corp."


#: "we" in a quote is the body its speaker speaks for, named in the speaker's role;
#: a person who speaks for nobody named stays "we"'s referent
WE = [
    ('After the match, Tunisia\'s coach Nabil Maaloul said, "We were playing against a strong team."',
     "We", ("Tunisia", "organisation")),
    ('After the match, Hernan Gomez, Panama coach, said, "I think we have learned a lot."',
     "we", ("Panama", "organisation")),
    ('Mary Jones met John Smith in Paris. "We had a good talk," she said.', "We", ("Mary Jones", "person")),
]


@pytest.mark.parametrize("text,words,want", WE)
def test_we_is_the_body_the_speaker_speaks_for(text: str, words: str, want: tuple[str, str]) -> None:
    assert referent(text, words) == want


#: "her party", "his team": the body of that kind the person belongs to, else as written
POSSESSED = [
    ("Labour's Shadow Home Secretary Yvette Cooper said her party had backed the idea for months.",
     "her party", ("Labour", "organisation")),
    ("Acme Corp chief executive Ann Lee said her party was over.", "her party", ("her party", "unnamed")),
]


@pytest.mark.parametrize("text,words,want", POSSESSED)
def test_a_persons_party_is_the_body_named_with_them(text: str, words: str, want: tuple[str, str]) -> None:
    assert referent(text, words) == want


#: a document speaks for the author "by" names, not for a body named near it
def test_a_study_by_someone_speaks_for_its_author() -> None:
    sp = first_speaker("Fraud is rare. A 2014 study by Loyola Law School professor Justin Levitt found "
                       "31 incidents of voter impersonation.")
    assert sp is not None and sp.name == "Justin Levitt"


#: a dateline before the person who speaks is not what "it" is
def test_a_dateline_is_not_it() -> None:
    text = ("WASHINGTON -- President Obama, dedicating the National Museum of African American History and "
            "Culture on Saturday, said it would tell an American story.")
    got = referent(text, "it")
    assert got is None or got[0] != "WASHINGTON"


#: descriptions and names of organisations found again: a description in apposition to
#: a name, "the church" for a church, a name holding a title word
#: ("Health"), and never an acronym of two letters for a longer name ("US")
FOUND_AGAIN = [
    ("Acme Corp reported a loss. Shares in Tesco fell on Monday. Acme Corp, the company, will cut jobs.",
     "the company", "Acme Corp"),
    ("She joined the Church of Scientology in 1995. Her mother later attacked the church.",
     "the church", "Church of Scientology"),
    ("The US and Canada signed the deal. The University of Sheffield studied it.",
     "University of Sheffield", "University of Sheffield"),
    ("Professor Cres Eastman says iodine is added to only 10 per cent of salt, against a World Health "
     "Organisation recommendation.", "World Health Organisation", "World Health Organisation"),
]


@pytest.mark.parametrize("text,words,name", FOUND_AGAIN)
def test_an_organisation_found_again(text: str, words: str, name: str) -> None:
    assert referent(text, words) == (name, "organisation")


def test_an_organisation_the_ner_missed_is_no_salient_person() -> None:
    """"According to the Saudi Interior Ministry" with the ministry untagged: the
    organisation named there, not the person (a pilgrimage the NER took for one) before."""
    sp = first_speaker("Hundreds dead in Hajj stampede. According to the Saudi Interior Ministry over 345 "
                       "Muslim pilgrims have been killed.")
    assert sp is not None and (sp.name, sp.kind) == ("Saudi Interior Ministry", "organisation")


#: a document speaks for the organisation "by" names, under the name the NER gave it
def test_a_report_by_an_organisation_keeps_its_name() -> None:
    sp = first_speaker("A 2009 report by the progressive Center for Economic and Policy Research found that "
                       "the tax would raise $220 billion.")
    assert sp is not None and (sp.name, sp.kind) == ("Center for Economic and Policy Research", "organisation")


#: a body named only as someone's affiliation is not what a later "it" is
def test_an_affiliation_is_not_it() -> None:
    sp = first_speaker("Washington Post reporter Michelle Fields filed a complaint on Monday. It said that she "
                       "was grabbed by the arm.")
    assert sp is None or sp.name != "Washington Post"
