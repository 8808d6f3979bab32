"""Stage 5: engagements -- who called, met, visited or congratulated whom, when, for how long, about what.

``find_events(doc, article, ents) -> list[Event]`` works in four steps:

1. Triggers: event nouns ("call", "meeting", "talks", "dinner", "visit",
   "congratulations") and verbs ("call", "phone", "speak with", "meet", "visit",
   "host", "dine", "congratulate").  Uses of the same words that are not
   engagements are rejected from the parse: "call for", "calls on X to",
   "called X a genius" (an object complement), a call noun with an infinitive
   ("a call for staffers to campaign"); and so are engagements that did not
   happen (under a modal, "looks forward to meeting", "plans to visit", negated,
   conditional, or dated after publication).
2. Participants from the parse: subjects (inherited from the governing verb for
   "before making a phone call"), objects, "with"/"between"/"to"/"from"/
   "alongside" phrases, possessors ("Starmer's phone call"), conjunctions ("The
   Foreign Secretary and I").  Each mention goes through the core's resolver
   (``ents.person_at``: names, pronouns, "I" in a quote, descriptions); "the two
   men", "the leaders", "they" are the two people most recently named.  A party
   that is no person may be an organisation ("met with AFL-CIO leaders" ->
   AFL-CIO) or a described group ("state officials"); a place is where a visit
   went; a news outlet or "reporters" make it an interview, and speaking to a
   group is a speech: neither is an engagement.  An event needs at least one
   person and another party, or, for a visit, one person and a named place.
   Debates between candidates are type ``other`` and only once they took place.
3. Date (dateparser, relative to the publication date or to the quote's own
   date), duration and topics ("covered X and Y", "X were not discussed") of
   each mention, from the phrases attached to the trigger in the parse.
4. Mentions of one event are merged: same type, compatible date and
   participants.  A mention that names fewer than two people ("It was a very
   warm call") only adds evidence to an event named elsewhere.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from .dates import resolve_date  # one date resolver for quotes and events
from .nlp import entities, sent_of, sentences, text_of
from .model import Article, Event

# ------------------------------------------------------------------ word lists

#: Event nouns (lemma, lower case) -> event type.
TRIGGER_NOUNS = {
    "call": "call", "phonecall": "call", "conversation": "call",
    "meeting": "meeting", "talk": "meeting", "summit": "meeting", "dinner": "meeting",
    "lunch": "meeting", "breakfast": "meeting", "encounter": "meeting", "sit-down": "meeting",
    "visit": "visit", "trip": "visit",
    "congratulation": "message", "congratulations": "message",
    # a debate between candidates: a face-to-face engagement, but no meeting
    "debate": "other",
}
#: Event verbs (lemma) -> event type.
TRIGGER_VERBS = {
    "call": "call", "phone": "call", "telephone": "call", "ring": "call",
    "speak": "call", "talk": "call",
    "meet": "meeting", "dine": "meeting", "host": "meeting",
    "visit": "visit",
    "congratulate": "message",
    "debate": "other",
}
#: Verbs whose object is the event noun and whose subject takes part ("had a call", "held talks").
LIGHT_VERBS = frozenset("have hold make place take get receive attend join host conduct arrange enjoy share pay crash".split())
#: Verbs whose subject addresses a gathering named by a meeting noun: "told a meeting of Pacific Island leaders".
ADDRESS_VERBS = frozenset("tell address brief".split())
#: Prepositions that name the other party of an engagement.
PARTY_PREPS = frozenset("with between to from alongside among".split())
#: Heads of a described group that can take part in an engagement ("union leaders", "state officials").
GROUP_NOUNS = frozenset(
    """leader official executive delegation member lawmaker legislator senator governor mayor representative
    adviser advisor donor minister diplomat envoy negotiator commander general activist organizer caucus
    committee board union council chief group management leadership team opponent rival""".split()
)
#: Collective nouns that name a group in the singular ("the Texas delegation", "Patriot's management").
COLLECTIVE_NOUNS = frozenset("delegation committee board union council caucus group management leadership team".split())
#: A party that makes the engagement an interview or a press appearance, not an engagement between people.
MEDIA_NOUNS = frozenset(
    """reporter journalist interviewer press newspaper network program programme show magazine podcast radio
    television anchor host audience crowd viewer listener reader columnist correspondent outlet media""".split()
)
_MEDIA_NAME = re.compile(
    r"\b(news|post|times|journal|tribune|herald|gazette|daily|weekly|magazine|radio|tv|television|network|"
    r"cnn|msnbc|fox|nbc|abc|cbs|npr|pbs|bbc|rt|reuters|associated press|ap|bloomberg|politico|huffington|"
    r"huffpost|breitbart|axios|guardian|telegraph|cosmopolitan|squawk box|face the nation|meet the press)\b",
    re.I,
)
#: Heads that make an event below them hypothetical: "looks forward to meeting", "plans to visit".
IRREALIS_HEADS = frozenset(
    """forward hope plan want expect intend aim seek try invite ask propose offer need schedule
    prepare wish like urge refuse block consider request demand seek push pledge promise vow
    decline threaten suggest encourage allow agree set let""".split()
)
MODALS = frozenset("will would could might may shall should can must 'll wo ca".split())
#: Nouns for "the two men", "the leaders": the pair named just before.
PAIR_NOUNS = frozenset("man woman leader pair two president candidate rival counterpart both".split())
PLURAL_PRONOUNS = frozenset("they them their both".split())

#: Verbs that report what an engagement covered.
TOPIC_VERBS = frozenset("discuss cover address raise review focus touch reflect".split())
TOPIC_VERB_PREPS = {"focus": "on", "touch": "on", "reflect": "on", "talk": "about"}
#: Heads that carry no topic of their own: "the importance of X", "a number of issues including X".
VAGUE_NOUNS = frozenset(
    """importance number range host variety issue issues matter matters area areas situation way need thing
    things topic topics subject subjects question questions significance value lot kind sort rest""".split()
)

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a few": 3, "few": 3, "several": 3, "half an": 0.5, "half a": 0.5,
}
_APPROX = r"(?:about|around|roughly|nearly|almost|approximately|some|more than|over|less than|under|just over|just under|close to|up to)"
_NUM = r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty(?:-five)?|fifty|sixty|ninety|a couple(?: of)?|a few|several|half an?)"
_DURATION_RES = [
    # "45-minute call", "90 minute", "an hour-long meeting", "two-hour dinner"
    # ("an hour after the vote", "two hours later" are times, not durations)
    re.compile(rf"\b(?P<approx>{_APPROX}\s+)?(?P<n>{_NUM})[\s-](?P<unit>minute|hour|min)s?(?:[\s-]long)?\b"
               r"(?!\s+(?:after|before|later|earlier|ago|late|early|away|behind|ahead)\b)", re.I),
    re.compile(r"\b(?P<n>an?)\s+(?P<unit>hour)[\s-]long\b", re.I),
    # "for 45 minutes", "for about a couple of hours", "lasted nearly an hour"
    re.compile(rf"\b(?:for|lasted|lasting|of)\s+(?P<approx>{_APPROX}\s+)?(?P<n>{_NUM})\s+(?P<unit>minute|hour|min)s?\b", re.I),
]


# ------------------------------------------------------------------ one mention of an event


@dataclass
class Mention:
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

    @property
    def full(self) -> bool:
        """Names its engagement on its own: a person and another party, or a
        person visiting a named place."""
        if self.people < 1:
            return False
        return len(self.participants) >= 2 or self.type == "visit" and self.place is not None


# ------------------------------------------------------------------ dates

def _is_future(date: str, base: str | None) -> bool:
    if not base:
        return False
    return date[: len(base[:10])] > base[:10][: len(date)] if len(date) < 10 else date > base[:10]


# ------------------------------------------------------------------ the extractor


def _ents_in(span: Span) -> list[Span]:
    """The entities inside a span, from the per-Doc cache (Span.ents walks the Doc)."""
    return [e for e in entities(span.doc) if e.start >= span.start and e.end <= span.end]


#: "spoke by phone with X": the medium's phrase carries the party
_MEDIUM_NOUNS = frozenset("phone telephone videolink video link zoom teams line".split())


def _with_medium(t: Token) -> list[Token]:
    """The children of ``t``, plus those of a medium phrase ("by phone", "over the
    telephone"), where the parser hangs the "with X" that belongs to the verb."""
    out = list(t.children)
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "over", "on", "via"):
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in _MEDIUM_NOUNS:
                    out.extend(g for g in p.children if g.dep_ == "prep")
    return out


