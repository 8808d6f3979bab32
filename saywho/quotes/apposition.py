"""Names in apposition: which noun a name set off beside a subject belongs to.

"Its chairman, Ian Moss, said": the name in apposition is the better mention of the
speaker.  The parser often hangs such a name on the wrong noun ("The Minister for
Housing, Aoife Brennan," on "Housing"; "a spokesman for the airport operator Fraport"
on the spokesman), and the NER may not call it a person ("The accused, Thabo Mokoena,"
as an organisation); these functions decide by the words around it.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import PERSON_NOUNS, ROLE_NOUNS
from .dateline import is_dateline

#: The dependencies of a subject.
SUBJ_DEPS = ("nsubj", "nsubjpass")


def name_of_nearer_noun(name: Token, noun: Token) -> bool:
    """Whether the name the parser put in apposition to ``noun`` follows another common
    noun directly, whose name it is ("a spokesman for the airport operator Fraport":
    Fraport is the operator; "Special Agent in Charge Douglas Williams" is one title)."""
    doc = name.doc
    k = name.left_edge.i - 1
    return k > noun.i and doc[k].pos_ == "NOUN" and doc[k].text.islower()


def named_apposition(subj: Token) -> Token:
    """"Its chairman, Ian Moss, said": the name in apposition is the better mention.
    A dateline the parser made a subject gives way to the verb's other subject
    ("Washington (AFP) – Democrat Hillary Clinton has ...")."""
    if is_dateline(subj):
        other = next((c for c in subj.head.children if c.dep_ in SUBJ_DEPS and c.i > subj.i), None)
        if other is not None:
            subj = other
    for c in subj.children:
        # (set off by a comma or dash, or right after the subject: "a spokesman for the
        # operator Fraport" puts the name on the operator, whatever the parse says)
        if c.dep_ == "appos" and not name_of_nearer_noun(c, subj) and (
                c.ent_type_ == "PERSON" or _names_a_person_noun(c, subj)):
            return c
    return _name_on_role_object(subj) or subj


def _name_on_role_object(role: Token) -> Token | None:
    """"The Minister for Housing, Aoife Brennan, said": the parser hangs the name on the
    object of the role's "for"/"of"/"at"; a person's name set off there is the
    role-holder's (not when that object is itself a person: "the wife of the senator")."""
    if role.lemma_.lower() not in ROLE_NOUNS:
        return None
    objects = [g for p in role.children if p.dep_ == "prep" and p.lower_ in ("for", "of", "at")
               for g in p.children if g.dep_ == "pobj" and g.ent_type_ != "PERSON" and g.lemma_.lower() not in PERSON_NOUNS]
    return next((c for g in objects for c in g.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                 and role.doc[c.left_edge.i - 1].text == ","), None)


def _names_a_person_noun(name: Token, noun: Token) -> bool:
    """'The accused, Thabo Mokoena, told the court': a proper name set off in apposition
    to a noun of people names that person, whatever label the NER gave it."""
    doc = name.doc
    words = {noun.lemma_.lower(), noun.lower_}
    # ("The accused": a participle the tagger may call a verb, a noun by its article)
    nominal = noun.pos_ == "NOUN" or any(c.dep_ == "det" for c in noun.children)
    return name.pos_ == "PROPN" and doc[name.left_edge.i - 1].text == "," and nominal \
        and bool(words & ROLE_NOUNS) \
        and all(t.text[:1].isupper() for t in name.subtree if t.i <= name.i and t.dep_ in ("compound", "flat") or t.i == name.i)
