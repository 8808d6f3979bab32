"""Step 4c of the cascade: the answers of a question-and-answer interview.

A printed interview ("Wikinews interviews X", "An interview with X", "Q: ... A: ...")
gives the interviewer's questions as paragraphs of their own and the interviewee's
answers as the paragraphs after each question, without quotation marks: every word
of an answer is the interviewee's own, a direct quote.  The cascade's other steps
see no marks and no cue there, so without this step an interview yields nothing
(and its "I" is nobody).

The step is deliberately strict, because rhetorical questions are common in ordinary
news: it needs the text before the first question to say whom the interview is with
(the object of "interview", "interviewed by", "an interview with"), and at least
three questions that each an answer follows, most of them addressed to "you" (or
labelled "Q:").  Labelled transcripts ("HERRICK: ...") are step 4b's.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import INTERVIEW_WORDS
from ..nlp import entities, sent_of
from .found import INTERVIEW_ANSWER, Found
from .marks import Para, SpanSet

#: A question paragraph: it ends with a question mark (a closing bracket or mark may follow).
_QUESTION_END = re.compile(r"\?[\s\"'”’)\]]*$")
#: A label that opens a question or an answer ("Q:", "Q.", "A -").
_Q_LABEL = re.compile(r"(?:Q|Question)\s*[:.\-–—]\s+")
_A_LABEL = re.compile(r"(?:A|Answer)\s*[:.\-–—]\s+")
_SECOND_PERSON = re.compile(r"\byou(?:rs?|rself)?\b", re.I)
#: At most this many characters between two questions (a long answer is some 500
#: words): an interview alternates; a rhetorical question far from the next is prose.
_MAX_GAP = 5000
_MIN_QUESTIONS = 3


def _is_question(text: str, p: Para) -> bool:
    """Whether paragraph ``p`` is a question of the interviewer."""
    start = p.body_start if p.body_start >= 0 else p.start
    line = text[start:p.end]
    if _Q_LABEL.match(line):
        return True
    return bool(_QUESTION_END.search(line)) and not line.lstrip().startswith(("\"", "“", "'", "‘"))


def _person_in(tokens: "list[Token] | Span", people: list[Span]) -> Span | None:
    """The first PERSON entity whose head is among ``tokens`` (not a name that modifies
    a common noun: "a bar owner on the Smith cocktail" is about a drink)."""
    idx = {t.i for t in tokens}
    got = [e for e in people if e.root.i in idx and not (e.root.dep_ == "compound" and e.root.head.pos_ == "NOUN")]
    if len({e.text for e in got if not any(e.text in o.text for o in got if o is not e)}) > 1:
        return None  # two people interviewed: whose answer is whose is not said
    return got[0] if got else None


def _joined(e: Span) -> bool:
    """A name joined by "and" to another person's ("Mario Lucero and Isabel Ruiz")."""
    r = e.root
    # (a proper noun the NER left unlabelled counts: it misses unfamiliar names)
    return any(c.dep_ == "conj" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN" and not c.ent_type_)
               for c in r.children) or (r.dep_ == "conj" and r.head.ent_type_ == "PERSON")


def _unlabelled_name(tokens: "list[Token]") -> Span | None:
    """A proper name of two words or more that the NER left unlabelled ("interviews
    mathematician Aner Shalev": the small model often misses a name it has never seen)."""
    for t in tokens:
        if t.pos_ == "PROPN" and t.dep_ in ("appos", "dobj", "pobj", "nsubjpass") and not t.ent_type_ and t.text[:1].isupper():
            parts = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < t.i and not c.ent_type_]
            if parts and parts[-1].i == t.i - 1:
                return t.doc[parts[0].i:t.i + 1]
    return None


#: Words that may stand between "interview with" and the name: titles and descriptions
#: ("an interview with LibriVox founder Hugh McGuire"), never a verb or another preposition.
_DESCRIPTIVE_POS = frozenset("DET ADJ NOUN PROPN CCONJ PUNCT NUM".split())


def _named_next(tok: Token, people: list[Span]) -> Span | None:
    """The person named right after "interview(s) (with)", over a description only:
    the parser often leaves a title line unparsed ("Interview with LibriVox founder
    Hugh McGuire Sunday, May 28")."""
    doc = tok.doc
    j = tok.i + 1
    if j < len(doc) and doc[j].lower_ == "with":
        j += 1
    starts = {e.start: e for e in people}
    for k in range(j, min(len(doc), j + 8)):
        if k in starts:
            return starts[k]
        if doc[k].pos_ not in _DESCRIPTIVE_POS or doc[k].text in (".", ":", ";"):
            return None
        if doc[k].text == "," and doc[k - 1].ent_type_ not in ("", "PERSON"):
            return None  # "an interview with the Associated Press, X said": the outlet was interviewed
    return None


