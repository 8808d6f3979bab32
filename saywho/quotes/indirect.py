"""Step 7 of the cascade: indirect speech.

A speech verb with a reported clause ("No 10 said [it covered trade]"), also
inside a quote when a named third party is reported, and "according to X, Y".
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..lexicon import (
    AGENT_NOUNS_ENT,
    DATA_NOUNS,
    EVIDENCE_SOURCES,
    EVIDENCE_VERBS,
    ANIMATE_ORG_NOUNS,
    NOT_AGENT_NOUNS,
    QUANTIFIER_HEADS,
    REPORTING_VERBS,
    ROLE_HEAD_NOUNS,
    SPEAKING_PERSON_NOUNS,
    WRITTEN_SOURCES,
    XCOMP_CUES,
    SPEAKING_GROUP_NOUNS,
    LIGHT_VERB_CUES,
    OBJECT_CONTROL_VERBS,
    ORG_ALIASES,
    PERSON_NOUNS,
    SPOKESPERSON_NOUNS,
)
from ..model import Skipped
from ..nlp import LINE_BREAK, sent_of, text_of
from .clause import complement
from .sentence import according_clause, relative_opening, set_off_sentence
from .found import Found
from .marks import Para, SpanSet, in_spans, para_index
from .syntax import SUBJ_DEPS, cue_phrase, is_cue, mention_span, object_content, speaker_of
from .venue import date_and_venue


def _trim_to_avoid(toks: list[Token], spans: "list[tuple[int, int]] | SpanSet") -> list[Token]:
    """Drop the adverbial and coordinated clauses of a complement that reach into a
    quote: "urged Starmer to turn to Europe [after Trump called Putin a "genius"]"."""
    keep = set(toks)
    for t in toks:
        if t.dep_ in ("advcl", "conj", "relcl") and t in keep:
            sub = set(t.subtree)
            if any(in_spans(x.idx, spans) for x in sub):
                keep -= sub
                # the conjunction that joined the removed clause goes with it
                keep -= {c for c in t.head.children if c.dep_ == "cc" and c.i < t.i}
    out = sorted(keep, key=lambda t: t.i)
    if len(out) < len(toks):
        # keep the unbroken run from the start: what follows a removed clause is not the report
        run = out[:1]
        for t in out[1:]:
            if t.i != run[-1].i + 1:
                break
            run.append(t)
        out = run
    return out


def _can_speak(subj: Token, cue: Token | None = None) -> bool:
    """A subject that can say something: a person, a group, an organisation; for a
    reporting verb ("say", "write", ...) also a document ("the report says")."""
    s, e = mention_span(subj)
    if text_of(subj.doc)[s:e].lower() in ORG_ALIASES:
        return True
    if subj.pos_ == "PRON":
        if subj.lower_ in QUANTIFIER_HEADS:
            return _quantified_group(subj, cue)
        if subj.lower_ == "it":
            # "It says the campaign broke the law": an organisation or a document
            return cue is not None and cue.lemma_.lower() in REPORTING_VERBS
        if subj.lower_ == "those":
            # "those close to him say ...", "those who know her say ...": people described
            return any(c.dep_ in ("amod", "acl", "relcl", "prep") for c in subj.children)
        return subj.lower_ in ("he", "she", "they", "we", "i", "who", "whom", "someone", "somebody")
    if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
        return True
    lemma = subj.lemma_.lower()
    if subj.pos_ == "PROPN" or subj.like_num:
        return True
    if lemma == "percent" and any(c.dep_ == "nummod" for c in subj.children):
        return True  # "73 percent said": the people polled
    if lemma in QUANTIFIER_HEADS or subj.lower_ in QUANTIFIER_HEADS:
        return _quantified_group(subj, cue)
    if lemma in ("person", "individual", "someone", "somebody"):
        return True  # "a person familiar with the negotiations said ..."
    if lemma in PERSON_NOUNS or lemma in SPEAKING_GROUP_NOUNS or subj.lower_ in SPEAKING_GROUP_NOUNS or lemma in SPOKESPERSON_NOUNS or lemma in ANIMATE_ORG_NOUNS:
        return True
    if lemma in ROLE_HEAD_NOUNS or lemma in SPEAKING_PERSON_NOUNS:
        return True  # "Whitfield's attorney said ...", "the patient told investigators ..."
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subj.children):
        return True  # a description with a name in apposition ("her attorney, Marcus Bell,")
    if subj.pos_ == "NOUN" and _agent_noun(lemma):
        return True  # "the driver", "engineers", "developers"
    if any(c.dep_ == "conj" and _can_speak(c, cue) for c in subj.children):
        return True  # "Developers and supporters in Congress"
    if cue is not None and cue.lemma_.lower() in EVIDENCE_VERBS and lemma in EVIDENCE_SOURCES:
        return True  # "the poll shows ...", "the data suggest ...": the source's finding
    if cue is not None and cue.lemma_.lower() in REPORTING_VERBS and subj.pos_ == "NOUN" and subj.dep_ == "nsubj" \
            and subj.head.i == cue.i and lemma != "time":
        # "the magazine said ...", "some advocates said ...", "three-quarters of the voters
        # said ...": a say-type verb with a reported clause is an attribution .9 of the time
        # whatever its own subject ("only time will tell" is an idiom; a subject borrowed
        # from a governing noun, "the decision to tell voters ...", is not the teller)
        return True
    return cue is not None and cue.lemma_.lower() in REPORTING_VERBS and lemma in WRITTEN_SOURCES


def _agent_noun(lemma: str) -> bool:
    """A noun that names a doer by its suffix ("driver", "investigator", "economist")."""
    if lemma in NOT_AGENT_NOUNS or len(lemma) < 5:
        return False
    return lemma.endswith(("er", "or", "ist", "ian", "eer")) or lemma in AGENT_NOUNS_ENT


def _quantified_group(head: Token, cue: Token | None) -> bool:
    """"Several of the nurses", "many in the party": the group named after "of"/"in"."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "among"):
            for g in c.children:
                if g.dep_ == "pobj" and (_can_speak(g, cue) or g.lower_ in ("them", "us", "those")):
                    return True
    # "Nearly half said they ...", "most said ...": the people polled or asked, when a
    # say-type verb reports their clause ("one could say", "all told" are set phrases)
    return cue is not None and cue.lemma_.lower() in REPORTING_VERBS and head.dep_ == "nsubj" and head.head.i == cue.i \
        and head.lower_ not in ("one", "all")


