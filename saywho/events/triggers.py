"""Triggers of engagements and the mentions they make.

Event nouns ("call", "meeting", "talks", "summit", "visit", "letter", "congratulations")
and verbs ("call", "phone", "speak with", "meet", "discuss", "visit", "travel to",
"write to", "congratulate"; the full lists are in ``words``).  Uses of the same
words that are not engagements are rejected from the parse: "call for", "calls on
X to", "called X a genius" (an object complement), a call noun with an infinitive
("a call for staffers to campaign"), a letter to no one.  Engagements hoped for,
denied or put as a condition are none; announced ones ("will visit", "plans to
meet", dated after publication) are kept with status "planned" (``mood``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..lexicon import AUDIENCE_NOUNS, PAIR_NOUNS
from ..model import Article
from ..nlp import sent_of, text_of
from ..quotes.marks import SpanSet
from .details import context_date, date_base, date_of, dateline_before, duration_of, is_future, place_of
from .mood import circumstance_head, debate_happened, irrealis_kind, is_irrealis, reported_perfect, routine
from .parties import Parties
from .referents import lost_subject
from .syntax import ents_in, misparsed_destination, with_medium
from .words import (
    APP_CALL_VERBS,
    EVENT_NOUNS,
    EVENT_VERBS,
    GATHER_VERBS,
    CONTEST_NOUNS,
    GROUP_NOUNS,
    INVESTIGATOR_WORDS,
    MESSAGE_NOUNS,
    MESSAGE_VERBS,
    SUMMIT_NOUNS,
    THANK_MEDIA,
    SEEING_VERBS,
    TRAVEL_VERBS,
    VISIT_PLACE_NOUNS,
)

__all__ = ["Mention", "Trace", "debate_happened", "find_mentions", "irrealis_kind", "is_irrealis", "trigger_kind"]

#: Adverbs of routine: a habit is no single engagement.
_HABITUAL = ("frequently", "often", "usually", "regularly", "routinely", "always", "sometimes", "occasionally", "typically")
#: Compounds that make "call" something else: "roll call", "conference call", "earnings call".
_NOT_APP_CALL_PARTICLES = frozenset("in out up past ahead off through by".split())
_NOT_CALL_COMPOUNDS = ("roll", "wake", "curtain", "judgment", "judgement", "close", "conference", "earnings", "casting")


@dataclass
class Mention:
    """One mention of an engagement: its trigger and what its sentence says of it."""

    type: str
    trigger: Token
    participants: list[str] = field(default_factory=list)
    people: int = 0  # how many of the participants are people (the rest: organisations, groups)
    place: str | None = None  # where a visit went ("visited Flint"): kept for merging, shown in the evidence
    date: str | None = None
    date_text: str | None = None
    date_approximate: bool = False
    duration: int | None = None
    duration_approximate: bool = False
    topics: list[str] = field(default_factory=list)
    not_discussed: list[str] = field(default_factory=list)
    evidence: tuple[int, int] = (0, 0)
    confidence: float = 0.6
    status: str = "happened"  # or "planned"
    date_from_context: bool = False  # dated by the narrative time of the sentences before

    @property
    def full(self) -> bool:
        """Names its engagement on its own: a person and another party, or a
        person visiting a named place."""
        if self.people < 1:
            # a summit or talks of organisations or groups alone ("NATO's summit in Warsaw")
            # by a name ("the abashed leaders" is too vague to stand alone)
            # a letter of an organisation or group to a named body, the same
            named = any(w[:1].isupper() for p in self.participants for w in p.split())
            lemma = self.trigger.lemma_.lower()
            return named and (self.type == "meeting" and lemma in SUMMIT_NOUNS or
                              self.type == "message" and lemma in MESSAGE_NOUNS and len(self.participants) >= 2)

        if self.type == "visit" and self.trigger.pos_ == "NOUN" and self.date and not self.date_from_context and any(
                c.dep_ == "prep" and c.lower_ in ("by", "from") for c in self.trigger.children):
            return True  # "a visit from the Secretary of State in December 2011": the visitor and when
        return len(self.participants) >= 2 or self.type == "visit" and self.place is not None


def trigger_kind(t: Token) -> tuple[str, str] | None:
    """("verb" | "noun", event type) when ``t`` is a trigger word, else None."""
    lemma = t.lemma_.lower()
    low = t.lower_
    if t.pos_ in ("VERB", "AUX") and lemma in EVENT_VERBS:
        return "verb", EVENT_VERBS[lemma]
    if t.pos_ in ("NOUN", "PROPN") and (lemma in EVENT_NOUNS or low in EVENT_NOUNS):
        if t.pos_ == "PROPN" and not t.is_lower:
            return None
        return "noun", EVENT_NOUNS.get(lemma, EVENT_NOUNS.get(low, "other"))
    return None


def is_engagement_use(t: Token, kind: str, etype: str) -> bool:
    """False for the uses of a trigger word that are not an engagement."""
    children = with_medium(t)
    preps = {c.lower_ for c in children if c.dep_ in ("prep", "prt")}
    if kind == "verb":
        return _verb_is_engagement(t, children, preps)
    return _noun_is_engagement(t, children, preps)


def _verb_is_engagement(t: Token, children: list[Token], preps: set[str]) -> bool:
    """A trigger verb's engagement uses ("called X on Friday", "the leaders spoke")."""
    lemma = t.lemma_.lower()
    if lemma == "call" and not _call_verb_is_call(t, children, preps):
        return False
    if lemma in ("speak", "talk") and not ({"with", "to"} & preps):
        # "the leaders spoke", "X and Y talked": a plural subject speaking with each other
        subj = [c for c in children if c.dep_ == "nsubj"]
        plural = subj and (any(c.dep_ == "conj" for c in subj[0].children) or subj[0].lower_ in ("they", "both")
                           or subj[0].lemma_.lower() in PAIR_NOUNS and subj[0].tag_ == "NNS")
        if not plural or any(c.dep_ in ("ccomp", "dobj") for c in children) or "about" in preps:
            return False
    if lemma == "talk" and "about" in preps and "with" not in preps:
        return False
    if lemma == "ring" and not any(c.dep_ == "dobj" for c in children):
        return False
    if lemma in APP_CALL_VERBS and (preps & _NOT_APP_CALL_PARTICLES or not (
            "with" in preps or any(c.dep_ == "dobj" for c in children))):
        return False  # "zoomed in on", "shares zoomed": calling by an app needs whom
    if lemma == "host" and not any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN") for c in children):
        return False
    if lemma in MESSAGE_VERBS:
        # "wrote to the committee", "emailed her aides"; "wrote in an op-ed", "he wrote" are no message
        addressed = "to" in preps or any(c.dep_ in ("dative", "dobj") and c.pos_ in ("PROPN", "PRON", "NOUN")
                                        and c.lemma_.lower() not in ("it", "this", "that", "book", "article") for c in children)
        return addressed if lemma != "write" else "to" in preps or any(c.dep_ == "dative" for c in children)
    if lemma in TRAVEL_VERBS:
        # "will travel to Paris"; "flew home" names no destination; "went to war", "go to the polls"
        # name no place: "go" needs a named place or a place noun
        to = [p for c in children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
        to += misparsed_destination(t)
        if lemma != "go" and any(c.dep_ == "advmod" and c.lower_ == "here" for c in children):
            return dateline_before(text_of(t.doc), t.idx) is not None  # "flew here" under a dateline
        if any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in SEEING_VERBS and any(
                x.ent_type_ in ("GPE", "LOC", "FAC") for x in c.subtree) for c in children):
            return True  # "went to see the melting ice in Greenland": a visit to a named place
        if lemma != "go":
            return bool(to)
        # (not a city or a district: "when I went to the Eastern District" is a career move)
        return any(p.ent_type_ == "FAC" or p.lemma_.lower() in VISIT_PLACE_NOUNS and p.lemma_.lower() not in (
            "state", "country", "region", "city", "town", "capital") for p in to)
    if lemma == "meet" and "with" not in preps and any(c.dep_ == "dobj" and c.lemma_.lower() in CONTEST_NOUNS for c in children):
        return False  # "met his opponents in the primaries", "met his rival in the final": a contest
    if lemma == "discuss":
        # "X and Y discussed trade", "discussed trade with Y"; "X discussed the plan" alone is no engagement
        subj = [c for c in children if c.dep_ == "nsubj"]
        pair = bool(subj) and any(c.dep_ == "conj" for c in subj[0].children)
        return "with" in preps or pair
    if lemma == "negotiate":
        return "with" in preps
    if lemma in GATHER_VERBS:
        subj = [c for c in children if c.dep_ == "nsubj"]
        return bool(subj) and subj[0].tag_ in ("NNS", "NNPS") and not {"around", "behind", "outside"} & preps
    if lemma in ("interview", "question"):
        return _by_investigators(t)
    if lemma == "summon":
        # "summoned his adviser to the Oval Office"; "summoned the courage" names no one
        return any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ in ("PROPN", "PRON")
                                         or c.lemma_.lower() in GROUP_NOUNS) for c in children)
    if lemma == "invite":
        return _invitation_is_message(t, children)
    if lemma == "thank":
        # "thanked Trump on Twitter", "thanked her in a letter": a message; a spoken "thanked X" is not
        media = {p.lemma_.lower() for c in children if c.dep_ == "prep" and c.lower_ in ("on", "in", "via", "by")
                 for p in c.children if p.dep_ == "pobj"}
        return bool(media & THANK_MEDIA) and any(c.dep_ == "dobj" for c in children)
    return True


