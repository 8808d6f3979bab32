"""Cues and speakers in the parse, shared by steps 6 and 7 (and by stage 4).

``is_cue`` tells a token that attributes speech, ``cue_phrase`` gives the cue as
written, ``speaker_of`` its subject and ``mention_span`` the subject's surface
mention.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token
from .dateline import DATELINE_DASHES
from .apposition import SUBJ_DEPS
from .apposition import named_apposition as _named_apposition
from .marks import MARK_TOKENS

from ..lexicon import (
    COGNITION_VERBS,
    EVIDENCE_OBJECT_VERBS,
    EVIDENCE_SOURCES,
    EVIDENCE_VERBS,
    INTRANSITIVE_ONLY_VERBS,
    LIGHT_VERB_CUES,
    MENTION_LEADING_WORDS,
    OBJECT_CONTENT_CUES,
    OBJECT_CONTENT_NEEDS_PREP,
    OBJECT_CONTENT_PREPS,
    OBJECT_CONTROL_VERBS,
    PERSON_NOUNS,
    REFUSAL_CUES,
    SPEAKING_GROUP_NOUNS,
    SPEAKING_INFINITIVES,
    SPEECH_VERBS,
    SPOKESPERSON_NOUNS,
    XCOMP_CUES,
)
from ..nlp import chunks_within, ent_at, sent_of, text_of


def tok_at(doc: Doc, char: int) -> Token | None:
    """The token that covers character ``char``, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


# ------------------------------------------------------------------ cues


def is_cue(tok: Token) -> bool:
    """A token that attributes speech: a speech verb, or a light-verb cue ("made it clear")."""
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
        return False
    lemma = tok.lemma_.lower()
    if lemma in COGNITION_VERBS:
        return False
    if lemma == "call":
        # "called X a genius" / "called for" are speech; a phone call is not
        return any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ == "for" for c in tok.children
        ) or object_content(tok) is not None
    if lemma == "cite" or lemma in OBJECT_CONTENT_CUES and lemma not in SPEECH_VERBS:
        # "denounced the coup attempt", "touted his record": judging aloud, a cue with its object
        return object_content(tok) is not None
    if lemma == "put" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return True  # "as the Financial Times put it"
    if lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
        # "pointed out that ...", "as one adviser pointed out, ..." ("pointing out where
        # the store used to be" shows a place)
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) or any(
            c.dep_ == "ccomp" and c.i > tok.i and c.left_edge.tag_ not in ("WRB", "WP", "WDT") for c in tok.children)
    if lemma in INTRANSITIVE_ONLY_VERBS:
        # "he continued:" is speech; "Israel would continue its operations" is not
        return not any(c.dep_ in ("dobj", "xcomp", "prep", "acomp", "attr") for c in tok.children)
    if lemma in SPEECH_VERBS:
        return True
    if lemma in EVIDENCE_VERBS:
        return evidence_cue(tok)
    if lemma in XCOMP_CUES:
        # "declined to comment": the infinitive is what was (not) said
        return any(c.dep_ == "xcomp" and c.i > tok.i and (lemma not in REFUSAL_CUES or c.lemma_.lower() in SPEAKING_INFINITIVES)
                   for c in tok.children)
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return True
    if lemma in LIGHT_VERB_CUES:
        objs = {c.lower_ for c in tok.children if c.dep_ in ("dobj", "oprd", "ccomp", "acomp", "attr", "xcomp")}
        objs |= {g.lower_ for c in tok.children if c.dep_ in ("dobj", "ccomp") for g in c.children if g.dep_ in ("oprd", "acomp", "amod")}
        return bool(objs & LIGHT_VERB_CUES[lemma])
    return False


def _names_a_source(obj: Token) -> bool:
    """Whether a cited object is a source (people, officials, a person) rather than what
    they said."""
    lemma = obj.lemma_.lower()
    return obj.ent_type_ in ("PERSON", "ORG") or lemma in SPOKESPERSON_NOUNS or obj.lower_ in SPEAKING_GROUP_NOUNS \
        or lemma in SPEAKING_GROUP_NOUNS or lemma in PERSON_NOUNS or lemma in ("person", "people")


