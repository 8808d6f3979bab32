"""Steps 5-6 of the cascade: the type of each marked quote and its attribution.

A quote is direct or mixed (``_is_direct``); its cue is the speech verb that
governs a fragment in the parse, else the nearest cue in its frame (the tokens of
its sentences outside every quote), else a quoted predicate, or one of the frames
of ``frames.py`` (a characterisation, a colon, a verb right after the close), or a
signature.  Quotes nested in quotes, titles of works in marks and quotes that an
attribution interrupts are handled here too.
"""
from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Token

from ..lexicon import CIRCUMSTANCE_WORDS, COGNITION_VERBS, DATA_NOUNS, SPEECH_VERBS
from ..nlp import LINE_BREAK, ent_overlapping, sent_of, text_of
from .found import Found
from .frames import appended_verb, characterising_verb, colon_frame, widen_to_predicate
from .clause import mixed_clause
from .marks import ANY_MARK, Para, SpanSet, in_spans, title_case
from .syntax import SUBJ_DEPS, adjacent_subject, cue_phrase, is_cue, mention_span, speaker_of, tok_at
from .venue import date_and_venue

_DASH_NAME_RE = re.compile(r"[ \t\u00a0]*[―—–-][ \t\u00a0]*([A-Z][\w.'’-]+(?:[ \t][A-Z][\w.'’-]+){0,3})[\s.,\u00a0]*$")
_NAME_COLON_RE = re.compile(r"[ \t]*([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}):[ \t]*")


# ------------------------------------------------------------------ 5. type


def _is_direct(text: str, doc: Doc, f: Found, para_start: int) -> bool:
    """Whole sentences in marks after an attribution, or at a paragraph's start."""
    if f.open_mark is None:
        return True
    body = text[f.start:f.end].strip()
    if not body:
        return False
    before = text[para_start:f.open_mark].rstrip()
    if text[f.open_mark] == "'" and f.open_mark > 0 and text[f.open_mark - 1] == "'":
        before = before[:-1].rstrip()  # the first apostrophe of a "''" mark
    if _sentence_goes_on(text, doc, f):
        return False
    first_alpha = next((c for c in body if c.isalnum() or c in "[…"), "")
    starts_upper = bool(first_alpha) and (first_alpha.isupper() or first_alpha.isdigit() or first_alpha in "[…")
    closes_sentence = bool(re.search(r"[.!?…,;:][’']?\s*$", body))
    if not before or before.endswith((":", ".", "!", "?", "—", "–", ".”", '."', "!”", "?”")):
        return starts_upper or closes_sentence
    if before.endswith(","):
        # '"By locking in China," Mr Obama said, "it now allowed me ..."': the second
        # half of an interrupted quote starts in lower case and is still direct
        # (the first half may close with two apostrophes, the NYT's mark: ''...,'' he said, ''...'')
        return starts_upper or bool(re.search(r"(?:[”\"]|'')(?:(?!'')[^“”\"\n]){1,120},$", before))
    # "said that "We ..."" / "said "We ..."": a cue right before the mark
    # "yelled "fire!"": a whole utterance, closed by its own punctuation, right after a cue
    exclaimed = bool(re.search(r"[!?]$", body))
    if re.search(r"[\w’']$", before) and (starts_upper and len(body.split()) >= 4 or exclaimed):
        t = tok_at(doc, para_start + len(before) - 1)
        if t is not None and (is_cue(t) or (t.lower_ == "that" and is_cue(t.head))):
            return True
    return False


def _sentence_goes_on(text: str, doc: Doc, f: Found) -> bool:
    """'said that "Of course he will defend himself" against what ...': words of the
    writer's own sentence follow the closing mark, so the marks hold a fragment of a
    report (mixed), not a whole utterance.  An attribution after the mark ('"We will
    win" said Trump', '"..." he said') is not a continuation."""
    # a comma inside the marks hands over to an attribution ('"...," fire chief Ward said')
    if f.close_mark is None or re.search(r"[.!?…,]\W*$", text[f.start:f.end]):
        return False
    m = re.compile(r"[ \t]*([a-z][\w’'-]*)").match(text, f.close_mark + 1)
    if m is None:
        return False
    t = tok_at(doc, m.start(1))
    if t is None or t.is_sent_start or is_cue(t):
        return False
    # the subject of an attribution ('"..." he said', '"..." fire chief Ward said')
    subj = next((a for a in [t, *t.ancestors] if a.dep_ in SUBJ_DEPS), None)
    return not (subj is not None and is_cue(subj.head))