def _by_investigators(t: Token) -> bool:
    """An interview or questioning is an engagement when investigators hold it ("the FBI's
    interview of X", "was interviewed by the FBI", "detectives questioned him"): the press's
    interviews are no engagement."""
    near = [c for c in t.children if c.dep_ in ("nsubj", "poss", "compound", "agent")]
    near += [p for c in t.children if c.dep_ in ("agent", "prep") and c.lower_ == "by" for p in c.children]
    words = {x.lower_.strip(".") for n in near for x in n.subtree}
    return bool(words & INVESTIGATOR_WORDS) or "justice department" in " ".join(x.lower_ for n in near for x in n.subtree)


def _invitation_is_message(t: Token, children: list[Token]) -> bool:
    """"X invited Y to sit in the front row", "inviting Y to the gala": an invitation addressed
    to a named guest.  An invitation to meet or visit is the engagement itself (its own
    trigger), and "was invited" names no sender."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
        return False
    guest = [c for c in children if c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")]
    if not guest:
        return False
    goal = [c for c in children if c.dep_ == "xcomp"] + [
        p for c in children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
    # (a debate is no engagement: an invitation to sit in its audience is the message)
    return bool(goal) and not any("other" != (EVENT_VERBS if g.pos_ in ("VERB", "AUX") else EVENT_NOUNS).get(g.lemma_.lower(), "other")
                                  for g in goal)


def _call_verb_is_call(t: Token, children: list[Token], preps: set[str]) -> bool:
    """"called X on Friday" is a call; "called X a genius", "called for", "calls on X
    to", "called it quits", "was called" are not."""
    if any(c.dep_ in ("oprd", "ccomp", "attr", "acomp", "auxpass", "nsubjpass") for c in children):
        return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in EVENT_NOUNS for c in children):
        return False  # "called an emergency meeting": convened it (the noun's mention)
    # "called X to congratulate him" is a call with a purpose; "called X a genius" is not
    if any(c.dep_ == "xcomp" and not any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children) for c in children):
        return False
    if preps & {"for", "out", "off", "up", "in", "upon", "back"}:
        return False
    # "called X on Friday" is a call; "called on X to" is not
    if "on" in preps and not all(any(p.ent_type_ in ("DATE", "TIME") for p in c.subtree) for c in children if c.lower_ == "on"):
        return False
    objs = [c for c in children if c.dep_ == "dobj"]
    if len(objs) > 1:
        return False
    if not objs and not preps & {"with", "to"} and "from" in preps:
        return False  # "I am calling from the campaign": who calls, not whom
    nxt = t.doc[t.i + 1: t.i + 6]
    if any(x.text in "\"“‘'" for x in nxt):
        return False  # called X "a genius"
    return True


