"""Syntactic rules for third-person pronouns, tried before salience and the ranker:
binding (an object pronoun is never the subject that binds its clause), the named
subject of a clause that governs the pronoun, possessives and subordinate subjects
fronted before their clause's subject (cataphora), and the plural subject "they"
continues.  Each works on the parse and the resolver's mentions only."""
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


def person_fitting(r: "ResolverState", tok: Token, want: str, exclude: Entity | None) -> Entity | None:
    """The person stage 4 collected at ``tok``'s mention when a pronoun wanting gender
    ``want`` ("male", "female") can be them: not ``exclude``, not of the other gender."""
    ent = (containing(r.mentions, tok.idx) or (None, None, None))[2]
    if ent is None or ent.kind != "person" or ent is exclude:
        return None
    if want == "male" and ent.gender == "female" or want == "female" and ent.gender == "male":
        return None
    return ent


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
            if subj.lower_ in ("who", "that") and subj.dep_ == "nsubj" and verb.dep_ == "relcl":
                subj = verb.head  # "Jake Burns, who was trying to promote his band": who is Burns
            if subj.pos_ != "PROPN":
                return None
            return person_fitting(r, subj, want, exclude)
        if verb.dep_ not in _CLAUSE_DEPS or verb.head.i == verb.i:
            return None
        if subj is not None and not object_pron:
            return None  # a subject after the pronoun (cataphora): leave it to the ranker
        own = own and verb.pos_ not in ("VERB", "AUX")
        verb = verb.head
    return None


def predicated_possessive(pron: Token) -> bool:
    """A possessive on the noun a clause says its subject is or becomes ("Edith was
    appointed her successor", "Tey is his mother"): never that subject's own."""
    return pron.dep_ == "poss" and pron.head.dep_ in ("attr", "oprd") and pron.head.head.pos_ in ("VERB", "AUX")


def binding_subject(r: "ResolverState", pron: Token) -> Entity | None:
    """The named person an object pronoun cannot be: the subject of its own clause, or,
    when that clause has no subject of its own (a participle or an infinitive: "telling
    him", "chose to replace him"), the subject it is understood from; so too for a
    possessive on what the clause predicates of its subject (``predicated_possessive``)."""
    verb = pron.head
    if pron.dep_ == "nsubj" and pron.lower_ in ("him", "her") and verb.dep_ in ("ccomp", "xcomp"):
        # "Claire allows her to do so": the parser makes "her" the infinitive's subject,
        # its form says it is the object of the verb above
        verb = verb.head
    elif predicated_possessive(pron):
        # "Edith was appointed her successor": what is said of the subject is not its own
        verb = verb.head
    elif pron.dep_ not in ("dobj", "dative") or pron.lower_.endswith("self"):
        return None
    for _ in range(4):
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.pos_ != "PROPN":
                return None
            got = containing(r.mentions, subj.idx)
            return got[2] if got is not None and got[2].kind == "person" else None
        # only a non-finite clause takes its subject from the clause above
        if verb.tag_ not in ("VBG", "VB", "VBN") or verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def fronted_possessive_subject(r: "ResolverState", pron: Token, want: str, exclude: Entity | None) -> Entity | None:
    """"During his youth, Hoiby played ...", "After leaving his post, Okafor said ...": a
    possessive inside an adjunct fronted before its clause's subject, with no subject
    of its own on the way up, belongs to that subject (the subject the adjunct is said
    of) when it is a named person of the pronoun's gender; so does the subject of a
    subordinate clause that opens the sentence ("As he had no passport, Adi ...")."""
    subj = fronted_subject(pron)
    return person_fitting(r, subj, want, exclude) if subj is not None else None


def fronted_subject(pron: Token) -> Token | None:
    """The proper-noun subject a fronted possessive or opening subordinate subject
    belongs to (``fronted_possessive_subject``), read from the parse alone.

    A subordinate clause that opens the sentence and names no one as its subject
    ("Although 60% of her voters chose Remain, Powell ...", "After it became clear to
    her that ..., Dolores ...") is crossed to the main clause's subject; an object
    pronoun only counts inside such a clause (in the main clause binding forbids it).
    A subject that is a named person's thing ("Panizza's mental health") is that
    person's."""
    if pron.dep_ in ("nsubj", "nsubjpass") and pron.head.dep_ == "advcl" and pron.head.left_edge.is_sent_start:
        # "As he had no passport, Adi applied for one": the subject of a subordinate
        # clause that opens the sentence, before the main clause names anyone
        t = pron.head
    elif pron.dep_ in ("poss", "pobj", "dobj", "dative"):
        t = pron
    else:
        return None
    crossed = False
    while t.head.i != t.i:
        child, t = t, t.head
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        if _opening_clause(t) and subj.i != pron.i and (
                subj.is_ancestor(pron) or subj.pos_ == "NOUN" or subj.lower_ == "it"):
            crossed = True  # a subordinate clause whose subject names no one
            continue
        if pron.dep_ != "poss" and not crossed and pron.dep_ not in ("nsubj", "nsubjpass"):
            return None
        # the first clause up with a subject: the pronoun's adjunct must hang before that
        # subject, on the clause's verb, and not inside the subject itself
        if not (t.pos_ in ("VERB", "AUX") and child.dep_ in ("prep", "advcl", "npadvmod")
                and pron.i < subj.i and child.i < subj.i and not subj.is_ancestor(pron)):
            return None
        if subj.pos_ != "PROPN":
            subj = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), subj)
        return subj if subj.pos_ == "PROPN" else None
    return None


def _opening_clause(t: Token) -> bool:
    """A subordinate clause that opens its sentence, before the main clause's verb."""
    return t.dep_ == "advcl" and t.left_edge.is_sent_start and t.head.i > t.i


def plural_subject(pron: Token, depth: int = 0) -> Token | None:
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
        # "The economists studied ... They examined ... The adjustment, they concluded,
        # ...": a "they" continuing a "they" continues what that one continued
        if subj is not None and subj.lower_ == "they" and depth < 3:
            return plural_subject(subj, depth + 1)
    return None
