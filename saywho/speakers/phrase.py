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

from ..lexicon import INSTITUTION_NOUNS, MENTION_LEADING_WORDS, PERSON_NOUNS, ROLE_NOUNS
from ..nlp import text_of
from ..quotes.marks import DASH_TOKENS, MARK_TOKENS

#: Dependents of a noun that start a clause of their own, not part of what names the
#: speaker ("Smith, speaking on Monday, said": the participle clause is not the source)
_CLAUSE_DEPS = frozenset({"advcl", "parataxis", "ccomp", "xcomp", "csubj"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET"})
#: Brackets the phrase must close when it opened them.
_CLOSERS = {"(": ")", "[": "]"}
_DASHES = DASH_TOKENS
#: Prepositions that say whom a group holds, part of the phrase even after a comma
#: ("Several candidates, including Trump,").
_MEMBERSHIP = frozenset({"including", "like", "such", "among", "especially", "notably"})
#: Asides the parser hangs on a noun: an apposition or relative clause set off by
#: punctuation describes the noun it hangs on, so only the speaker's own are kept.
_ASIDES = frozenset({"appos", "relcl"})
_PLACES = frozenset({"GPE", "LOC"})
_QUOTE_MARKS = MARK_TOKENS


def _blocked(tok: Token, lo_hi: list[tuple[int, int]]) -> bool:
    """Whether the subtree of ``tok`` reaches into any of the character ranges."""
    s = tok.left_edge.idx
    e = tok.right_edge.idx + len(tok.right_edge)
    return any(s < b and a < e for a, b in lo_hi)


def _set_off(tok: Token) -> bool:
    """Whether the subtree of ``tok`` follows a comma or a dash (an aside)."""
    i = tok.left_edge.i
    return i > 0 and (tok.doc[i - 1].text == "," or tok.doc[i - 1].text in _DASHES)


def _not_a_modifier(verb: Token) -> bool:
    """Whether a clause the parser hung on the noun is no modifier of it: a participle
    set off by a comma is a clause of its own ("Trump, speaking to veterans, said";
    "Susan, clad in a red cape, said"), and a finite verb without a subject or relative
    word is the sentence's own verb the parser took for a relative clause ("Cooper
    (D), McCrory's rival, called for")."""
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") or c.tag_ in ("WDT", "WP", "WP$", "WRB")
                      for c in verb.subtree if c.i < verb.i)
    if verb.tag_ in ("VBG", "VBN") and _set_off(verb) and not own_subject:
        return True  # (not "Black, who has been friends with ...": a relative clause)
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") or c.tag_ in ("WDT", "WP", "WP$", "WRB")
                       for c in verb.children)
    return False


def _describes_a_thing(aside: Token) -> bool:
    """Whether an aside is about a thing, not a person: an apposition that names no
    person, a relative clause opened by "which" (the parser hangs "who" clauses and
    names on the nearest noun, though they are about the person: "Schiff, 56, who")."""
    if aside.dep_ == "relcl":
        return any(c.lower_ == "which" for c in aside.subtree if c.i < aside.i)
    if aside.ent_type_ in _PLACES and aside.head.ent_type_ in _PLACES | {"ORG"}:
        return False  # "Tampa, Fla.", "the University of California, Berkeley": one name
    return aside.ent_type_ != "PERSON" and aside.lemma_.lower() not in PERSON_NOUNS


def _left_out(t: Token, c: Token, head: Token, own: set[int], keep_conj: bool) -> bool:
    """Whether dependent ``c`` of ``t`` stays out of the phrase of ``head`` (``own``: the
    head and its appositions, whose asides describe the speaker)."""
    if c.dep_ in _CLAUSE_DEPS and t.pos_ in _NOMINAL:
        return True  # (inside a relative clause every word belongs: "who has served on ...")
    if c.dep_ in ("acl", "relcl") and _not_a_modifier(c):
        return True
    if c.dep_ == "appos" and t.i == head.i and head.ent_type_ == "PERSON" and c.lemma_.lower() in INSTITUTION_NOUNS \
            and any(o.dep_ == "appos" and o.i < c.i for o in head.children):
        return True  # a second apposition that is an institution: the parser's slip for the first's noun
    if c.dep_ in _ASIDES and t.i not in own and _set_off(c) and _describes_a_thing(c):
        # "Ben Zipperer, an economist at the Center, a liberal think tank": the aside
        # describes the think tank, not the speaker
        return True
    if c.dep_ == "prep" and t.pos_ in _NOMINAL:
        # "Iyer, in a post on X, said": a phrase set off by a comma is the sentence's
        # (where it was said), and "on Monday" says when
        if c.i > t.i and c.doc[c.i - 1].text == "," and not (c.lower_ in _MEMBERSHIP and t.tag_ in ("NNS", "NNPS")):
            return True
        if any(g.ent_type_ in ("DATE", "TIME") for g in c.children if g.dep_ == "pobj"):
            return True
    if t.i == head.i and c.tag_ == "PRP" and c.lower_.endswith(("self", "selves")):
        return True  # "Clinton herself": emphasis, not a description
    return c.dep_ in ("conj", "cc", "preconj") and t.i == head.i and not keep_conj


def _members(head: Token, keep_conj: bool, off: list[tuple[int, int]]) -> set[int]:
    """Token indices of the head's phrase: its dependents, recursively, without clauses,
    without the parts that reach into ``off`` (the quote's words, the cue)."""
    own = {head.i} | {c.i for c in head.children if c.dep_ == "appos"}
    out = {head.i}
    todo = [head]
    while todo:
        t = todo.pop()
        for c in t.children:
            if _left_out(t, c, head, own, keep_conj) or _blocked(c, off):
                continue
            out.add(c.i)
            todo.append(c)
    return out