def _noun_is_engagement(t: Token, children: list[Token], preps: set[str]) -> bool:
    """A trigger noun's engagement uses ("talks", "a call on Friday"; not "a call to resign")."""
    lemma = t.lemma_.lower()
    if lemma == "call":
        if preps & {"for", "out"}:
            return False
        if "on" in preps:
            on = next(c for c in children if c.lower_ == "on")
            if not any(p.ent_type_ in ("DATE", "TIME") for p in on.subtree):
                return False  # "calls on the government to"
        if any(c.dep_ in ("acl", "relcl") and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children) for c in children):
            return False  # "a call to resign"
        if any(c.dep_ == "compound" and c.lower_ in _NOT_CALL_COMPOUNDS for c in children):
            return False
    if lemma == "flight":
        # "boarding a flight to a conference in Detroit": a trip to a named place; "a flight
        # attendant", "flight from the city", "a flight of stairs" are none
        return t.dep_ != "compound" and any(x.ent_type_ in ("GPE", "LOC", "FAC") for c in children
                                            if c.dep_ == "prep" and c.lower_ == "to" for x in c.subtree)
    if lemma == "interview":
        return _by_investigators(t)  # "the FBI's interview of X"; a press interview is none
    if lemma == "talk" and t.tag_ != "NNS":
        return False  # "talk of", "small talk"; the engagement is "talks"
    if lemma == "visit" and t.dep_ == "compound":
        return False
    if lemma in MESSAGE_NOUNS or t.lower_ in MESSAGE_NOUNS:
        return _message_noun_is_addressed(t, preps)
    if lemma in ("negotiation", "discussion") and not preps & {"with", "between", "among"}:
        return False
    if lemma == "tour" and not any(c.dep_ == "pobj" for c in children if c.lower_ == "of"):
        return False  # "a tour of the plant"; "a book tour", "on tour" are no visit
    return True


