"""Stage 3: quotation spans, their type, cue, venue, date and speaker mention.

``find_quotes(doc, skipped) -> list[Found]`` is a pure function of the parse.  It
works in a numbered cascade; each step adds what the steps before could not see:

1. Paragraphs: one a line; debris stretches (``skipped``) are left out.
2. Double marks: a character scan, paragraph by paragraph, that pairs curly and
   straight marks.  A paragraph that ends inside a quote continues it when the
   next paragraph re-opens with a mark (the news convention for a multi-
   paragraph quote); otherwise the quote ends with its paragraph.  An odd mark
   costs at most its own paragraph, never the article.
3. Single marks: nested quotes inside a double-quoted span, and single-quoted
   speech in paragraphs of prose (not headline scare quotes).
4. Embedded social-media posts: lines above a "— Name (@handle) Date" signature.
5. Type: direct when the marks hold whole sentences introduced by an
   attribution (after ":" or ",", at the start of a paragraph, ...); mixed when
   a quoted fragment sits inside a reported clause.
6. Attribution of marked quotes: the cue verb in the frame around the quote
   (tokens outside quotes in its sentence) or governing the fragment in the
   parse, its subject as the speaker mention, its venue and date modifiers.
7. Indirect speech: speech verbs with a reported clause ("No 10 said [it]
   covered trade"), also inside quotes when a third party is reported.
8. Carry-over: a quote paragraph with no attribution continues the speaker of
   the quote just before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    COGNITION_VERBS,
    LIGHT_VERB_CUES,
    OBJECT_CONTROL_VERBS,
    SOCIAL_MEDIA,
    SPEECH_VERBS,
    VENUE_HEADS,
)
from .model import Skipped
from .nlp import LINE_BREAK, entities, noun_chunks, sent_of, text_of

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‚‹"
CLOSE_SINGLE = "’›"
ANY_MARK = OPEN_DOUBLE + CLOSE_DOUBLE + '"'

SIGNATURE_RE = re.compile(
    r"^[ \t]*[—–\-]{1,2}[ \t]*(?P<name>[^\n()@]{1,80}?)[ \t]*\(@(?P<handle>\w{1,30})\)[ \t]*(?P<date>[^\n]{0,40}?)[ \t]*$",
    re.M,
)
_DASH_NAME_RE = re.compile(r"[ \t\u00a0]*[―—–-][ \t\u00a0]*([A-Z][\w.'’-]+(?:[ \t][A-Z][\w.'’-]+){0,3})[\s.,\u00a0]*$")
_NAME_COLON_RE = re.compile(r"[ \t]*([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}):[ \t]*")
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'll|I’ll|I'd|I’d|me|my|we|We|our|Our|us|My)\b")


@dataclass
class Found:
    """A quotation found in the text, before its speaker is resolved to a person."""

    start: int
    end: int
    type: str
    para: int
    open_mark: int | None = None
    close_mark: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    #: surface mention of the speaker (character span), None if not found here
    mention: tuple[int, int] | None = None
    #: token index of the mention's head
    mention_head: int | None = None
    venue: str | None = None
    addressee: str | None = None
    date_text: str | None = None
    #: index of the enclosing quote in the result list
    parent: int | None = None
    #: True when the speaker comes from the quote before it
    carried: bool = False
    #: the name written in a social-media signature
    signed_name: str | None = None
    #: "person" or "organisation" for a signed quote ("― Jane Doe", "- Reuters")
    signed_kind: str = "person"
    signed_date: str | None = None
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ 1. paragraphs


@dataclass
class Para:
    start: int
    end: int
    skipped: bool
    #: where the paragraph's own text starts, past a run-in label ("LATEST DEVELOPMENTS:")
    body_start: int = -1


def paragraphs(text: str, skipped: list[Skipped]) -> list[Para]:
    """Lines with content, each marked when debris covers it all."""
    out: list[Para] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        s = pos + len(body) - len(body.lstrip())
        e = pos + len(body.rstrip())
        if e > s:
            covered = sum(max(0, min(e, k.end) - max(s, k.start)) for k in skipped)
            body = _skip_end(s, skipped)
            while body < e and text[body].isspace():
                body += 1
            out.append(Para(s, e, covered >= (e - s) * 0.9, body))
        pos += len(line)
    return out


def _skip_end(start: int, skipped: list[Skipped]) -> int:
    """Where the paragraph's real text begins, past a run-in label."""
    for k in skipped:
        if k.start <= start < k.end or (k.start == start):
            return k.end
    return start


# ------------------------------------------------------------------ 2. double marks


