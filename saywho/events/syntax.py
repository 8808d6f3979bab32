"""Parse helpers of stage 5 that need nothing but the parse: noun phrases,
conjuncts, subjects and the phrases that name an engagement's other party."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import MEDIUM_NOUNS, PARTY_PREPS
from ..nlp import ents_within
from .words import EVENT_VERBS, PLANNED_HEADS, VISIT_PLACE_NOUNS


def ents_in(span: Span) -> list[Span]:
    """The entities inside a span, from the per-Doc cache (Span.ents walks the Doc)."""
    return ents_within(span.doc, span.start, span.end)


def with_medium(t: Token) -> list[Token]:
    """The children of ``t``, plus those of a medium phrase ("by phone", "over the
    telephone"), where the parser hangs the "with X" that belongs to the verb."""
    out = list(t.children)
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "over", "on", "via"):
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in MEDIUM_NOUNS:
                    out.extend(g for g in p.children if g.dep_ == "prep")
    return out


def np_span(tok: Token) -> Span:
    """The noun phrase headed by ``tok`` without its clauses and conjuncts."""
    skip = {"conj", "cc", "relcl", "acl", "appos", "punct", "prep", "advcl"}
    toks = [tok]
    stack = [c for c in tok.children if c.dep_ not in skip]
    while stack:
        c = stack.pop()
        toks.append(c)
        stack.extend(x for x in c.children if x.dep_ not in {"relcl", "acl", "conj", "cc", "advcl"})
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks) + 1
    return tok.doc[lo:hi]


def conjuncts(tok: Token) -> list[Token]:
    """The tokens conjoined to ``tok`` ("X and Y and Z"), breadth first."""
    out = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ == "conj")
    return out


def subject(v: Token, depth: int = 0, passive_ok: bool = True) -> list[Token]:
    """Subject tokens of verb ``v``, inherited from the governing clause when it has none
    (a passive subject counts for ``v`` itself and the verbs conjoined to it: "was headed
    to X but detoured to Y"; not for a verb it governs: "are set to host")."""
    subs = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
    if subs:
        return subs
    passive = [c for c in v.children if c.dep_ == "nsubjpass"]
    if passive and passive_ok:
        return passive  # "Clinton was headed to ...": not the subject of the clause governing it
    if any(c.dep_ == "expl" for c in v.children) or depth > 3:
        return []
    h = v.head
    if h.i == v.i:
        return []
    planned = [c for c in h.children if c.dep_ == "nsubjpass" and (c.ent_type_ == "PERSON" or c.pos_ == "PRON")]
    if v.dep_ == "xcomp" and h.lemma_.lower() in PLANNED_HEADS and planned:
        # "X is expected to visit", "she is scheduled to meet" (a person: "the Rovers are
        # set to host the Harriers" is a game)
        return planned
    if v.dep_ == "xcomp" and h.pos_ == "ADJ" and h.head.i != h.i:
        return subject(h.head, depth + 1, False)  # "X is due to meet", "X is ready to talk"
    if v.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl", "dobj", "relcl", "ccomp"):
        if v.dep_ == "pcomp" and h.dep_ == "prep":
            return subject(h.head, depth + 1, False)
        if h.pos_ in ("VERB", "AUX"):
            return subject(h, depth + 1, v.dep_ == "conj" and passive_ok)
    if v.dep_ == "pcomp" and h.pos_ == "ADP":
        return subject(h.head, depth + 1, False)
    if v.dep_ == "acl" and h.pos_ == "NOUN":
        return [c for c in h.children if c.dep_ == "poss"]  # "her decision to meet with X"
    return []


def party_objects(t: Token, etype: str = "") -> list[Token]:
    """Objects of the phrases that name the other party ("with X", "between X and Y",
    "by X"); "against"/"over" for a debate, "of" for a meeting noun."""
    out = []
    preps = PARTY_PREPS | ({"against", "over"} if etype == "other" else set()) | ({"of"} if etype == "meeting" and t.pos_ == "NOUN" else set()) | (
        {"by"} if etype == "visit" and t.pos_ == "NOUN" else set())  # "a trip by X"
    for c in with_medium(t):
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "agent":
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def subject_lost(v: Token) -> list[Token]:
    """The subject of a verb without one in the parse: the possessor of the noun just before
    an infinitive ("Trump's tweet to invite X"), or the person named just before the
    auxiliaries of a verb the parser hung off a list ("... in Broward and St. Lucie counties
    and former President Bill Clinton will travel to ...")."""
    aux = [c for c in v.children if c.dep_ == "aux" and c.lower_ == "to" and c.i == v.i - 1]
    if aux and aux[0].i > 0:
        # "Trump's tweet to invite X", whatever the parser made of it: the noun's possessor acts
        noun = v.doc[aux[0].i - 1]
        poss = [c for c in noun.children if c.dep_ == "poss"] if noun.pos_ == "NOUN" else []
        if poss:
            return poss
    if v.dep_ != "conj":
        return []
    first = min([v.i, *(c.i for c in v.children if c.dep_ in ("aux", "neg") and c.i < v.i)])
    prev = v.doc[first - 1] if first > 0 else None
    if prev is not None and prev.ent_type_ == "PERSON" and prev.pos_ == "PROPN" and prev.head.i != v.i:
        return [prev]
    return []


def misparsed_destination(t: Token) -> list[Token]:
    """The destination of a travel verb whose "to" the parser took for an infinitive
    ("detoured to daughter Chelsea Clinton's apartment" read as "to daughter (verb) ..."):
    a place noun or a named place as the object of that would-be verb."""
    return [o for c in t.children if c.dep_ == "xcomp" and c.lemma_.lower() not in EVENT_VERBS
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for o in c.children if o.dep_ == "dobj" and (o.lemma_.lower() in VISIT_PLACE_NOUNS or o.ent_type_ in ("GPE", "FAC"))]
