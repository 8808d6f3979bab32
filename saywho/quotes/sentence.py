"""Where a report lies in its sentence around an attribution (steps 6 and 7).

An attribution is not always a verb before its clause: it may be set off by commas
in the middle of the sentence it reports ("These workers, Lee said, were paid"),
close it (", said Mr. Smith."), sit in an "as" clause ("as a memo put it"), be an
"according to X" phrase, or a relative clause whose pronoun is what it reports
("what former staff have called ..."). Each function gives the report's tokens or
its opening token; ``clause`` and ``indirect`` use them.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..nlp import sent_of
from .syntax import SUBJ_DEPS, is_cue


def _subordinate(tok: Token) -> bool:
    """``tok`` is in a fronted subordinate clause ("So when Patriot signaled that ..., X
    said, ..."): its cue sets the scene of the report, it does not start another."""
    return any(a.dep_ == "advcl" and any(c.dep_ == "mark" or c.tag_ == "WRB" for c in a.children)
               for a in (tok, *tok.ancestors))


def according_clause(cue: Token, subj: Token) -> list[Token] | None:
    """"According to X, Y": the tokens of Y, the clause that the phrase sources (without
    the phrase itself, however the parser attached its pieces, nor edge punctuation)."""
    clause = cue.head
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    clause = _sourced_clause(cue, clause)
    own = set(cue.subtree) | set(subj.subtree) | {t for t in cue.doc[cue.i:subj.i + 1]}
    toks = [t for t in clause.subtree if t not in own and not (t.is_punct and t.i < cue.i)]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    return toks


def _sourced_clause(cue: Token, clause: Token) -> Token:
    """The clause that a closing "according to X" sources: the parser hangs it on the
    last conjunct or subordinate clause ("Clinton raised $2.7 million, while Sanders
    raised $6 million, according to the filings"); when the phrase ends its sentence it
    sources the whole sentence, up to its root, unless a cue on the way reports it."""
    doc = cue.doc
    sent = sent_of(cue)
    last = max(t.i for t in cue.subtree)
    closing = all(t.is_punct or t.is_space for t in doc[last + 1:sent.end])
    while clause.head is not clause and clause.head.pos_ in ("VERB", "AUX") and not is_cue(clause.head):
        if clause.dep_ != "conj" and not (closing and clause.dep_ in ("advcl", "ccomp", "relcl")):
            break
        clause = clause.head
    return clause


def closing_sentence(cue: Token) -> tuple[int, int] | None:
    """'The treaty signals "the beginning of the end," said Mr. Smith.': an attribution
    that closes its sentence after a comma reports the sentence before the comma, however
    the parser linked the two.  The token span (first, last) of that part, or None."""
    doc = cue.doc
    sent = sent_of(cue)
    # (the subject next to the cue: the parser may take the report's subject for another)
    subj = min((c for c in cue.children if c.dep_ in SUBJ_DEPS), key=lambda c: abs(c.i - cue.i), default=None)
    if subj is None:
        return None
    lo = min(subj.left_edge.i, cue.i)
    while lo > sent.start and doc[lo - 1].dep_ in ("aux", "neg", "advmod") and doc[lo - 1].head.i == cue.i:
        lo -= 1
    if lo - 1 <= sent.start or doc[lo - 1].text != ",":
        return None
    # after it: the attribution's own words only, no clause of another verb
    rest = [t for t in doc[lo:sent.end] if not (t.is_punct or t.is_space)]
    if any(t.pos_ in ("VERB", "AUX") and t.i != cue.i and t.head.i != cue.i and t.dep_ not in ("aux", "auxpass") for t in rest):
        return None
    words = [t for t in doc[sent.start:lo - 1] if not (t.is_punct or t.is_space)]
    return (words[0].i, words[-1].i) if len(words) >= 3 else None


def as_sentence(cue: Token) -> tuple[int, int] | None:
    """"Yet, as Bown observed, in the early days "what would you pick?"", "the rule is
    a "lawful source," as a memo put it": an attribution in an "as" clause reports the
    rest of its sentence.  The token span (first, last) of that rest, or None."""
    if cue.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
            or not any(c.dep_ in SUBJ_DEPS for c in cue.children):
        return None
    own = list(cue.subtree)
    lo, hi = own[0].i, cue.i
    # the clause ends at its comma: what the parser hangs on the cue after it is the report's
    while hi + 1 <= own[-1].i and cue.doc[hi + 1].text != ",":
        hi += 1
    words = [t for t in sent_of(cue) if not (t.is_punct or t.is_space) and not lo <= t.i <= hi]
    before = [t for t in words if t.i < lo]
    after = [t for t in words if t.i > hi]
    if len(after) >= 3 and len(before) <= 2:
        return after[0].i, after[-1].i  # "(Yet,) as X observed, ...": what follows
    if len(before) >= 3 and not after:
        return before[0].i, before[-1].i  # "..., as X put it."
    return None


def relative_opening(cue: Token) -> Token | None:
    """"what former employees have called a 'scheme'", "which Beijing has vowed to
    ignore": a cue inside a relative clause whose pronoun is part of what it reports
    (the object, or the subject of the reported clause); None otherwise, and for the
    pronoun that is the speaker ("Lee, who added that ...")."""
    first = cue.left_edge
    if first.i >= cue.i:
        return None
    if cue.dep_ == "relcl" and cue.head.pos_ in ("NOUN", "PROPN", "PRON") and cue.head.i < first.i \
            and (first.lower_ == "that" or first.tag_ not in ("WDT", "WP")):
        # "a probe [the agency said] was ongoing", "a gap that experts say renders ...": a
        # restrictive clause reports about its noun, which the report opens with
        subj = next((c for c in cue.children if c.dep_ in SUBJ_DEPS), None)
        if subj is None or subj.i == first.i and first.lower_ == "that":
            return None  # "the aide that said ...": the noun is the speaker
        return cue.head.left_edge
    if first.tag_ not in ("WDT", "WP") or first.lower_ not in ("what", "which", "whom", "that", "who"):
        return None
    if first.head.i == cue.i and first.dep_ in SUBJ_DEPS:
        return None
    return first


#: Dependents of a cue that belong to the attribution itself, not to what it reports
#: ("Stumpf explained [earlier in the hearing]", "Trump told [CNN]").
_ATTRIBUTION_DEPS = frozenset("advmod prep npadvmod dative dobj iobj prt agent aux neg".split())


def set_off_sentence(cue: Token, quoted: tuple[int, int] = (0, 0)) -> tuple[int, int] | None:
    """"These employees, Stumpf explained, were well paid": an attribution set off by
    commas in the middle of its sentence reports the whole sentence around it.  The
    token span (first, last) of that sentence's words, or None when the cue is not set
    off so ("..., he said, adding that ...": a participle after it is a cue of its own).
    The quoted characters ``quoted`` are the speaker's words: a verb there attributes nothing."""
    doc = cue.doc
    subj = next((c for c in cue.children if c.dep_ in SUBJ_DEPS), None)
    if subj is None or subj.i > cue.i:
        return None
    lo = min([subj.left_edge.i] + [c.i for c in cue.children if c.dep_ in ("aux", "neg", "advmod") and subj.i < c.i < cue.i])
    sent = sent_of(cue)
    if lo - 1 <= sent.start + 1 or doc[lo - 1].text != ",":
        return None
    # after the cue: only its own modifiers ("earlier in the hearing", "CNN") up to a comma
    own = {cue.i}
    for c in cue.children:
        if c.i > cue.i and c.dep_ in _ATTRIBUTION_DEPS:
            own |= {t.i for t in c.subtree}
    hi = cue.i
    while hi + 1 < sent.end and hi + 1 in own:
        hi += 1
    if hi + 2 >= sent.end or doc[hi + 1].text != ",":
        return None
    nxt = doc[hi + 2]
    if nxt.tag_ == "VBG" or is_cue(nxt) or nxt.is_punct and nxt.text not in "\"“'‘":
        return None
    if (nxt.dep_ == "mark" or nxt.tag_ == "WRB") and nxt.lower_ not in ("that", "because"):
        return None  # "..., Downing Street said, after the leaders spoke": when it was said
    if any(is_cue(t) and any(c.dep_ in SUBJ_DEPS for c in t.children) and not _subordinate(t) for t in sent
           if (t.i < lo or t.i > hi) and not quoted[0] <= t.idx < quoted[1]):
        return None  # another attribution in the sentence: it is not one report
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    # "China had resisted such deals, but the pollution was so bad, Obama noted, that ...":
    # the clause before the last ", but" is the writer's, the report starts after it
    joints = [t.i for t in words if t.i < lo and t.dep_ == "cc" and t.i > sent.start and doc[t.i - 1].text in (",", ";")
              and t.head.pos_ in ("VERB", "AUX")]
    if joints:
        words = [t for t in words if t.i > joints[-1]]
    if sum(1 for t in words if t.i < lo) < 2 or sum(1 for t in words if t.i > hi) < 2:
        return None
    return words[0].i, words[-1].i