def _is_opening_straight(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if prev.isspace() or prev in "([{—–-/:;,\u2018'" :
        return not nxt.isspace()
    return False


def _marks(text: str, s: int, e: int) -> list[tuple[int, str]]:
    """Double quotation marks in text[s:e] as (offset, 'open'|'close')."""
    out = []
    for i in range(s, e):
        c = text[i]
        if c in OPEN_DOUBLE:
            out.append((i, "open"))
        elif c in CLOSE_DOUBLE:
            out.append((i, "close"))
        elif c == '"':
            out.append((i, "open" if _is_opening_straight(text, i) else "close"))
    return out


def double_quotes(text: str, paras: list[Para], skipped: list[Skipped]) -> list[Found]:
    out: list[Found] = []
    inner: list[tuple[int, int]] = []
    pending: Found | None = None  # a quote left open at the end of the previous paragraph
    live = [(k, p) for k, p in enumerate(paras) if not p.skipped]
    for n, (k, p) in enumerate(live):
        ps = p.body_start
        marks = _marks(text, ps, p.end)
        cur: Found | None = None
        if pending is not None:
            first_char = text[ps] if ps < p.end else ""
            if marks and marks[0][0] == ps and (marks[0][1] == "open" or first_char == '"'):
                cur = pending  # the quote re-opens: it continues across the paragraph break
                marks = marks[1:]
            else:
                out.append(pending)  # never re-opened: it ended with its paragraph
            pending = None
        depth: list[int] = []  # opening marks of double quotes nested in a curly-quoted one
        for i, kind in marks:
            if cur is None:
                if kind == "open" or text[i] == '"':
                    cur = Found(start=i + 1, end=i + 1, type="direct", para=k, open_mark=i)
                    depth = []
                # a closing mark with nothing open is a stray: ignore it
            elif text[cur.open_mark] in OPEN_DOUBLE and (text[i] in OPEN_DOUBLE or text[i] == '"' and (kind == "open" and not depth)):
                # “I told them “no way” and left”: a quote inside a curly-quoted quote
                depth.append(i)
            elif depth and (text[i] in CLOSE_DOUBLE or text[i] == '"'):
                inner.append((depth.pop() + 1, i))
            else:
                if kind == "close" or text[i] == '"':
                    cur.end, cur.close_mark = i, i
                    if cur.end > cur.start:
                        out.append(cur)
                    cur = None
        if cur is not None:
            cur.end = p.end
            cur.close_mark = None
            nxt = live[n + 1][1] if n + 1 < len(live) else None
            if nxt is not None:
                pending = cur
            else:
                out.append(cur)
    if pending is not None:
        out.append(pending)
    # Trim: an unclosed quote ends at its paragraph's last character; drop empty ones.
    res = []
    for f in out:
        while f.end > f.start and text[f.end - 1].isspace():
            f.end -= 1
        if re.search(r"\w", text[f.start:f.end]):
            res.append(f)
    # nested double quotes long enough to be someone's words are quotations of their own
    for s, e in inner:
        host = next((j for j, f in enumerate(res) if f.start <= s and e <= f.end), None)
        if host is not None and len(text[s:e].split()) >= 4:
            res.append(Found(start=s, end=e, type="direct", para=res[host].para, open_mark=s - 1, close_mark=e, parent=host))
    return res


# ------------------------------------------------------------------ 3. single marks


def _single_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Single-quoted spans in text[s:e]: an opening mark after a space or mark and a
    closing mark before a space or punctuation; apostrophes inside words are not marks."""
    spans = []
    open_at: int | None = None
    for i in range(s, e):
        c = text[i]
        if c not in OPEN_SINGLE + CLOSE_SINGLE + "'":
            continue
        prev = text[i - 1] if i > s else " "
        nxt = text[i + 1] if i + 1 < e else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # don't, Trump’s
        if open_at is None:
            if (c in OPEN_SINGLE or c == "'") and (prev.isspace() or prev in "“\"([—–-:") and nxt.isalnum():
                open_at = i
        else:
            if (c in CLOSE_SINGLE or c == "'") and not prev.isspace() and (not nxt.isalnum()):
                if nxt == "s" and prev.isalpha():
                    continue
                # "the players' union": a plural possessive, when a lower-case word
                # follows and another closing mark comes later in the paragraph
                if prev in "sS" and re.match(r"\s+[a-z]", text[i + 1:i + 4]) and _later_close(text, i + 1, e):
                    continue
                spans.append((open_at + 1, i))
                open_at = None
    return spans


def _later_close(text: str, i: int, e: int) -> bool:
    """A closing single mark after position i (before e) that ends a quotation."""
    return bool(re.search(r"[^\s][’'](?=[\s,.;:!?]|$)", text[i:e]))


def single_quotes(text: str, paras: list[Para], doubles: list[Found], skipped: list[Skipped]) -> list[Found]:
    out: list[Found] = []
    # 3a. nested inside a double-quoted span: its own quotation
    for pi, d in enumerate(doubles):
        for s, e in _single_spans(text, d.start, d.end):
            # a term in marks inside a quote ('Islamic terrorism') is no quotation of its own
            if len(text[s:e].split()) >= 4:
                out.append(Found(start=s, end=e, type="direct", para=d.para, open_mark=s - 1, close_mark=e, parent=pi))
    # 3b. single-quote speech in prose paragraphs with no double marks (outlets that
    #     quote with single marks); a heading (no final punctuation) keeps its scare quotes.
    for k, p in enumerate(paras):
        if p.skipped:
            continue
        body = text[p.start:p.end]
        if any(c in body for c in OPEN_DOUBLE + CLOSE_DOUBLE + '"'):
            continue
        if not body.rstrip().endswith((".", "?", "!", "’", "'", "…")) or len(body.split()) < 5:
            continue
        for s, e in _single_spans(text, p.start, p.end):
            if len(text[s:e].split()) >= 3:
                out.append(Found(start=s, end=e, type="direct", para=k, open_mark=s - 1, close_mark=e))
    return out


# ------------------------------------------------------------------ 4. social posts


def social_posts(text: str, paras: list[Para]) -> list[Found]:
    """Embedded posts: the lines above a '— Name (@handle) Date' signature."""
    out = []
    for m in SIGNATURE_RE.finditer(text):
        k = next((i for i, p in enumerate(paras) if p.start <= m.start("name") < p.end + 1), None)
        if k is None or k == 0:
            continue
        first = k - 1
        j = k - 1
        while j >= 0 and not paras[j].skipped:
            line = text[paras[j].start:paras[j].end]
            if any(c in line for c in OPEN_DOUBLE + CLOSE_DOUBLE + '"') or SIGNATURE_RE.match(line):
                break
            post_like = bool(_FIRST_PERSON.search(line) or "@" in line or "#" in line or "http" in line or "pic." in line)
            if j < k - 1 and not post_like:
                break
            if j == k - 1 and not post_like and len(line.split()) > 60:
                break
            first = j
            j -= 1
            if k - 1 - j >= 10:
                break
        if first > k - 1:
            continue
        s, e = paras[first].start, paras[k - 1].end
        out.append(
            Found(start=s, end=e, type="direct", para=first, venue="social media",
                  signed_name=m.group("name").strip(), signed_date=(m.group("date") or "").strip() or None,
                  mention=(m.start("name"), m.start("name") + len(m.group("name").strip())), confidence=0.9)
        )
    return out


# ------------------------------------------------------------------ helpers on the parse


def _tok_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


#: Speech verbs only when used without an object: "she continued", "he began".
_INTRANSITIVE_ONLY = frozenset("continue begin start put point indicate signal".split())


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
        )
    if lemma in _INTRANSITIVE_ONLY:
        # "he continued:" is speech; "Israel would continue its operations" is not
        return not any(c.dep_ in ("dobj", "xcomp", "prep", "acomp", "attr") for c in tok.children)
    if lemma in SPEECH_VERBS:
        return True
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return True
    if lemma in LIGHT_VERB_CUES:
        objs = {c.lower_ for c in tok.children if c.dep_ in ("dobj", "oprd", "ccomp", "acomp", "attr", "xcomp")}
        objs |= {g.lower_ for c in tok.children if c.dep_ in ("dobj", "ccomp") for g in c.children if g.dep_ in ("oprd", "acomp", "amod")}
        return bool(objs & LIGHT_VERB_CUES[lemma])
    return False


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


_SUBJ_DEPS = ("nsubj", "nsubjpass")
_CUT_DEPS = {"relcl", "appos", "punct", "advcl", "cc", "conj", "acl", "parataxis"}


def mention_span(head: Token) -> tuple[int, int]:
    """The speaker mention around its head: pre-modifiers and "of" phrases, without
    relative clauses, appositions or parentheticals ("Nigel Farage, who was ...")."""
    toks = [head]

    def add(t: Token) -> None:
        for c in t.children:
            if c.dep_ in _CUT_DEPS:
                continue
            # "Allies of Mr Trump", "aides familiar with the talks": "of" phrases, and the
            # complement of an adjective, belong to the mention; other phrases do not
            spokes = t is head and t.lemma_.lower() in ("spokesman", "spokeswoman", "spokesperson", "official", "source", "representative")
            if c.dep_ == "prep" and (c.lower_ not in ("of",) and not (spokes and c.lower_ in ("for", "at")) or c.i < t.i) \
                    and not (t.pos_ == "ADJ" and c.i > t.i):
                continue
            if c.i > head.i and any(x.text in ",(—–" for x in head.doc[head.i:c.i]):
                continue
            toks.append(c)
            add(c)

    add(head)
    s = min(t.i for t in toks)
    e = max(t.i for t in toks) + 1
    doc = head.doc
    # a name is never cut: "The Institute for Fiscal Studies" is one mention
    for ent in entities(doc):
        if ent.start <= head.i < ent.end:
            # ...unless the NER's span is itself a slip ("the House of Commons, Davey urged Starmer")
            if not any(t.pos_ in ("VERB", "AUX") or t.text in ",;:" for t in ent):
                s, e = min(s, ent.start), max(e, ent.end)
            break
    # a compound-name head can carry a trailing possessive; drop "'s" at the end
    while e - 1 > s and doc[e - 1].tag_ in ("POS",):
        e -= 1
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1])


def _named_apposition(subj: Token) -> Token:
    """"Its chairman, Ian Moss, said": the name in apposition is the better mention."""
    for c in subj.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON":
            return c
    return subj


def _adjacent_subject(cue: Token) -> Token | None:
    """'..." Tulsa police Chief Chuck Jordan said Monday' / 'said Ellis:' when the parse
    attached the cue elsewhere: the noun phrase ending just before the cue (past
    adverbs) or, for an inverted cue, starting just after it."""
    doc = cue.doc
    sent = sent_of(cue)
    i = cue.i - 1
    while i >= sent.start and (doc[i].pos_ in ("ADV", "AUX", "PART") or doc[i].dep_ in ("aux", "neg", "advmod")):
        i -= 1
    chunks = [c for c in noun_chunks(doc) if c.start >= sent.start and c.end <= sent.end]
    for chunk in chunks:
        if chunk.end - 1 == i and chunk.root.pos_ in ("PROPN", "NOUN", "PRON") and chunk.root.lower_ not in ("it", "this", "that", "which"):
            return chunk.root
    j = cue.i + 1
    for chunk in chunks:
        # "said Ellis:" -- but "telling MPs:" names the addressee, not the speaker
        if chunk.start == j and chunk.root.pos_ in ("PROPN", "NOUN", "PRON") and (chunk.end >= sent.end or doc[chunk.end].is_punct):
            if cue.lemma_.lower() in OBJECT_CONTROL_VERBS or chunk.root.dep_ in ("dobj", "dative"):
                break
            return chunk.root
    # an entity that the chunker missed: "... Chuck Jordan said"
    for ent in entities(doc):
        if ent.label_ in ("PERSON", "ORG") and (ent.end - 1 == i or ent.start == j):
            return ent.root
    return None


def speaker_of(cue: Token) -> Token | None:
    """The subject of a cue verb, looking through conjunctions and auxiliaries."""
    subjects = [c for c in cue.children if c.dep_ in _SUBJ_DEPS]
    # "which No 10 said": the relative pronoun belongs to the reported clause
    subjects.sort(key=lambda c: c.tag_ in ("WDT", "WP"))
    if subjects:
        return _named_apposition(subjects[0])
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
    # the parser lost the subject: a noun phrase right next to the cue
    adj = _adjacent_subject(cue)
    # '..." Tulsa police Chief Chuck Jordan said': a name just before the cue wins
    if adj is not None and adj.i < cue.i and (adj.pos_ == "PROPN" or adj.ent_type_ in ("PERSON", "ORG")):
        return _named_apposition(adj)
    # "He smiled and said", "hit back, telling MPs": the subject of the governing verb
    # (never a first or second person: that is the quote's own clause)
    if cue.dep_ in ("conj", "xcomp", "advcl") and (cue.dep_ == "conj" or cue.tag_ == "VBG"):
        t = cue
        while t.dep_ in ("conj", "xcomp", "advcl") and t.head is not t:
            t = t.head
            for c in t.children:
                if c.dep_ in _SUBJ_DEPS and c.lower_ not in ("i", "we", "you"):
                    return _named_apposition(c)
    if adj is not None:
        return _named_apposition(adj)
    return None


def _date_and_venue(cue: Token, quote_spans: list[tuple[int, int]]) -> tuple[str | None, str | None, str | None]:
    """(date expression, venue, addressee) from the cue's modifiers and its sentence."""
    doc = cue.doc
    date_text = venue = addressee = None
    sent = sent_of(cue)
    # the told-object: "told Times Radio", "told reporters"; "said to reporters"
    lemma = cue.lemma_.lower()
    if lemma in ("tell", "say", "write", "speak", "add", "explain", "reply"):
        objs = [c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")] if lemma == "tell" else []
        objs += [g for c in cue.children if c.dep_ in ("prep", "dative") and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        for c in objs:
            if c.pos_ in ("PROPN", "NOUN") and not _inside(c.idx, quote_spans):
                s, e = mention_span(c)
                phrase = text_of(doc)[s:e]
                if c.ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "PRODUCT", "NORP", "GPE") or (c.pos_ == "PROPN" and c.ent_type_ != "PERSON"):
                    venue = phrase
                else:
                    addressee = phrase
    # prepositional phrases and participles on the cue or at the start of the sentence
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
    for p in cands:
        if _inside(p.idx, quote_spans):
            continue
        pobj = next((g for g in p.children if g.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if pobj.ent_type_ in ("DATE", "TIME") or pobj.lower_ in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            if date_text is None:
                s, e = pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge)
                date_text = text_of(doc)[s:e]
            continue
        if venue is None and p.lower_ in ("in", "on", "at", "during", "to"):
            head = pobj.lemma_.lower()
            inner = next((g for g in pobj.children if g.dep_ == "prep" and g.lower_ == "with"), None)
            if inner is not None and head in ("interview", "conversation", "chat"):
                io = next((g for g in inner.children if g.dep_ == "pobj"), None)
                if io is not None:
                    s, e = mention_span(io)
                    venue = text_of(doc)[s:e]
                    continue
            if head in VENUE_HEADS or pobj.lower_ in SOCIAL_MEDIA or pobj.ent_type_ in ("ORG", "FAC"):
                mods = [g for g in pobj.children if g.dep_ in ("compound", "amod", "nmod") and g.i < pobj.i]
                if head in ("update", "post", "message", "video", "statement", "tweet", "thread") and mods:
                    venue = text_of(doc)[min(m.left_edge.idx for m in mods):mods[-1].idx + len(mods[-1])]
                else:
                    s = pobj.left_edge.idx
                    first = pobj.left_edge
                    if first.dep_ == "det":
                        s = doc[first.i + 1].idx
                    e = pobj.idx + len(pobj)
                    for g in pobj.children:
                        if g.dep_ == "prep" and g.lower_ == "of" and g.i > pobj.i:
                            e = g.right_edge.idx + len(g.right_edge)
                    venue = text_of(doc)[s:e]
    # a date expression anywhere in the cue's clause ("on Monday morning", "yesterday")
    if date_text is None:
        for c in cue.children:
            if c.ent_type_ in ("DATE", "TIME") and c.dep_ in ("npadvmod", "advmod", "tmod") and not _inside(c.idx, quote_spans):
                ent = next((e for e in entities(doc) if e.start <= c.i < e.end), None)
                if ent is not None:
                    date_text = ent.text
    if date_text is None:
        first = sent[0]
        if first.lower_ == "on" and first.i + 1 < len(doc) and doc[first.i + 1].ent_type_ == "DATE":
            ent = next((e for e in entities(doc) if e.start <= first.i + 1 < e.end), None)
            if ent is not None:
                date_text = ent.text
    if venue:
        venue = re.sub(r"^(the|a|an)\s+", "", venue, flags=re.I)  # "the Commons" -> "Commons"
    return date_text, venue, addressee


# ------------------------------------------------------------------ 5-6. type and attribution of marked quotes


def _frame_cues(doc: Doc, f: Found, quote_spans: list[tuple[int, int]], paras: list[Para]) -> list[Token]:
    """Cue candidates in the quote's frame: its sentences' tokens outside every quote."""
    p = paras[f.para]
    first_sent = _tok_at(doc, f.open_mark if f.open_mark is not None else f.start)
    last_tok = _tok_at(doc, max(f.start, (f.close_mark or f.end) - 1))
    if first_sent is None or last_tok is None:
        return []
    s_tok = sent_of(first_sent).start
    e_tok = sent_of(last_tok).end
    # the sentence after the close, if the close ends a sentence: ("...," he said.)
    if e_tok < len(doc) and f.close_mark is not None:
        nxt = doc[e_tok]
        if nxt.idx < p.end and not _inside(nxt.idx, quote_spans):
            e_tok = sent_of(nxt).end
    cands = []
    for t in doc[s_tok:e_tok]:
        if t.idx < p.start or t.idx >= p.end:
            continue
        if _inside(t.idx, quote_spans):
            continue
        if is_cue(t):
            cands.append(t)
    return cands


def _is_direct(text: str, doc: Doc, f: Found, para_start: int) -> bool:
    """Whole sentences in marks after an attribution, or at a paragraph's start."""
    if f.open_mark is None:
        return True
    body = text[f.start:f.end].strip()
    if not body:
        return False
    before = text[para_start:f.open_mark].rstrip()
    first_alpha = next((c for c in body if c.isalnum() or c in "[…"), "")
    starts_upper = bool(first_alpha) and (first_alpha.isupper() or first_alpha.isdigit() or first_alpha in "[…")
    closes_sentence = bool(re.search(r"[.!?…,;:][’']?\s*$", body))
    if not before or before.endswith((":", ".", "!", "?", "—", "–", ".”", '."', "!”", "?”")):
        return starts_upper or closes_sentence
    if before.endswith(","):
        # '"By locking in China," Mr Obama said, "it now allowed me ..."': the second
        # half of an interrupted quote starts in lower case and is still direct
        return starts_upper or bool(re.search(r"[”\"][^“”\"\n]{1,120},$", before))
    # "said that "We ..."" / "said "We ..."": a cue right before the mark
    if re.search(r"[\w’']$", before) and starts_upper and len(body.split()) >= 4:
        t = _tok_at(doc, para_start + len(before) - 1)
        if t is not None and (is_cue(t) or (t.lower_ == "that" and is_cue(t.head))):
            return True
    return False


def _governing_cue(doc: Doc, f: Found, quote_spans: list[tuple[int, int]]) -> Token | None:
    """For a quoted fragment: the speech verb that governs it in the parse."""
    toks = [t for t in doc.char_span(f.start, f.end, alignment_mode="expand") or []]
    if not toks:
        return None
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in inside or t.head is t]
    for h in heads:
        t = h
        for _ in range(12):
            if t.i not in inside and is_cue(t) and not _inside(t.idx, quote_spans):
                return t
            if t.head is t:
                break
            if t.dep_ in ("relcl", "acl") and t.i not in inside:
                break
            t = t.head
    return None


def attribute_marked(doc: Doc, found: list[Found], paras: list[Para], titles: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
    text = text_of(doc)
    spans = [(f.open_mark if f.open_mark is not None else f.start, (f.close_mark + 1) if f.close_mark is not None else f.end) for f in found]
    for k, f in enumerate(found):
        if f.signed_name is not None:
            continue
        p = paras[f.para]
        if f.parent is not None:
            _attribute_nested(doc, f, found[f.parent])
            continue
        others = [sp for j, sp in enumerate(spans) if j != k and found[j].parent is None]
        f.type = "direct" if _is_direct(text, doc, f, p.body_start) else "mixed"
        cue: Token | None = None
        if f.type == "mixed":
            cue = _governing_cue(doc, f, others + [spans[k]])
        if cue is None:
            cands = _frame_cues(doc, f, others + [spans[k]], paras)
            if cands:
                anchor = f.open_mark if f.open_mark is not None else f.start
                # nearest cue; those with a subject first
                cands.sort(key=lambda t: (speaker_of(t) is None, min(abs(t.idx - anchor), abs(t.idx - f.end))))
                cue = cands[0]
        fragment_cue = False
        if cue is None and f.type == "mixed":
            cue = _fragment_predicate(doc, f)
            fragment_cue = cue is not None
        if cue is None and f.type == "direct":
            cue = _colon_frame(doc, f, p)
        if cue is None and f.type == "direct" and _signed(doc, f, p):
            continue
        if cue is not None:
            subj = speaker_of(cue)
            if subj is not None and (_inside(subj.idx, list(titles)) or _inside(subj.idx, others)):
                # the parser took a word of a title or of another quote for the subject
                subj = _adjacent_subject(cue)
            f.cue, f.cue_start, f.cue_end = (cue.text, cue.idx, cue.idx + len(cue)) if fragment_cue else cue_phrase(cue)
            if subj is not None and not _inside(subj.idx, [spans[k]]):
                f.mention = mention_span(subj)
                f.mention_head = subj.i
                f.confidence = 0.85 if f.type == "direct" else 0.75
            else:
                f.confidence = 0.5
            f.date_text, venue, f.addressee = _date_and_venue(cue, others + [spans[k]])
            f.venue = f.venue or venue
        else:
            f.confidence = 0.4


_SMALL_WORDS = frozenset("a an and the of on in at for to with from by or but nor vs".split())


def _title_case(s: str) -> bool:
    words = re.findall(r"[\w’'-]+", s)
    return 0 < len(words) <= 6 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.isdigit() or w.lower() in _SMALL_WORDS for w in words
    )


def is_title(doc: Doc, f: Found) -> bool:
    """'on Fox News's “Fox and Friends”', 'the film “American Skin”': a work's title in
    marks is no quotation.  Title Case throughout, short, and named by what precedes
    it (a possessive, a preposition, a noun such as "show" or "film")."""
    if f.open_mark is None or f.close_mark is None or f.parent is not None:
        return False
    text = text_of(doc)
    if not _title_case(text[f.start:f.end]):
        return False
    before = text[max(0, f.open_mark - 30):f.open_mark].rstrip()
    return bool(re.search(r"(’s|'s|\b(on|in|at|of|from|titled|called|named|show|programme|program|film|book|song|album|series|documentary|podcast|newspaper|column))$", before, re.I))


def merge_interrupted(doc: Doc, found: list[Found], paras: list[Para], titles: list[tuple[int, int]] = ()) -> list[Found]:  # type: ignore[assignment]
    """'"A," she said. "B."' is one quotation: join the parts of a quote that an
    attribution interrupts, within one paragraph, when the later part has no
    attribution of its own (or shares the first part's cue)."""
    text = text_of(doc)
    tops = sorted((f for f in found if f.parent is None and f.type == "direct" and f.open_mark is not None), key=lambda f: f.start)
    drop: set[int] = set()
    prev: Found | None = None
    for f in tops:
        if prev is not None and prev.close_mark is not None and f.open_mark is not None:
            between = text[prev.close_mark + 1:f.open_mark]
            for ts, te in titles:  # a show's title in marks is part of the attribution
                if prev.close_mark < ts and te <= f.open_mark:
                    between = between.replace(text[ts - 1:te + 1], " ")
            same_para = not LINE_BREAK.search(between)
            own = f.mention is not None and f.cue_start is not None and f.cue_start != prev.cue_start
            if same_para and not own and prev.mention is not None and len(between) <= 250 and not any(c in between for c in ANY_MARK):
                prev.end, prev.close_mark = f.end, f.close_mark
                prev.notes.append("interrupted quote joined")
                drop.add(id(f))
                continue
        prev = f
    return [f for f in found if id(f) not in drop]


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
    for ent in entities(doc):
        if ent.start_char < end and start < ent.end_char:
            if ent.label_ == "PERSON":
                return "person"
            if ent.label_ in ("ORG", "NORP", "GPE", "FAC"):
                return "organisation"
    name = text_of(doc)[start:end]
    if len(name.split()) >= 2 or len(re.findall(r"\b" + re.escape(name) + r"\b", text_of(doc))) >= 2:
        return "person"
    return None


def _fragment_predicate(doc: Doc, f: Found) -> Token | None:
    """A quoted predicate ('has "fondly recalled" meeting'): its verb's subject speaks."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        if t.pos_ == "VERB" and any(c.dep_ in _SUBJ_DEPS and not (f.start <= c.idx < f.end) for c in t.children):
            if t.lemma_.lower() in SPEECH_VERBS or t.lemma_.lower() in COGNITION_VERBS:
                return t
    return None


def _colon_frame(doc: Doc, f: Found, p: Para) -> Token | None:
    """'X released a statement: "..."' : the verb of a clause that ends in a colon."""
    if f.open_mark is None:
        return None
    before = text_of(doc)[p.start:f.open_mark].rstrip()
    if not before.endswith(":"):
        return None
    colon = _tok_at(doc, p.start + len(before) - 1)
    if colon is None:
        return None
    for t in reversed(list(sent_of(colon))):
        if t.i < colon.i and t.pos_ in ("VERB", "AUX") and speaker_of(t) is not None:
            return t
    return None


def _attribute_nested(doc: Doc, f: Found, parent: Found) -> None:
    """A quote inside a quote: the nearest third-party subject before it in the parent."""
    f.type = "direct"
    span = doc.char_span(parent.start, f.open_mark or f.start, alignment_mode="contract")
    best: Token | None = None
    if span is not None:
        for t in span:
            if t.dep_ in _SUBJ_DEPS and t.lower_ not in ("i", "we", "it", "this", "that", "there", "you", "they", "which", "who"):
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


# ------------------------------------------------------------------ 7. indirect speech


def _complement(cue: Token) -> list[Token] | None:
    """The tokens of what a speech verb reports, or None when it reports nothing."""
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
            # "voiced concerns about ...": the object and what follows it in the clause
            if c.dep_ == "dobj" and lemma != "make":
                end = cue.right_edge.i
                return [t for t in doc[c.i:end + 1]]
        return None
    for c in cue.children:
        if c.dep_ == "ccomp" and c.i > cue.i:
            return list(c.subtree)
    # "Nurses will walk out next month, the union has announced.": the report
    # comes first and the attribution closes the sentence
    subj = next((c for c in cue.children if c.dep_ in _SUBJ_DEPS), None)
    for c in cue.children:
        if c.dep_ == "ccomp" and c.i < cue.i and subj is not None and subj.i > c.i:
            return [t for t in c.subtree if t.i < subj.i]
    if lemma in OBJECT_CONTROL_VERBS:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        xc = next((c for c in cue.children if c.dep_ in ("xcomp", "ccomp") and c.i > cue.i), None)
        if xc is None and obj is not None:
            xc = next((c for c in obj.children if c.dep_ in ("xcomp", "acl", "ccomp") and c.i > obj.i), None)
        if obj is not None and xc is not None and xc.pos_ in ("VERB", "AUX"):
            return sorted(set(obj.subtree) | set(xc.subtree), key=lambda t: t.i)
    # the parser sometimes takes "said covered trade" for said + object: a finite
    # verb right after "say" starts the reported clause
    if lemma in ("say", "add", "claim", "insist", "warn") and cue.i + 1 < len(doc):
        nxt = doc[cue.i + 1]
        if nxt.tag_ in ("VBD", "VBN", "VBZ", "VBP", "MD") and nxt.head.i > cue.i:
            return list(doc[cue.i + 1:cue.right_edge.i + 1])
    return None


def _trim_to_avoid(toks: list[Token], spans: list[tuple[int, int]]) -> list[Token]:
    """Drop the adverbial and coordinated clauses of a complement that reach into a
    quote: "urged Starmer to turn to Europe [after Trump called Putin a "genius"]"."""
    keep = set(toks)
    for t in toks:
        if t.dep_ in ("advcl", "conj", "relcl") and t in keep:
            sub = set(t.subtree)
            if any(_inside(x.idx, spans) for x in sub):
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


#: Heads of subjects that can speak: people, groups, organisations.
_ANIMATE_ORG_NOUNS = frozenset(
    """government ministry department office party company firm council court committee agency police
    army military union campaign team administration spokesman spokeswoman spokesperson board
    commission parliament congress senate cabinet embassy group organisation organization
    association charity bank regulator authority watchdog newspaper network channel""".split()
)


def _can_speak(subj: Token) -> bool:
    from .lexicon import GROUP_NOUNS, ORG_ALIASES, PERSON_NOUNS, SPOKESPERSON_NOUNS

    s, e = mention_span(subj)
    if text_of(subj.doc)[s:e].lower() in ORG_ALIASES:
        return True
    if subj.pos_ == "PRON":
        return subj.lower_ in ("he", "she", "they", "we", "i", "who")
    if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
        return True
    lemma = subj.lemma_.lower()
    if subj.pos_ == "PROPN" or subj.like_num:
        return True
    return lemma in PERSON_NOUNS or lemma in GROUP_NOUNS or subj.lower_ in GROUP_NOUNS or lemma in SPOKESPERSON_NOUNS or lemma in _ANIMATE_ORG_NOUNS


def indirect_quotes(doc: Doc, found: list[Found], paras: list[Para], skipped: list[Skipped]) -> list[Found]:
    text = text_of(doc)
    marked = [(f.open_mark if f.open_mark is not None else f.start, (f.close_mark + 1) if f.close_mark is not None else f.end) for f in found]
    direct_spans = [(f.start, f.end) for f in found if f.type == "direct"]
    cue_spans = {(f.cue_start) for f in found if f.cue_start is not None}
    out: list[Found] = []
    para_of = _para_index(paras)
    for cue in doc:
        if cue.lower_ == "according" and cue.dep_ == "prep" and is_cue(cue):
            f = _according_to(cue, marked, para_of)
            if f is not None:
                out.append(f)
            continue
        if not is_cue(cue) or cue.lemma_.lower() in ("call",):
            continue
        if cue.idx in cue_spans:
            continue
        k = para_of(cue.idx)
        if k is None or paras[k].skipped or any(s.start <= cue.idx < s.end for s in skipped):
            continue
        comp = _complement(cue)
        if comp is None:
            continue
        subj = speaker_of(cue)
        if subj is None or not _can_speak(subj):
            continue
        in_quote = _inside(cue.idx, direct_spans)
        if in_quote and not any(t.ent_type_ == "PERSON" for t in subj.subtree):
            # inside a quote, only a named third party's words are a quotation of their own
            continue
        toks = _trim_to_avoid(comp, marked)
        # drop the complementiser and a relative-pronoun subject ("which No 10 said covered ...")
        while toks and (toks[0].dep_ in ("mark", "punct") or toks[0].lower_ in ("that", "which", "who")):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks = toks[:-1]
        if len(toks) < 3:
            continue
        s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
        if any(ms < e and s < me for ms, me in marked if not (ms <= s and e <= me)):
            continue  # holds a quoted fragment: that is a mixed quote, already found
        if cue.idx >= s and cue.idx < e:
            continue
        brk = LINE_BREAK.search(text, s, e)
        if brk:
            e = brk.start()
        f = Found(start=s, end=e, type="indirect", para=k, confidence=0.6)
        f.cue, f.cue_start, f.cue_end = cue_phrase(cue)
        f.mention = mention_span(subj)
        f.mention_head = subj.i
        f.date_text, f.venue, f.addressee = _date_and_venue(cue, marked)
        if in_quote:
            f.parent = next(j for j, q in enumerate(found) if q.type == "direct" and q.start <= cue.idx < q.end)
            f.confidence = 0.5
        out.append(f)
    # nested complements of one another: keep the outermost per cue chain
    out.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for f in out:
        if kept and kept[-1].start <= f.start and f.end <= kept[-1].end and kept[-1].mention == f.mention:
            continue
        kept.append(f)
    return kept


def _according_to(cue: Token, marked: list[tuple[int, int]], para_of) -> Found | None:
    """"According to X, Y": Y is what X said."""
    subj = speaker_of(cue)
    clause = cue.head
    if subj is None or clause.pos_ not in ("VERB", "AUX"):
        return None
    # "according to X" itself, however the parser attached its pieces
    own = set(cue.subtree) | set(subj.subtree) | {t for t in cue.doc[cue.i:subj.i + 1]}
    toks = [t for t in clause.subtree if t not in own and not (t.is_punct and t.i < cue.i)]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    if len(toks) < 3:
        return None
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    if any(ms < e and s < me for ms, me in marked):
        return None
    k = para_of(cue.idx)
    if k is None:
        return None
    f = Found(start=s, end=e, type="indirect", para=k, confidence=0.6)
    f.cue, f.cue_start, f.cue_end = cue_phrase(cue)
    f.mention = mention_span(subj)
    f.mention_head = subj.i
    return f


def _para_index(paras: list[Para]):
    starts = [p.start for p in paras]
    import bisect

    def find(i: int) -> int | None:
        k = bisect.bisect_right(starts, i) - 1
        if k >= 0 and paras[k].start <= i <= paras[k].end:
            return k
        return None

    return find


# ------------------------------------------------------------------ 8. carry-over and the cascade


def carry_over(found: list[Found], paras: list[Para], text: str) -> None:
    """A quote with no attribution continues the speaker of the quote just before it."""
    order = sorted(range(len(found)), key=lambda j: found[j].start)
    prev: Found | None = None
    for j in order:
        f = found[j]
        if f.parent is not None:
            continue
        if f.mention is None and f.type in ("direct", "mixed") and prev is not None and (prev.mention is not None or prev.carried):
            gap_paras = f.para - prev.para
            if gap_paras <= 2:
                f.carried = True
                f.mention = prev.mention
                f.mention_head = prev.mention_head
                f.signed_name = prev.signed_name
                f.venue = f.venue or None
                f.confidence = 0.6
        if f.mention is not None or f.carried:
            prev = f


def find_quotes(doc: Doc, skipped: list[Skipped]) -> list[Found]:
    """Every quotation of the parsed article, in text order (cascade steps 1-8)."""
    text = text_of(doc)
    paras = paragraphs(text, skipped)
    doubles = double_quotes(text, paras, skipped)
    posts = social_posts(text, paras)
    # a post's lines are its own quotation: drop marks found inside it
    doubles = [d for d in doubles if not any(p.start <= d.start < p.end + 1 for p in posts)]
    singles = single_quotes(text, paras, doubles, skipped)
    found = doubles + singles
    titles = [(f.start, f.end) for f in found if is_title(doc, f)]
    found = [f for f in found if (f.start, f.end) not in titles]
    attribute_marked(doc, found, paras, titles)
    found = merge_interrupted(doc, found, paras, titles)
    found += posts
    # a mixed fragment that found no speaker and is short is a scare quote, not a quotation;
    # an unattributed line of Title Case words in marks is a heading
    found = [
        f for f in found
        if not (f.type == "mixed" and f.mention is None and len(text[f.start:f.end].split()) <= 3)
        and not (f.mention is None and f.parent is None and _title_case(text[f.start:f.end]))
    ]
    _reindex_parents(found)
    found += indirect_quotes(doc, found, paras, skipped)
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    _reindex_parents(found)
    carry_over(found, paras, text)
    return found


def _reindex_parents(found: list[Found]) -> None:
    """Parents are stored as indices: recompute them after filtering or sorting."""
    for f in found:
        if f.parent is None and f.type != "indirect":
            continue
        container = [j for j, g in enumerate(found) if g is not f and g.type == "direct" and g.start <= f.start and f.end <= g.end and (g.end - g.start) > (f.end - f.start)]
        f.parent = container[-1] if container else None
