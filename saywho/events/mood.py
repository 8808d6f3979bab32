"""The mood of an engagement mention: reported as real, announced as a plan, or only
hoped for, denied or put as a condition; a routine rather than one engagement; a perfect
that puts it at no particular time; and whether a debate has taken place."""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import IRREALIS_HEADS, MODALS
from .words import FUTURE_AUX, HYPOTHETICAL_HEADS, PLANNED_HEADS

__all__ = ["circumstance_head", "debate_happened", "irrealis_kind", "is_irrealis", "reported_perfect", "routine"]

#: Subordinators of a clause told as fact whatever the main clause's mood.
_ASSERTED_MARKS = ("while", "when", "as", "after", "since", "because", "although", "though")


#: Nouns of asking or trying: what they are "to" do has not happened ("requests to speak with X").
_ATTEMPT_NOUNS = frozenset("request attempt effort bid offer plea proposal demand appeal".split())


def debate_happened(t: Token, verb: Token) -> bool:
    """A debate named before it took place ("heading into the first debate",
    "days before her first debate", "when she appears alongside Trump at the
    debates", "the upcoming debate") is no engagement yet."""
    if any(c.lower_ in ("upcoming", "next", "coming", "future") for c in t.children):
        return False
    if verb.i != t.i and verb.tag_ in ("VBZ", "VBP", "VB") and not any(c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ") and c.lemma_ == "have" for c in verb.children):
        return False  # told in the present: still to come ("Kaine faces off against Pence in the debate")
    node = t
    for _ in range(4):
        if node.lower_ in ("before", "ahead", "into", "until", "till", "for") or node.lemma_.lower() in ("head", "prepare", "approach"):
            return False
        if any(c.dep_ == "mark" and c.lower_ in ("before", "until", "till") for c in node.children):
            return False
        if node.head.i == node.i:
            break
        node = node.head
    return True


def _irrealis_marker(c: Token, depth: int, negation: bool) -> str | None:
    """What a child makes of its head: "planned" (the plain future: "will"), "hypothetical"
    (another modal, a negation, "if", "never"), or None."""
    if c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX:
        return "planned"
    if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
        return "hypothetical"
    if c.dep_ == "neg" and depth <= 1 and negation:
        return "hypothetical"
    if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") and depth <= 1:
        return "hypothetical"
    return "hypothetical" if c.dep_ == "advmod" and c.lower_ in ("soon", "never") and depth <= 1 else None


def _in_complement(t: Token, head: Token) -> bool:
    """Whether ``t`` hangs from ``head`` as what it plans, hopes or asks for ("plans to
    visit", "hopes for a meeting"), not as a circumstance ("In a letter, she asked")."""
    node = t
    while node.i != head.i:
        # "In a letter, she asked", "pledged to reach at U.N. talks": a circumstance on the way
        if node.dep_ == "prep" and node.lower_ in ("in", "at", "during", "after", "before", "with", "on", "by"):
            return False
        if node.head.i == node.i:
            break
        node = node.head
    return True


def is_irrealis(t: Token, negation: bool = True) -> bool:
    """An engagement announced, hoped for, denied or put as a condition, not one that happened."""
    return irrealis_kind(t, negation) is not None


def irrealis_kind(t: Token, negation: bool = True) -> str | None:
    """None for an engagement reported as real; "planned" for one announced ("will
    meet", "plans to visit", "is due to meet"); "hypothetical" for one hoped for,
    denied or put as a condition (no engagement at all)."""
    # a bare infinitive with no auxiliary is an imperative or a wish:
    # "Let Hillary and I sit there and just debate"
    heads = [t, t.head] if t.dep_ == "conj" else [t]
    if t.tag_ == "VB" and all(h.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in h.children) for h in heads):
        return "hypothetical"
    if t.dep_ in ("advcl", "acl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and any(
            c.dep_ in ("dobj", "nsubj") and c.lemma_.lower() in _ATTEMPT_NOUNS for c in (*t.head.children, t.head)):
        return "hypothetical"  # "made requests to speak with X", "an attempt to meet": asked for, not had
    found: set[str] = set()
    node = t
    for depth in range(5):
        found |= {k for c in node.children if (k := _irrealis_marker(c, depth, negation))}
        lemma = node.lemma_.lower()
        if node.i != t.i and lemma in PLANNED_HEADS | HYPOTHETICAL_HEADS and _in_complement(t, node) and not (
            lemma == "invite" and node.tag_ == "VBD" and t.pos_ == "NOUN"
        ):  # "invited X to a meeting" reports the meeting; "invited him to visit" does not
            found.add("planned" if lemma in PLANNED_HEADS else "hypothetical")
        if node.lower_ == "forward":
            found.add("hypothetical")  # "looks forward to meeting"
        if node.lower_ == "going" and any(c.dep_ == "xcomp" for c in node.children):
            found.add("planned")  # "is going to meet"
        if node.dep_ in ("ROOT",) or node.head.i == node.i:
            break
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() == "let":
            return "hypothetical"  # "Let Hillary and I sit there and just debate"
        if node.dep_ in ("ccomp", "relcl", "advcl") and depth > 0:
            break
        if found or node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _ASSERTED_MARKS for c in node.children):
            break  # "may be reluctant to act while Kerry negotiates with Russia": the talks are real
        node = node.head
    if "hypothetical" in found:
        return "hypothetical"
    return "planned" if found else None


def circumstance_head(t: Token, verb: Token) -> Token:
    """The verb whose mood an event noun in a circumstance takes: "the cuts they vowed to make
    at the Lima climate talks" hangs the talks on "make", but the vow was made at
    them (a past report: the talks took place).  ``verb`` otherwise."""
    if (t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in ("at", "during") and t.head.head.i == verb.i
            and verb.dep_ == "xcomp" and verb.head.tag_ == "VBD" and verb.head.lemma_.lower() in IRREALIS_HEADS):
        return verb.head
    return verb


def routine(t: Token, verb: Token) -> bool:
    """A routine, not one engagement: "spends his time meeting with X", "during his
    frequent visits, he meets X"."""
    if any(a.lemma_.lower() == "spend" for a in list(t.ancestors)[:2]):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("during", "on", "in") and any(
        x.dep_ == "amod" and x.lower_ in ("frequent", "regular", "routine", "weekly", "daily", "monthly")
        for p in c.children for x in p.children) for c in (*verb.children, *t.children))


def reported_perfect(verb: Token) -> bool:
    """A past perfect in a reported clause ("said he had spoken with X"): the speaker's
    present perfect, told at no particular time."""
    return verb.dep_ in ("ccomp", "conj") and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children) \
        and any(a.dep_ == "ccomp" or a.i == verb.i and verb.dep_ == "ccomp" for a in [verb, *verb.ancestors])