def object_content(tok: Token) -> list[Token] | None:
    """What a cue of OBJECT_CONTENT_CUES reports: "cited [the figure as proof]", "called
    for [a recount]", "called on [voters to stay home]" ("called on Monday" reports
    nothing: "on" needs a person and a "to"-infinitive)."""
    heads = OBJECT_CONTENT_CUES.get(tok.lemma_.lower())
    if heads is None:
        return None
    if tok.lemma_.lower() == "call":
        # "Democrats called [the citation a political ploy]": an object and what it was
        # called is a claim about it, reported as the subject's
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        pred = next((c for c in tok.children if c.dep_ in ("oprd", "xcomp") and obj is not None and c.i > obj.i), None)
        if obj is not None and pred is not None:
            return sorted(set(obj.subtree) | set(pred.subtree), key=lambda t: t.i)
        # "is calling for [Trump to be banned]": the parser makes "for" the mark of an
        # infinitive clause with its own subject
        for c in tok.children:
            if c.dep_ == "advcl" and c.i > tok.i and any(g.dep_ == "mark" and g.lower_ == "for" and g.i == tok.i + 1 for g in c.children):
                return [t for t in c.subtree if t.i > tok.i + 1]
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "dobj" and "" in heads and tok.lemma_.lower() == "cite" and _names_a_source(c):
            return None  # "cited two people familiar with the matter": whom, not what
        if c.dep_ == "dobj" and "" in heads and c.pos_ in ("NOUN", "PROPN", "PRON"):
            extra = [t for a in tok.children if a.dep_ == "prep" and a.lower_ in OBJECT_CONTENT_PREPS and a.i > c.i
                     for t in a.subtree]
            if not extra and tok.lemma_.lower() in OBJECT_CONTENT_NEEDS_PREP:
                return None
            # (not a relative clause that reports someone else: "rejected the offer, [which
            # its leader says would cut pay]" is the leader's report, not the content)
            others = {t for r in c.children if r.dep_ == "relcl" and any(is_cue(x) for x in r.subtree) for t in r.subtree}
            return sorted((set(c.subtree) - others) | set(extra), key=lambda t: t.i)
        if c.dep_ != "prep" or c.lower_ not in heads:
            continue
        # "called for [reducing the rate]": a gerund is the preposition's pcomp
        obj = next((g for g in c.children if g.dep_ == "pobj" or g.dep_ == "pcomp" and c.lower_ == "for"), None)
        if obj is None or obj.ent_type_ in ("DATE", "TIME"):
            return None
        if c.lower_ in ("about", "of"):
            # "spoke about [the legacy of racism]" ("spoke with X about ..." is a conversation)
            if any(a.dep_ == "prep" and a.lower_ in ("to", "with") for a in tok.children):
                return None
            return list(obj.subtree)
        inf = [g for g in (*tok.children, *obj.children) if g.dep_ in ("xcomp", "advcl", "acl", "ccomp") and g.i > obj.i
               and any(a.lower_ == "to" and a.dep_ == "aux" for a in g.children)]
        if c.lower_ == "for":
            # "called for [contestants to wear ...]": the infinitive may hang on the verb
            return sorted(set(obj.subtree) | (set(inf[0].subtree) if inf else set()), key=lambda t: t.i)
        return sorted(set(obj.subtree) | set(inf[0].subtree), key=lambda t: t.i) if inf else None
    return None