def _phrase_head(doc: Doc, head_i: int, mention: tuple[int, int], off: list[tuple[int, int]]) -> Token | None:
    """The token the phrase grows from: the mention's head, or the root of the mention
    when the head lies outside it (an issuer named inside "a report by X"), raised to
    the noun an apposition belongs to ("the state's chairman, Phil Lovas")."""
    ms, me = mention
    head = doc[head_i]
    if not (ms <= head.idx < me):
        span = doc.char_span(ms, me, alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
    if head.pos_ == "PRON":
        return None
    named = head.ent_type_ == "PERSON"
    while head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN", "NUM") and head.head.i != head.i \
            and not any(a <= head.head.idx < b for a, b in off) and head.head.sent == head.sent:
        head = head.head
        # "His former business partner at Lenox, Lawrence B. Cummings,": a person's name
        # the parser hung on the object of the role's preposition belongs to the role
        role = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else None
        if named and role is not None and role.lemma_.lower() in ROLE_NOUNS and not any(a <= role.idx < b for a, b in off):
            head = role
    return head


def _grow(doc: Doc, head: Token, inside: set[int]) -> tuple[int, int]:
    """The contiguous token range [lo, hi] of the phrase around ``head``."""
    sent = head.sent
    lo = hi = head.i
    # leftwards, never across a dash or a line break (a dateline: "WASHINGTON — Sen. X")
    while lo - 1 >= sent.start and lo - 1 in inside and doc[lo - 1].text not in _DASHES and "\n" not in doc[lo - 1].text_with_ws:
        lo -= 1
    # a word the tokenizer split ("Front-runner")
    while lo - 2 >= sent.start and doc[lo - 1].text in _DASHES and not doc[lo - 1].whitespace_ and not doc[lo - 2].whitespace_:
        lo -= 2
    while True:
        while hi + 1 < sent.end and hi + 1 in inside:
            hi += 1
        # a word the tokenizer split ("co-authored"), or punctuation the parser hung
        # elsewhere with phrase words beyond it
        if hi + 1 < sent.end and not doc[hi].whitespace_ and doc[hi + 1].text in _DASHES and hi + 2 < sent.end:
            hi += 2
            continue
        if hi + 2 < sent.end and doc[hi + 1].is_punct and doc[hi + 1].text not in ",;:" and hi + 2 in inside:
            hi += 1
            continue
        return lo, hi


def _trim(doc: Doc, head: Token, lo: int, hi: int) -> tuple[int, int]:
    """Punctuation and conjunctions left at the ends, "Both" of "Both X and Y" and a
    focus adverb ("Even China") dropped; an opened bracket closed; the comma or dash
    that closes an aside kept ("Brian Fallon, the campaign's press secretary, said"),
    as the pair belongs together."""
    sent = head.sent
    listed = any(c.dep_ == "conj" for c in head.children)
    while lo < head.i and (doc[lo].is_punct or doc[lo].dep_ in ("cc", "preconj")
                           or doc[lo].lower_ in MENTION_LEADING_WORDS and (listed or doc[lo].dep_ == "advmod")):
        lo += 1
    while hi > head.i and (doc[hi].dep_ == "cc" or doc[hi].is_punct and doc[hi].text not in _CLOSERS.values()):
        hi -= 1  # ("the secretary of state and": the conjunct is left out)
    opened = [t.text for t in doc[lo:hi + 1] if t.text in _CLOSERS]
    closed = [t.text for t in doc[lo:hi + 1] if t.text in _CLOSERS.values()]
    if len(opened) > len(closed) and hi + 1 < sent.end and doc[hi + 1].text == _CLOSERS[opened[-1]]:
        hi += 1
    marks = sum(1 for t in doc[lo:hi + 1] if t.text in _QUOTE_MARKS)
    if marks % 2 and hi + 1 < sent.end and doc[hi + 1].text in _QUOTE_MARKS:
        hi += 1  # the title in marks is closed ('star of "The Apprentice,"')
    if hi + 1 < sent.end:
        nxt = doc[hi + 1].text
        inner = [doc[k].text for k in range(head.i + 1, hi + 1)]
        if nxt == "," and "," in inner or nxt in _DASHES and nxt in inner:
            hi += 1
    return lo, hi


def speaker_phrase(doc: Doc, head_i: int, mention: tuple[int, int], off: list[tuple[int, int]]) -> tuple[int, int]:
    """The character span of the phrase introducing the speaker whose mention has its
    head at token ``head_i`` and covers ``mention``; ``off`` are character ranges the
    phrase must not enter (the quote's words and cue, other quotes and their cues).

    A pronoun's phrase is the pronoun.  The span is contiguous (it stops at the first
    word on either side that is not the phrase's) and always holds the mention.
    """
    ms, me = mention
    head = _phrase_head(doc, head_i, mention, off)
    if head is None:
        return ms, me
    keep_conj = any(c.idx >= ms and c.idx + len(c) <= me for c in head.children if c.dep_ == "conj")
    lo, hi = _trim(doc, head, *_grow(doc, head, _members(head, keep_conj, off)))
    start = min(doc[lo].idx, ms)
    end = max(doc[hi].idx + len(doc[hi]), me)
    text = text_of(doc)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
