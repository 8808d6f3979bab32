"""Where and when a cue was spoken: the date expression, the venue and the
addressee, from the cue's modifiers and its sentence (part of steps 6 and 7).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import OCCASION_VERBS, SOCIAL_MEDIA, VENUE_HEADS, WEEKDAYS, WRITTEN_TO
from ..nlp import ent_at, entities, sent_of, text_of
from .marks import SpanSet, in_spans
from .syntax import mention_span


def date_and_venue(cue: Token, quote_spans: "list[tuple[int, int]] | SpanSet", carry: bool = True
                   ) -> tuple[str | None, str | None, str | None]:
    """(date expression, venue, addressee) from the cue's modifiers and its sentence;
    with ``carry``, a "he said" with neither takes the occasion of the sentence before
    ("Speaking to Times Radio on Wednesday, X defended the plans. "...," she said.")."""
    doc = cue.doc
    date_text = None
    sent = sent_of(cue)
    venue, addressee = _told(cue, quote_spans)
    cands, venue = _prep_candidates(cue, sent, venue)
    for p in cands:
        if in_spans(p.idx, quote_spans):
            continue
        pobj = next((g for g in p.children if g.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if pobj.ent_type_ in ("DATE", "TIME") or pobj.lower_ in WEEKDAYS:
            if date_text is None:
                s, e = pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge)
                date_text = text_of(doc)[s:e]
            continue
        if venue is None and p.lower_ in ("in", "on", "at", "during", "to"):
            venue = _venue_phrase(pobj)
    if date_text is None:
        date_text = _clause_date(cue, sent, quote_spans)
    if carry and venue is None:
        before = _occasion_before(cue, quote_spans)
        if before is not None:
            venue = before[1]
            date_text = date_text or before[0]
    if venue:
        venue = re.sub(r"^(the|a|an|its|his|her|their|our)\s+", "", venue, flags=re.I)  # "the Commons" -> "Commons"
    return date_text, venue, addressee


def _occasion_before(cue: Token, quote_spans: "list[tuple[int, int]] | SpanSet") -> tuple[str | None, str] | None:
    """The date and venue of the sentence before when it opens with an occasion
    ("Speaking to Times Radio on Wednesday, X defended ...") and the cue's subject is a
    pronoun continuing it; None otherwise."""
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in ("he", "she", "they"):
        return None
    doc = cue.doc
    sent = sent_of(cue)
    # the sentence before, past the sentences of the quote the cue closes ('"A. B," she said')
    for _ in range(8):
        if sent.start == 0:
            return None
        sent = sent_of(doc[sent.start - 1])
        if not in_spans(sent.root.idx, quote_spans):
            break
    root = sent.root
    if not any(c.dep_ in ("advcl", "npadvmod") and c.lemma_.lower() in OCCASION_VERBS and c.i < root.i
               for c in root.children):
        return None
    date_text, venue, _ = date_and_venue(root, quote_spans, carry=False)
    return (date_text, venue) if venue else None


def _told(cue: Token, quote_spans: "list[tuple[int, int]] | SpanSet") -> tuple[str | None, str | None]:
    """(venue, addressee) from the told-object: "told Times Radio", "told reporters";
    "said to reporters".  A named outlet is a venue, anyone else the addressee."""
    doc = cue.doc
    venue = addressee = None
    lemma = cue.lemma_.lower()
    if lemma in ("tell", "say", "write", "speak", "add", "explain", "reply"):
        objs = [c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")] if lemma == "tell" else []
        objs += [g for c in cue.children if c.dep_ in ("prep", "dative") and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        for c in objs:
            if c.pos_ in ("PROPN", "NOUN") and not in_spans(c.idx, quote_spans):
                s, e = mention_span(c)
                phrase = text_of(doc)[s:e]
                # a named outlet, or a programme, show or meeting ("told the BBC's Today
                # programme", "told the conference") is where it was said
                names = [t.text for t in doc[c.left_edge.i:c.i + 1] if t.pos_ == "PROPN"]
                named_person = c.ent_type_ == "PERSON" or c.pos_ == "PROPN" and all(w in _person_words(doc) for w in names)
                if not named_person and (c.ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "PRODUCT", "NORP", "GPE")
                                         or c.pos_ == "PROPN" or c.pos_ == "NOUN" and c.lemma_.lower() in VENUE_HEADS):
                    venue = phrase
                else:
                    addressee = phrase
    return venue, addressee


def _person_words(doc: Doc) -> frozenset[str]:
    """The words of every name the NER called a person in ``doc`` (cached on it): "told
    Lowry" after "Kevin Lowry" is told a person, whatever the tagger made of "Lowry"."""
    cache = doc.user_data.setdefault("saywho", {})
    got = cache.get("person_words")
    if got is None:
        got = cache["person_words"] = frozenset(t.text for e in entities(doc) if e.label_ == "PERSON" for t in e)
    return got