def evidence_cue(tok: Token) -> bool:
    """"The study found that ...", "polls show ...": a verb of finding with a reported
    clause whose subject is a study, poll or document (a person who "found" something
    is not reported speech).  A source's "show"/"find" reports its object too ("polls
    show [a close race]", "a study found [31 cases]"), and a source may close the
    sentence it reports ("..., a new analysis shows."); an organisation's finding
    with a clause is one as well ("the Observer found that ...")."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    after = [c for c in tok.children if c.i > tok.i and c.dep_ not in ("punct", "cc")]
    if subj.lemma_.lower() not in EVIDENCE_SOURCES:
        # on the annotated corpus an organisation that finds or shows with a clause
        # is an attribution .7-1.0 of the time; a person "finding" is mostly opinion
        return tok.lemma_.lower() in EVIDENCE_OBJECT_VERBS and subj.ent_type_ == "ORG" \
            and any(c.dep_ == "ccomp" for c in after)
    if any(c.dep_ == "ccomp" for c in after):
        return True
    if tok.lemma_.lower() in EVIDENCE_OBJECT_VERBS and any(c.dep_ == "dobj" for c in after):
        return True
    # nothing after the verb but its modifiers: the report came before it ("..., a new
    # analysis shows."; the clause step takes it only from a clause or a comma)
    return not any(c.dep_ in ("dobj", "xcomp", "attr", "acomp", "oprd", "dative", "prep", "prt") for c in after)


def cue_phrase(tok: Token) -> tuple[str, int, int]:
    """The cue as written: the verb with its auxiliaries and light-verb object ("has said", "made it clear")."""
    toks = [tok]
    toks += [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < tok.i and tok.i - c.i <= 3]
    lemma = tok.lemma_.lower()
    if lemma in LIGHT_VERB_CUES:
        for c in tok.children:
            if c.dep_ in ("dobj", "oprd", "ccomp", "acomp", "attr", "xcomp") and c.i > tok.i:
                if c.lower_ in LIGHT_VERB_CUES[lemma]:
                    toks.append(c)
                for g in c.children:
                    if g.dep_ in ("oprd", "acomp", "amod") and g.lower_ in LIGHT_VERB_CUES[lemma]:
                        toks += [c, g]
    if lemma == "accord":
        toks += [c for c in tok.children if c.lower_ == "to"]
    toks = sorted(set(toks), key=lambda t: t.i)
    # keep it contiguous-ish: from the first to the last token
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    doc = tok.doc
    return text_of(doc)[s:e], s, e


# ------------------------------------------------------------------ subjects and mentions

_CUT_DEPS = {"relcl", "appos", "punct", "advcl", "cc", "conj", "acl", "parataxis"}


def mention_span(head: Token) -> tuple[int, int]:
    """The speaker mention around its head: pre-modifiers and "of" phrases, without
    relative clauses, appositions or parentheticals ("Nigel Farage, who was ...")."""
    toks = [head]

    def add(t: Token) -> None:
        for c in t.children:
            # "those surveyed", "those who back her": the clause is who "those" are
            if c.dep_ in _CUT_DEPS and not (t.i == head.i and head.lower_ == "those" and c.dep_ in ("acl", "relcl") and c.i > head.i):
                continue
            # "Allies of Mr Trump", "aides familiar with the talks": "of" phrases, and the
            # complement of an adjective, belong to the mention; other phrases do not
            spokes = t.i == head.i and t.lemma_.lower() in ("spokesman", "spokeswoman", "spokesperson", "official", "source", "representative")
            if c.dep_ == "prep" and (c.lower_ not in ("of",) and not (spokes and c.lower_ in ("for", "at")) or c.i < t.i) \
                    and not (t.pos_ == "ADJ" and c.i > t.i):
                continue
            if c.i > head.i and any(x.text in ",(—–" for x in head.doc[head.i:c.i]):
                continue
            if c.i < head.i and c.dep_ != "conj" and any(x.text == "," for x in head.doc[c.i:head.i]):
                continue  # "Of Carson, Levine said": a comma ends what names the speaker
            toks.append(c)
            add(c)

    add(head)
    s = min(t.i for t in toks)
    e = max(t.i for t in toks) + 1
    doc = head.doc
    if head.dep_ in SUBJ_DEPS:
        # "Developers and supporters said": the mention covers every conjunct (the
        # speakers stage splits it into several speakers) -- but only conjuncts an "and"
        # or "or" joins: "China, Pyongyang's only ally and its lifeline" is an apposition
        # the parser took for a list
        joined = any(c.dep_ == "cc" for c in head.children)
        for c in head.children:
            if c.dep_ == "conj" and c.i > head.i and c.pos_ in ("PROPN", "NOUN", "PRON") and joined:
                e = max(e, _last_index(c) + 1)
    # a name is never cut: "The Institute for Fiscal Studies" is one mention
    ent = ent_at(doc, head.i)
    # ...unless the NER's span is itself a slip ("the House of Commons, Davey urged Starmer")
    if ent is not None and not any(t.pos_ in ("VERB", "AUX") or t.text in ",;:" for t in ent):
        s, e = min(s, ent.start), max(e, ent.end)
    # a compound-name head can carry a trailing possessive; drop "'s" at the end
    while e - 1 > s and doc[e - 1].tag_ in ("POS",):
        e -= 1
    # a dateline the parser hung on the name ("New York (AFP) - Vice President Joe Biden")
    dash = max((k for k in range(s, head.i) if doc[k].text in DATELINE_DASHES and doc[k].whitespace_
                and k > 0 and doc[k - 1].whitespace_ != ""), default=None)
    if dash is not None:
        s = dash + 1
    # words before whom it names: markup or punctuation left in the text ('">Sanders'),
    # "Both" of "Both X and Y", a focus adverb ("Even China"), and the cue itself when
    # the NER or chunker took an inverted "Said Ellis:" for one name
    while s < head.i and (doc[s].is_punct or doc[s].dep_ == "preconj" or doc[s].lower_ in MENTION_LEADING_WORDS):
        s += 1
    start = doc[s].idx
    # markup left in the text before the name ('...">Sanders said'): the name starts after it
    tag_end = text_of(doc).rfind(">", start, max(start, head.idx + len(head) - 1))
    if tag_end != -1 and tag_end + 1 < head.idx + len(head):
        start = tag_end + 1
    return start, doc[e - 1].idx + len(doc[e - 1])


def _last_index(tok: Token) -> int:
    """The last token index of a conjunct's mention (its name, without clauses)."""
    s, e = mention_span(tok)
    span = tok.doc.char_span(s, e, alignment_mode="expand")
    return span.end - 1 if span is not None else tok.i