def _trailing(cue: Token, marked: SpanSet) -> tuple[int, int] | None:
    """"The deal was off, but talks went on, the source added.": an attribution that
    closes its sentence after a comma reports all of the sentence before the comma."""
    doc = cue.doc
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subj is None or any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
        return None
    lo = min(subj.left_edge.i, cue.i)
    while lo > 0 and doc[lo - 1].dep_ in ("aux", "neg", "advmod") and doc[lo - 1].head.i == cue.i:
        lo -= 1
    sent = sent_of(cue)
    if lo - 1 <= sent.start or doc[lo - 1].text != ",":
        return None
    # after the attribution: only its own modifiers ("in a statement", "on Monday")
    if any(t.pos_ in ("VERB", "AUX") and t.i != cue.i and t.head.i != cue.i for t in doc[cue.i + 1:sent.end]):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative") and c.i > cue.i for c in cue.children):
        return None  # "In her book, Clinton noted the clot": the cue has its own object
    toks = [t for t in doc[sent.start:lo - 1] if not t.is_space]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    # the report is a clause with a finite verb and its subject, not a fronted phrase
    # ("At Monday's debate, Clinton mentioned ...") or a subordinate clause
    # (the clause's own verb, hanging on the cue or outside: not a verb inside a title
    # or a noun phrase of the fronted part, "In his book, Make Your Kid a Millionaire")
    inside = {t.i for t in toks}
    finite = [t for t in toks if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and any(c.dep_ in SUBJ_DEPS for c in t.children)
              and (t.head.i == cue.i or t.head.i not in inside)]
    if len(toks) < 4 or not finite or toks[0].dep_ == "mark" or toks[0].lower_ in ("when", "if", "while", "because", "although", "as"):
        return None
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    if marked.overlapping(s, e) or LINE_BREAK.search(text_of(doc), s, e):
        return None
    return s, e


