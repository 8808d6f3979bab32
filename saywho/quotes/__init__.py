"""Stage 3: quotation spans, their type, cue, venue, date and speaker mention.

``find_quotes(doc, skipped) -> list[Found]`` is a pure function of the parse.  It
works in a numbered cascade; each step adds what the steps before could not see
(the module that does each step in brackets):

1. Paragraphs: one a line; debris stretches (``skipped``) are left out.  [marks]
2. Double marks: a character scan, paragraph by paragraph, that pairs curly and
   straight marks (two apostrophes count as one straight mark).  A paragraph that ends inside a quote continues it when the
   next paragraph re-opens with a mark (the news convention for a multi-
   paragraph quote); otherwise the quote ends with its paragraph.  An odd mark
   costs at most its own paragraph, never the article; an unpaired straight mark
   in an article of curly marks is a stray and opens nothing.  [marks]
3. Single marks: nested quotes inside a double-quoted span, and single-quoted
   speech in paragraphs of prose (not headline scare quotes).  [marks]
4. Embedded social-media posts: lines above a "— Name (@handle) Date" signature
   [marks]; transcript turns: a paragraph opening "PENCE: ..." is the named
   speaker's own words, up to the next speaker's label.  [turns]  Interview
   answers: in a printed question-and-answer interview, the paragraphs after
   each question are the interviewee's words (the introduction says whom the
   interview is with).  [interview]
5. Type: direct when the marks hold whole sentences introduced by an
   attribution (after ":" or ",", at the start of a paragraph, ...); mixed when
   a quoted fragment sits inside a reported clause.  [marked]
6. Attribution of marked quotes: the cue verb in the frame around the quote
   (tokens outside quotes in its sentence) or governing the fragment in the
   parse, its subject as the speaker mention, its venue and date modifiers.
   Titles of works in marks are no quotations; the parts of a quote that an
   attribution interrupts are joined (across that attribution only).  A mixed
   quote spans the reported clause that holds its fragment, the fragments being
   its ``verbatim`` pieces; fragments of one clause are one quote.  An
   attribution set off by commas, closing its sentence or in an "as" clause
   reports the sentence around it (the outer span).  [marked, clause, sentence,
   with syntax and venue]
   Then marks that are nobody's speech go: terms ("the so-called 'fast lane'"),
   short fragments that no cue reports, unattributed Title Case lines, and pull
   quotes (a paragraph of an unattributed quote the body prints again).
7. Indirect speech: speech verbs with a reported clause ("No 10 said [it]
   covered trade"), attributions set off by commas ("..., Patel said, ...",
   "..., the source added."), also inside quotes when a third party is
   reported; findings of a study, poll, record or document ("a study found
   that ...", "polls show a close race", "..., a new analysis shows."); cues
   whose content is their object ("cited X", "called for X", "called on X to
   ...", "denounced X as Y", "spoke about X").  A report runs to the end of its
   cue's clause.  [indirect, clause, sentence, syntax]
8. Carry-over: a quote paragraph with no attribution continues the speaker of
   the quote just before it.  [found]

``Found`` (the working record) is in ``found``; the string scans in ``marks`` use
no parse and import no spaCy.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Skipped
from ..nlp import text_of
from .found import TRANSCRIPT_TURN, Found, attach_verbatim, carry_over, reindex_parents
from .indirect import indirect_quotes
from .marked import attribute_marked, is_title, merge_interrupted, merge_shared_clause
from .marks import Para, double_quotes, paragraphs, single_quotes, social_posts, title_case
from .turns import transcript_turns
from .interview import interview_answers
from .syntax import cue_phrase, is_cue, mention_span, speaker_of
from .venue import date_and_venue

__all__ = [
    "Found", "Para", "attach_verbatim", "attribute_marked", "carry_over", "cue_phrase", "date_and_venue", "double_quotes",
    "find_quotes", "indirect_quotes", "interview_answers", "is_cue", "is_title", "mention_span", "merge_interrupted",
    "paragraphs", "single_quotes", "social_posts", "speaker_of", "transcript_turns",
]


def find_quotes(doc: Doc, skipped: list[Skipped]) -> list[Found]:
    """Every quotation of the parsed article, in text order (cascade steps 1-8)."""
    text = text_of(doc)
    paras = paragraphs(text, skipped)
    doubles = double_quotes(text, paras, skipped)
    posts = social_posts(text, paras) + transcript_turns(text, paras)
    if not posts:
        # a printed interview's answers: unmarked, a question paragraph before each
        posts = interview_answers(doc, text, paras, doubles)
    # a post's lines (a transcript turn) are its own quotation: drop marks found inside it
    # (a turn's region starts at its label, and at the mark before it in a quoted
    # transcript; a transcript's stage notes between turns are no one's words either)
    regions = [((p.mention[0] - 1 if p.mention else p.start), p.end + 1) for p in posts]
    turns = [p for p in posts if TRANSCRIPT_TURN in p.notes]
    if turns:
        regions.append((turns[0].mention[0] - 1, turns[-1].end + 1))  # type: ignore[index]
    doubles = [d for d in doubles if not any(s <= d.start < e for s, e in regions)]
    singles = single_quotes(text, paras, doubles, skipped)
    found = doubles + singles
    titles = [(f.start, f.end) for f in found if is_title(doc, f)]
    title_keys = set(titles)  # a set: a list made this quadratic in the article's quotes
    found = [f for f in found if (f.start, f.end) not in title_keys]
    reindex_parents(found)  # (parents are indices: the titles dropped just now moved them)
    attribute_marked(doc, found, paras, titles)
    found = merge_interrupted(doc, found, paras, titles)
    found = merge_shared_clause(found)
    found += posts
    found = [f for f in found if not _scare_quote(f, text)]
    found = _drop_pull_quotes(found, paras, text)
    reindex_parents(found)
    found += indirect_quotes(doc, found, paras, skipped)
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    reindex_parents(found)
    carry_over(found)
    return found


_TERM_INTRO = re.compile(r"(so-called|so called|dubbed|nicknamed|known as|termed|branded|labelled|labeled|the term|the word|the phrase)\W*$", re.I)


def _scare_quote(f: Found, text: str) -> bool:
    """Marks that are nobody's speech (cascade step 6's filter): a term introduced as
    one ("the so-called 'fast lane'"); a short fragment that no cue reports ("had
    'agreed'"), unless it is itself the quoted predicate ("'fondly recalled'"); an
    unattributed line of Title Case words (a heading)."""
    if f.type == "mixed":
        words = sum(len(text[s:e].split()) for s, e in f.verbatim())
        if f.open_mark is not None and _TERM_INTRO.search(text, max(0, f.open_mark - 20), f.open_mark):
            return True
        if f.mention is None and words <= 3:
            return True
        own_cue = f.cue_start is not None and f.start <= f.cue_start < f.end
        if f.pieces is None and words <= 3 and not own_cue:
            return True
    return f.mention is None and f.parent is None and title_case(text[f.start:f.end])


def _drop_pull_quotes(found: list[Found], paras: list[Para], text: str) -> list[Found]:
    """Page furniture: a pull quote is a paragraph of nothing but an unattributed quote
    whose words the article prints again elsewhere; the copy is no quotation of its own."""
    def norm(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.lower()))

    body = norm(text)
    out = []
    for f in found:
        p = paras[f.para]
        words = norm(text[f.start:f.end])
        alone = f.mention is None and f.parent is None and not norm(text[p.start:p.end]).replace(words, "").strip()
        if alone and len(words.split()) >= 5 and body.count(words) >= 2:
            continue
        out.append(f)
    return out
