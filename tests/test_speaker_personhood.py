"""Names the NER files as places or organisations, taken back as people when the text
shows it (``saywho.speakers.personhood``), and possessives in fronted adjuncts
("After leaving her post, Quist ...").  Every text is written for the test."""
from __future__ import annotations

import re

import pytest

from saywho import nlp
from saywho.model import Article
from saywho.quotes import find_quotes
from saywho.speakers import resolve_with_lookup
from saywho.speakers.names import name_parts
from saywho.speakers.personhood import person_evidence


def _run(text: str, name: str):  # type: ignore[no-untyped-def]
    """The parsed span of the last occurrence of ``name``."""
    doc = nlp.parse(text)
    s = text.rindex(name)
    return doc.char_span(s, s + len(name), alignment_mode="expand")


#: (text, name, what the words around the name show: a gender, "person", or nothing)
EVIDENCE = [
    ("Brennick won the cup in 1998. His sister Lunetta trained the horses.", "Lunetta", "female"),
    ("The studio hired Orlik. Orlik was born in 1950 in a small town.", "Orlik", "person"),
    ("The band signed Brannigan, who later wrote most of its songs.", "Brannigan", "person"),
    ("The coach praised Kinsale. Kinsale lost his place in the team in 2004.", "Kinsale", "male"),
    ("Critics loved the play. Velmont's wife ran the theatre for years.", "Velmont", "person"),
    ("The club grew. Pausch's retirement was announced in May.", "Pausch", "person"),
    # a he/she fronted before the subject can only be that subject
    ("Tom Reed coached the team. After his season in Canada, Ladygo returned to Keyser.", "Ladygo", "male"),
    ("The club grew. As she had no passport, Quesnay stayed at home.", "Quesnay", "female"),
    # the main subject continued by the next sentence's opening he/she
    ("Andrelko returned to the team in 2007. He placed eighth at the championships.", "Andrelko", "male"),
    ("Andrelko returned to the team in 2007. In Ohio, Tom Reed said he placed eighth.", "Andrelko", None),
    ("Andrelko joined the team in 2007. On 26 September 2013, he placed eighth.", "Andrelko", "male"),
    # nothing said of a person: an organisation, a people, a place
    ("The Ravelstone Group bought the site in 2004.", "Ravelstone Group", None),
    ("The report said Muslims, who make up a tenth of the town, were not asked.", "Muslims", None),
    ("Orvieto lies on a hill above the valley.", "Orvieto", None),
]


@pytest.mark.parametrize("text,name,want", EVIDENCE)
def test_person_evidence(text: str, name: str, want: str | None) -> None:
    assert person_evidence(_run(text, name)) == want


def _look(text: str):  # type: ignore[no-untyped-def]
    """Stage 4's Entities and lookup for ``text``."""
    doc = nlp.parse(text)
    art = Article(id="t", text=text, published="2025-03-10")
    return resolve_with_lookup(doc, find_quotes(doc, art.skipped), art)


#: a possessive in an adjunct fronted before its clause's subject is that subject's
FRONTED = [
    ("Mara Lind hired Ada Quist in 2001. After leaving her post in Rome, Quist moved to Paris.", "her", "Ada Quist"),
    ("Ada Quist hired Mara Lind in 2001. After finishing her degree, Lind moved to Paris.", "her", "Mara Lind"),
    ("Sunil Rao runs the office. As he has no passport, Adi Varma applies for one.", "he", "Adi Varma"),
    # an opening subordinate clause whose subject names no one is crossed to the main subject
    ("Mara Lind won the seat. Although most of her voters chose Remain, Ada Quist voted to leave.", "her", "Ada Quist"),
    ("Mara Lind met Ada Quist. After it became clear to her that Tom would stay, Quist left.", "her", "Ada Quist"),
    # the main subject a named person's thing: that person's
    ("Tom Reed wrote the play. Throughout his stay in Rome, Panizza's health grew worse.", "his", "Panizza"),
    # a pronoun the NER swept into a date ("her final years") is still a pronoun
    ("Mara Lind taught at the school. During her final years, Quesnay led a quiet life.", "her", "Quesnay"),
]