def _prep_candidates(cue: Token, sent: Span, venue: str | None) -> tuple[list[Token], str | None]:
    """Prepositional phrases and participles on the cue or at the start of the
    sentence; a participle's social-media object ("posting on X") is the venue
    when the told-object gave none."""
    cands: list[Token] = [c for c in cue.children if c.dep_ == "prep"]
    for c in cue.children:
        if c.dep_ in ("advcl", "npadvmod") and c.lemma_.lower() in ("speak", "write", "appear", "post", "talk"):
            cands += [g for g in c.children if g.dep_ == "prep"]
            for g in c.children:
                if g.dep_ in ("dobj",) and g.lower_ in SOCIAL_MEDIA:
                    venue = venue or g.text
    for t in sent:
        if t.dep_ == "prep" and t.i < cue.i and t.head.dep_ == "ROOT" and t not in cands and t.i == sent.start:
            cands.append(t)
    return cands, venue


def _venue_phrase(pobj: Token) -> str | None:
    """The venue a preposition's object names ("in an interview with the BBC", "in a
    statement", "on Truth Social"), or None when it names no venue."""
    doc = pobj.doc
    head = pobj.lemma_.lower()
    inner = next((g for g in pobj.children if g.dep_ == "prep" and g.lower_ == "with"), None)
    if inner is not None and head in ("interview", "conversation", "chat"):
        io = next((g for g in inner.children if g.dep_ == "pobj"), None)
        if io is not None:
            s, e = mention_span(io)
            return text_of(doc)[s:e]
    # "in an email to CBC News", "in a letter to the Guardian": the outlet written to
    to = next((g for g in pobj.children if g.dep_ == "prep" and g.lower_ == "to"), None)
    if to is not None and head in WRITTEN_TO:
        io = next((g for g in to.children if g.dep_ == "pobj"), None)
        # (not "the NFL Network's Rich Eisen": someone of an outlet, which the NER may
        # take for the outlet)
        if io is not None and (io.ent_type_ in ("ORG", "WORK_OF_ART") or io.pos_ == "PROPN" and io.ent_type_ == "") \
                and not any(c.dep_ == "poss" for c in io.children):
            s, e = mention_span(io)
            if not any(t.ent_type_ == "PERSON" for t in doc.char_span(s, e, alignment_mode="expand") or []):
                return re.sub(r"^(the|a|an)\s+", "", text_of(doc)[s:e], flags=re.I)
    # "in a post on X", "in a video on Instagram": the platform
    on = next((g for g in pobj.children if g.dep_ == "prep" and g.lower_ == "on"), None)
    if on is not None and head in ("post", "message", "update", "video", "tweet", "thread", "statement"):
        po = next((g for g in on.children if g.dep_ == "pobj"), None)
        if po is not None and (po.lower_ in SOCIAL_MEDIA or po.pos_ == "PROPN" and po.ent_type_ in ("", "ORG", "PRODUCT")
                               and po.lower_ not in WEEKDAYS):
            return text_of(doc)[po.idx:po.idx + len(po)]
    if head in VENUE_HEADS or pobj.lower_ in SOCIAL_MEDIA or pobj.ent_type_ in ("ORG", "FAC"):
        mods = [g for g in pobj.children if g.dep_ in ("compound", "amod", "nmod") and g.i < pobj.i]
        # "a Facebook message", "a social media update": the platform; "an emailed
        # statement", "a prepared statement": the statement (a participle says how, not where)
        mods = [m for m in mods if m.tag_ not in ("VBN", "VBD") and not m.lower_.endswith("ed")]
        if head in ("update", "post", "message", "video", "statement", "tweet", "thread") and mods:
            return text_of(doc)[min(m.left_edge.idx for m in mods):mods[-1].idx + len(mods[-1])]
        s = pobj.left_edge.idx
        first = pobj.left_edge
        if first.dep_ == "det":
            s = doc[first.i + 1].idx
        e = pobj.idx + len(pobj)
        for g in pobj.children:
            if g.dep_ == "prep" and g.lower_ == "of" and g.i > pobj.i:
                e = g.right_edge.idx + len(g.right_edge)
        return text_of(doc)[s:e]
    if head in WRITTEN_TO:
        return head  # "in an email": how it was said, to no outlet named
    return None


def _clause_date(cue: Token, sent: Span, quote_spans: "list[tuple[int, int]] | SpanSet") -> str | None:
    """A date expression anywhere in the cue's clause ("on Monday morning",
    "yesterday"), else a date the sentence opens with ("On 3 May, ...")."""
    doc = cue.doc
    date_text = None
    for c in cue.children:
        if c.ent_type_ in ("DATE", "TIME") and c.dep_ in ("npadvmod", "advmod", "tmod") and not in_spans(c.idx, quote_spans):
            ent = ent_at(doc, c.i)
            if ent is not None:
                date_text = ent.text
    if date_text is None:
        first = sent[0]
        if first.lower_ == "on" and first.i + 1 < len(doc) and doc[first.i + 1].ent_type_ == "DATE":
            ent = ent_at(doc, first.i + 1)
            if ent is not None:
                date_text = ent.text
    return date_text
