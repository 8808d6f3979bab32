"""Unnamed speakers: whose they are and which one ("his spokesman", "Another said",
"the woman" just introduced), for ``mentions.resolve_mention``.

A reader is better served by "Keir Starmer's official spokesman" or "another senior
Labour backbencher" than by "his spokesman" or no speaker, and worse served by a
named person who did not say it: each helper decides only on evidence in the
sentence or the one before, and returns None otherwise.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lexicon import FEMALE_NOUNS, MALE_NOUNS, PERSON_NOUNS, ROLE_HEAD_NOUNS, SPEAKING_PERSON_NOUNS
from ..nlp import ents_within, sent_of
from .entities import Entity
from .index import containing

if TYPE_CHECKING:
    from .state import ResolverState

def possessor_named_before(r: "ResolverState", head: Token) -> Entity | None:
    """The person a possessive pronoun on ``head`` ("his spokesman") refers to when its
    sentence names exactly one person of that gender before it; else None (the
    description keeps its pronoun rather than guess)."""
    poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if poss is None:
        return None
    want = "male" if poss.lower_ == "his" else "female"
    sent = sent_of(poss)
    found: dict[int, Entity] = {}
    for ent in ents_within(r.doc, sent.start, poss.i):
        if ent.label_ != "PERSON":
            continue
        got = containing(r.mentions, ent.root.idx)
        if got is not None and got[2].kind == "person" and got[2].gender != ("female" if want == "male" else "male"):
            found[got[2].key] = got[2]
    return next(iter(found.values())) if len(found) == 1 else None


def another(r: "ResolverState", s: int, head: Token) -> "tuple[Entity, str] | None":
    """"Another said ...": one more of the unnamed speakers just described ("One senior
    backbencher said ... Another said ..." is another senior backbencher), never the
    same one nor a named person; None when no unnamed speaker came before."""
    if head.lower_ != "another" or head.pos_ not in ("PRON", "DET") or any(c.dep_ == "prep" for c in head.children):
        return None
    before = [(max(m for m, _ in e.mentions if m < s), e) for e in r.entities
              if e.kind == "unnamed" and any(m < s for m, _ in e.mentions)]
    if not before:
        return None
    prev = max(before, key=lambda x: x[0])[1]
    desc = re.sub(r"(?i)^(one|a|an|the|another)\s+", "", prev.description or prev.name)
    return r.described_entity("unnamed", "another " + desc, prev.head or desc.split()[-1], False), "unnamed"


def introduced_just_before(r: "ResolverState", head: Token) -> Entity | None:
    """"A patient noticed the charges. The woman told investigators ...": a bare "the
    woman" right after an unnamed person was introduced ("a patient", "a man") is that
    person, unnamed, never the named person mentioned before them.  None when a name
    came after the introduction or none came in this sentence or the one before."""
    doc = head.doc
    sent = sent_of(head)
    start = sent_of(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    for t in reversed(doc[start:head.i]):
        if t.ent_type_ == "PERSON":
            return None  # someone named since: the usual chain decides
        # (the tagger may take the noun for an adjective: "after a patient noticed")
        if t.tag_ in ("NN", "JJ") and (any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
                                       or t.i > 0 and doc[t.i - 1].lower_ in ("a", "an")):
            lemma = t.lower_ if t.tag_ == "JJ" else t.lemma_.lower()
            if lemma in PERSON_NOUNS or lemma in SPEAKING_PERSON_NOUNS or lemma in ROLE_HEAD_NOUNS:
                if lemma in MALE_NOUNS and head.lower_ in FEMALE_NOUNS or lemma in FEMALE_NOUNS and head.lower_ in MALE_NOUNS:
                    return None
                return r.described_entity("unnamed", lemma, lemma, True)
    return None
