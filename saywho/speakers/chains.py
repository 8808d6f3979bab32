"""Pronoun chains the parse decides: the named subject of a clause that governs a
he/she ("Memon said she believed ..."), and the plural subject "they" continues.
Used by ``mentions.pronoun`` before the ranker and the salience rule.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..nlp import sent_of
from .entities import Entity
from .index import containing

if TYPE_CHECKING:
    from .state import ResolverState

#: Clause links through which a higher clause's subject binds a pronoun below it.
_CLAUSE_DEPS = frozenset(("ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "pcomp", "pobj", "prep", "dobj"))


def governing_subject(r: "ResolverState", pron: Token, want: str, exclude: Entity | None) -> Entity | None:
    """"Memon also said she believed ...", "Montalvo contacted members, who helped him
    leave": a third-person pronoun inside a clause governed by a verb whose subject is a
    named person of the pronoun's gender is that person.  An object pronoun is never
    its own clause's subject ("him" in "X hit him"), a possessive may be ("X lost his
    seat"); only the nearest governing subject is tried, and only a name (a pronoun or a
    description there is left to the other rules)."""
    verb = pron.head
    own = True
    steps = 0
    while steps < 6:
        steps += 1
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i), None)
        object_pron = pron.dep_ in ("dobj", "pobj", "dative") and own
        if subj is not None and not object_pron and subj.i < pron.i:
            if subj.pos_ != "PROPN":
                return None
            ent = (containing(r.mentions, subj.idx) or (None, None, None))[2]
            if ent is None or ent.kind != "person" or ent is exclude:
                return None
            if want == "male" and ent.gender == "female" or want == "female" and ent.gender == "male":
                return None
            return ent
        if verb.dep_ not in _CLAUSE_DEPS or verb.head.i == verb.i:
            return None
        if subj is not None and not object_pron:
            return None  # a subject after the pronoun (cataphora): leave it to the ranker
        own = own and verb.pos_ not in ("VERB", "AUX")
        verb = verb.head
    return None


def plural_subject(pron: Token) -> Token | None:
    """The plural subject "they" continues ("Proponents have urged Congress to act,
    although they ..."; "McConnell aides acknowledged it. But they ..."): the subject of
    an earlier clause of its sentence, else of the sentence before, when that subject is
    a plural noun or names joined by "and" (never a pronoun: that is a chain the
    salience rule follows)."""
    doc = pron.doc
    sent = sent_of(pron)

    def plural(t: Token) -> bool:
        return t.pos_ in ("NOUN", "PROPN") and (t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children))

    for t in reversed(doc[sent.start:pron.i]):
        if t.dep_ in ("nsubj", "nsubjpass") and plural(t) and not t.is_ancestor(pron):
            return t
    if sent.start > 0:
        prev = sent_of(doc[sent.start - 1])
        root = prev.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and plural(subj):
            return subj
    return None