# ------------------------------------------------------------------ 6. attribution


def _frame_cues(doc: Doc, f: Found, quote_spans: SpanSet, paras: list[Para]) -> list[Token]:
    """Cue candidates in the quote's frame: its sentences' tokens outside every quote."""
    p = paras[f.para]
    first_sent = tok_at(doc, f.open_mark if f.open_mark is not None else f.start)
    last_tok = tok_at(doc, max(f.start, (f.close_mark or f.end) - 1))
    if first_sent is None or last_tok is None:
        return []
    s_tok = sent_of(first_sent).start
    e_tok = sent_of(last_tok).end
    # the sentence after the close, if the close ends a sentence: ("...," he said.) -- not
    # for a fragment quoted inside a sentence of its own ('Japan branded it an "outlaw
    # nation." Russia insisted ...': the next sentence is someone else's)
    if e_tok < len(doc) and f.close_mark is not None and f.type != "mixed":
        nxt = doc[e_tok]
        if nxt.idx < p.end and not in_spans(nxt.idx, quote_spans):
            e_tok = sent_of(nxt).end
    cands = []
    for t in doc[s_tok:e_tok]:
        if t.idx < p.start or t.idx >= p.end:
            continue
        if in_spans(t.idx, quote_spans):
            continue
        if is_cue(t):
            cands.append(t)
    return cands


def _circumstantial(cue: Token) -> bool:
    """Whether ``cue`` heads a clause of time, cause or condition ("when Clinton blasted
    him", "after she said ...")."""
    return cue.dep_ in ("advcl", "ccomp", "conj") and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in CIRCUMSTANCE_WORDS and c.i < cue.i for c in cue.children)


def _governing_cue(doc: Doc, f: Found, quote_spans: SpanSet) -> Token | None:
    """For a quoted fragment: the speech verb that governs it in the parse."""
    toks = [t for t in doc.char_span(f.start, f.end, alignment_mode="expand") or []]
    if not toks:
        return None
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in inside or t.head is t]
    for h in heads:
        t = h
        for _ in range(12):
            if t.i not in inside and is_cue(t) and not in_spans(t.idx, quote_spans):
                return _outer_cue(t, quote_spans) or t
            if t.head is t:
                break
            if t.dep_ in ("relcl", "acl") and t.i not in inside and not any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
                # (a "that" clause the parser hangs on a noun, "told the BBC that ...", "told
                # analysts on a call that ...", "repeated his claim that ...", is reported by
                # the verb above: go on up to it; in a true relative clause "that" is a
                # pronoun, not a complementiser)
                break
            t = t.head
    return None


def _outer_cue(cue: Token, quote_spans: SpanSet) -> Token | None:
    """'Clinton says she admired her courage through what she calls a "war of words"':
    a fragment named in a free relative ("what X calls") inside another cue's report
    belongs to that report, and is its speaker's; None when there is no such cue."""
    wh = cue.left_edge
    if wh.lower_ != "what" or wh.i >= cue.i:
        return None
    t = cue
    for _ in range(12):
        if t.head is t:
            return None
        t = t.head
        if t.i < wh.i and is_cue(t) and speaker_of(t) is not None and not in_spans(t.idx, quote_spans):
            return t
    return None


