"""Who takes part in an engagement: people (through stage 4's ``PersonLookup``),
organisations, described groups, the place a visit went; and the parties that
make it no engagement (a news outlet: an interview)."""
from __future__ import annotations


import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import (
    ADDRESS_VERBS,
    COLLECTIVE_NOUNS,
    LIGHT_VERBS,
    MEDIA_NOUNS,
    PAIR_NOUNS,
    PARTY_GROUP_NOUNS,
    PLURAL_PRONOUNS,
    TITLES,
)
from ..model import Quote
from ..quotes.marks import SpanIndex
from ..nlp import entities, ents_touching, ents_within, sent_of
from ..speakers.lookup import PersonLookup
from .referents import bare_place_name, call_as_means, is_pair, named_in, other_referent
from .names import clause_antecedent, counterpart, formal_name, fullest_org, gendered_referent, place_mismatch
from .syntax import conjuncts, ents_in, misparsed_destination, np_span, party_objects, subject, subject_lost
from .words import (
    EVENT_LIGHT_VERBS, EVENT_VERBS, GROUP_NOUNS, MESSAGE_NOUNS, SEEING_VERBS, SUMMIT_NOUNS, TRAVEL_VERBS, VISIT_PLACE_NOUNS,
)

#: Names of news outlets and programmes: a party so named makes it an interview.
_MEDIA_NAME = re.compile(
    r"\b(news|post|times|journal|tribune|herald|gazette|daily|weekly|magazine|radio|tv|television|network|"
    r"cnn|msnbc|fox|nbc|abc|cbs|npr|pbs|bbc|rt|reuters|associated press|ap|bloomberg|politico|huffington|"
    r"huffpost|breitbart|axios|guardian|telegraph|cosmopolitan|squawk box|face the nation|meet the press)\b",
    re.I,
)
#: Organisations a visit goes to as a place ("visited the White House").
_PLACE_ORG = re.compile(r"\b(house|office|hill|capitol|building|center|centre|hall|museum|university|college)\b", re.I)
#: Modifiers too vague to name a group ("other officials", "senior leaders").
_VAGUE_MODS = ("other", "several", "some", "many", "few", "local", "key")
#: (participants, how many are people, place of a visit, the clause verb).
Participants = tuple[list[str], int, str | None, Token]


def _strip_name(text: str) -> str:
    """A name without its possessive and leading "the"."""
    return re.sub(r"^the\s+", "", re.sub(r"[’']s$", "", text), flags=re.I)


#: Verbs of being or arriving somewhere "for" a meeting: their subject attends it.
_PURPOSE_VERBS = frozenset("be come go travel arrive fly return stay head".split())