def adjacent_subject(cue: Token) -> Token | None:
    """'..." Tulsa police Chief Chuck Jordan said Monday' / 'said Ellis:' when the parse
    attached the cue elsewhere: the noun phrase ending just before the cue (past
    adverbs) or, for an inverted cue, starting just after it."""
    doc = cue.doc
    sent = sent_of(cue)
    i = cue.i - 1
    while i >= sent.start and (doc[i].pos_ in ("ADV", "AUX", "PART") or doc[i].dep_ in ("aux", "neg", "advmod")):
        i -= 1
    chunks = chunks_within(doc, sent.start, sent.end)
    for chunk in chunks:
        # (never the object of a preposition: "Protesters marching through [the streets] chanted")
        if chunk.end - 1 == i and chunk.root.pos_ in ("PROPN", "NOUN", "PRON") and chunk.root.lower_ not in ("it", "this", "that", "which") \
                and chunk.root.dep_ != "pobj":
            return chunk.root
    # an inverted subject follows a finite cue only ("said Ellis:"); after a gerund it is
    # the object ("tweets criticizing Alicia Machado, the former ...")
    j = cue.i + 1 if cue.tag_ != "VBG" else len(doc)
    # '"Meh," wrote a supporter who ...': right after a closing mark the verb is inverted,
    # and the noun after it speaks whatever the parse made of it
    after_quote = cue.i > 0 and doc[cue.i - 1].text in MARK_TOKENS and cue.lemma_.lower() not in OBJECT_CONTROL_VERBS
    for chunk in chunks:
        # "said Ellis:" -- but "telling MPs:" names the addressee, not the speaker
        if chunk.start == j and chunk.root.pos_ in ("PROPN", "NOUN", "PRON") and (
                after_quote or chunk.end >= sent.end or doc[chunk.end].is_punct):
            if not after_quote and (cue.lemma_.lower() in OBJECT_CONTROL_VERBS or chunk.root.dep_ in ("dobj", "dative")):
                break
            return chunk.root
    # an entity that the chunker missed: "... Chuck Jordan said"
    # spaCy's entities do not overlap: the one ending at i, then the one starting at j
    for ent in (ent_at(doc, i) if i >= 0 else None, ent_at(doc, j) if j < len(doc) else None):
        if ent is not None and ent.label_ in ("PERSON", "ORG") and (ent.end - 1 == i or ent.start == j):
            return ent.root
    return None