def attribute_marked(doc: Doc, found: list[Found], paras: list[Para], titles: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
    """Steps 5-6 in place: type, cue, speaker mention, venue and date of each marked
    quote (a nested one from its parent's text); ``titles`` are no speakers."""
    text = text_of(doc)
    spans = [(f.open_mark if f.open_mark is not None else f.start, (f.close_mark + 1) if f.close_mark is not None else f.end) for f in found]
    # every top-level quote's span, built once: each quote asks about the others and itself
    top = SpanSet([sp for j, sp in enumerate(spans) if found[j].parent is None])
    title_set = SpanSet(list(titles))
    for k, f in enumerate(found):
        if f.signed_name is not None:
            continue
        p = paras[f.para]
        if f.parent is not None:
            _attribute_nested(doc, f, found[f.parent])
            continue
        f.type = "direct" if _is_direct(text, doc, f, p.body_start) else "mixed"
        cue: Token | None = None
        characterised = False
        if f.type == "mixed":
            cue = _governing_cue(doc, f, top)
            if cue is None:
                cue = characterising_verb(doc, f, top)
                characterised = cue is not None
        if cue is None:
            cands = _frame_cues(doc, f, top, paras)
            if cands:
                anchor = f.open_mark if f.open_mark is not None else f.start
                # nearest cue; those with a subject first, and a cue in a clause of time or
                # cause last ('"That makes me smart," when Clinton blasted him': the
                # occasion, not the attribution; "as X said" does attribute)
                # (a cue whose colon opens the quote, 'X responded: "..."', before one
                # of the next sentence: 'Her critics cited it as ...')
                cands.sort(key=lambda t: (speaker_of(t) is None, _circumstantial(t), not _colon_opens(doc, t, anchor),
                                          min(abs(t.idx - anchor), abs(t.idx - f.end))))
                cue = cands[0]
        fragment_cue = False
        if cue is None and f.type == "mixed":
            cue = _fragment_predicate(doc, f)
            fragment_cue = cue is not None
        if cue is None and f.type == "direct":
            cue = colon_frame(doc, f, paras) or appended_verb(doc, f)
        if cue is None and f.type == "direct" and _signed(doc, f, p):
            continue
        if cue is not None:
            subj = speaker_of(cue)
            if subj is not None and (title_set.has(subj.idx) or top.has(subj.idx, skip=spans[k])
                                     or in_spans(subj.idx, [spans[k]])):
                # the parser took a word of a title or of a quote (this one: '"Meh," wrote
                # a supporter' with "Meh" the subject) for the subject
                subj = adjacent_subject(cue)
            if subj is not None and cue.lemma_.lower() == "accord" and subj.lemma_.lower() in DATA_NOUNS:
                subj = None  # "according to census data": data name no one
            f.cue, f.cue_start, f.cue_end = (cue.text, cue.idx, cue.idx + len(cue)) if fragment_cue else cue_phrase(cue)
            if subj is not None and not in_spans(subj.idx, [spans[k]]):
                f.mention = mention_span(subj)
                f.mention_head = subj.i
                f.confidence = 0.85 if f.type == "direct" else 0.75
            else:
                f.confidence = 0.5
            f.date_text, venue, f.addressee = date_and_venue(cue, top)
            f.venue = f.venue or venue
            if characterised:
                widen_to_predicate(doc, f, cue)
            elif f.type == "mixed" and not fragment_cue:
                _widen_to_clause(f, cue)
        else:
            f.confidence = 0.4


def _colon_opens(doc: Doc, cue: Token, open_at: int) -> bool:
    """Whether only a colon (and the cue's own words) stand between ``cue`` and the
    quote opening at ``open_at``: 'Clinton, exasperated, responded: "..."'."""
    between = text_of(doc)[cue.idx + len(cue):open_at]
    return between.strip() == ":" or between.rstrip().endswith(":") and len(between) < 40 and "." not in between


def _widen_to_clause(f: Found, cue: Token) -> None:
    """A mixed quote spans the reported clause that holds its fragment; the fragment
    stays as its verbatim piece."""
    close = f.close_mark + 1 if f.close_mark is not None else f.end
    clause = mixed_clause(cue, f.open_mark if f.open_mark is not None else f.start, close)
    if clause is not None:
        f.pieces = [(f.start, f.end)]
        f.start, f.end = clause


def merge_shared_clause(found: list[Found]) -> list[Found]:
    """Fragments of one reported clause ("called it 'reckless' and 'a continuing
    assault'") are one mixed quote with several verbatim pieces."""
    by_cue: dict[int, Found] = {}
    drop: set[int] = set()
    for f in sorted(found, key=lambda f: f.start):
        if f.type != "mixed" or f.pieces is None or f.cue_start is None or f.parent is not None:
            continue
        first = by_cue.get(f.cue_start)
        if first is None:
            by_cue[f.cue_start] = f
            continue
        first.start, first.end = min(first.start, f.start), max(first.end, f.end)
        first.pieces = sorted(set(first.pieces or []) | set(f.pieces))
        drop.add(id(f))
    return [f for f in found if id(f) not in drop]


def _fragment_predicate(doc: Doc, f: Found) -> Token | None:
    """A quoted predicate ('has "fondly recalled" meeting'): its verb's subject speaks."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        if t.pos_ == "VERB" and any(c.dep_ in SUBJ_DEPS and not (f.start <= c.idx < f.end) for c in t.children):
            if t.lemma_.lower() in SPEECH_VERBS or t.lemma_.lower() in COGNITION_VERBS:
                return t
    return None


def _attribute_nested(doc: Doc, f: Found, parent: Found) -> None:
    """A quote inside a quote: the nearest third-party subject before it in the parent."""
    f.type = "direct"
    span = doc.char_span(parent.start, f.open_mark or f.start, alignment_mode="contract")
    best: Token | None = None
    if span is not None:
        for t in span:
            if t.dep_ in SUBJ_DEPS and t.lower_ not in ("i", "we", "it", "this", "that", "there", "you", "they", "which", "who"):
                if t.pos_ in ("PROPN", "NOUN") or t.ent_type_ == "PERSON":
                    best = t
        # a cue right before the nested quote ("X said 'Y'") wins
        for t in reversed(list(span)[-6:]):
            if is_cue(t) and speaker_of(t) is not None and speaker_of(t).lower_ not in ("i", "we"):
                best = speaker_of(t)
                f.cue, f.cue_start, f.cue_end = cue_phrase(t)
                break
    if best is not None:
        f.mention = mention_span(best)
        f.mention_head = best.i
        f.confidence = 0.6
    else:
        f.carried = True  # fall back to the parent's speaker
        f.confidence = 0.3


def _signed(doc: Doc, f: Found, p: Para) -> bool:
    """A quote signed by a name: 'Starmer: "..."' (headline style, a name and a colon
    before it) or '"..." ― Jane Doe' (a dash and a name after it).  Sets the signer."""
    text = text_of(doc)
    candidates = []
    if f.open_mark is not None:
        candidates.append((_NAME_COLON_RE.fullmatch(text, p.body_start, f.open_mark), 0.7))
    if f.close_mark is not None:
        candidates.append((_DASH_NAME_RE.match(text, f.close_mark + 1, p.end), 0.8))
    for m, confidence in candidates:
        kind = _signer_kind(doc, m.start(1), m.end(1)) if m else None
        if m and kind:
            f.mention = (m.start(1), m.end(1))
            f.signed_name, f.signed_kind = m.group(1), kind
            f.confidence = confidence
            return True
    return False


def _signer_kind(doc: Doc, start: int, end: int) -> str | None:
    """Is the name before a colon or after a dash someone ("Starmer:", "― Carla Diaz",
    "- Reuters"), or a word ("Latest:")?  The NER decides; else a capitalised name
    that the article uses again."""
    for ent in ent_overlapping(doc, start, end):
        if ent.start_char < end and start < ent.end_char:
            if ent.label_ == "PERSON":
                return "person"
            if ent.label_ in ("ORG", "NORP", "GPE", "FAC"):
                return "organisation"
    name = text_of(doc)[start:end]
    # two uses are enough to tell: stop there (counting them all scanned the whole text per quote)
    uses = re.finditer(r"\b" + re.escape(name) + r"\b", text_of(doc))
    if len(name.split()) >= 2 or sum(1 for _ in itertools.islice(uses, 2)) >= 2:
        return "person"
    return None


# ------------------------------------------------------------------ titles and interrupted quotes


def is_title(doc: Doc, f: Found) -> bool:
    """'on Fox News's “Fox and Friends”', 'the film “American Skin”': a work's title in
    marks is no quotation.  Title Case throughout, short, and named by what precedes
    it (a possessive, a preposition, a noun such as "show" or "film")."""
    if f.open_mark is None or f.close_mark is None or f.parent is not None:
        return False
    text = text_of(doc)
    before = text[max(0, f.open_mark - 30):f.open_mark].rstrip()
    if before.endswith("'") and text[f.open_mark] == "'":
        before = before[:-1].rstrip()  # the first apostrophe of a '' mark
    # 'In his 2002 book, "Make Your Kid a Millionaire,"', 'Davis' commentary, "Melania,
    # tell your story,"': a short title right after the noun of a work, in any case
    if re.search(rf"\b({_WORK_NOUNS}),?$", before, re.I) and len(text[f.start:f.end].split()) <= 8:
        return True
    if not title_case(text[f.start:f.end]):
        return False
    return bool(re.search(r"(’s|'s|\b(on|in|at|of|from|titled|called|named|show|programme|program|film|book|song|album|series|documentary|podcast|newspaper|column))$", before, re.I))


#: Nouns of works whose title may follow in marks.
_WORK_NOUNS = ("book|novel|memoir|film|movie|documentary|song|album|single|series|show|programme|program|podcast|"
               "column|commentary|op-ed|essay|editorial|poem|play|musical|opera|painting|exhibition|headline|titled|entitled")


def merge_interrupted(doc: Doc, found: list[Found], paras: list[Para], titles: list[tuple[int, int]] = ()) -> list[Found]:  # type: ignore[assignment]
    """'"A," she said. "B."' is one quotation: join the parts of a quote that an
    attribution interrupts, within one paragraph, when the later part has no
    attribution of its own (or shares the first part's cue)."""
    text = text_of(doc)
    # a mixed quote whose fragment closes right before the attribution goes on in the
    # later part too ('Both parties "saw it coming," said Lee. "It was clear."')
    tops = sorted((f for f in found if f.parent is None and f.type in ("direct", "mixed") and f.open_mark is not None), key=lambda f: f.start)
    drop: set[int] = set()
    prev: Found | None = None
    for f in tops:
        # ('"A," Clinton said. "That is the fight we are taking" to the country': a later
        # part that the writer's words close is still the same speaker's quote)
        later = f.type == "direct" or f.type == "mixed" and prev is not None and prev.type == "direct" \
            and prev.close_mark is not None and f.start > prev.close_mark and f.cue_start in (None, prev.cue_start)
        if prev is not None and prev.close_mark is not None and f.open_mark is not None and later \
                and (prev.type == "direct" or prev.end == prev.close_mark + 1 or prev.end == prev.close_mark):
            between = text[prev.close_mark + 1:f.open_mark]
            for ts, te in titles:  # a show's title in marks is part of the attribution
                if prev.close_mark < ts and te <= f.open_mark:
                    between = between.replace(text[ts - 1:te + 1], " ")
            same_para = not LINE_BREAK.search(between)
            own = f.mention is not None and f.cue_start is not None and f.cue_start != prev.cue_start
            # the words between must be the attribution that interrupts (its cue sits there),
            # never a narrative sentence between two statements
            interrupts = prev.cue_start is not None and prev.close_mark < prev.cue_start < f.open_mark
            # (the cue between is attribution enough: its subject may be found later, by stage 4)
            if same_para and not own and (prev.mention is not None or interrupts) and len(between) <= 250 and not any(c in between for c in ANY_MARK) \
                    and (interrupts or len(re.findall(r"\w+", between)) <= 3):
                prev.pieces = prev.verbatim() + f.verbatim()
                prev.end, prev.close_mark = f.end, f.close_mark
                prev.type = f.type if f.type == "mixed" else prev.type
                prev.notes.append("interrupted quote joined")
                drop.add(id(f))
                continue
        prev = f
    return [f for f in found if id(f) not in drop]