class Parties:
    """The parties of an article's engagements, resolved against stage 4's people."""

    def __init__(self, doc: Doc, lookup: PersonLookup) -> None:
        self.doc = doc
        self.lookup = lookup
        self.people = [p for p in lookup.people if p.kind == "person"]
        self.quotes = list(lookup.quotes)
        # person mentions in text order: (start, end, name)
        self.person_mentions = sorted((s, e, p.name) for p in self.people for s, e in p.mentions)
        self._forms: set[str] | None = None

    # -------------------------------------------------------------- resolving a mention to a person

    def fullest(self, name: str) -> str:
        """The fullest form of a person's name the article gives ("Suu Kyi" ->
        "Aung San Suu Kyi", "Modi" -> "Narendra Modi"), when only one longer form
        ends with it; the name itself otherwise (two Clintons: "Clinton" stays)."""
        if self._forms is None:
            # a name after a title is a title's tail ("Miss Universe Alicia Machado" is tagged
            # "Universe Alicia Machado"): not a fuller name
            forms = {_strip_name(e.text.strip()) for e in entities(self.doc) if e.label_ == "PERSON"
                     and not (e.start > 0 and self.doc[e.start - 1].lower_.rstrip(".") in TITLES)}
            self._forms = {f for f in forms if f and f[:1].isupper() and "\n" not in f}
        longer = {f for f in self._forms if f.endswith(" " + name) and len(f.split()) <= 5}
        if not longer:  # 'Daniel J. "Danny" Marsh' for "Danny Marsh"; an organisation's fullest name
            return formal_name(self.doc, name) or (name if self.lookup.is_known_person(name) else fullest_org(self.doc, name))
        # the longest forms must be one name ("Barack Obama" and "Barack H. Obama" are)
        tops = {(f.split()[0], f.split()[-1]) for f in longer if not any(g.endswith(" " + f) for g in longer)}
        if len(tops) != 1:
            return name
        return max(longer, key=len)

    def quote_at(self, i: int) -> Quote | None:
        """The innermost quote around character ``i``."""
        if self.__dict__.get("_quote_index") is None:  # indexed once: a scan per call was quadratic
            self.__dict__["_quote_index"] = SpanIndex([(q.start, q.end) for q in self.quotes])
        k = self.__dict__["_quote_index"].innermost(i)
        return self.quotes[k] if k is not None else None

    def person_at(self, s: int, e: int) -> str | None:
        """The canonical person a span names, by stage 4's lookup."""
        p = self.lookup.person_at(s, e)
        if p is None or p.kind != "person":
            return None
        # the resolver answers for any span by salience; a date, a place or an
        # organisation is nobody unless it is one of the person's own mentions
        # (the tagger sometimes calls "Trump" an ORG)
        sp = self.doc.char_span(s, e, alignment_mode="expand")
        if sp is not None and len(sp) and sp.root.ent_type_ and sp.root.ent_type_ != "PERSON":
            if not any(ms <= sp.root.idx < me for ms, me in p.mentions):
                return None
        return p.name

    def _gender_fits(self, tok: Token) -> bool:
        """False when a gendered pronoun resolves to a person of the other known gender."""
        want = "female" if tok.lower_ in ("she", "her", "hers", "herself") else "male" if tok.lower_ in (
            "he", "him", "his", "himself") else None
        p = self.lookup.person_at(tok.idx, tok.idx + len(tok.text)) if want else None
        return p is None or p.gender is None or p.gender == want

    def is_person_mention(self, tok: Token) -> bool:
        """Whether ``tok`` lies in a mention of one of the article's people."""
        return any(s <= tok.idx < e for p in self.people for s, e in p.mentions)

    def pair_before(self, pos: int, exclude: frozenset[str] = frozenset()) -> list[str]:
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
        for s, e, name in reversed(named_in(self, lo, pos)):
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
        for t in [tok, *conjuncts(tok)]:
            for name in self.resolve_one(t, exclude | set(out)):
                if name not in out:
                    out.append(name)
        return out

    def resolve_one(self, tok: Token, exclude: set[str]) -> list[str]:
        """People named by one noun phrase.  The core's lookup (``person_at``)
        covers names, pronouns, "I"/"we" in a quote, possessives and definite
        descriptions; what stays here is what it does not: a relative pronoun
        standing for its head, and the plural pair ("the two men", "they")."""
        low = tok.lower_
        s, e = tok.idx, tok.idx + len(tok.text)
        if low in ("who", "whom", "that") and tok.head.dep_ == "relcl":
            return self.resolve_one(tok.head.head, exclude)  # "Suu Kyi, who had breakfast with ..."
        if low in PLURAL_PRONOUNS:
            return self.pair_before(s)
        if low == "its":
            return []  # an organisation's: see other_party
        if tok.pos_ == "PRON" or low.startswith("@"):
            if not self._gender_fits(tok):
                return []  # the resolver's "she" is a man: better no party than a wrong one
            n = self.person_at(s, e)
            if n is not None:  # "she" resolved to a man of unknown gender, a woman just named
                n = gendered_referent(tok, self.lookup.person_at(s, e), self.people, self.person_mentions)
            if n is None and low.startswith("@"):
                n = self.lookup.canonical(tok.text[1:])
                n = n if self.lookup.is_known_person(n) else None
            return [n] if n else []
        if tok.is_lower and tok.lemma_.lower() in COLLECTIVE_NOUNS and tok.tag_ != "NNS":
            return []  # "the NAACP board", "the committee": a body, never a person (see other_party)
        if tok.lemma_.lower() == "counterpart" and tok.tag_ == "NN":
            return counterpart(self, tok)
        if tok.pos_ in ("NUM", "PRON", "DET") and is_pair(tok):
            # "the two", "both" name no one by themselves: the core's answer for the span is its
            # most salient person, one of the pair at best
            return self.pair_before(s)
        span = np_span(tok)
        # without a possessor: "Patriot Coal's executives" are not Patriot Coal
        poss = [x.i for c in tok.children if c.dep_ == "poss" for x in c.subtree]
        if poss and max(poss) + 1 < span.end:
            span = self.doc[max(poss) + 1 + (1 if self.doc[max(poss) + 1].dep_ == "case" else 0): span.end]
        n = self.person_at(span.start_char, span.end_char) or self.person_at(s, e)
        p = (self.lookup.person_at(span.start_char, span.end_char) or self.lookup.person_at(s, e)) if n else None
        if n and p is not None and p.name == n and place_mismatch(span, p):
            return []  # "Peru leader" is not "Senate leader X"
        if n:
            return [n]
        # a name in the head the core did not keep as a person (the tagger sometimes calls "Trump" an ORG)
        for ent in ents_in(span):
            if ent.label_ == "PERSON" and ent.root.i in {t.i for t in (tok, *tok.children) if t.dep_ != "poss"}:
                return [self.lookup.canonical(re.sub(r"[’']s$", "", ent.text))]
        for t in [tok, *(c for c in tok.children if c.dep_ in ("compound", "flat", "appos"))]:
            if t.pos_ == "PROPN" and t.text[:1].isupper():
                name = self.lookup.canonical(t.text)
                if self.lookup.is_known_person(name):
                    return [name]
        if is_pair(tok):  # "the two men", "the leaders", "both"
            return self.pair_before(s)
        return []

    # -------------------------------------------------------------- parties that are no person

    def other_party(self, tok: Token, etype: str) -> tuple[str, str | None]:
        """A party that is not a person: ("org" | "group" | "place" | "media" | "none", name).

        Organisations and described groups take part in engagements ("met with
        AFL-CIO leaders", "a meeting with state officials"); a place is where a visit
        went; a news outlet or "reporters" make it an interview, which is no
        engagement between the people an analyst follows.
        """
        if tok.lower_ == "its" and tok.dep_ == "poss":
            # "NATO at its July summit": the organisation named last before it in the sentence
            org = [e for e in ents_within(self.doc, sent_of(tok).start, tok.i) if e.label_ == "ORG"]
            return ("org", self.lookup.canonical(_strip_name(org[-1].text))) if org else ("none", None)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return "none", None
        span = np_span(tok)
        # entities in the phrase, nested "of" phrases included ("the editorial board of the Post")
        sub = {x.i for x in tok.subtree if not any(a.dep_ in ("relcl", "acl", "advcl") and a.i != tok.i
                                                     for a in [x, *x.ancestors] if a.i in {y.i for y in tok.subtree})}
        ents = [e for e in ents_touching(self.doc, min(sub), max(sub)) if e.root.i in sub]
        lemma = tok.lemma_.lower()
        head_ent = next((e for e in ents if e.start <= tok.i < e.end), None)
        if etype == "message" and head_ent is not None and tok.pos_ == "PROPN":
            # "an email to the NFL Network's Rich Eisen": the tagger's one ORG holds a person
            # named with an employer; a message to that person is no press appearance
            case = [x.i for x in head_ent if x.tag_ == "POS" and x.i < tok.i]
            after = self.doc[case[-1] + 1: tok.i + 1] if case else None
            if after is not None and len(after) >= 2 and all(x.pos_ == "PROPN" for x in after):
                return "group", after.text
        if lemma in MEDIA_NOUNS or any(e.label_ in ("ORG", "WORK_OF_ART") and _MEDIA_NAME.search(e.text) for e in ents):
            return "media", None
        if head_ent is not None:
            name = _strip_name(head_ent.text)
            if head_ent.label_ in ("GPE", "LOC", "FAC"):
                return ("place", name) if etype == "visit" else ("org", name) if head_ent.label_ == "GPE" else ("none", None)
            if head_ent.label_ == "ORG":
                placey = _PLACE_ORG.search(name) or any(w.lower() in VISIT_PLACE_NOUNS for w in name.split())
                return ("place" if etype == "visit" and placey else "org", self.lookup.canonical(name) if not placey else name)
            if head_ent.label_ == "NORP" and tok.tag_ in ("NNPS", "NNS"):
                return "group", name
            return "none", None
        if etype == "visit" and tok.pos_ == "PROPN" and tok.text[:1].isupper():
            return "place", span.text  # a place the tagger did not label
        if etype == "visit" and lemma in VISIT_PLACE_NOUNS:
            # "while visiting a hospital in Leeds": the place with its location, without the article
            words = [x for x in tok.subtree if x.dep_ not in ("det", "relcl", "acl", "punct", "cc", "conj")]
            words = [x for x in words if not (x.i < tok.i and x.dep_ == "poss" and x.pos_ == "PRON")]
            # no clause after the place ("apartment to keep details ...", a misparse): stop at its first verb
            stop = next((x.i for x in words if x.i > tok.i and (x.pos_ in ("VERB", "AUX", "PART") or x.dep_ in ("aux", "dobj"))), None)
            words = [x for x in words if stop is None or x.i < stop]
            return "place", "".join(x.text_with_ws for x in words).strip()  # "children's hospital", not "children 's"
        if lemma in GROUP_NOUNS and (tok.tag_ in ("NNS", "NN") or tok.is_lower) and (tok.tag_ == "NNS" or lemma in COLLECTIVE_NOUNS or lemma in ("staff", "counterpart")):
            return self._group_party(tok, ents)
        return "none", None

    def _group_party(self, tok: Token, ents: list[Span]) -> tuple[str, str | None]:
        """A described group: the organisation it belongs to ("AFL-CIO leaders", "leaders
        of the AFL-CIO", "Patriot Coal's executives": a possessor that is no person is
        an organisation), else its description ("state officials")."""
        org = next((e for e in ents if e.label_ == "ORG"), None)
        if org is not None:
            return "org", self.lookup.canonical(_strip_name(org.text))
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ == "PROPN" and not self.is_person_mention(c):
                words = [x.text for x in c.subtree if x.dep_ != "case"]
                return "org", self.lookup.canonical(" ".join(words))
        if tok.lemma_.lower() == "group" and tok.tag_ == "NN":
            # "a group of doctors", "a group of black parents with kids in charter schools":
            # the group as the text describes it (without a date: "a group of doctors in 2015")
            of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            if of and of[0].tag_ == "NNS":
                keep = [x for x in tok.subtree if not any(a.dep_ in ("relcl", "acl", "appos", "punct") or a.ent_type_ in ("DATE", "TIME")
                                                          or a.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in a.children)
                                                          for a in [x, *x.ancestors] if a.i in {y.i for y in tok.subtree} and a.i != tok.i)]
                words = " ".join(x.text for x in keep if not x.is_space)
                return "group", words
        if tok.lemma_.lower() in ("group", "team", "management", "leadership") and not (
                tok.tag_ == "NNS" and any(c.dep_ == "amod" for c in tok.children)):
            return "none", None  # "the group", "the management": too vague to name; "tribal groups" are named
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if tok.tag_ == "NNS" and of and any(x.pos_ == "PROPN" for x in of[0].subtree):
            # "the leaders of the G-20 group of world economies": the group as the text describes it
            return "group", " ".join(x.text for x in tok.subtree if x.dep_ not in ("det", "predet") or x.head.i != tok.i)
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.pos_ != "PRON"
                and c.lower_ not in _VAGUE_MODS]
        if mods:
            span = np_span(tok)
            # a dateline before a dash is no part of the group ("BRUSSELS - European leaders")
            dash = [x.i for x in span if x.i < tok.i and x.text in ("-", "—", "–", "--")]
            if dash:
                span = tok.doc[max(dash) + 1: span.end]
            words = [x.text if x.pos_ == "PROPN" or x.ent_type_ else x.lower_ for x in span
                     if x.dep_ not in ("det", "predet", "nummod", "punct", "case") and x.lower_ not in ("other", "several", "some", "many")
                     and not (x.dep_ == "poss" and x.pos_ == "PRON")]
            return "group", " ".join(words)
        return "none", None

    # -------------------------------------------------------------- participants of a trigger

    def party_tokens(self, t: Token, kind: str, etype: str) -> tuple[list[Token], Token]:
        """The tokens that name the parties of trigger ``t``, and its clause verb."""
        toks: list[Token] = []
        verb = t
        if kind == "verb":
            # (a subject the parser lost comes before one inherited from another clause)
            own = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
            toks += own or subject_lost(t) or subject(t)
            if t.lemma_.lower() in ("interview", "question"):
                toks += [c for c in t.children if c.dep_ == "nsubjpass"]  # "she was interviewed by the FBI"
            if t.lemma_.lower() in TRAVEL_VERBS:
                toks += misparsed_destination(t)
                # "went to see the melting ice in Greenland": the place seen is where the visit went
                toks += [p for c in t.children if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in SEEING_VERBS for x in c.subtree
                         if x.dep_ == "prep" and x.lower_ in ("in", "at") for p in x.children if p.dep_ == "pobj"]
            toks += [c for c in t.children if c.dep_ in ("dobj", "dative")]
            if t.lemma_.lower() != "summon":  # "summoned X to the Oval Office": a place, no party
                toks += party_objects(t, etype)
            return toks, verb
        toks += [c for c in t.children if c.dep_ == "poss"]
        toks += [c for c in t.children if c.dep_ == "compound" and c.ent_type_ == "PERSON"]
        if t.lemma_.lower() in SUMMIT_NOUNS:  # "U.N. climate talks", "a NATO summit"
            toks += [c for c in t.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "GPE", "NORP")]
        toks += party_objects(t, etype)
        # "had a call with", "received a call from", "met for dinner"
        h = t.head
        if t.dep_ == "pobj" and h.dep_ == "prep":
            h = h.head
        if t.dep_ in ("dobj", "attr", "pobj", "nsubj", "nsubjpass") and h.pos_ in ("VERB", "AUX") and h.i != t.i:
            verb = h
            if t.dep_ in ("dobj", "pobj") and h.lemma_ != "invite" and (h.lemma_ in EVENT_LIGHT_VERBS or h.lemma_ in EVENT_VERBS):
                toks = subject(h) + toks
                if h.lemma_ not in TRAVEL_VERBS:  # "travel to Paris for talks": Paris is no party to the talks
                    toks += party_objects(h, etype)
                # "sent Mr. Xi a letter"; "sent a letter to the board" (the parser's dative "to")
                toks += [p for c in h.children if c.dep_ == "dative"
                         for p in ([c] if c.pos_ != "ADP" else [x for x in c.children if x.dep_ == "pobj"])]
            elif etype == "meeting" and t.dep_ == "pobj" and t.head.lower_ == "for" and h.lemma_ in _PURPOSE_VERBS:
                toks = subject(h) + toks  # "was in Richmond for a meeting with state officials", "flew in for talks"
            elif etype == "message" and t.lemma_.lower() in MESSAGE_NOUNS and t.dep_ == "pobj" and t.head.lower_ == "in":
                toks = subject(h) + toks  # "In a letter to the president, the senator asked ..." 
            elif etype == "meeting" and t.dep_ == "pobj" and t.head.lower_ in ("after", "following") and not toks:
                # "Following a late meeting, the council issued a statement" (not "After her
                # meeting with X, the White House announced": the meeting names its own parties)
                toks = subject(h)
            elif t.dep_ == "nsubj" and h.lemma_ == "be":
                # "Monday's trip to X was not Berg's first": the possessor in the predicate
                toks += [a for c in h.children if c.dep_ == "attr" for a in ([c] if any(
                    x.tag_ == "POS" for x in c.children) else [x for x in c.children if x.dep_ == "poss"])]
            elif etype == "meeting" and t.dep_ == "dobj" and h.lemma_ in ADDRESS_VERBS:
                toks = subject(h) + toks  # "told a meeting of Pacific Island leaders"
            elif h.lemma_ == "invite" and t.dep_ == "pobj" and t.head.lower_ == "to" and h.tag_ == "VBD":
                # "Peña Nieto invited Mr. Trump to a meeting in Mexico City": host and guest
                toks = subject(h) + [c for c in h.children if c.dep_ == "dobj"] + toks
            elif t.dep_ == "pobj" and t.head.lower_ in ("at", "during", "in") and (
                etype == "other" or etype == "meeting" and party_objects(t, etype)
            ):
                # "at Monday's debate, Clinton cited ...", "faces off against Pence in the debate"
                toks = subject(h) + toks + party_objects(h, etype)
        if etype == "call" and not toks:
            verb, toks = call_as_means(t) or (verb, toks)  # "raised the issue with X in a phone call"
        return toks, verb

    def participants(self, t: Token, kind: str, etype: str) -> Participants | None:
        """(participants, how many are people, place of a visit, the clause verb) of
        the trigger ``t``; None when a party makes it no engagement (an interview)."""
        toks, verb = self.party_tokens(t, kind, etype)
        names: list[str] = []
        people = 0
        place = None
        for tok in toks:
            for x in [tok, *conjuncts(tok)]:
                x = clause_antecedent(x) or x  # "the campaign said that it was inviting X"
                got = self.resolve_one(x, set(names))
                if got and etype == "visit" and bare_place_name(self, x, got):
                    # "will visit Griffith and Leeton" (the tagger's PERSON): a bare name stage 4 does
                    # not know as a person is where the visit went, never a party to it
                    place = place or np_span(x).text
                    continue
                if got and x.pos_ == "PRON" and x.dep_ in ("dobj", "dative", "pobj") and set(got) <= set(names):
                    # "she ... expected to meet her": an object pronoun is not its own clause's subject
                    got = other_referent(self, x, set(names))
                if got:
                    for n in got:
                        if n not in names:
                            names.append(n)
                            people += 1
                    continue
                what, name = self.other_party(x, etype)
                if what == "media":
                    return None
                if what == "org" and etype == "visit" and kind == "noun" and x.dep_ == "pobj" and x.head.lower_ == "to" and x.head.head.i == t.i:
                    what = "place"  # "a trip to Ridgeway College": where the visit went, no party to it
                if what == "place" and place is None:
                    place = name
                elif what in ("org", "group") and name and name not in names:
                    names.append(name)
        # "Good to speak with X" in a post: the writer is the other party
        if kind == "verb" and not subject(t) and not subject_lost(t):
            q = self.quote_at(t.idx)
            if q is not None and q.speaker is not None and q.speaker.kind == "person" and q.speaker.name not in names:
                if not any(c.dep_ == "nsubj" for c in t.head.children) or t.head.pos_ == "ADJ":
                    names.insert(0, q.speaker.name)
                    people += 1
        return names, people, place, verb