class _Finder:
    def __init__(self, doc: Doc, article: Article, ents: Any) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.article = article
        self.ents = ents
        self.people = [p for p in getattr(ents, "people", []) if getattr(p, "kind", "person") == "person"]
        self.quotes = list(getattr(ents, "quotes", []) or [])
        self.trace: list[tuple[int, str, str]] | None = None
        # person mentions in text order: (start, end, name)
        self.person_mentions = sorted((s, e, p.name) for p in self.people for s, e in p.mentions)

    # -------------------------------------------------------------- resolving a mention to a person

    def _quote_at(self, i: int) -> Any:
        best = None
        for q in self.quotes:
            if q.start <= i < q.end and (best is None or q.end - q.start < best.end - best.start):
                best = q
        return best

    def _np_span(self, tok: Token) -> Span:
        """The noun phrase headed by ``tok`` without its clauses and conjuncts."""
        skip = {"conj", "cc", "relcl", "acl", "appos", "punct", "prep", "advcl"}
        toks = [tok]
        stack = [c for c in tok.children if c.dep_ not in skip]
        while stack:
            c = stack.pop()
            toks.append(c)
            stack.extend(x for x in c.children if x.dep_ not in {"relcl", "acl", "conj", "cc", "advcl"})
        lo = min(t.i for t in toks)
        hi = max(t.i for t in toks) + 1
        return self.doc[lo:hi]

    def _person_at(self, s: int, e: int) -> str | None:
        fn = getattr(self.ents, "person_at", None)
        if fn is None:
            return None
        try:
            p = fn(s, e)
        except Exception:  # a stub or half-written resolver must not sink the stage
            return None
        if p is None or getattr(p, "kind", "person") != "person":
            return None
        # the resolver answers for any span by salience; a date, a place or an
        # organisation is nobody unless it is one of the person's own mentions
        # (the tagger sometimes calls "Trump" an ORG)
        sp = self.doc.char_span(s, e, alignment_mode="expand")
        if sp is not None and len(sp) and sp.root.ent_type_ and sp.root.ent_type_ != "PERSON":
            if not any(ms <= sp.root.idx < me for ms, me in getattr(p, "mentions", [])):
                return None
        return p.name

    def _is_person_mention(self, tok: Token) -> bool:
        """Whether ``tok`` lies in a mention of one of the article's people."""
        return any(s <= tok.idx < e for p in self.people for s, e in p.mentions)

    def _canonical(self, name: str) -> str:
        fn = getattr(self.ents, "canonical", None)
        if fn is None:
            return name
        try:
            return fn(name)
        except Exception:
            return name

    def _known(self, name: str) -> bool:
        return any(p.name == name for p in self.people)

    def pair_before(self, pos: int, exclude: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
        """The two people most recently named before ``pos`` ("the two men", "the leaders")."""
        out: list[str] = []
        # only the pair named in this sentence or the one before
        sent = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        lo = 0
        if sent is not None:
            first = sent_of(sent[0])
            lo = first.start_char
            if first.start > 0:
                lo = sent_of(self.doc[first.start - 1]).start_char
        for s, e, name in reversed(self.person_mentions):
            if s >= pos or name in exclude:
                continue
            if s < lo:
                break
            if name not in out:
                out.append(name)
            if len(out) == 2:
                break
        return list(reversed(out))

    def resolve(self, tok: Token, exclude: set[str]) -> list[str]:
        """Canonical people for the noun phrase headed by ``tok`` and its conjuncts."""
        out: list[str] = []
        for t in [tok, *self._conjuncts(tok)]:
            for name in self._resolve_one(t, exclude | set(out)):
                if name not in out:
                    out.append(name)
        return out

    def _conjuncts(self, tok: Token) -> list[Token]:
        out = []
        stack = [c for c in tok.children if c.dep_ == "conj"]
        while stack:
            c = stack.pop(0)
            out.append(c)
            stack.extend(x for x in c.children if x.dep_ == "conj")
        return out

    def _resolve_one(self, tok: Token, exclude: set[str]) -> list[str]:
        """People named by one noun phrase.  The core's resolver (``ents.person_at``)
        covers names, pronouns, "I"/"we" in a quote, possessives and definite
        descriptions; what stays here is what it does not: a relative pronoun
        standing for its head, and the plural pair ("the two men", "they")."""
        low = tok.lower_
        s, e = tok.idx, tok.idx + len(tok.text)
        if low in ("who", "whom", "that") and tok.head.dep_ == "relcl":
            return self._resolve_one(tok.head.head, exclude)  # "Suu Kyi, who had breakfast with ..."
        if low in PLURAL_PRONOUNS:
            return self.pair_before(s)
        if tok.pos_ == "PRON" or low.startswith("@"):
            n = self._person_at(s, e)
            if n is None and low.startswith("@"):
                n = self._canonical(tok.text[1:])
                n = n if self._known(n) else None
            return [n] if n else []
        span = self._np_span(tok)
        # without a possessor: "Patriot Coal's executives" are not Patriot Coal
        poss = [x.i for c in tok.children if c.dep_ == "poss" for x in c.subtree]
        if poss and max(poss) + 1 < span.end:
            span = self.doc[max(poss) + 1 + (1 if self.doc[max(poss) + 1].dep_ == "case" else 0): span.end]
        n = self._person_at(span.start_char, span.end_char) or self._person_at(s, e)
        if n:
            return [n]
        # a name in the head the core did not keep as a person (the tagger sometimes calls "Trump" an ORG)
        for ent in _ents_in(span):
            if ent.label_ == "PERSON" and ent.root.i in {t.i for t in (tok, *tok.children) if t.dep_ != "poss"}:
                return [self._canonical(re.sub(r"[’']s$", "", ent.text))]
        for t in [tok, *(c for c in tok.children if c.dep_ in ("compound", "flat", "appos"))]:
            if t.pos_ == "PROPN" and t.text[:1].isupper():
                name = self._canonical(t.text)
                if self._known(name):
                    return [name]
        # "the two men", "the leaders", "both"
        mods = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "amod", "compound")}
        if tok.lemma_.lower() in PAIR_NOUNS and (tok.tag_ in ("NNS", "CD") or tok.lower_ in ("both", "pair", "two")) and (
            mods <= {"the", "two", "both"} and (mods or tok.lower_ == "both")
        ):
            return self.pair_before(s)
        return []

    # -------------------------------------------------------------- participants of a trigger

    def _subject(self, v: Token, depth: int = 0) -> list[Token]:
        """Subject tokens of verb ``v``, inherited from the governing clause when it has none."""
        subs = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        if subs:
            return subs
        if any(c.dep_ == "expl" for c in v.children) or depth > 3:
            return []
        h = v.head
        if h.i == v.i:
            return []
        if v.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl", "dobj", "relcl", "ccomp"):
            if v.dep_ == "pcomp" and h.dep_ == "prep":
                return self._subject(h.head, depth + 1)
            if h.pos_ in ("VERB", "AUX"):
                return self._subject(h, depth + 1)
        if v.dep_ == "pcomp" and h.pos_ == "ADP":
            return self._subject(h.head, depth + 1)
        if v.dep_ == "acl" and h.pos_ == "NOUN":
            return [c for c in h.children if c.dep_ == "poss"]  # "her decision to meet with X"
        return []

    def _party_objects(self, t: Token, etype: str = "") -> list[Token]:
        out = []
        preps = PARTY_PREPS | ({"against", "over"} if etype == "other" else set()) | ({"of"} if etype == "meeting" and t.pos_ == "NOUN" else set())
        for c in _with_medium(t):
            if c.dep_ == "prep" and c.lower_ in preps:
                out.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "agent":
                out.extend(p for p in c.children if p.dep_ == "pobj")
        return out

    def other_party(self, tok: Token, etype: str) -> tuple[str, str | None]:
        """A party that is not a person: ("org" | "group" | "place" | "media" | "none", name).

        Organisations and described groups take part in engagements ("met with
        AFL-CIO leaders", "a meeting with state officials"); a place is where a visit
        went; a news outlet or "reporters" make it an interview, which is no
        engagement between the people an analyst follows.
        """
        if tok.pos_ not in ("NOUN", "PROPN"):
            return "none", None
        span = self._np_span(tok)
        # entities in the phrase, nested "of" phrases included ("the editorial board of the Post")
        sub = {x.i for x in tok.subtree if not any(a.dep_ in ("relcl", "acl", "advcl") and a.i != tok.i
                                                     for a in [x, *x.ancestors] if a.i in {y.i for y in tok.subtree})}
        ents = [e for e in entities(self.doc) if e.root.i in sub]
        lemma = tok.lemma_.lower()
        if lemma in MEDIA_NOUNS or any(e.label_ in ("ORG", "WORK_OF_ART") and _MEDIA_NAME.search(e.text) for e in ents):
            return "media", None
        head_ent = next((e for e in ents if e.start <= tok.i < e.end), None)
        if head_ent is not None:
            name = re.sub(r"^the\s+", "", re.sub(r"[’']s$", "", head_ent.text), flags=re.I)
            if head_ent.label_ in ("GPE", "LOC", "FAC"):
                return ("place", name) if etype == "visit" else ("org", name) if head_ent.label_ == "GPE" else ("none", None)
            if head_ent.label_ == "ORG":
                return ("place" if etype == "visit" and re.search(r"\b(house|office|hill|capitol|building|center|centre|hall|museum|university|college)\b", name, re.I) else "org",
                        self._canonical(name))
            if head_ent.label_ == "NORP" and tok.tag_ in ("NNPS", "NNS"):
                return "group", name
            return "none", None
        if etype == "visit" and tok.pos_ == "PROPN" and tok.text[:1].isupper():
            return "place", span.text  # a place the tagger did not label
        if lemma in GROUP_NOUNS and tok.tag_ in ("NNS", "NN") and (tok.tag_ == "NNS" or lemma in COLLECTIVE_NOUNS):
            # the organisation the group belongs to: "AFL-CIO leaders", "leaders of the AFL-CIO",
            # "Patriot Coal's executives" (a possessor that is no person is an organisation)
            org = next((e for e in ents if e.label_ == "ORG"), None)
            if org is not None:
                return "org", self._canonical(re.sub(r"^the\s+", "", re.sub(r"[’']s$", "", org.text), flags=re.I))
            for c in tok.children:
                if c.dep_ == "poss" and c.pos_ == "PROPN" and not self._is_person_mention(c):
                    words = [x.text for x in c.subtree if x.dep_ != "case"]
                    return "org", self._canonical(" ".join(words))
            if lemma in ("group", "team", "management", "leadership"):
                return "none", None  # "a group of ...", "the management": too vague to name
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.pos_ != "PRON"
                    and c.lower_ not in ("other", "several", "some", "many", "few", "top", "senior", "local", "key")]
            if mods:
                words = [x.text if x.pos_ == "PROPN" or x.ent_type_ else x.lower_ for x in span
                         if x.dep_ not in ("det", "predet", "nummod", "punct", "case") and x.lower_ not in ("other", "several", "some", "many")
                         and not (x.dep_ == "poss" and x.pos_ == "PRON")]
                return "group", " ".join(words)
        return "none", None

    def participants(self, t: Token, kind: str, etype: str) -> tuple[list[str], int, str | None, Token] | None:
        """(participants, how many are people, place of a visit, the clause verb) of
        the trigger ``t``; None when a party makes it no engagement (an interview)."""
        toks: list[Token] = []
        verb = t
        if kind == "verb":
            toks += self._subject(t)
            toks += [c for c in t.children if c.dep_ in ("dobj", "dative")]
            toks += self._party_objects(t, etype)
        else:
            toks += [c for c in t.children if c.dep_ == "poss"]
            toks += [c for c in t.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"]
            toks += self._party_objects(t, etype)
            # "had a call with", "received a call from", "met for dinner"
            h = t.head
            if t.dep_ == "pobj" and h.dep_ == "prep":
                h = h.head
            if t.dep_ in ("dobj", "attr", "pobj", "nsubj", "nsubjpass") and h.pos_ in ("VERB", "AUX") and h.i != t.i:
                verb = h
                if t.dep_ in ("dobj", "pobj") and (h.lemma_ in LIGHT_VERBS or h.lemma_ in TRIGGER_VERBS):
                    toks = self._subject(h) + toks
                    toks += self._party_objects(h, etype)
                elif etype == "meeting" and t.dep_ == "dobj" and h.lemma_ in ADDRESS_VERBS:
                    toks = self._subject(h) + toks  # "told a meeting of Pacific Island leaders"
                elif h.lemma_ == "invite" and t.dep_ == "pobj" and t.head.lower_ == "to" and h.tag_ == "VBD":
                    # "Peña Nieto invited Mr. Trump to a meeting in Mexico City": host and guest
                    toks = self._subject(h) + [c for c in h.children if c.dep_ == "dobj"] + toks
                elif t.dep_ == "pobj" and t.head.lower_ in ("at", "during", "in") and (
                    etype == "other" or etype == "meeting" and self._party_objects(t, etype)
                ):
                    # "at Monday's debate, Clinton cited ...", "faces off against Pence in the debate"
                    toks = self._subject(h) + toks + self._party_objects(h, etype)
        names: list[str] = []
        people = 0
        place = None
        for tok in toks:
            for x in [tok, *self._conjuncts(tok)]:
                got = self._resolve_one(x, set(names))
                if got:
                    for n in got:
                        if n not in names:
                            names.append(n)
                            people += 1
                    continue
                what, name = self.other_party(x, etype)
                if what == "media":
                    return None
                if what == "place" and place is None:
                    place = name
                elif what in ("org", "group") and name and name not in names:
                    names.append(name)
        # "Good to speak with X" in a post: the writer is the other party
        if kind == "verb" and not self._subject(t):
            q = self._quote_at(t.idx)
            if q is not None and q.speaker is not None and q.speaker.kind == "person" and q.speaker.name not in names:
                if not any(c.dep_ == "nsubj" for c in t.head.children) or t.head.pos_ == "ADJ":
                    names.insert(0, q.speaker.name)
                    people += 1
        return names, people, place, verb

    # -------------------------------------------------------------- filters

    def is_engagement_use(self, t: Token, kind: str, etype: str) -> bool:
        """False for the uses of a trigger word that are not an engagement."""
        lemma = t.lemma_.lower()
        children = _with_medium(t)
        preps = {c.lower_ for c in children if c.dep_ in ("prep", "prt")}
        if kind == "verb":
            if lemma == "call":
                # "called X a genius", "called for", "calls on X to", "called it quits", "was called"
                if any(c.dep_ in ("oprd", "ccomp", "attr", "acomp", "auxpass", "nsubjpass") for c in children):
                    return False
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
                nxt = self.doc[t.i + 1: t.i + 6]
                if any(x.text in "\"“‘'" for x in nxt):
                    return False  # called X "a genius"
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
            if lemma == "host" and not any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN") for c in children):
                return False
        else:
            if lemma == "call":
                if preps & {"for", "out"}:
                    return False
                if "on" in preps:
                    on = next(c for c in children if c.lower_ == "on")
                    if not any(p.ent_type_ in ("DATE", "TIME") for p in on.subtree):
                        return False  # "calls on the government to"
                if any(c.dep_ in ("acl", "relcl") and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children) for c in children):
                    return False  # "a call to resign"
                if any(c.dep_ == "compound" and c.lower_ in ("roll", "wake", "curtain", "judgment", "judgement", "close", "conference", "earnings", "casting") for c in children):
                    return False
            if lemma == "talk" and t.tag_ != "NNS":
                return False  # "talk of", "small talk"; the engagement is "talks"
            if lemma == "visit" and t.dep_ == "compound":
                return False
        return True

    def debate_happened(self, t: Token, verb: Token) -> bool:
        """A debate named before it took place ("heading into the first debate",
        "days before her first debate", "when she appears alongside Trump at the
        debates", "the upcoming debate") is no engagement yet."""
        if any(c.lower_ in ("upcoming", "next", "coming", "future") for c in t.children):
            return False
        if verb.i != t.i and verb.tag_ in ("VBZ", "VBP", "VB") and not any(c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ") and c.lemma_ == "have" for c in verb.children):
            return False  # told in the present: still to come ("Kaine faces off against Pence in the debate")
        node = t
        for _ in range(4):
            if node.lower_ in ("before", "ahead", "into", "until", "till", "for") or node.lemma_.lower() in ("head", "prepare", "approach"):
                return False
            if any(c.dep_ == "mark" and c.lower_ in ("before", "until", "till") for c in node.children):
                return False
            if node.head.i == node.i:
                break
            node = node.head
        return True

    def is_irrealis(self, t: Token, negation: bool = True) -> bool:
        """An engagement announced, hoped for, denied or put as a condition, not one that happened."""
        # a bare infinitive with no auxiliary is an imperative or a wish:
        # "Let Hillary and I sit there and just debate"
        heads = [t, t.head] if t.dep_ == "conj" else [t]
        if t.tag_ == "VB" and all(h.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in h.children) for h in heads):
            return True
        node = t
        for depth in range(5):
            for c in node.children:
                if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS | {"going"}:
                    return True
                if c.dep_ == "neg" and depth <= 1 and negation:
                    return True
                if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") and depth <= 1:
                    return True
                if c.dep_ == "advmod" and c.lower_ in ("soon", "never") and depth <= 1:
                    return True
            if node.lemma_.lower() in IRREALIS_HEADS and node.i != t.i and not (
                node.lemma_ == "invite" and node.tag_ == "VBD" and t.pos_ == "NOUN"
            ):  # "invited X to a meeting" reports the meeting; "invited him to visit" does not
                return True
            if node.lower_ == "forward" or node.lower_ == "going" and any(c.dep_ == "xcomp" for c in node.children):
                return True  # "looks forward to meeting", "it's going to be a very unfair debate"
            if node.dep_ in ("ROOT",) or node.head.i == node.i:
                break
            if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() == "let":
                return True  # "Let Hillary and I sit there and just debate"
            if node.dep_ in ("ccomp", "relcl", "advcl") and depth > 0:
                break
            node = node.head
        return False

    # -------------------------------------------------------------- date, duration, topics

    def _date_base(self, i: int) -> str | None:
        q = self._quote_at(i)
        if q is not None and getattr(q, "date", None) and len(q.date) == 10:
            return q.date
        return self.article.published

    def date_of(self, t: Token, verb: Token) -> tuple[str, str, bool, int] | None:
        """(date, date_text, approximate, char pos) of the date phrase attached to the trigger."""
        sent = sent_of(t)
        # a noun trigger parsed as a modifier ("recalled meeting X in September"):
        # a date on its clause verb is its date
        clause = t
        for _ in range(4):
            if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
                break
            clause = clause.head
        best = None
        for ent in _ents_in(sent):
            if ent.label_ not in ("DATE", "TIME"):
                continue
            txt = ent.text
            if re.search(r"year-old|\bminutes?\b|\bhours?\b|\b\d+\s*years\b|\byears?\b(?! ago)", txt, re.I) and not re.search(r"\b(ago|this|last|earlier)\b", txt, re.I):
                continue
            prev = self.doc[ent.start - 1] if ent.start > 0 else None
            nxt = self.doc[ent.end] if ent.end < len(self.doc) else None
            if nxt is not None and nxt.lower_ in ("before", "after", "later", "earlier", "prior"):
                continue  # "a day before X": measured from another event
            if prev is not None and prev.lower_ in ("since", "until", "till", "before", "after", "by", "from", "for", "of", "than"):
                continue
            if re.match(r"^(the\s+)?(first|last|second)\s+time", txt, re.I) or re.search(r"\bfollowing\b", txt, re.I):
                continue  # "the following morning" is measured from another event
            # attached to the trigger or to its clause verb, through nouns and prepositions only
            node = ent.root
            ok = False
            for _ in range(6):
                if node.i in (t.i, verb.i, clause.i):
                    ok = True
                    break
                if node.head.i == node.i or node.pos_ in ("VERB", "AUX") and node.i != ent.root.i:
                    break
                node = node.head
            if not ok:
                continue
            base = self._date_base(ent.start_char)
            r = resolve_date(txt, base)
            if r is None:
                continue
            text = txt
            if prev is not None and prev.lower_ in ("on", "in", "at", "during", "over"):
                text = f"{prev.text} {txt}"
            d = (r[0], text, r[1] or bool(re.search(r"\b(about|around|some|few|several|couple|recent)", txt, re.I)), ent.start_char)
            if best is None or abs(ent.start - t.i) < abs(best[3] - t.idx):
                best = d
        return best

    def duration_of(self, t: Token) -> tuple[int, bool] | None:
        sent = sent_of(t)
        s0 = sent.start_char
        text = sent.text
        best = None
        for rx in _DURATION_RES:
            for m in rx.finditer(text):
                n = m.group("n").lower()
                val = float(n) if re.fullmatch(r"\d+(\.\d+)?", n) else _NUM_WORDS.get(n)
                if val is None:
                    continue
                unit = m.group("unit").lower()
                minutes = int(round(val * (60 if unit.startswith("hour") else 1)))
                approx = bool(m.groupdict().get("approx")) or n in ("a couple", "a couple of", "a few", "several")
                dist = abs(s0 + m.start() - t.idx)
                if best is None or dist < best[2]:
                    best = (minutes, approx, dist)
        return (best[0], best[1]) if best else None

    def topic_items(self, span_toks: list[Token]) -> list[str]:
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
            if k and (x.dep_ == "advcl" or x.lower_ in ("after", "because", "which", "who", "while", "when", "amid", "despite", "although", "if", "according")
                      or x.dep_ == "conj" and x.pos_ == "VERB" and x.tag_ != "VBG"):
                span_toks = span_toks[:k]
                break
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
        out = []
        for it in items:
            # drop leading prepositions, determiners, possessors and gerund frames
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

    def topics_in(self, sent: Span) -> list[tuple[Token, list[str], bool]]:
        """(topic verb, items, negated) for each "discussed X" / "X were not discussed" in the sentence,
        and for a readout's "From X and Y to Z, ... the leaders agreed"."""
        out = []
        ranged = self.from_to_topics(sent)
        if ranged is not None:
            out.append(ranged)
        for v in sent:
            lemma = v.lemma_.lower()
            if v.pos_ not in ("VERB", "ADJ") or lemma not in TOPIC_VERBS and lemma != "talk":
                continue
            if lemma == "talk" and not any(c.lower_ == "about" for c in v.children):
                continue
            need = TOPIC_VERB_PREPS.get(lemma)
            negated = any(c.dep_ == "neg" for c in v.children) or any(
                c.dep_ == "neg" for c in v.head.children if v.dep_ == "xcomp"
            )
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)
            if passive:
                subj = [c for c in v.children if c.dep_ == "nsubjpass"]
                if not subj:
                    continue
                lo = min(x.i for x in subj[0].subtree)
                toks = [x for x in sent if lo <= x.i < v.i and not (x.head.i == v.i and x.dep_ in ("auxpass", "neg", "aux"))]
                # the subject ends before the passive auxiliary
                aux = [c.i for c in v.children if c.dep_ in ("auxpass", "aux", "neg")]
                if aux:
                    toks = [x for x in toks if x.i < min(aux)]
            else:
                start = v.i + 1
                if need:
                    p = next((c for c in v.children if c.lower_ == need), None)
                    if p is None:
                        continue
                    start = p.i + 1
                toks = []
                for x in sent[start - sent.start:]:
                    if x.is_sent_end and x.is_punct or x.text in ".;:" or x.dep_ == "relcl":
                        break
                    toks.append(x)
            items = self.topic_items(toks)
            if items:
                out.append((v, items, negated))
        return out

    def from_to_topics(self, sent: Span) -> tuple[Token, list[str], bool] | None:
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
            verb = next((t for t in sent if t.lemma_.lower() in ("agree", "discuss") and t.pos_ == "VERB"), None)
            if verb is None:
                return None
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
        items = self.topic_items(span[:cut]) + self.topic_items(span[cut + 1:])
        return (verb, items, False) if items else None

    # -------------------------------------------------------------- the stage

    def _why(self, t: Token, reason: str) -> None:
        """Record what became of a trigger (``find_events(..., trace=[])``, for debugging rules)."""
        if self.trace is not None:
            self.trace.append((t.idx, t.text, reason))

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        seen_verbs: set[int] = set()
        for t in self.doc:
            lemma = t.lemma_.lower()
            low = t.lower_
            if t.pos_ in ("VERB", "AUX") and lemma in TRIGGER_VERBS:
                kind, etype = "verb", TRIGGER_VERBS[lemma]
            elif t.pos_ in ("NOUN", "PROPN") and (lemma in TRIGGER_NOUNS or low in TRIGGER_NOUNS):
                kind, etype = "noun", TRIGGER_NOUNS.get(lemma, TRIGGER_NOUNS.get(low, "other"))
                if t.pos_ == "PROPN" and not t.is_lower:
                    continue
            else:
                continue
            if any(s <= t.idx < e for s, e in ((x.start, x.end) for x in self.article.skipped)):
                continue
            if not self.is_engagement_use(t, kind, etype):
                self._why(t, "not an engagement use")
                continue
            if kind == "noun":
                # "met him for dinner", "making a phone call": one mention, the verb's if it is a trigger
                h = t.head.head if t.dep_ == "pobj" else t.head
                if h.i in seen_verbs:
                    self._why(t, "the verb's mention")
                    continue
                if t.dep_ == "compound" and t.head.lemma_.lower() in TRIGGER_NOUNS:
                    continue
            got = self.participants(t, kind, etype)
            if got is None:  # an interview or a press appearance
                if kind == "verb":
                    seen_verbs.add(t.i)
                self._why(t, "an interview or press appearance")
                continue
            names, people, place, verb = got
            if kind == "verb" and lemma in ("speak", "talk") and people < 2:
                self._why(t, f"a speech: {names}")  # "spoke to the Virginia delegation"
                continue
            if etype == "other" and not self.debate_happened(t, verb):
                self._why(t, "a debate still to come")
                continue
            # "the call did not touch on X" still reports a call; "did not have a call" does not
            subj_noun = kind == "noun" and t.dep_ in ("nsubj", "nsubjpass")
            if self.is_irrealis(t, negation=not subj_noun) or verb.i != t.i and self.is_irrealis(verb, negation=not subj_noun):
                self._why(t, "did not happen (modal, negated, planned)")
                continue
            if kind == "verb":
                seen_verbs.add(t.i)
            m = Mention(type=etype, trigger=t, participants=names, people=people, place=place)
            d = self.date_of(t, verb)
            if d is not None:
                if _is_future(d[0], self.article.published):
                    self._why(t, f"dated after publication: {d[1]}")
                    continue
                m.date, m.date_text, m.date_approximate = d[0], d[1], d[2]
            dur = self.duration_of(t) if etype in ("call", "meeting", "visit") else None
            if dur is not None:
                m.duration, m.duration_approximate = dur
            sent = sent_of(t)
            m.evidence = (sent.start_char, sent.end_char)
            while m.evidence[1] > m.evidence[0] and self.text[m.evidence[1] - 1].isspace():
                m.evidence = (m.evidence[0], m.evidence[1] - 1)
            m.confidence = 0.75 if lemma not in ("speak", "talk", "host", "conversation", "trip") else 0.6
            self._why(t, f"mention {etype} {names} place={place} people={people}")
            found.append(m)
        return found

    def attach_topics(self, ms: list[Mention]) -> None:
        """Topic sentences report on the engagement named in them or just before them."""
        if not ms:
            return
        for sent in sentences(self.doc):
            for v, items, negated in self.topics_in(sent):
                # the nearest mention before the topic verb, within a few sentences
                cands = [m for m in ms if m.trigger.i <= v.i and v.idx - m.trigger.idx < 700]
                if not cands:
                    continue
                m = max(cands, key=lambda m: m.trigger.i)
                if sent_of(m.trigger).start != sent.start:
                    # a later sentence reports on a conversation (a call or a meeting between
                    # people), not on a visit or one person's meeting with a group, and not in
                    # a clause about someone ("Rafael Cruz, who was born and raised in Cuba")
                    if m.type not in ("call", "meeting", "message") or m.people == 1 and len(m.participants) >= 2:
                        continue
                    if v.dep_ in ("relcl", "acl") or v.dep_ == "conj" and v.head.dep_ in ("relcl", "acl"):
                        continue
                    subj = [c for c in v.children if c.dep_ in ("nsubj",)]
                    # a later sentence must be about the engagement or its parties
                    if subj:
                        sl = subj[0].lower_
                        ok = sl in ("we", "they", "it", "both", "which") or subj[0].lemma_.lower() in TRIGGER_NOUNS or subj[0].lemma_.lower() in PAIR_NOUNS
                        if not ok:
                            ok = bool(set(self.resolve(subj[0], set())) & set(m.participants))
                        if not ok:
                            continue
                target = m.not_discussed if negated else m.topics
                for it in items:
                    if it.lower() not in {x.lower() for x in target}:
                        target.append(it)

    def merge(self, ms: list[Mention]) -> list[Event]:
        events: list[dict[str, Any]] = []

        def compatible(ev: dict[str, Any], m: Mention, types: tuple[str, ...]) -> bool:
            if ev["type"] not in types:
                return False
            if ev["date"] and m.date and not _dates_agree(ev["date"], ev["approx"], m.date, m.date_approximate):
                return False
            if ev.get("place") and m.place and ev["place"] != m.place and all(
                abs(x.trigger.idx - m.trigger.idx) > 1000 for x in ev["mentions"]
            ):
                return False  # one person's visits to two places ("the White House ... the Oval Office" is one)
            a, b = set(ev["participants"]), set(m.participants)
            if len(b) >= 2:
                return len(a & b) >= 2 or a <= b or b <= a
            return b <= a

        # "congratulated X ... before making a phone call": the call in the sentence
        # of a congratulation, by the same person, is to the person congratulated
        for m in ms:
            if len(m.participants) == 1 and m.type == "call":
                f = next((x for x in ms if x.type == "message" and len(x.participants) >= 2
                          and sent_of(x.trigger).start == sent_of(m.trigger).start and m.participants[0] == x.participants[0]), None)
                if f is not None:
                    m.participants = list(f.participants)
                    m.people = f.people
                    m.confidence -= 0.1
        full = [m for m in ms if m.full]
        partial = [m for m in ms if not m.full]
        for m in full:
            ev = next((e for e in events if compatible(e, m, (m.type,))), None)
            if ev is None:
                ev = {"type": m.type, "participants": [], "date": None, "date_text": None, "approx": False,
                      "place": m.place, "mentions": []}
                events.append(ev)
            _absorb(ev, m)
        # a congratulation reported with a call between the same people on the same day is that call
        for ev in [e for e in events if e["type"] == "message"]:
            call = next((e for e in events if e is not ev and e["type"] == "call" and all(compatible(e, m, ("call",)) for m in ev["mentions"])), None)
            if call is not None:
                for m in ev["mentions"]:
                    _absorb(call, m)
                events.remove(ev)
        for m in partial:
            cands = [e for e in events if compatible(e, m, (m.type,) if m.type != "message" else ("message", "call"))]
            near = [e for e in cands if any(abs(x.trigger.idx - m.trigger.idx) < 600 for x in e["mentions"])]
            if not m.participants:
                # a bare "the call" refers to an engagement reported close by, if to one at all,
                # and only as a definite singular ("meetings early in her career" is none)
                definite = m.trigger.tag_ in ("NN", "NNP") and any(
                    c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their", "its") for c in m.trigger.children
                ) or m.trigger.pos_ == "VERB"
                if len(near) != 1 or not definite:
                    continue
                cands = near
            elif not (m.date and any(e["date"] == m.date for e in cands)):
                # one named party: the same date anywhere, else an engagement reported close by
                cands = near
            if cands:
                # the article's most reported engagement is the likeliest referent, then the nearest
                _absorb(min(cands, key=lambda e: (-len(e["mentions"]), min(abs(x.trigger.i - m.trigger.i) for x in e["mentions"]))), m)
        out = []
        for ev in events:
            mm: list[Mention] = ev["mentions"]
            dur = next(((x.duration, x.duration_approximate) for x in mm if x.duration is not None and not x.duration_approximate), None) or next(
                ((x.duration, x.duration_approximate) for x in mm if x.duration is not None), (None, False))
            topics: list[str] = []
            nd: list[str] = []
            for x in mm:
                topics += [t for t in x.topics if t.lower() not in {y.lower() for y in topics}]
                nd += [t for t in x.not_discussed if t.lower() not in {y.lower() for y in nd}]
            evidence = sorted({x.evidence for x in mm})
            conf = min(0.95, max(x.confidence for x in mm) + 0.05 * (len(mm) - 1))
            out.append(Event(
                type=ev["type"], participants=list(ev["participants"]), date=ev["date"], date_text=ev["date_text"],
                date_approximate=ev["approx"], duration_minutes=dur[0], duration_approximate=dur[1],
                topics=topics, not_discussed=nd, evidence=evidence,
                trigger=mm[0].trigger.text, confidence=round(conf, 2),
            ))
        out.sort(key=lambda e: e.evidence[0][0] if e.evidence else 0)
        return out