def _message_noun_is_addressed(t: Token, preps: set[str]) -> bool:
    """A letter, email or note is a message when it is addressed to someone: "a
    letter to the board", "sent X an email"; "the text of the bill", "a letter to
    the editor" (the press) are not."""
    if t.lemma_.lower() in ("note", "text", "message") and t.dep_ == "compound":
        return False
    if "to" in preps:
        to = next(c for c in t.children if c.dep_ == "prep" and c.lower_ == "to")
        objs = [p for p in to.children if p.dep_ == "pobj"]
        return bool(objs) and objs[0].pos_ in ("PROPN", "NOUN", "PRON") and objs[0].lemma_.lower() != "editor"
    h = t.head
    # "sent Mr. Xi a letter", "wrote him a note"
    return t.dep_ == "dobj" and h.lemma_.lower() in ("send", "write") and any(c.dep_ == "dative" for c in h.children)


#: What ``find_events(..., trace=[])`` records: (offset, trigger, what became of it).
Trace = list[tuple[int, str, str]]


class _Tracer:
    """Records what became of each trigger, when a trace was asked for (for debugging rules)."""

    def __init__(self, trace: Trace | None) -> None:
        self.trace = trace

    def __call__(self, t: Token, reason: str) -> None:
        if self.trace is not None:
            self.trace.append((t.idx, t.text, reason))


def find_mentions(doc: Doc, article: Article, parties: Parties, trace: Trace | None = None) -> list[Mention]:
    """Every engagement mention in the article, in text order, with its participants,
    date, duration and evidence sentence (topics come later, from whole sentences)."""
    why = _Tracer(trace)
    found: list[Mention] = []
    seen_verbs: set[int] = set()
    debris = SpanSet([(x.start, x.end) for x in article.skipped])  # indexed: asked per trigger
    for t in doc:
        got = trigger_kind(t)
        if got is None:
            continue
        kind, etype = got
        if debris.has(t.idx):
            continue
        if not is_engagement_use(t, kind, etype):
            why(t, "not an engagement use")
            continue
        if kind == "noun":
            # "met him for dinner", "making a phone call": one mention, the verb's if it is a trigger
            h = t.head.head if t.dep_ == "pobj" else t.head
            if h.i in seen_verbs and EVENT_VERBS.get(h.lemma_.lower()) in (etype, "call", None):
                why(t, "the verb's mention")
                continue
            if t.dep_ == "compound" and t.head.lemma_.lower() in EVENT_NOUNS:
                continue
        # the last engagement dated by its own words: the narrative time an undated one may share
        prior = next(((x.trigger.idx, x.date, x.date_text or "") for x in reversed(found)
                      if x.date and not x.date_from_context and x.status == "happened"), None)
        m = _mention(t, kind, etype, article, parties, seen_verbs, why, prior)
        if m is not None:
            found.append(m)
    return found


def _to_an_audience(t: Token) -> bool:
    """"spoke to the squad", "talked with students": the verb's "to"/"with" object is a
    plural or collective common noun that is no pair of people ("the two leaders")."""
    for prep in t.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "with"):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() not in PAIR_NOUNS \
                    and (obj.tag_ == "NNS" or obj.lemma_.lower() in AUDIENCE_NOUNS):
                return True
    return False


