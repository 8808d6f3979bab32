"""Attribution frames of a marked quote that no cue governs in the parse (step 6).

The cascade in ``marked.attribute_marked`` first asks the parse for the speech verb
that governs a quote, then the cues of its frame.  These are the frames after those:
a characterisation ('blasted Clinton as a "disgrace"'), a colon ('X reports:' above
the quoted passage) and a verb of any kind right after the close ('"...," beamed X').
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import CHARACTERISING_VERBS, LIKENING_VERBS
from ..nlp import sent_of, text_of
from .found import Found
from .marks import Para, SpanSet, in_spans
from .syntax import speaker_of, tok_at


def appended_verb(doc: Doc, f: Found) -> Token | None:
    """'"This is fantastic!" beamed Donald Hartley.' / '"You called women fat pigs,"
    Kelly charged.': a short clause of a subject and a verb used without an object,
    set right after a closing mark and ending the sentence, attributes the quote
    whatever its verb (the speech-verb list cannot hold every manner of saying)."""
    if f.close_mark is None or text_of(doc)[f.close_mark - 1:f.close_mark] not in (",", "!", "?"):
        return None
    mark = tok_at(doc, f.close_mark)
    if mark is None or mark.i + 1 >= len(doc):
        return None
    after = doc[mark.i + 1]
    if after.is_space or after.is_punct or after.idx > f.close_mark + 2:
        return None
    sent = sent_of(after)
    window = [t for t in doc[after.i:min(sent.end, after.i + 8)]]
    verb = next((t for t in window if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ")), None)
    # (the quoted clause itself is often parsed as the verb's complement: it does not count)
    if verb is None or any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") and c.idx > f.close_mark
                           for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
    if subj is None or subj.idx < f.close_mark or subj.lower_ in ("it", "this", "that", "which"):
        return None
    # the clause ends the sentence: nothing but adverbs, prepositional phrases and time after it
    own = {t.i for t in subj.subtree}  # ("beamed Donald Hartley, who snuck onto the floor")
    if any(t.pos_ == "VERB" and t is not verb and t.i not in own for t in doc[verb.i + 1:sent.end]):
        return None
    return verb


def colon_frame(doc: Doc, f: Found, paras: list[Para]) -> Token | None:
    """'X released a statement: "..."' : the verb of a clause that ends in a colon, in
    the quote's paragraph or, for a quote that opens its paragraph, the paragraph just
    before ('The Times reports:' then the quoted passage set off below it)."""
    if f.open_mark is None:
        return None
    p = paras[f.para]
    text = text_of(doc)
    start = p.start
    before = text[start:f.open_mark].rstrip()
    if not before and f.para > 0 and not paras[f.para - 1].skipped:
        start = paras[f.para - 1].start
        before = text[start:paras[f.para - 1].end].rstrip()
    if not before.endswith(":"):
        return None
    colon = tok_at(doc, start + len(before) - 1)
    if colon is None:
        return None
    for t in reversed(list(sent_of(colon))):
        if t.i < colon.i and t.pos_ in ("VERB", "AUX") and speaker_of(t) is not None:
            return t
    return None


def characterising_verb(doc: Doc, f: Found, quote_spans: SpanSet) -> Token | None:
    """'Christie blasted Clinton as a "disgrace"', 'Reid has been pounding Trump as a "con
    artist"', 'Trump likened the refugees to a "vicious snake"': a fragment that says
    what someone or something is, in an "as" (or, after liken/compare, "to") phrase on
    a verb with an object and a subject of its own, is that subject's characterisation."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return None
    t = span.root
    naming = _named_as(t, f, quote_spans)
    if naming is not None:
        return naming
    for _ in range(4):
        if t.dep_ in ("pobj", "amod", "acomp", "pcomp") and t.head.dep_ == "prep" and t.head.lower_ in ("as", "to"):
            prep, verb = t.head, t.head.head
            as_phrase = prep.lower_ == "as" or prep.lower_ == "to" and verb.lemma_.lower() in LIKENING_VERBS
            if as_phrase and verb.pos_ == "VERB" and verb.lemma_.lower() in CHARACTERISING_VERBS \
                    and not in_spans(verb.idx, quote_spans) \
                    and any(c.dep_ == "dobj" and c.i < prep.i for c in verb.children) \
                    and any(c.dep_ == "nsubj" and c.idx < f.start for c in verb.children):
                return verb
            return None
        if t.head.i == t.i or t.head.idx < f.start and t.dep_ not in ("pobj", "compound", "amod"):
            return None
        t = t.head
    return None


#: Verbs that name their object as something with a second object ("called the plan
#: "reckless"", "dubbed it "a farce""): the parser often hangs the quoted name on the
#: object as an apposition.
_NAMING_VERBS = frozenset("call dub label brand term".split())


def _named_as(root: Token, f: Found, quote_spans: SpanSet) -> Token | None:
    """'She called his executive actions "a crucial step forward"' parsed with the
    fragment in apposition to the object, or as a modifier of the verb: the verb of
    naming, with its object and a subject of its own before the fragment."""
    verb = root
    for _ in range(3):  # the fragment's head, its object, or a modifier the parser made of it
        if verb.head.i == verb.i:
            break
        verb = verb.head
        if verb.pos_ == "VERB":
            break
    if verb.pos_ == "VERB" and verb.lemma_.lower() in _NAMING_VERBS and not in_spans(verb.idx, quote_spans) \
            and any(c.dep_ == "dobj" and c.idx < f.start for c in verb.children) \
            and any(c.dep_ == "nsubj" and c.idx < f.start for c in verb.children):
        return verb
    return None


def widen_to_predicate(doc: Doc, f: Found, cue: Token) -> None:
    """A characterisation spans what follows its verb to the end of the verb's phrase
    ('condemned [the test as "provocative" and a "grave threat" to the region]'); the
    fragment stays as its verbatim piece."""
    toks = [t for t in cue.subtree if t.i > cue.i]
    # (not past a dash or semicolon after the fragment: '... to "burning the Constitution"
    # - a charge that might have stung' goes on about the words, not with them)
    close = (f.close_mark + 1) if f.close_mark is not None else f.end
    cut = next((k for k, t in enumerate(toks) if t.idx >= close and t.text in (";", "-", "—", "–", "--", "(")), None)
    toks = toks[:cut] if cut is not None else toks
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].idx >= (f.close_mark or f.end):
        toks = toks[:-1]
    if not toks:
        return
    s, e = toks[0].idx, max(toks[-1].idx + len(toks[-1]), (f.close_mark + 1) if f.close_mark is not None else f.end)
    if s <= f.start and f.end <= e:
        f.pieces = [(f.start, f.end)]
        f.start, f.end = s, e