def _set_off(cue: Token, marked: SpanSet) -> tuple[int, int] | None:
    """"The middle fifth paid 8.9 percent, the agency said, and the bottom fifth 0.8
    percent": an attribution set off by commas reports its whole sentence (the outer
    span, the attribution inside it); None when a quote in it makes it a mixed one."""
    around = set_off_sentence(cue)
    if around is None:
        return None
    doc = cue.doc
    s, e = doc[around[0]].idx, doc[around[1]].idx + len(doc[around[1]])
    if marked.overlapping(s, e) or LINE_BREAK.search(text_of(doc), s, e):
        return None
    return s, e


def _parenthetical(cue: Token, marked: SpanSet) -> tuple[int, int] | None:
    """"Before the vote, Patel said, the party had lost its way", "The deal is off,
    the source added", "As the Financial Times put it, the deal is dead": an
    attribution set off by a comma in the sentence it reports; the report is the rest
    of the sentence."""
    doc = cue.doc
    as_put = cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    if cue.dep_ != "parataxis" and not as_put or not any(c.dep_ in SUBJ_DEPS for c in cue.children):
        return None
    # a fronted modifier the parser hung on the cue ("At times last year, aides said, the
    # plan ...") belongs to the report, not to the attribution
    subj_i = min(c.i for c in cue.children if c.dep_ in SUBJ_DEPS)
    fronted = {t for c in cue.children if c.i < subj_i and c.dep_ in ("prep", "advmod", "npadvmod", "advcl")
               for t in c.subtree}
    own = [t for t in cue.subtree if t not in fronted]
    if fronted and own and own[0].i > 0 and doc[own[0].i - 1].text == "," and own[0].text != ",":
        own = [doc[own[0].i - 1]] + own
    lo, hi = own[0].i, own[-1].i
    if not as_put and (lo == 0 or doc[lo - 1].text != "," and doc[lo].text != ","):
        return None
    sent = sent_of(cue)
    toks = [t for t in sent if not (lo <= t.i <= hi)]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    if len(toks) < 4 or not as_put and toks[0].i > lo:
        return None  # the report comes first ("as X put it" may open it)
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    if marked.overlapping(s, e):
        return None  # a quote in the sentence: the marked quote has it
    brk = LINE_BREAK.search(text_of(doc), s, e)
    return None if brk else (s, e)


def indirect_quotes(doc: Doc, found: list[Found], paras: list[Para], skipped: list[Skipped]) -> list[Found]:
    """Reported speech: every cue with a reported clause and a subject that can
    speak, outside debris and outside the marked quotes ``found`` (inside one only
    for a named third party, as its child); "according to X, Y" as well."""
    text = text_of(doc)
    # indexed: every cue asks which quotes its report would overlap (a scan each was quadratic)
    marked = SpanSet([(f.open_mark if f.open_mark is not None else f.start, (f.close_mark + 1) if f.close_mark is not None else f.end)
                      for f in found])
    direct_spans = SpanSet([(f.start, f.end) for f in found if f.type == "direct"])
    # the cue of each marked quote, with where that quote ends
    cue_spans: dict[int, int] = {}
    for f in found:
        if f.cue_start is not None:
            cue_spans[f.cue_start] = max(cue_spans.get(f.cue_start, -1), f.end)
    out: list[Found] = []
    para_of = para_index(paras)
    debris = SpanSet([(s.start, s.end) for s in skipped])
    for cue in doc:
        if cue.lower_ == "according" and cue.dep_ == "prep" and is_cue(cue):
            f = _according_to(cue, marked, para_of)
            if f is not None:
                out.append(f)
            continue
        if not is_cue(cue) or cue.lemma_.lower() == "call" and object_content(cue) is None:
            # "called the plan a disaster" names, it reports nothing of its own
            continue
        if cue.idx in cue_spans and cue_spans[cue.idx] > sent_of(cue).start_char:
            # the marked quote has this cue; one that ended before the cue's sentence
            # ('"It's not true." He said the plan would fail.') leaves its clause free
            continue
        if any(c.dep_ == "neg" for c in cue.children) and cue.lemma_.lower() != "mention":
            # "has not said whether ...", "did not say": nothing was said ("never mentioned
            # Clinton" tells what a speech left out: an attribution, 9 of 11 on the annotated corpus)
            continue
        k = para_of(cue.idx)
        if k is None or paras[k].skipped or debris.has(cue.idx):
            continue
        paren = _set_off(cue, marked) or _trailing(cue, marked)
        comp = complement(cue) if paren is None else None
        paren = paren or (_parenthetical(cue, marked) if comp is None else None)
        if comp is None and paren is None:
            continue
        subj = speaker_of(cue)
        if subj is None or not _can_speak(subj, cue):
            continue
        if cue.lemma_.lower() in XCOMP_CUES and not any(c.dep_ in SUBJ_DEPS for c in cue.children):
            continue  # "... and threatened to ...": a borrowed subject is often the wrong one
        in_quote = in_spans(cue.idx, direct_spans)
        if in_quote and not any(t.ent_type_ == "PERSON" for t in subj.subtree):
            # inside a quote, only a named third party's words are a quotation of their own
            continue
        span = paren or _report_span(cue, comp or [], marked, text)
        if span is None:
            continue
        s, e = span
        f = Found(start=s, end=e, type="indirect", para=k, confidence=0.6)
        f.cue, f.cue_start, f.cue_end = cue_phrase(cue)
        f.mention = mention_span(subj)
        f.mention_head = subj.i
        f.date_text, f.venue, f.addressee = date_and_venue(cue, marked)
        if in_quote:
            f.parent = next(j for j, q in enumerate(found) if q.type == "direct" and q.start <= cue.idx < q.end)
            f.confidence = 0.5
        out.append(f)
    return _outermost(out)


