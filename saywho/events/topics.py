"""What an engagement covered: "discussed X and Y", "X were not discussed", "talked
about X", and a readout's "From X to Y, ... the leaders agreed"."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..lexicon import PAIR_NOUNS, PLURAL_PRONOUNS, TOPIC_VERB_PREPS, TOPIC_VERBS, TRIGGER_NOUNS, VAGUE_NOUNS
from ..nlp import sent_of, sentences
from .triggers import Mention

#: (topic verb, topic strings, negated) of one topic phrase.
TopicPhrase = tuple[Token, list[str], bool]
#: Words after which a list of topics has ended ("... after a senior figure sent ...").
_LIST_ENDS = ("after", "because", "which", "who", "while", "when", "amid", "despite", "although", "if", "according")


def _split_items(span_toks: list[Token]) -> list[list[Token]]:
    """A coordinated phrase cut at commas, "and", "or" and "as well as"."""
    items: list[list[Token]] = [[]]
    k = 0
    while k < len(span_toks):
        x = span_toks[k]
        if x.lower_ == "as" and k + 2 < len(span_toks) and span_toks[k + 1].lower_ == "well" and span_toks[k + 2].lower_ == "as":
            items.append([])
            k += 3
            continue
        if x.lower_ in (",", ";", "and", "or", "&") or x.dep_ == "cc":
            items.append([])
        else:
            items[-1].append(x)
        k += 1
    return items


def _trim_item(it: list[Token]) -> list[Token]:
    """Drop leading prepositions, determiners, possessors and gerund frames, and
    trailing function words."""
    while it and (it[0].pos_ in ("ADP", "DET", "CCONJ", "PART", "PRON", "PUNCT", "ADV") or it[0].lower_ in ("from", "to")):
        it = it[1:]
    for j, x in enumerate(it[:5]):
        if x.lower_ in ("'s", "’s"):
            it = it[j + 1:]
            break
    while it and (it[0].tag_ == "VBG" or it[0].lower_ in VAGUE_NOUNS or it[0].pos_ in ("ADP", "DET", "ADV")):
        if it[0].lower_ in VAGUE_NOUNS and not any(y.pos_ == "ADP" for y in it[1:3]):
            break
        it = it[1:]
    while it and it[0].pos_ in ("ADP", "DET", "ADV", "PART"):
        it = it[1:]
    while it and it[-1].pos_ in ("ADP", "DET", "PUNCT", "CCONJ", "PART"):
        it = it[:-1]
    return it


def topic_items(span_toks: list[Token]) -> list[str]:
    """Short topic strings from a coordinated phrase: "trade and the economy, as well as the Middle East"."""
    if not span_toks:
        return []
    # "a number of issues including X and Y": the list is what follows "including"
    for k, x in enumerate(span_toks):
        if x.lower_ in ("including", "includes", "include") or (x.lower_ == "such" and k + 1 < len(span_toks) and span_toks[k + 1].lower_ == "as"):
            span_toks = span_toks[k + 1 + (1 if x.lower_ == "such" else 0):]
            break
    # stop at a clause that hangs off the list: "... after a senior figure sent ..."
    for k, x in enumerate(span_toks):
        if k and (x.dep_ == "advcl" or x.lower_ in _LIST_ENDS or x.dep_ == "conj" and x.pos_ == "VERB" and x.tag_ != "VBG"):
            span_toks = span_toks[:k]
            break
    out: list[str] = []
    for it in map(_trim_item, _split_items(span_toks)):
        if not it or all(y.lower_ in VAGUE_NOUNS or y.is_stop for y in it):
            continue
        if not any(y.pos_ in ("NOUN", "PROPN", "NUM") for y in it):
            continue
        words = [y.text for y in it][:14]
        s = " ".join(words)
        s = re.sub(r"\s+([%,.])", r"\1", s)
        if s.lower() not in {o.lower() for o in out}:
            out.append(s)
    return out


def _topic_tokens(v: Token, sent: Span) -> list[Token] | None:
    """The tokens holding the topics of topic verb ``v``: a passive's subject ("X were
    discussed"), else what follows the verb or its preposition; None when it has none."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)
    if passive:
        subj = [c for c in v.children if c.dep_ == "nsubjpass"]
        if not subj:
            return None
        lo = min(x.i for x in subj[0].subtree)
        toks = [x for x in sent if lo <= x.i < v.i and not (x.head.i == v.i and x.dep_ in ("auxpass", "neg", "aux"))]
        # the subject ends before the passive auxiliary
        aux = [c.i for c in v.children if c.dep_ in ("auxpass", "aux", "neg")]
        if aux:
            toks = [x for x in toks if x.i < min(aux)]
        return toks
    start = v.i + 1
    need = TOPIC_VERB_PREPS.get(v.lemma_.lower())
    if need:
        p = next((c for c in v.children if c.lower_ == need), None)
        if p is None:
            return None
        start = p.i + 1
    toks = []
    for x in sent[start - sent.start:]:
        if x.is_sent_end and x.is_punct or x.text in ".;:" or x.dep_ == "relcl":
            break
        toks.append(x)
    return toks


