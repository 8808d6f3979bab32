"""The phrase that introduces a speaker at one quote, as written.

A speaker's ``mention`` is the name or description that refers to them ("Richard
Revesz"); the ``phrase`` is the whole noun phrase the article uses for them at that
point, with what the article says of them there: an apposition ("Richard Revesz,
director of the Institute for Policy Integrity,"), a party and state in brackets
("Sen. Lindsey Graham (R-S.C.)"), a relative clause ("a historian who attended the
session"), every conjunct of "X and Y said".  It is what a reader of the sentence
would point at as "the source", the span attribution corpora annotate (PolNeAR's
source spans), and what a study of how sources are introduced ("a senior official",
"a mother of three") needs.

The phrase is the mention's head with its dependents, never reaching into the quote's
own words, its cue or a clause of its own (an adverbial or a parenthetical clause), and
always containing the mention.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import MENTION_LEADING_WORDS
from ..nlp import text_of

#: Dependents of a noun that start a clause of their own, not part of what names the
#: speaker ("Smith, speaking on Monday, said": the participle clause is not the source)
_CLAUSE_DEPS = frozenset({"advcl", "parataxis", "ccomp", "xcomp", "csubj"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"})
#: Brackets the phrase must close when it opened them.
_CLOSERS = {"(": ")", "[": "]"}


def _blocked(tok: Token, lo_hi: list[tuple[int, int]]) -> bool:
    """Whether the subtree of ``tok`` reaches into any of the character ranges."""
    s = tok.left_edge.idx
    e = tok.right_edge.idx + len(tok.right_edge)
    return any(s < b and a < e for a, b in lo_hi)


def _not_a_modifier(verb: Token) -> bool:
    """Whether a clause the parser hung on the noun is no modifier of it: a participle
    set off by a comma is a clause of its own ("Trump, speaking to veterans, said"),
    and a finite verb without a subject or relative word is the sentence's own verb
    the parser took for a relative clause ("Cooper (D), McCrory's rival, called for")."""
    doc = verb.doc
    if verb.tag_ == "VBG" and verb.i > 0 and doc[verb.i - 1].text == ",":
        return True
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") or c.tag_ in ("WDT", "WP", "WP$", "WRB")
                       for c in verb.children)
    return False


def _members(head: Token, keep_conj: bool, off: list[tuple[int, int]]) -> set[int]:
    """Token indices of the head's phrase: its dependents, recursively, without clauses,
    without the parts that reach into ``off`` (the quote's words, the cue)."""
    out = {head.i}
    todo = [head]
    while todo:
        t = todo.pop()
        for c in t.children:
            # inside a relative clause every word belongs ("who has served on ...")
            if c.dep_ in _CLAUSE_DEPS and t.pos_ in _NOMINAL:
                continue
            if c.dep_ in ("acl", "relcl") and _not_a_modifier(c):
                continue
            # "Iyer, in a post on X, said": a phrase set off by a comma is the sentence's
            # (where or when it was said), not a description of the speaker
            if c.dep_ == "prep" and c.i > 0 and c.doc[c.i - 1].text == "," and c.i > t.i:
                continue
            if c.dep_ in ("conj", "cc", "preconj") and t is head and not keep_conj:
                continue
            if _blocked(c, off):
                continue
            out.add(c.i)
            todo.append(c)
    return out


def speaker_phrase(doc: Doc, head_i: int, mention: tuple[int, int], off: list[tuple[int, int]]) -> tuple[int, int]:
    """The character span of the phrase introducing the speaker whose mention has its
    head at token ``head_i`` and covers ``mention``; ``off`` are character ranges the
    phrase must not enter (the quote's words, its cue).

    A pronoun's phrase is the pronoun.  The span is contiguous: it stops at the first
    word on either side that is not part of the phrase.  A bracket opened is closed;
    an apposition or relative clause set off by a comma keeps the comma that closes it
    ("Brian Fallon, the campaign's press secretary, said"), as a pair of commas belong
    together.
    """
    head = doc[head_i]
    ms, me = mention
    if head.pos_ == "PRON" or not (head.idx < me and ms < head.idx + len(head)):
        return ms, me
    # "the state's campaign chairman, Phil Lovas," and "Ban Ki-moon, the secretary
    # general": an apposition is one phrase with the noun it is in apposition to
    while head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN", "NUM") and head.head.i != head.i \
            and not any(a <= head.head.idx < b for a, b in off) and head.head.sent == head.sent and head.head.dep_ in ("nsubj", "nsubjpass"):
        head = head.head
    sent = head.sent
    keep_conj = any(doc[c.i].idx + len(doc[c.i]) <= me and c.idx >= ms for c in head.children if c.dep_ == "conj")
    inside = _members(head, keep_conj, off)
    # grow from the head while the words are the phrase's (or punctuation inside it)
    lo = hi = head.i
    while lo - 1 >= sent.start and (lo - 1 in inside):
        lo -= 1
    while hi + 1 < sent.end and (hi + 1 in inside):
        hi += 1
    # punctuation the parser hung elsewhere, with phrase words beyond it
    while hi + 2 < sent.end and doc[hi + 1].is_punct and doc[hi + 1].text not in ",;:" and hi + 2 in inside:
        hi += 1
        while hi + 1 < sent.end and hi + 1 in inside:
            hi += 1
    while doc[hi].is_punct and doc[hi].text not in _CLOSERS.values() and hi > head.i:
        hi -= 1
    # "Both" of "Both X and Y", a focus adverb ("Even China"): not the source's words
    while (doc[lo].is_punct or doc[lo].dep_ in ("cc", "preconj") or doc[lo].lower_ in MENTION_LEADING_WORDS) and lo < head.i:
        lo += 1
    while doc[hi].dep_ == "cc" and hi > head.i:  # "the secretary of state and": the conjunct is left out
        hi -= 1
    while doc[hi].is_punct and doc[hi].text not in _CLOSERS.values() and hi > head.i:
        hi -= 1
    opened = [t.text for t in doc[lo:hi + 1] if t.text in _CLOSERS]
    closed = [t.text for t in doc[lo:hi + 1] if t.text in _CLOSERS.values()]
    if len(opened) > len(closed) and hi + 1 < sent.end and doc[hi + 1].text == _CLOSERS[opened[-1]]:
        hi += 1
    # the comma closing an apposition or a relative clause set off by one
    set_off = any(doc[k].text == "," for k in range(head.i + 1, hi + 1))
    if set_off and hi + 1 < sent.end and doc[hi + 1].text == "," and not _blocked(doc[hi + 1], off):
        hi += 1
    start = min(doc[lo].idx, ms)
    end = max(doc[hi].idx + len(doc[hi]), me)
    text = text_of(doc)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