def _dates_agree(a: str, a_approx: bool, b: str, b_approx: bool) -> bool:
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return True
    if a_approx or b_approx:
        # an approximate date ("a few weeks ago") agrees with one within about six weeks
        try:
            da = _dt.date.fromisoformat((a + "-15")[:10] if len(a) == 7 else a[:10])
            db = _dt.date.fromisoformat((b + "-15")[:10] if len(b) == 7 else b[:10])
        except ValueError:
            return False
        return abs((da - db).days) <= 45
    return False


def _absorb(ev: dict[str, Any], m: Mention) -> None:
    ev["mentions"].append(m)
    ev["place"] = ev.get("place") or m.place
    for p in m.participants:
        if p not in ev["participants"]:
            ev["participants"].append(p)
    if m.date and (ev["date"] is None or ev["approx"] and not m.date_approximate or
                   ev["approx"] == m.date_approximate and len(m.date) > len(ev["date"])):
        ev["date"], ev["date_text"], ev["approx"] = m.date, m.date_text, m.date_approximate


def find_events(doc: Doc, article: Article, ents: Any, trace: list[tuple[int, str, str]] | None = None) -> list[Event]:
    """Engagements in the article: calls, meetings, visits and messages between people (stage 5).

    ``trace``, when given, receives (offset, trigger, what became of it) for every trigger word.
    """
    f = _Finder(doc, article, ents)
    f.trace = trace
    ms = f.mentions()
    f.attach_topics(ms)
    return f.merge(ms)