@pytest.mark.parametrize("text,pron,name", FRONTED)
def test_a_fronted_possessive_is_the_next_subject(text: str, pron: str, name: str) -> None:
    _, look = _look(text)
    s = re.search(rf"\b{pron}\b", text).start()  # type: ignore[union-attr]
    p = look.person_at(s, s + len(pron))
    assert p is not None and p.name == name


def test_a_known_name_filed_as_an_organisation_is_that_person() -> None:
    # the NER calls the repeated surname an ORG; the stage lists it as the person's mention
    text = "Mara Lind hired Ada Quist in 2001. After leaving her post in Rome, Quist moved to Paris."
    ents, _ = _look(text)
    s = text.index("Quist moved")
    quist = next(e for e in ents.entities if e.name == "Ada Quist")
    assert (s, s + 5) in quist.mentions


def test_an_unknown_one_word_person_does_not_spread() -> None:
    # a one-word "person" of unknown gender is often itself an NER slip: its name filed
    # as an organisation elsewhere stays an organisation
    text = "Wikizine reported the vote. Later Wikizine said the count was wrong."
    ents, _ = _look(text)
    people = [e for e in ents.entities if e.kind == "person" and e.gender is not None]
    assert not any(e.name == "Wikizine" for e in people)


def test_an_unknown_name_is_not_the_salient_person() -> None:
    # a name stage 4 never collected ("Almansi", filed as a work of art) is asked about
    # by its span: it is nobody known, never the most salient person by another name
    text = "In 1940, Dr. Walter Freeman asked Impastato and Almansi to bring the machine. He wanted a test."
    _, look = _look(text)
    s = text.index("Almansi")
    p = look.person_at(s, s + len("Almansi"))
    assert p is None or p.name != "Walter Freeman"


@pytest.mark.parametrize("words,other", [
    (["Almansi"], True), (["Freeman"], False), (["Walter"], False), (["Mr", "Freeman"], False),
    (["Pope"], False),  # a title word alone may be a description of the person
])
def test_a_name_that_another_person_does_not_bear(words: list[str], other: bool) -> None:
    from saywho.speakers.entities import Entity
    from saywho.speakers.lookup import _other_name

    assert _other_name(words, Entity(key=0, kind="person", names=["Walter Freeman"])) is other


#: an object pronoun is never the subject that binds its clause, also when that clause
#: is a participle or an infinitive taking its subject from above; "who" in a relative
#: clause is the name it follows
BINDING = [
    # what a clause says its subject is or becomes is not the subject's own
    ("Jane Stanes ran the school. When she retired, Edith Hale was appointed her successor.", "her", "Jane Stanes"),
    ("Tom Hale founded the firm. Later Rob Kerr became his partner.", "his", "Tom Hale"),
    ("Out on bail, Percy Lund bids farewell to Colin Marsh, telling him that the trip is over.", "him", "Colin Marsh"),
    ("Neil Oakes left the show, and Josh Brant later chose to replace him with Sharon.", "him", "Neil Oakes"),
    ("Gary Tosh met Walter Brisk at the fair. Brisk told him to leave.", "him", "Gary Tosh"),
    ("In 1977 Colin Ferris wrote to Jake Burns, who was trying to promote his band.", "his", "Jake Burns"),
    ("In 1977 Anna Ferris wrote to Lisa Burns, who was trying to sell her house.", "her", "Lisa Burns"),
    # "her" parsed as the infinitive's subject is still the object of "allows"
    ("When Kara Holm arrives, Clara Voss allows her to speak.", "her", "Kara Holm"),
    ("When Tom Reed arrived, Ben Hale asked him to wait.", "him", "Tom Reed"),
]


@pytest.mark.parametrize("text,pron,name", BINDING)
def test_binding_and_relative_clauses(text: str, pron: str, name: str) -> None:
    _, look = _look(text)
    s = text.index(pron)
    p = look.person_at(s, s + len(pron))
    assert p is not None and p.name == name


@pytest.mark.parametrize("text,name,gender", [
    ("The court heard from Waddell. Waddell married his wife in 1940.", "Waddell", "male"),
    ("The court heard from Okonkwo. Okonkwo sold her house in 1990.", "Okonkwo", "female"),
    ("The court heard from Bratt. Bratt praised the team.", "Bratt", None),
])
def test_a_bound_possessive_gives_its_subject_a_gender(text: str, name: str, gender: str | None) -> None:
    ents, _ = _look(text)
    assert next(e for e in ents.entities if e.name == name).gender == gender