def _quoted_as_saying(cue: Token) -> Token | None:
    """"The paper quoted Tom Reed as saying ...": the object of "quoted" speaks."""
    prep = cue.head
    if cue.dep_ == "pcomp" and prep.lower_ == "as" and prep.head.lemma_.lower() == "quote":
        return next((c for c in prep.head.children if c.dep_ == "dobj"), None)
    return None


def _inside_report(tok: Token) -> bool:
    """Whether ``tok`` lies in what another cue reports (up the tree to a cue by any
    relation but coordination: "said the campaign expects Holt to [insert] himself"
    is inside; "described it as ..., but [stopped] short of calling" is beside)."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return False
        if is_cue(t.head) and t.dep_ != "conj":
            return True
        t = t.head
    return False


def _governing_verb(cue: Token) -> Token | None:
    """The verb a gerund cue hangs from through a preposition ("[said], despite admitting",
    "[stopped] short of calling"), or the subject it hangs from ("[Ryan], despite
    admitting ..., said"), or None."""
    if cue.tag_ != "VBG" or cue.dep_ != "pcomp":
        return None
    t = cue.head
    for _ in range(3):  # prep, then an adverb or adjective it modifies ("short of")
        if t.pos_ in ("VERB", "AUX") or t.dep_ in SUBJ_DEPS and t.pos_ in ("PROPN", "NOUN"):
            return t
        if t.dep_ not in ("prep", "advmod", "acomp", "npadvmod") or t.head.i == t.i:
            return None
        t = t.head
    return t if t.pos_ in ("VERB", "AUX") else None


def _gerund_speaker(cue: Token) -> Token | None:
    """"despite admitting that ...", "after saying ...", "by insisting ...": a gerund under
    a preposition is said by the subject of the verb the preposition modifies (None
    when there is no such verb, or it lies inside someone else's report)."""
    gov = _governing_verb(cue)
    if gov is not None and _inside_report(gov):
        # "Mook said the campaign expects Holt to [insert] himself ... by calling out
        # Trump": a verb inside someone's report; its subject said nothing
        gov = None
    if gov is not None and gov.dep_ in SUBJ_DEPS:
        return _named_apposition(gov)  # "Ryan, despite admitting that ..., said"
    # ("... described the incident, but stopped short of calling": a conjoined verb
    # without a subject of its own has the first verb's)
    while gov is not None and gov.dep_ == "conj" and not any(c.dep_ in SUBJ_DEPS for c in gov.children):
        gov = gov.head
    if gov is not None:
        for c in gov.children:
            # never "It goes without saying that ...": an expletive names no one
            expletive = c.lower_ == "there" or c.lower_ == "it" and gov.lemma_.lower() in ("go", "be", "seem")
            if c.dep_ in SUBJ_DEPS and c.lower_ not in ("i", "we", "you") and not expletive:
                return _named_apposition(c)
    return None


def _subject_the_parser_lost(cue: Token) -> Token | None:
    """A cue with no subject of its own in the parse: a noun phrase right next to it, or
    the subject of the verb it is coordinated with or completes."""
    # the parser lost the subject: a noun phrase right next to the cue
    adj = adjacent_subject(cue)
    # '..." Tulsa police Chief Chuck Jordan said': a name just before the cue wins
    # (not an object before an infinitive: "Lewandowski taking to Twitter to call ...";
    # "footage of Hillary Clinton asking" is hers)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)
    if adj is not None and adj.i < cue.i and (adj.pos_ == "PROPN" or adj.ent_type_ in ("PERSON", "ORG")) \
            and not (infinitive and adj.dep_ in ("pobj", "dobj")):
        return _named_apposition(adj)
    # "He smiled and said", "hit back, telling MPs": the subject of the governing verb
    # (never a first or second person: that is the quote's own clause)
    # "went on to say": the subject of the verb that the cue completes
    goes_on = cue.dep_ == "xcomp" and cue.head.lemma_.lower() in ("go", "continue", "proceed")
    if cue.dep_ in ("conj", "advcl") and (cue.dep_ == "conj" or cue.tag_ == "VBG") \
            and cue.head.dep_ == "ccomp" and is_cue(cue.head.head):
        # "Jones said the plan would fail and added that ...", "analysts said the
        # factors mattered, citing ...": the parser hangs the second cue inside the
        # first report; its speaker is the first cue's, not the report's subject
        return speaker_of(cue.head.head)
    # ("Protesters marching through the streets chanted": a finite cue the parser hung as
    # a clause of the participle before it has that participle's subject)
    # (not a fronted participle: "Asked whether ..., the spokesman said" -- he was asked)
    finite_after = cue.tag_ == "VBD" and cue.dep_ == "advcl" and cue.i > cue.head.i
    # "Lewandowski taking to Twitter to call Fields ...": an infinitive of purpose is
    # said by the subject of the verb it serves
    purpose = cue.dep_ == "advcl" and cue.i > cue.head.i and infinitive
    # ("Clinton, exasperated, responded:": a cue the parser left unattached ("dep") after
    # the verb whose subject it has)
    loose = cue.dep_ == "dep" and cue.i > cue.head.i and cue.head.pos_ in ("VERB", "AUX", "ADJ")
    if cue.dep_ in ("conj", "xcomp", "advcl", "dep") and (cue.dep_ == "conj" or cue.tag_ == "VBG" or finite_after or goes_on
                                                         or purpose or loose):
        t = cue
        while t.dep_ in ("conj", "xcomp", "advcl", "dep") and t.head.i != t.i:
            t = t.head
            for c in t.children:
                if c.dep_ in SUBJ_DEPS and c.lower_ not in ("i", "we", "you"):
                    return _named_apposition(c)
    if adj is not None:
        return _named_apposition(adj)
    return None


def _inside_marks(tok: Token) -> bool:
    """Whether ``tok`` stands between quotation marks opened earlier in its sentence."""
    doc = tok.doc
    start = tok.sent.start
    return sum(1 for t in doc[start:tok.i] if t.text in MARK_TOKENS) % 2 == 1


def speaker_of(cue: Token) -> Token | None:
    """The subject of a cue verb, looking through conjunctions and auxiliaries."""
    # a passive cue's subject is what was said or whom it was said to ("the risk is said
    # to be low", "she was warned that ..."): the speaker is the agent, if any
    passive = any(c.dep_ == "auxpass" for c in cue.children)
    subjects = [c for c in cue.children if c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and not passive]
    # "which No 10 said": the relative pronoun belongs to the reported clause
    # (of two subjects the parser gave one verb, "New Delhi: The government will ...,
    # minister X said", the one next to the verb)
    # ('"Meh," wrote a supporter': the parser may make a word of the quote a subject too)
    subjects.sort(key=lambda c: (c.tag_ in ("WDT", "WP"), _inside_marks(c), abs(cue.i - c.i)))
    # "Of Carson, Levine said": a preposition the parser made the subject; the noun it
    # governs is the one that speaks
    subjects = [next((g for g in c.children if g.dep_ == "pobj"), c) if c.pos_ == "ADP" else c for c in subjects]
    subjects = [c for c in subjects if c.pos_ != "ADP"]
    if subjects:
        if (subjects[0].tag_ == "WP" or subjects[0].lower_ in ("which", "that") and subjects[0].tag_ == "WDT") \
                and cue.dep_ == "relcl" and cue.head.pos_ in ("PROPN", "NOUN"):
            # "Ms Lee, who added that ...", "the police department, which reported ...": the antecedent
            return _named_apposition(cue.head)
        return _named_apposition(subjects[0])
    if passive:
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    quoted = _quoted_as_saying(cue)
    if quoted is not None:
        return quoted
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("PROPN", "NOUN") and cue.head.i < cue.i \
            and (cue.head.pos_ == "PROPN" or cue.head.ent_type_ == "PERSON" or cue.head.lower_ in SPEAKING_GROUP_NOUNS):
        return _named_apposition(cue.head)  # "footage of Trump saying ...", "critics saying ..."
    for c in cue.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if cue.lemma_.lower() == "accord":
        for c in cue.children:
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
    gerund = _gerund_speaker(cue)
    if gerund is not None:
        return gerund
    return _subject_the_parser_lost(cue)