def _mention(t: Token, kind: str, etype: str, article: Article, parties: Parties, seen_verbs: set[int],
             why: _Tracer, prior: tuple[int, str, str] | None = None) -> Mention | None:
    """The mention trigger ``t`` makes, None when it names no engagement that happened
    (an interview, a speech, a debate to come, a hypothetical or future one)."""
    lemma = t.lemma_.lower()
    got = parties.participants(t, kind, etype)
    if got is None:  # an interview or a press appearance
        if kind == "verb":
            seen_verbs.add(t.i)
        why(t, "an interview or press appearance")
        return None
    names, people, place, verb = got
    if lost_subject(parties, t, kind, etype):
        why(t, "its subject describes a person the lookup does not name")  # better none than one party
        return None
    if kind == "verb" and lemma in ("speak", "talk") and (people < 2 or _to_an_audience(t)):
        why(t, f"a speech: {names}")  # "spoke to the Virginia delegation", "X and Y spoke to the squad"
        return None
    if etype == "other":
        why(t, "a debate: no engagement between the parties")  # the press's event, not theirs
        return None
    # "the call did not touch on X" still reports a call; "did not have a call" does not
    subj_noun = kind == "noun" and t.dep_ in ("nsubj", "nsubjpass")
    mood_verb = circumstance_head(t, verb) if kind == "noun" else verb
    kinds = {irrealis_kind(t, negation=not subj_noun), irrealis_kind(mood_verb, negation=not subj_noun) if verb.i != t.i else None}
    if "hypothetical" in kinds:
        why(t, "did not happen (modal, negated, conditional)")
        return None
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in (*t.children, *verb.children)) or routine(t, verb):
        why(t, "habitual, not one engagement")  # "frequently goes to colleges", "often meets donors"
        return None
    if kind == "verb":
        seen_verbs.add(t.i)
    m = Mention(type=etype, trigger=t, participants=names, people=people, place=place)
    m.status = "planned" if "planned" in kinds else "happened"
    m.place = m.place or place_of(t, verb)
    if m.place is None and etype == "visit":
        # "a flight to a conference in Detroit": the named place inside the destination
        to = [x for c in t.children if c.dep_ == "prep" and c.lower_ == "to" for x in c.subtree]
        m.place = next((e.text for e in ents_in(sent_of(t)) if e.label_ in ("GPE", "LOC", "FAC") and any(x.i == e.root.i for x in to)), None)
    if m.place is None and etype == "visit" and any(c.dep_ == "advmod" and c.lower_ == "here" for c in t.children):
        m.place = dateline_before(text_of(t.doc), t.idx)  # "flew here": the dateline's place
    base_at = lambda i: date_base(parties.quote_at(i), article.published)  # noqa: E731
    d = date_of(t, verb, base_at, future=m.status == "planned")
    if d is not None and not d[0]:
        pass  # "the next day" of no known day: no date, not even the narrative's (never a guess)
    elif d is not None:
        if is_future(d[0], article.published) and m.status == "happened":
            m.status = "planned"  # "meets X next week"
        m.date, m.date_text, m.date_approximate = d[0], d[1], d[2]
    elif m.status == "planned" and etype != "visit" and m.place is None and not any(
            e.label_ in ("DATE", "TIME") for e in ents_in(sent_of(t))):
        why(t, "an intention with no time or place")  # "we will discuss it with the President-elect"
        return None
    elif m.status == "happened" and not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children) \
            and not reported_perfect(verb):
        # (the present perfect, "has met previously with X", puts it at no particular time; so
        # does a reported one: "he added that he had spoken with X")
        ctx = context_date(t, base_at, prior)
        if ctx is not None and not is_future(ctx[0], article.published):
            m.date, m.date_text, m.date_approximate, m.date_from_context = ctx[0], ctx[1], True, True
    dur = duration_of(t) if etype in ("call", "meeting", "visit") else None
    if dur is not None:
        m.duration, m.duration_approximate = dur
    sent = sent_of(t)
    m.evidence = (sent.start_char, sent.end_char)
    text = text_of(t.doc)
    while m.evidence[1] > m.evidence[0] and text[m.evidence[1] - 1].isspace():
        m.evidence = (m.evidence[0], m.evidence[1] - 1)
    m.confidence = 0.75 if lemma not in ("speak", "talk", "host", "conversation", "trip") else 0.6
    why(t, f"mention {etype} {names} place={place} people={people}")
    return m
