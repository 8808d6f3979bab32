"""Descriptions of people resolved to the person they describe (steps of
``mentions.resolve_mention`` after the names and pronouns): one said of a name in
apposition or by a copula ("X, a professor at Y"), someone described through another
person or by a relation to them ("his daughter"), and a definite description of a
person ("the Foreign Secretary", "the 78-year-old"), by role, else by salience.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..lexicon import BARE_PERSON_NOUNS, FEMALE_NOUNS, MALE_NOUNS, PERSON_NOUNS, RELATION_NOUNS, TITLES, TITLE_WORDS
from ..quotes.apposition import name_of_nearer_noun
from .entities import OFFICE_HEADS, Entity, offices_in
from .index import containing
from .unnamed import introduced_just_before

if TYPE_CHECKING:
    from .state import ResolverState

#: What a step decides: the entity (None: nobody) and the kind of speaker.
Resolution = tuple[Entity | None, str]

#: Nouns of people beyond the lexicon's that a definite description may refer back
#: with ("the veteran striker" for the footballer named before).
ROLE_NOUNS = frozenset(
    """striker defender midfielder goalkeeper winger forward batsman bowler jockey driver rider cyclist
    runner swimmer athlete player champion skipper rapper musician guitarist drummer comedian director
    producer chef designer artist novelist poet photographer pilot nurse surgeon teacher student pupil
    teenager victim suspect witness survivor defendant plaintiff claimant lawyer attorney barrister solicitor
    farmer owner landlord tenant worker employee trainer pensioner retiree grandmother grandfather gran
    grandson granddaughter youngster schoolboy schoolgirl toddler""".split()
)


def named_alongside(r: "ResolverState", head: Token) -> Resolution | None:
    """A description said of a name in the same breath: in apposition ("Noam Chomsky, a
    professor emeritus at MIT"; "the company's founder, Jack Herrick") or as the
    complement of a copula ("Peres was a Nobel Peace Prize recipient").  The
    description is that name's entity, whoever the name is."""
    anchor: Token | None = None
    if head.ent_type_ == "PERSON" or head.pos_ not in ("NOUN", "PROPN") or any(
            c.dep_ == "conj" and c.pos_ == "PROPN" for c in head.children):
        return None  # a name of its own, or one item of a list ("X, Y and Z")
    if head.dep_ == "appos" and head.head.pos_ == "PROPN":
        anchor = head.head
    elif head.dep_ == "attr" and head.head.lemma_ == "be":
        anchor = next((c for c in head.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    else:
        # (set off by a comma or dash, or right after the head: "a spokesman for the
        # operator Fraport" names the operator, whatever the parse says)
        anchor = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i
                       and not name_of_nearer_noun(c, head)), None)
    if anchor is None:
        return None
    lo, hi = sorted((head.i, anchor.i))
    between = r.doc[lo + 1:hi].text
    # the parser also makes appositions across a colon, a quotation or an editor's
    # bracket ('the MP added: "When he [Trump] ..."'): those are not the same breath
    if hi - lo > 25 or re.search(r"[:\"“”\[\]()]", between):
        return None
    # "between Trump and Starmer, the Clacton MP added": after a coordination the
    # parser's apposition is often the next clause's subject
    if anchor.dep_ == "conj" or any(c.dep_ == "conj" for c in anchor.children):
        return None
    held = containing(r.mentions, anchor.idx)
    if held is not None and held[2].kind in ("person", "organisation"):
        return held[2], held[2].kind
    # a name the article knows but did not count as a mention here ("Nilsen is ...")
    words = [t.text for t in anchor.subtree if t.i <= anchor.i and t.dep_ in ("compound", "flat") or t.i == anchor.i]
    known = r.person_for_name(" ".join(words), create=False)
    return (known, "person") if known is not None else None


def described_through_person(r: "ResolverState", sp: Span, head: Token, desc: str) -> Resolution | None:
    """"Gary Johnson's doctor": someone described through another named person."""
    lemma = head.lemma_.lower()
    if any(t.dep_ == "poss" and t.pos_ == "PROPN" for t in sp) and (lemma in PERSON_NOUNS or head.lower_ in PERSON_NOUNS):
        return r.described_entity("unnamed", desc, lemma, definite=False), "unnamed"
    # "his daughter", "her lawyer": a relation to someone; the article may have given
    # it to a named person ("his daughter, Gloria"), else it stays a description
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None and lemma in RELATION_NOUNS:
        desc_l = desc.lower()
        rel = re.sub(r"^(his|her|their|its)\s+", "", desc_l)
        for ent in r.entities:
            if ent.kind == "person" and any(x.lower().endswith(rel) for x in ent.roles):
                return ent, "person"
        return r.described_entity("unnamed", desc, lemma, definite=True), "unnamed"
    return None


def described_person(r: "ResolverState", s: int, head: Token, desc: str, definite: bool,
                     last_speaker: Entity | None) -> Resolution | None:
    """A definite description of a person ("the Foreign Secretary", "the 78-year-old"):
    the person the article gave that role, else the most salient compatible person,
    never one who holds a different unique office."""
    if not (definite or head.pos_ == "PROPN"):
        return None
    if r.doc[head.left_edge.i].lower_ in ("a", "an", "one", "another", "some", "several"):
        return None  # "One senior Tory MP": someone not named, never a named person
    if not definite and head.pos_ == "PROPN" and head.ent_type_ in ("", "PERSON", "NORP") and head.text[:1].isupper() \
            and head.lower_ not in PERSON_NOUNS and head.lower_ not in TITLES and head.lower_ not in OFFICE_HEADS:
        # a bare name the article has not given anyone ("Adkins said"): someone of
        # that name, never the most salient person (two people merged is the worst
        # answer a reader cannot see)
        pe = r.person_for_name(r.text[head.left_edge.idx:head.idx + len(head)] if head.left_edge.i >= head.i - 3 else head.text)
        if pe is not None:
            return pe, "person"
    lemma = head.lemma_.lower()
    hl = head.lower_
    words = {w.lower() for w in re.split(r"[\s\-]+", desc)}
    role_words = words - {"the", "of", "former", "new"}
    desc_l = desc.lower()
    holders = []
    for ent in r.entities:
        if ent.kind != "person":
            continue
        for x in [*ent.roles, *ent.titles]:
            rl = TITLE_WORDS.get(x.lower().strip("."), x.lower())
            # "the senator" for "Sen. X"; "the 55-year-old senator" too (a modifier
            # before the role), but "the former senator" is not the senator
            if rl == desc_l or (rl.endswith(desc_l) and not rl.startswith(("former", "ex"))) \
                    or (desc_l.endswith(" " + rl) and not desc_l.startswith(("former", "ex"))):
                holders.append(ent)
                break
    if holders:
        # several people hold it ("the senator" after two senators): the one named last,
        # one named more than once first (a name-shaped headline slip is named once)
        def rank(ent: Entity) -> tuple[bool, int]:
            before = [m[0] for m in ent.mentions if m[0] < s]
            return len(before) >= 2, max(before, default=-1)
        return max(holders, key=rank), "person"
    intro = introduced_just_before(r, head) if lemma in BARE_PERSON_NOUNS else None
    if intro is not None:
        return intro, "unnamed"
    offices = offices_in(desc_l)
    # an office nobody in the article holds ("the Vice President", "the Health
    # Secretary") is someone not named here, not the most salient person
    unheld_office = lemma in OFFICE_HEADS and not offices
    if not unheld_office and (lemma in PERSON_NOUNS or hl in PERSON_NOUNS or lemma in ROLE_NOUNS or offices or head.pos_ == "PROPN" or "year-old" in desc_l):
        want = "male" if lemma in MALE_NOUNS or hl in MALE_NOUNS else "female" if lemma in FEMALE_NOUNS or hl in FEMALE_NOUNS else "any"
        found = r.salient(s, want, exclude_offices=offices or None, role_words=role_words, last_speaker=last_speaker)
        if found is not None:
            if offices:
                # the office helps find the person again; it is no role shown for them, being
                # a guess (roles come only from what is written about the name itself)
                found.titles |= offices
            return found, "person"
    return None