def _report_span(cue: Token, comp: list[Token], marked: SpanSet, text: str) -> tuple[int, int] | None:
    """The characters of what ``cue`` reports, cut from its complement ``comp``; None
    when too little is left or the report runs into a quotation or over the cue."""
    toks = _trim_to_avoid(comp, marked)
    # drop the complementiser and a relative-pronoun subject ("which No 10 said covered ...");
    # "whether" and "if" stay: without them a doubt would read as a statement
    # (a relative pronoun before the cue is taken back below, after the checks: "[which]
    # he said were evenly split"; a determiner "that" stays: "said [that claim] smacked")
    while toks and (toks[0].dep_ in ("mark", "punct") and toks[0].lower_ not in ("whether", "if")
                    or toks[0].lower_ in ("that", "which", "who") and toks[0].i < cue.i
                    or toks[0].lower_ == "that" and toks[0].dep_ != "det"):
        toks = toks[1:]
    # (nor a conjunction left dangling where a coordinated part was cut: "said [X] and")
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    if len(toks) < (2 if cue.lemma_.lower() in XCOMP_CUES else 3):
        return None
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    if cue.idx >= s and cue.idx < e and not (toks[0].lower_ == "what" and toks[1].i >= cue.i - 3 and s < cue.idx):
        # ("what Trump says his plan would do": a fronted "what" makes the whole clause,
        # attribution included, the thing said, as news annotation marks it)
        return None
    rel = relative_opening(cue)
    if rel is not None and rel.idx < s:
        s = rel.idx  # "[which Beijing has vowed to] ignore": the pronoun is what is reported
    if any(not (ms <= s and e <= me) for ms, me in marked.overlapping(s, e)):
        return None  # holds a quoted fragment: that is a mixed quote, already found
    brk = LINE_BREAK.search(text, s, e)
    if brk:
        e = brk.start()
    return s, e


def _outermost(out: list[Found]) -> list[Found]:
    """Nested complements of one another: keep the outermost per cue chain."""
    out.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for f in out:
        if kept and kept[-1].start <= f.start and f.end <= kept[-1].end and kept[-1].mention == f.mention:
            continue
        kept.append(f)
    return kept


def _according_to(cue: Token, marked: SpanSet, para_of: Callable[[int], int | None]) -> Found | None:
    """"According to X, Y": Y is what X said (a person or a body; "according to census
    data" names no one)."""
    subj = speaker_of(cue)
    if subj is not None and subj.lemma_.lower() in DATA_NOUNS:
        return None
    if subj is None:
        return None
    toks = according_clause(cue, subj)
    if toks is None or len(toks) < 3:
        return None
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    if marked.overlapping(s, e):
        return None
    k = para_of(cue.idx)
    if k is None:
        return None
    f = Found(start=s, end=e, type="indirect", para=k, confidence=0.6)
    f.cue, f.cue_start, f.cue_end = cue_phrase(cue)
    f.mention = mention_span(subj)
    f.mention_head = subj.i
    return f