def topics_in(sent: Span) -> list[TopicPhrase]:
    """(topic verb, items, negated) for each "discussed X" / "X were not discussed" in the sentence,
    and for a readout's "From X and Y to Z, ... the leaders agreed"."""
    out = []
    ranged = from_to_topics(sent)
    if ranged is not None:
        out.append(ranged)
    for v in sent:
        lemma = v.lemma_.lower()
        if v.pos_ not in ("VERB", "ADJ") or lemma not in TOPIC_VERBS and lemma != "talk":
            continue
        if lemma == "talk" and not any(c.lower_ == "about" for c in v.children):
            continue
        negated = any(c.dep_ == "neg" for c in v.children) or any(
            c.dep_ == "neg" for c in v.head.children if v.dep_ == "xcomp"
        )
        toks = _topic_tokens(v, sent)
        if toks is None:
            continue
        items = topic_items(toks)
        if items:
            out.append((v, items, negated))
    return out


def from_to_topics(sent: Span) -> TopicPhrase | None:
    """"From defence and security to growth and prosperity, [...] the leaders agreed":
    a sentence-initial from-to range of subjects on which the parties agreed or spoke."""
    toks = [t for t in sent if not t.is_space]
    while toks and toks[0].is_punct:  # a readout paragraph opens with a quote mark
        toks = toks[1:]
    if not toks or toks[0].lower_ != "from":
        return None
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    verb = root
    if root.lemma_.lower() not in ("agree", "say", "discuss", "speak", "talk") or subj is None:
        # the agreement can close the sentence: "..., the leaders agreed."
        found = next((t for t in sent if t.lemma_.lower() in ("agree", "discuss") and t.pos_ == "VERB"), None)
        if found is None:
            return None
        verb = found
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in PAIR_NOUNS and subj.lower_ not in PLURAL_PRONOUNS | {"we"}:
        return None
    comma = next((t.i for t in toks if t.text == ","), None)
    if comma is None:
        return None
    span = [t for t in toks if t.i < comma][1:]
    if any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT") for t in span):
        return None  # "From Monday to Friday, ...": a span of time, not of subjects
    cut = next((k for k, t in enumerate(span) if t.lower_ == "to"), None)
    if cut is None:
        return None
    items = topic_items(span[:cut]) + topic_items(span[cut + 1:])
    return (verb, items, False) if items else None


def _about_engagement(v: Token, m: Mention, resolve: Callable[[Token, set[str]], list[str]]) -> bool:
    """Whether a topic verb in a later sentence than mention ``m`` reports on it: a
    conversation (a call or a meeting between people), not a visit or one person's
    meeting with a group, not a clause about someone ("Rafael Cruz, who was born and
    raised in Cuba"), and with a subject that is the engagement or its parties."""
    if m.type not in ("call", "meeting", "message") or m.people == 1 and len(m.participants) >= 2:
        return False
    if v.dep_ in ("relcl", "acl") or v.dep_ == "conj" and v.head.dep_ in ("relcl", "acl"):
        return False
    subj = [c for c in v.children if c.dep_ in ("nsubj",)]
    if subj:
        sl = subj[0].lower_
        ok = sl in ("we", "they", "it", "both", "which") or subj[0].lemma_.lower() in TRIGGER_NOUNS or subj[0].lemma_.lower() in PAIR_NOUNS
        if not ok:
            ok = bool(set(resolve(subj[0], set())) & set(m.participants))
        if not ok:
            return False
    return True


def attach_topics(doc: Doc, ms: list[Mention], resolve: Callable[[Token, set[str]], list[str]]) -> None:
    """Topic sentences report on the engagement named in them or just before them;
    ``resolve`` names the people a subject phrase stands for."""
    if not ms:
        return
    keys = [m.trigger.i for m in ms]
    ordered = all(a <= b for a, b in zip(keys, keys[1:]))  # text order: bisect, not a scan per verb
    for sent in sentences(doc):
        for v, items, negated in topics_in(sent):
            # the nearest mention before the topic verb, within a few sentences
            if ordered:
                hi = bisect.bisect_right(keys, v.i)
                if not hi or v.idx - ms[hi - 1].trigger.idx >= 700:
                    continue
                m = ms[bisect.bisect_left(keys, keys[hi - 1])]  # the first of equals, as max() takes
            else:
                cands = [m for m in ms if m.trigger.i <= v.i and v.idx - m.trigger.idx < 700]
                if not cands:
                    continue
                m = max(cands, key=lambda m: m.trigger.i)
            if sent_of(m.trigger).start != sent.start and not _about_engagement(v, m, resolve):
                continue
            target = m.not_discussed if negated else m.topics
            for it in items:
                if it.lower() not in {x.lower() for x in target}:
                    target.append(it)