def test_a_double_barrelled_name_is_one_person() -> None:
    # the NER calls it an organisation; "was born" says a person, the hyphen joins its halves
    text = "The jury praised Lena Marsh. Later, Ortiz-Kemper was born in 1973, and she won the final."
    _, look = _look(text)
    s = text.index("Ortiz-Kemper")
    p = look.person_at(s, s + len("Ortiz-Kemper"))
    assert p is not None and p.name == "Ortiz-Kemper"


@pytest.mark.parametrize("text,gender", [
    # a surname the NER files once as a person and elsewhere as an organisation: acting
    # as only a person acts, it is the same person even with no gender known
    ("Halvorsen was a defender. Ken Dole traded Halvorsen in 1990, and later Dole refused "
     "to sign a new deal with Halvorsen.", None),
    # and what a mention says gives the person a gender ("X said she ...")
    ("Halvorsen said she was a defender. Ken Dole traded Halvorsen in 1990, and later Dole "
     "refused to sign a new deal with Halvorsen.", "female"),
])
def test_an_unsexed_surname_takes_back_its_relabelled_mentions(text: str, gender: str | None) -> None:
    _, look = _look(text)
    for s in (text.index("Halvorsen"), text.rindex("Halvorsen")):
        p = look.person_at(s, s + len("Halvorsen"))
        assert p is not None and p.name == "Halvorsen" and p.gender == gender


@pytest.mark.parametrize("text,span,names", [
    # a PERSON span the NER ran across a verb holds two names; after "a", one
    ("At the same time George confronts Benji.", "George confronts Benji", ["George", "Benji"]),
    ("In 2005 the club awarded Hancock a Special Award.", "Hancock a Special Award", ["Hancock"]),
    ("Peter the Great founded the city.", "Peter the Great", ["Peter the Great"]),
])
def test_a_person_span_across_a_clause_is_split_into_names(text: str, span: str, names: list[str]) -> None:
    doc = nlp.parse(text)
    s = text.index(span)
    sp = doc.char_span(s, s + len(span))
    assert [p.text for p in name_parts(sp)] == names


@pytest.mark.parametrize("text,name", [
    # a name the tagger took for a noun: no English word, the subject of a verb
    ("Tom Hale wrote the music. Thoms later appeared on a record.", "Thoms"),
    ("The coach praised the young team. Wiggins caught the eye of the scouts in 1974.", "Wiggins"),
])
def test_a_name_tagged_as_a_noun_is_a_person(text: str, name: str) -> None:
    ents, _ = _look(text)
    assert any(e.name == name and e.kind == "person" and e.mentions for e in ents.entities)


def test_a_capitalised_english_word_stays_a_word() -> None:
    ents, _ = _look("The council met. Critics said the plan failed.")
    assert not any(e.name == "Critics" and e.kind == "person" for e in ents.entities)


@pytest.mark.parametrize("text,pron,name", [
    # a person named as an object in the sentence before does not block the subject
    # the next sentence's he/she continues
    ("Ivan Petrov met the coach in May. Petrov returned to the team in 2007 and was coached by Tom Hale. "
     "He placed eighth at the national championships.", "He", "Ivan Petrov"),
    ("Susan Kerr is an actress and a coach. Susan's mother, Ruth Batson, was a noted civil rights activist. "
     "She trained with Harold Clurman.", "She", "Ruth Batson"),
])
def test_the_previous_subject_outranks_an_object(text: str, pron: str, name: str) -> None:
    _, look = _look(text)
    s = text.rindex(pron)
    p = look.person_at(s, s + len(pron))
    assert p is not None and p.name == name


def test_a_place_as_subject_is_no_person_by_the_next_sentences_she() -> None:
    from saywho.pipeline import extract
    art = extract("The premier's visit to Ottawa marks a rare success.\n\n"
                  "Ottawa is rolling out the red carpet for Ana Ruiz this week. She will meet the prime minister on Wednesday.")
    assert not any(p.name == "Ottawa" for p in art.people)
    assert not any("Ottawa" in e.participants for e in art.events)