def _interviewee(doc: Doc, before: int, lede: int) -> Span | None:
    """The person the text before character ``before`` says the interview is with:
    the object of "interviews X", the subject of "X was interviewed by" (or the name
    an "interviewed by" participle hangs on), "an interview with X"; else the only
    person named in a sentence that says "interview"."""
    people = [e for e in entities(doc) if e.label_ == "PERSON" and e.start_char < before]
    for tok in doc:
        if tok.idx >= min(before, lede):
            break  # the title and lede say whom; a later "in a 2003 interview with X" is another one
        if tok.lower_ not in INTERVIEW_WORDS:
            continue
        got: Span | None = None
        passive = any(c.dep_ in ("agent", "nsubjpass") for c in tok.children) or tok.dep_ == "acl" and tok.tag_ == "VBN"
        # whom: "an interview with X", "interviews X" (the parser may make X an object
        # or, taking "interviews" for a noun, an apposition), "X was interviewed by",
        # "X, interviewed by" (the participle hangs on X)
        whom: list[Token] = []
        for deps in (("prep",), ("dobj", "obj", "appos"), ("nsubjpass",) if passive else ()):
            toks = [t for c in tok.children if c.dep_ in deps and (c.dep_ != "prep" or c.lower_ == "with")
                    for t in c.subtree]
            whom += toks
            got = _person_in(toks, people)
            if got is not None:
                break
        if got is None and tok.dep_ == "acl" and passive:
            got = _person_in(list(tok.head.subtree), people)
        if got is None:
            got = _named_next(tok, people)
        if got is None:
            # the title or lede says "interview" of the one person it names
            sent = sent_of(tok)
            # (not a name that only modifies a noun or names a thing, "the Smith cocktail", "a
            # drink called Smith", nor the interviewer)
            here = [e for e in people if sent.start_char <= e.start_char < sent.end_char
                    and e.root.dep_ not in ("compound", "poss", "oprd", "attr")
                    and not (e.root.head.i == tok.i and e.root.dep_ == "nsubj")]
            # one person, perhaps named twice ("Aner Shalev ... Shalev"): the fullest name
            full = max(here, key=lambda e: len(e.text), default=None)
            if full is not None and all(e.text in full.text for e in here):
                got = full
        if got is None:
            got = _unlabelled_name(whom)
        if got is not None:
            return None if _joined(got) else got
    return None


def interview_answers(doc: Doc, text: str, paras: list[Para], taken: list[Found]) -> list[Found]:
    """Each answer of a question-and-answer interview as a direct quote of the
    interviewee (its mention: where the introduction names them).  Paragraphs that
    already hold a quotation the other steps found are left to them."""
    questions = [k for k, p in enumerate(paras) if not p.skipped and _is_question(text, p)]
    # a question counts when an answer follows it
    asked = set(questions)
    questions = [k for k in questions if k + 1 < len(paras) and k + 1 not in asked and not paras[k + 1].skipped]
    if len(questions) < _MIN_QUESTIONS:
        return []
    # the run of questions that alternate with answers, from the first one
    run = [questions[0]]
    for k in questions[1:]:
        if paras[k].start - paras[run[-1]].end > _MAX_GAP:
            break
        run.append(k)
    if len(run) < _MIN_QUESTIONS:
        return []
    qstart = paras[run[0]].start
    addressed = sum(1 for k in run if _SECOND_PERSON.search(text, paras[k].start, paras[k].end)
                    or _Q_LABEL.match(text, paras[k].body_start if paras[k].body_start >= 0 else paras[k].start))
    if addressed * 2 < len(run):
        return []
    # the title and lede: the first four paragraphs
    who = _interviewee(doc, qstart, paras[min(3, len(paras) - 1)].end)
    if who is None:
        return []
    surname = re.compile(r"\b" + re.escape(who[-1].text) + r"\b")
    busy = SpanSet([(f.start, f.end) for f in taken])
    longest = 1
    out: list[Found] = []
    for n, k in enumerate(run):
        if n + 1 < len(run):
            stop = run[n + 1]
        else:
            # the last answer: no question closes it, and prose may follow the interview;
            # it runs at most as far as the longest answer before it
            stop = min(len(paras), k + 1 + longest)
        longest = max(longest, stop - k - 1)
        group: list[int] = []
        for j in range(k + 1, stop):
            p = paras[j]
            if surname.search(text, p.start, p.end):
                break  # the interviewee named in the third person: the writer's prose again
            if p.skipped or busy.overlapping(p.start, p.end):
                out += _answer(text, paras, group, who)
                group = []
                continue
            group.append(j)
        out += _answer(text, paras, group, who)
    return out


def _answer(text: str, paras: list[Para], group: list[int], who: Span) -> list[Found]:
    """One answer quote over the paragraphs ``group`` (none when empty)."""
    if not group:
        return []
    first = paras[group[0]]
    start = first.body_start if first.body_start >= 0 else first.start
    m = _A_LABEL.match(text, start)
    if m is not None:
        start = m.end()
    end = paras[group[-1]].end
    if end <= start:
        return []
    return [Found(start=start, end=end, type="direct", para=group[0], mention=(who.start_char, who.end_char),
                  mention_head=who.root.i, confidence=0.6, notes=[INTERVIEW_ANSWER])]
