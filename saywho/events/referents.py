"""Who a mention stands for, where the core's answer falls short for engagements: the pair
"the two" may be people who never speak (named, but kept by stage 4 only when they
speak); a visited one-word name nothing makes a person is a place ("will visit Griffith
and Leeton"); an object pronoun is never its own clause's subject; a subject described
("the hunk") whom the lookup cannot name leaves the engagement without a party."""
from __future__ import annotations

import re
from typing import Protocol

from spacy.tokens import Doc, Token

from ..lexicon import COLLECTIVE_NOUNS, PAIR_NOUNS
from ..model import Person
from ..nlp import entities, sent_of
from ..speakers.lookup import PersonLookup
from .syntax import conjuncts, party_objects, subject, subject_lost
from .words import GROUP_NOUNS


class Parties(Protocol):
    """What these helpers read of ``parties.Parties`` (declared here, so that this module
    needs nothing of the one that calls it)."""

    doc: Doc
    lookup: PersonLookup
    people: list[Person]
    person_mentions: list[tuple[int, int, str]]

    def fullest(self, name: str) -> str: ...

    def resolve_one(self, tok: Token, exclude: set[str]) -> list[str]: ...

    def other_party(self, tok: Token, etype: str) -> tuple[str, str | None]: ...

__all__ = ["bare_place_name", "call_as_means", "is_pair", "lost_subject", "named_in", "other_referent"]


def _strip_name(text: str) -> str:
    """A name without its possessive and leading "the"."""
    return re.sub(r"^the\s+", "", re.sub(r"[’']s$", "", text), flags=re.I)


def named_in(parties: Parties, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Mentions of people between characters ``lo`` and ``hi``: stage 4's, and the names
    the tagger calls a person that stage 4 kept no mention of (people who never speak)."""
    known = [m for m in parties.person_mentions if lo <= m[0] < hi]
    for ent in entities(parties.doc):
        if ent.label_ == "PERSON" and lo <= ent.start_char < hi and not any(
                s <= ent.start_char < e or ent.start_char <= s < ent.end_char for s, e, _n in known):
            known.append((ent.start_char, ent.end_char, parties.fullest(parties.lookup.canonical(_strip_name(ent.text)))))
    return sorted(known)


def bare_place_name(parties: Parties, x: Token, got: list[str]) -> bool:
    """Whether ``x``, visited, is a one-word name that nothing makes a person: stage 4 does
    not know it, the article gives no fuller name ending with it ("Varga" of "Tomas
    Varga"), and no title or first name comes with it ("Griffith", "Leeton")."""
    if x.pos_ != "PROPN" or x.dep_ not in ("dobj", "conj", "pobj") or any(parties.lookup.is_known_person(n) for n in got):
        return False
    if any(c.dep_ in ("compound", "flat", "appos", "poss") for c in x.children) or len(got) != 1 or " " in got[0]:
        return False
    return parties.fullest(got[0]) == got[0]


def other_referent(parties: Parties, tok: Token, exclude: set[str]) -> list[str]:
    """The person of the pronoun's gender named last before it, in its sentence or the
    one before, other than ``exclude`` (the clause's subject): none when unsure."""
    want = "female" if tok.lower_ in ("her", "hers") else "male" if tok.lower_ in ("him", "his") else None
    if want is None:
        return []
    sent = sent_of(tok)
    lo = sent_of(parties.doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char
    gender = {p.name: p.gender for p in parties.people}
    for s, _e, n in reversed(parties.person_mentions):
        if lo <= s < tok.idx and n not in exclude:
            return [n] if gender.get(n) == want else []
    return []


def lost_subject(parties: Parties, t: Token, kind: str, etype: str) -> bool:
    """Whether the subject of trigger verb ``t`` is a person described ("the hunk",
    "the pensioner") whom the lookup could not name: the engagement then lacks a party,
    and listing only the others would misreport it."""
    if kind != "verb":
        return False
    own = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
    for sub in own or subject_lost(t) or subject(t):
        for x in [sub, *conjuncts(sub)]:
            described = x.pos_ == "NOUN" and x.tag_ == "NN" and x.lemma_.lower() not in COLLECTIVE_NOUNS | GROUP_NOUNS \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in x.children)
            if described and not parties.resolve_one(x, set()) and parties.other_party(x, etype)[0] == "none":
                return True
    return False


def is_pair(tok: Token) -> bool:
    """Whether ``tok`` heads a phrase for the two people just named ("the two men", "the
    leaders", "both", "the pair")."""
    mods = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod", "compound")}
    return tok.lemma_.lower() in PAIR_NOUNS and (tok.tag_ in ("NNS", "CD") or tok.lower_ in ("both", "pair", "two")) and (
        mods <= {"the", "two", "both"} and bool(mods or tok.lower_ == "both"))


def call_as_means(t: Token) -> tuple[Token, list[Token]] | None:
    """(clause verb, party tokens) of a call noun told as the means of a clause: "raised the
    issue with X in a phone call", "told X in a call" (the parser may hang the phrase on X).
    The clause's subject and its addressee (a "with" phrase, an object) are the call's parties."""
    if t.dep_ != "pobj" or t.head.lower_ not in ("in", "during", "over"):
        return None
    cv = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if cv is None:
        return None
    return cv, subject(cv) + party_objects(cv, "call") + [c for c in cv.children if c.dep_ in ("dobj", "dative")]
