"""What a cue reports: the tokens of its reported clause (steps 6 and 7).

``complement`` gives the clause of a speech verb ("said [it covered trade]");
``mixed_clause`` widens a quoted fragment to the clause that holds it, so that a
mixed quote spans what was attributed ("said [it was "good that ..."]"), not
just the quoted words.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CONTENT_PREPS, EVIDENCE_OBJECT_VERBS, LIGHT_VERB_CUES, OBJECT_CONTROL_VERBS, SPEECH_VERBS, XCOMP_CUES
from ..nlp import sent_of
from .sentence import according_clause, as_sentence, closing_sentence, relative_opening, set_off_sentence
from .syntax import SUBJ_DEPS, is_cue, object_content, speaker_of


def complement(cue: Token) -> list[Token] | None:
    """The tokens of what a speech verb reports, or None when it reports nothing."""
    toks = _complement(cue)
    return None if toks is None else _right_continuation(cue, toks)


#: Subordinate clauses after a report that are part of it ("said the claim smacked of
#: hypocrisy, [because Democrats ...]"); "when" and "after" usually date the saying.
_CONTENT_MARKS = frozenset("because so although though if unless whereas while".split())


def _right_continuation(cue: Token, toks: list[Token]) -> list[Token]:
    """The report goes on after its core to the end of the cue's clause: modifiers the
    parser hung on the cue ("cited [his endorsements from 88 generals]", "called [it an
    ailment during grueling bids]"), a "because"/"so" clause, a verb phrase coordinated
    with the report ("mentioned [refinancing loans and forcing universities to ...]").
    It stops at another clause with a subject or a cue of its own."""
    if sum(1 for t in toks if not (t.is_punct or t.is_space)) < 3:
        return toks  # too short a core to be a report: a continuation must not make it one
    end = toks[-1].i
    if end < cue.i:
        return toks
    extra: list[Token] = []
    pending: list[Token] = []
    for c in cue.children:
        if c.i <= end:
            continue
        if c.dep_ in ("punct", "cc"):
            if c.text in (";", ":", ".", "!", "?", "(", ")", "—", "–", "--"):
                break
            pending.append(c)
            continue
        if c.dep_ in ("prep", "npadvmod", "advmod"):
            ok = not is_cue(c)
        elif c.dep_ == "advcl":
            # (not a cue of its own: "vowed to win, [while acknowledging that ...]")
            ok = any(m.dep_ == "mark" and m.lower_ in _CONTENT_MARKS for m in c.children) and not is_cue(c)
        elif c.dep_ == "conj":
            ok = c.pos_ in ("VERB", "AUX") and not is_cue(c) and not any(g.dep_ in SUBJ_DEPS for g in c.children)
        else:
            ok = False
        if not ok:
            break
        sub = list(c.subtree)
        if any(is_cue(t) and any(g.dep_ in SUBJ_DEPS for g in t.children) for t in sub):
            break  # "..., because Smith said ...": an attribution of its own
        extra += pending + sub
        pending = []
        end = c.right_edge.i
    return sorted(set(toks) | set(extra), key=lambda t: t.i) if extra else toks


def _that_clause_on_venue(cue: Token) -> list[Token] | None:
    """"said in a statement that the demands would cost ...", "told reporters at a news
    conference that ...": the parser often hangs the "that" clause on the noun of the
    phrase saying where it was said; a clause with its own subject there is the report."""
    for c in cue.children:
        if c.dep_ != "prep" or c.i < cue.i:
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            for cl in g.children:
                if cl.dep_ in ("acl", "relcl") and cl.i > g.i \
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children) \
                        and any(m.dep_ in SUBJ_DEPS for m in cl.children):
                    return list(cl.subtree)
    return None


def _complement(cue: Token) -> list[Token] | None:
    """``complement`` before its continuation: the clause or object the cue governs."""
    lemma = cue.lemma_.lower()
    doc = cue.doc
    if lemma in LIGHT_VERB_CUES:
        for c in cue.children:
            if c.i < cue.i or c.lower_ not in LIGHT_VERB_CUES[lemma]:
                continue
            # "made it clear that ...": the clause under the adjective
            for g in c.children:
                if g.dep_ in ("ccomp", "advcl", "acl") and g.i > c.i:
                    return list(g.subtree)
            # "voiced concerns about ...": the object and what follows it in the clause, when
            # the object says about what ("raised the issue with X in a call" reports nothing)
            if c.dep_ == "dobj" and lemma != "make" and any(
                    g.dep_ in ("acl", "ccomp", "relcl") or g.dep_ == "prep" and g.lower_ in CONTENT_PREPS
                    for g in c.children):
                end = cue.right_edge.i
                return [t for t in doc[c.i:end + 1]]
        return None
    for c in cue.children:
        if c.dep_ == "ccomp" and c.i > cue.i:
            toks = _with_continuation(cue, c)
            # "told Sky News the targets were ...": the parser may take the clause's subject
            # for a second object of "told"; it belongs to the report
            objs = [o for o in cue.children if o.dep_ in ("dobj", "dative") and cue.i < o.i < c.i]
            if len(objs) >= 2 and not any(g.dep_ in SUBJ_DEPS for g in c.children) \
                    and objs[-1].right_edge.i == c.left_edge.i - 1:
                toks = sorted(set(objs[-1].subtree) | set(toks), key=lambda t: t.i)
            return toks
    hung = _that_clause_on_venue(cue)
    if hung is not None:
        return hung
    if lemma in XCOMP_CUES:
        for c in cue.children:
            if c.dep_ == "xcomp" and c.i > cue.i:
                return list(c.subtree)
    # "Nurses will walk out next month, the union has announced.": the report
    # comes first and the attribution closes the sentence
    subj = min((c for c in cue.children if c.dep_ in SUBJ_DEPS), key=lambda c: abs(cue.i - c.i), default=None)
    for c in cue.children:
        # (not a bare imperative-like verb: a title in marks before "he argued" is none)
        if c.dep_ == "ccomp" and c.i < cue.i and subj is not None and subj.i > c.i \
                and not (c.tag_ == "VB" and not any(g.dep_ in (*SUBJ_DEPS, "expl", "aux") for g in c.children)):
            return [t for t in c.subtree if t.i < subj.i]
    if lemma in OBJECT_CONTROL_VERBS:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        xc = next((c for c in cue.children if c.dep_ in ("xcomp", "ccomp") and c.i > cue.i), None)
        if xc is None and obj is not None:
            xc = next((c for c in obj.children if c.dep_ in ("xcomp", "acl", "ccomp") and c.i > obj.i), None)
        if obj is not None and xc is not None and xc.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in xc.children):
                # "told the BBC that the policy was naive": the parser often hangs the
                # "that" clause on the object; the object is the audience, the clause the report
                return list(xc.subtree)
            return sorted(set(obj.subtree) | set(xc.subtree), key=lambda t: t.i)
    content = object_content(cue)
    if content is not None:
        return content
    if lemma in EVIDENCE_OBJECT_VERBS:
        return _finding_object(cue)
    # the parser sometimes takes "said covered trade" for said + object: a finite
    # verb right after "say" starts the reported clause
    if lemma in ("say", "add", "claim", "insist", "warn") and cue.i + 1 < len(doc):
        nxt = doc[cue.i + 1]
        if nxt.tag_ in ("VBD", "VBN", "VBZ", "VBP", "MD") and nxt.head.i > cue.i:
            return list(doc[cue.i + 1:cue.right_edge.i + 1])
    return None


def _finding_object(cue: Token) -> list[Token] | None:
    """"Polls show [Clinton with a lead], with X showing ...": what a source shows or
    finds, its object and what completes it up to the first comma."""
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if obj is None:
        return None
    toks: list[Token] = []
    for c in (c for c in cue.children if c.i >= obj.i):
        if c.dep_ in ("punct", "cc"):
            break
        toks += list(c.subtree)
    return sorted(toks, key=lambda t: t.i)


#: Dependents of a cue after its reported clause that continue that clause: the
#: parser often hangs the second half of a report on the speech verb ("said [Trump
#: has respect for the military and his comment was frustration]": "was" comes out
#: as a second ccomp or a conj of "said").
_CONTINUING = frozenset(("ccomp", "conj"))


def _with_continuation(cue: Token, comp: Token) -> list[Token]:
    """The subtree of ``comp`` and of the clauses after it that the parser attached
    to ``cue`` but that continue the report; stops at a new attribution ("... and
    added that ...", "..., but Jones said ...")."""
    toks = list(comp.subtree)
    # "said the plan would fail and added that ...": a cue conjoined inside the
    # report starts a second report of the same speaker, not part of the first
    # (", citing ...", ", adding ..." likewise: a participle cue after a comma)
    cut = next((c for c in comp.children if (is_cue(c) or c.dep_ == "conj" and c.lemma_.lower() in SPEECH_VERBS) and c.i > comp.i
                and not any(g.dep_ in SUBJ_DEPS for g in c.children)
                and (c.dep_ == "conj" or c.dep_ == "advcl" and c.tag_ == "VBG" and c.doc[c.i - 1].text == ",")), None)
    if cut is not None:
        first = min([cut.i] + [c.i for c in comp.children if c.dep_ in ("cc", "punct") and comp.i < c.i < cut.i
                               and all(t.is_punct or t.dep_ == "cc" for t in c.doc[c.i:cut.i])])
        return [t for t in toks if t.i < first]
    end = comp.right_edge.i
    pending: list[Token] = []
    for sib in cue.children:
        if sib.i <= end:
            continue
        if sib.dep_ in ("punct", "cc"):
            pending.append(sib)
            continue
        if sib.dep_ not in _CONTINUING or sib.pos_ not in ("VERB", "AUX") or is_cue(sib):
            break
        sub = list(sib.subtree)
        if any(t.i != sib.i and is_cue(t) and any(c.dep_ in SUBJ_DEPS for c in t.children) for t in sub):
            break  # the continuation holds an attribution of its own
        if _speaker_again(cue, sib):
            break  # "said [...], but he refuses to ...": what the speaker does, not says
        toks += pending + sub
        pending = []
        end = sib.right_edge.i
    return sorted(set(toks), key=lambda t: t.i)


def _speaker_again(cue: Token, clause: Token) -> bool:
    """The subject of ``clause`` is the speaker of ``cue`` again: the same pronoun, or
    "he"/"she" after a named or described person."""
    subj = next((c for c in clause.children if c.dep_ in SUBJ_DEPS), None)
    speaker = next((c for c in cue.children if c.dep_ in SUBJ_DEPS), None)
    if subj is None or speaker is None or subj.pos_ != "PRON":
        return False
    if speaker.pos_ == "PRON":
        return subj.lower_ == speaker.lower_
    return subj.lower_ in ("he", "she") and (speaker.pos_ == "PROPN" or speaker.ent_type_ == "PERSON")


#: Dependents of a cue that hold what it reports when no clause does ("called [the
#: plan "reckless"]", "described [it as "a disaster"]").
_CORE_DEPS = frozenset("dobj oprd xcomp ccomp attr acomp dative".split())


#: Nouns of time, whose possessive names no owner of a claim ("Thursday night's debate").
_TIME_NOUNS = frozenset("night day week month year morning afternoon evening weekend today yesterday tomorrow".split())


def _that_clause_around(cue: Token, frag_start: int, frag_end: int) -> list[Token] | None:
    """The "that" clause holding the fragment when the parser hung it on a noun below
    the cue ("told analysts on a call [that demand had fallen "much faster"]")."""
    doc = cue.doc
    first = next((t for t in doc[cue.i:] if t.idx >= frag_start), None)
    t = first
    for _ in range(12):
        if t is None or t.i == cue.i or t.head.i == t.i:
            return None
        if t.dep_ in ("acl", "relcl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children) \
                and any(a.i == cue.i for a in t.ancestors):
            # (not the content of someone's claim: "responded to Trump's interjection that
            # ..." reports Trump's words, the noun and its owner stay in the span)
            # (a time is no owner: "mused in Thursday night's debate that ...")
            if any(c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME") and c.lemma_.lower() not in _TIME_NOUNS
                   for c in t.head.children):
                return None
            return list(t.subtree)
        t = t.head
    return None


def mixed_clause(cue: Token, frag_start: int, frag_end: int) -> tuple[int, int] | None:
    """The reported clause of ``cue`` that holds the quoted fragment [frag_start,
    frag_end) (its marks included), as character offsets; None when the fragment is
    not in what the cue reports."""
    if cue.lower_ == "according":
        subj = speaker_of(cue)
        toks = according_clause(cue, subj) if subj is not None else None
        if toks and toks[0].idx <= frag_start + 1 and frag_end - 1 <= toks[-1].idx + len(toks[-1]) + 1:
            return min(toks[0].idx, frag_start), max(toks[-1].idx + len(toks[-1]), frag_end)
    around = set_off_sentence(cue, (frag_start, frag_end)) or as_sentence(cue) or closing_sentence(cue)
    if around is not None:
        doc = cue.doc
        s, e = doc[around[0]].idx, doc[around[1]].idx + len(doc[around[1]])
        if s <= frag_start + 1 and frag_end - 1 <= e + 1:
            # the outer span: the attribution in its middle is part of it, as in the gold
            return min(s, frag_start), max(e, frag_end)
    comp = complement(cue)
    if comp is None and cue.dep_ == "parataxis" and any(c.dep_ in SUBJ_DEPS for c in cue.children):
        # "African-Americans, he said, can "rock like Jimi"": an attribution set off by
        # commas reports the rest of its sentence
        own = set(cue.subtree)
        comp = [t for t in sent_of(cue) if t not in own]
    if comp is None or not any(frag_start <= t.idx < frag_end for t in comp):
        comp = _that_clause_around(cue, frag_start, frag_end)
        comp = _right_continuation(cue, comp) if comp else comp
    if comp is None or not any(frag_start <= t.idx < frag_end for t in comp):
        kids = [c for c in cue.children if c.i > cue.i and c.dep_ not in SUBJ_DEPS and c.dep_ not in ("punct", "cc")]
        holder = next((c for c in kids if c.left_edge.idx <= frag_start + 1 and frag_start < c.right_edge.idx + len(c.right_edge)), None)
        if holder is None:
            return None
        # a phrase before a clause that holds the fragment is when or where it was said
        # ("tweeted [in the early hours] that X was "disgusting""), not what
        clause_holder = holder.pos_ in ("VERB", "AUX") and any(g.dep_ in SUBJ_DEPS for g in holder.children)
        keep = [c for c in kids if c.dep_ in _CORE_DEPS or c is holder
                or (c.dep_ == "prep" and c.i < holder.i and not clause_holder)]
        keep = [c for c in keep if c.i <= holder.i or c is holder]
        comp = sorted({t for c in keep for t in c.subtree}, key=lambda t: t.i)
    toks = [t for t in comp if t.i != cue.i]
    while toks and (toks[0].dep_ == "mark" or toks[0].is_space or toks[0].is_punct and toks[0].idx < frag_start):
        toks = toks[1:]
    while toks and (toks[-1].is_space or (toks[-1].is_punct or toks[-1].dep_ == "cc") and toks[-1].idx >= frag_end):
        toks = toks[:-1]
    if not any(frag_start <= t.idx < frag_end for t in toks):
        return None
    # the marks belong to the quote even when the parse hangs them elsewhere
    s, e = min(toks[0].idx, frag_start), max(toks[-1].idx + len(toks[-1]), frag_end)
    rel = relative_opening(cue)
    if rel is not None and rel.idx < s:
        return rel.idx, e  # the relative pronoun is what was called so: the report opens with it
    if s <= cue.idx < e:
        return None
    return s, e
