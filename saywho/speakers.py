"""Stage 4: speaker mentions -> canonical people, organisations and groups.

No offline coreference model exists for spaCy 3.8 here, so resolution is built
from the article itself, in this order:

1. Names: PERSON entities are clustered (nameparser for titles and name parts):
   "Sir Keir Starmer", "Sir Keir", "Starmer" and "Mr Starmer" are one person;
   the canonical name is the fullest form with titles dropped.
2. Roles: what the article says a person is, from pre-modifiers and appositions
   ("former foreign secretary James Cleverly", "Marco Rubio, the secretary of
   state"); honorifics and first names give gender.
3. Mentions that are not names resolve by agreement and salience:
   - organisations by name (with a short table of metonyms: "No 10");
   - spokespeople and groups keep their description ("Prime Minister's official
     spokesman"), and a later definite "the spokesman" finds it again;
   - a definite description ("the Foreign Secretary", "the 78-year-old") goes to
     the person the article gave that role, else to the most salient compatible
     person: recent, a subject, the last speaker; never one who holds a
     different unique office ("the Prime Minister" is not the President);
   - pronouns go to the most salient person of matching gender and number.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    FEMALE_HONORIFICS,
    GROUP_NOUNS,
    MALE_HONORIFICS,
    ORG_ALIASES,
    PERSON_NOUNS,
    SPOKESPERSON_NOUNS,
    TITLES,
    UNIQUE_OFFICES,
)
from .model import Article, Person, Quote, Speaker
from .nlp import LINE_BREAK, entities, text_of
from .quotes import Found

#: Documents that speak for whoever issued them ("according to a White House readout").
DOCUMENT_NOUNS = frozenset("readout statement report release letter memo filing document transcript post tweet".split())
_PRON_MALE = {"he", "him", "his", "himself"}
_PRON_FEMALE = {"she", "her", "hers", "herself"}
_PRON_PLURAL = {"they", "them", "their", "themselves"}
_PRON_FIRST = {"i", "me", "my", "we", "us", "our"}
_NAME_RE = re.compile(r"[’']s$")


@functools.lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


def _first_name_gender(first: str) -> str | None:
    if not first or len(first) < 2:
        return None
    g = _gender_detector().get_gender(first)
    if g in ("male", "mostly_male"):
        return "male"
    if g in ("female", "mostly_female"):
        return "female"
    return None


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip()


def _strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading title words from a name: (titles, name words)."""
    titles = []
    i = 0
    while i < len(words) and (words[i].lower().strip(".") in TITLES or words[i].lower() in TITLES or _role_word(words[i], len(words) - i)):
        titles.append(words[i])
        i += 1
    return titles, words[i:]


_ROLE_SUFFIX = re.compile(r"(er|or|ist|ian|ant|ent|man|woman|ive)$", re.I)


def _role_word(word: str, remaining: int) -> bool:
    """A capitalised role noun fused to a name by the NER ("Campaigner Ruth Adler")."""
    if remaining < 3:
        return False
    w = word.lower()
    if w in PERSON_NOUNS:
        return True
    return bool(_ROLE_SUFFIX.search(w)) and _first_name_gender(word) is None and _gender_detector().get_gender(word) == "unknown"


def _other_first_name(low: list[str], e: "Entity") -> bool:
    """True when ``e`` has a full name whose first name differs from ``low``'s (initials
    compatible: "J. Smith" fits "John Smith")."""
    for n in e.names:
        nl = n.lower().split()
        if len(nl) >= 2 and nl[-1] == low[-1]:
            a, b = nl[0].strip("."), low[0].strip(".")
            if a != b and not (len(a) == 1 and b.startswith(a)) and not (len(b) == 1 and a.startswith(b)):
                return True
    return False


def _trim_epithet(span: Span) -> Span:
    """Drop a nickname or epithet the NER fused to a name: "Crooked Hillary Clinton",
    "Universe Alicia Machado" (the first word is no first name, the second is)."""
    while len(span) >= 3 and _first_name_gender(span[0].text) is None and _first_name_gender(span[1].text) is not None:
        span = span[1:]
    return span


@dataclass
class Entity:
    """One referent of the article: a person, organisation, group or unnamed speaker."""

    key: int
    kind: str  # person | organisation | group | unnamed
    names: list[str] = field(default_factory=list)  # name forms without titles
    titles: set[str] = field(default_factory=set)  # lower-case titles and roles
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None
    head: str | None = None  # head noun for descriptive entities
    description: str | None = None

    @property
    def name(self) -> str:
        if self.kind == "person" and self.names:
            return max(self.names, key=lambda n: (len(n.split()), len(n)))
        return self.description or (self.names[0] if self.names else "?")

    def last_name(self) -> str:
        return self.name.split()[-1].lower() if self.kind == "person" and self.name else ""

    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0].lower() if len(parts) > 1 else ""

    def offices(self) -> set[str]:
        """The unique offices this person is known under, "-elect" and "ex-" folded in."""
        out: set[str] = set()
        for t in self.titles | {r.lower() for r in self.roles}:
            out |= offices_in(t)
        return out


def offices_in(desc: str) -> set[str]:
    """Unique offices named by a role: "the 45th President", "ex-President",
    "President-elect" all name the presidency."""
    w = re.sub(r"[\s\-]+", "-", desc.lower().strip())
    w = re.sub(r"-elect$", "", w)
    # "the 45th President", "ex-President", "former prime minister", a country's office
    # ("US president") name the office; "Vice President", "union president" do not
    w = re.sub(r"^(the-)?(\d+(st|nd|rd|th)-)?(former-|ex-)?", "", w)
    out = set()
    for o in UNIQUE_OFFICES:
        if w == o:
            out.add(o)
        elif w.endswith("-" + o):
            mod = w[: -len(o) - 1]
            if "-" not in mod and mod not in _NOT_THE_OFFICE and (mod in _COUNTRY_WORDS or mod.isalpha() and len(mod) <= 3):
                out.add(o)
    return out


#: Heads of office titles: a description by office resolves only to its holder.
_OFFICE_HEADS = frozenset("president minister secretary chancellor governor mayor senator premier king queen ambassador commissioner".split())
#: Modifiers that make "president" someone else's title.
_NOT_THE_OFFICE = frozenset("vice deputy union club student company party league college university".split())
#: Short country words that keep the office: "US president", "French president".
_COUNTRY_WORDS = frozenset("us uk french german russian chinese american british irish indian ukrainian brazilian".split())


@dataclass
class Entities:
    """What stage 4 produces: quotes with speakers, and the article's people."""

    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    by_span: dict[tuple[int, int], Entity] = field(default_factory=dict)
    _resolver: "Resolver | None" = field(default=None, repr=False)

    def person_at(self, start: int, end: int) -> Person | None:
        """The canonical person for a mention span: names, pronouns and roles
        ("He", "the Prime Minister", "the 78-year-old") resolved as speakers are.

        A span that is not a known mention is resolved on demand: its head must lie
        in a known mention ("Patriot Coal's executives" is not "Patriot Coal"), or it
        is resolved by agreement and salience at its position.
        """
        ent = self.by_span.get((start, end))
        if ent is None and self._resolver is not None:
            ent = self._resolver.entity_at(start, end)
        if ent is None or ent.kind != "person":
            return None
        return next((p for p in self.people if p.name == ent.name), None) or Person(
            name=ent.name, kind="person", mentions=sorted(set(ent.mentions)), roles=list(ent.roles), gender=ent.gender
        )

    def canonical(self, name: str) -> str:
        """The canonical name for a surface name, when the article knows the person."""
        words = _norm(name).split()
        _, core = _strip_titles(words)
        low = " ".join(core).lower()
        for e in self.entities:
            if e.kind != "person":
                continue
            if low in {n.lower() for n in e.names} or (len(core) == 1 and low == e.last_name()):
                return e.name
        return ORG_ALIASES.get(_norm(name).lower(), name)


class Resolver:
    def __init__(self, doc: Doc, found: list[Found], article: Article) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.found = found
        self.article = article
        self.entities: list[Entity] = []
        self.skipped = [(s.start, s.end) for s in article.skipped]
        self.quote_spans = [(f.start, f.end) for f in found if f.type == "direct"]
        # mentions in text order: (start, end, entity, is_subject, in_quote)
        self.mentions: list[tuple[int, int, Entity, bool, bool]] = []

    # ---------------------------------------------------------------- 1-2. names and roles

    def _in_skipped(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.skipped)

    def _in_quote(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.quote_spans)

    def person_for_name(self, name: str, titles: list[str] | None = None, create: bool = True, gender: str | None = None) -> Entity | None:
        words = [w for w in _norm(_NAME_RE.sub("", name)).split() if w]
        if not words:
            return None
        t, core = _strip_titles(words)
        titles = (titles or []) + t
        if not core or not core[0][:1].isupper():
            return None
        low = [w.lower() for w in core]
        best: Entity | None = None
        matches: list[Entity] = []
        for e in self.entities:
            if e.kind != "person":
                continue
            if len(low) >= 2 and _other_first_name(low, e):
                continue  # "Ted Cruz" is not "Rafael Cruz", whatever bare "Cruz" they share
            for n in e.names:
                nl = n.lower().split()
                if low == nl or (len(low) == 1 and low[0] == nl[-1]) or (len(low) < len(nl) and low == nl[-len(low):]):
                    best = e
                    matches.append(e)
                elif len(low) == 1 and len(nl) > 1 and low[0] == nl[0] and any(x.lower() in ("sir", "dame", "lord", "lady") for x in titles):
                    best = e  # "Sir Keir": a knight is known by first name
                elif len(nl) < len(low) and (nl == low[-len(nl):] or nl == low[:len(nl)] and len(e.names) == 1) or (len(nl) == 1 and nl[0] == low[-1]):
                    best = e  # a longer form of a name seen first as a surname
                    if " ".join(core) not in e.names:
                        e.names.append(" ".join(core))
        if len({id(m) for m in matches}) > 1:
            # a bare surname two people share: the one the article is most about
            best = max(matches, key=lambda m: (len(m.mentions), -m.key))
        if best is None:
            if not create:
                return None
            best = Entity(key=len(self.entities), kind="person", names=[" ".join(core)])
            if len(core) == 1:
                full = self._full_name_in_text(core[0])
                if full:
                    best.names.append(full)
            self.entities.append(best)
        elif " ".join(core) not in best.names:
            best.names.append(" ".join(core))
        for ti in titles:
            tl = ti.lower().strip(".")
            if tl in MALE_HONORIFICS:
                best.gender = "male"
            elif tl in FEMALE_HONORIFICS:
                best.gender = "female"
            if tl not in ("the", "a", "an", "his", "her", "mr", "mrs", "ms", "miss", "dr"):
                best.titles.add(tl)
        if gender and not best.gender:
            best.gender = gender
        if best.gender is None and len(core) > 1:
            best.gender = _first_name_gender(core[0])
        return best

    def _full_name_in_text(self, surname: str) -> str | None:
        """A surname seen alone ("Mrs Badenoch") whose full name the NER missed
        elsewhere ("Angela Rayner and Kemi Badenoch"): a known first name before it."""
        counts: dict[str, int] = {}
        for m in re.finditer(r"\b([A-Z][a-z'’\-]+) " + re.escape(surname) + r"\b", self.text):
            first = m.group(1)
            before = self.text[max(0, m.start() - 2):m.start()]
            sentence_start = m.start() == 0 or before.endswith(("\n", ". ", "? ", "! ", "“", '"'))
            if first.lower() not in TITLES and (_first_name_gender(first) is not None or not sentence_start):
                counts[first] = counts.get(first, 0) + 1
        if len(counts) != 1:  # none, or two people sharing the surname
            return None
        return f"{next(iter(counts))} {surname}"

    def collect_people(self) -> None:
        doc = self.doc
        for ent in entities(doc):
            if ent.label_ != "PERSON" or self._in_skipped(ent.start_char):
                continue
            span = _trim_epithet(ent)
            text = _NAME_RE.sub("", span.text).strip(" @")
            if "_" in text or not re.search(r"[A-Za-z]", text):
                continue
            # titles and roles written before the name: "Tory leader Kemi Badenoch"
            pre = self._premodifiers(span)
            titles = [t.text for t in pre if t.lower_ in TITLES]
            e = self.person_for_name(text, titles)
            if e is None:
                continue
            role = self._role_text(pre)
            if role and role.lower() not in {r.lower() for r in e.roles}:
                e.roles.append(role)
                e.titles.add(role.lower())
            for ap in self._appositions(span):
                if ap.lower() not in {r.lower() for r in e.roles}:
                    e.roles.append(ap)
                    e.titles.add(ap.lower())
            s = pre[0].idx if pre else span.start_char
            self.add_mention(s, span.end_char, e, subject=span.root.dep_ in ("nsubj", "nsubjpass"))
        self.mentions.sort(key=lambda m: m[0])
        self.collect_descriptions()

    def collect_descriptions(self) -> None:
        """Definite descriptions of people in the narrative ("The president's Pacific
        roots ...", "the Prime Minister") are mentions too: resolved in text order, they
        keep the salience of the person they name for the pronouns after them."""
        from .quotes import mention_span

        for head in self.doc:
            if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "PERSON":
                continue
            lemma = head.lemma_.lower()
            if lemma not in _OFFICE_HEADS and not (lemma in PERSON_NOUNS and lemma not in SPOKESPERSON_NOUNS):
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
                continue
            if self._in_skipped(head.idx) or self._in_quote(head.idx):
                continue
            s, e = mention_span(head)
            ent, _ = self.resolve_mention(head.i, (s, e), None)
            if ent is not None and ent.kind == "person":
                self.add_mention(s, e, ent, subject=head.dep_ in ("nsubj", "nsubjpass") or head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass"))
                self.mentions.sort(key=lambda m: m[0])

    def _premodifiers(self, span: Span) -> list[Token]:
        """Role words right before a name in the same noun phrase."""
        doc = self.doc
        toks: list[Token] = []
        i = span.start - 1
        while i >= 0:
            t = doc[i]
            if t.is_space or t.is_punct or t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and toks:
                break
            if t.dep_ in ("compound", "amod", "nmod", "det", "poss", "case", "nummod") or t.head.i >= span.start and t.head.i < span.end or t.head in toks:
                if t.pos_ in ("VERB", "ADP", "PRON") or t.dep_ in ("case",) and not toks:
                    break
                toks.insert(0, t)
                i -= 1
                continue
            break
        while toks and (toks[0].dep_ in ("det", "poss", "case") or toks[0].pos_ in ("DET",)):
            toks = toks[1:]
        return toks

    def _role_text(self, pre: list[Token]) -> str | None:
        """The role written before a name ("former foreign secretary"), as written;
        None unless it holds a noun of office or person ("strategically important" is not a role)."""
        toks = [t for t in pre if t.lower_.strip(".") not in MALE_HONORIFICS | FEMALE_HONORIFICS | {"dr", "prof"}]
        while toks and toks[0].pos_ in ("ADV", "VERB", "PUNCT", "CCONJ"):
            toks = toks[1:]
        if not toks or any(t.pos_ == "VERB" for t in toks):
            return None
        nouny = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
        if not any(t.lower_ in PERSON_NOUNS or t.lower_ in TITLES or t.lemma_.lower() in PERSON_NOUNS for t in nouny):
            return None
        doc = toks[0].doc
        return text_of(doc)[toks[0].idx:toks[-1].idx + len(toks[-1])]

    def _appositions(self, span: Span) -> list[str]:
        out = []
        root = span.root
        for c in root.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                toks = [t for t in c.subtree if t.dep_ not in ("det", "punct")]
                if toks and len(toks) <= 8:
                    out.append(" ".join(t.text for t in toks))
        # "his pick as secretary of state, Marco Rubio": the name is the appositive
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            h = root.head
            toks = [t for t in h.subtree if t.i < root.i and not t.is_punct and t.dep_ not in ("det", "poss")]
            if toks and len(toks) <= 8:
                out.append(" ".join(t.text for t in toks))
        return out

    def add_mention(self, s: int, e: int, ent: Entity, subject: bool = False) -> None:
        ent.mentions.append((s, e))
        self.mentions.append((s, e, ent, subject, self._in_quote(s)))

    # ---------------------------------------------------------------- 3. other mentions

    def org_entity(self, name: str) -> Entity:
        canon = ORG_ALIASES.get(_norm(name).lower(), _norm(re.sub(r"^(the|a|an)\s+", "", name, flags=re.I)))
        for e in self.entities:
            if e.kind == "organisation" and e.description == canon:
                return e
        e = Entity(key=len(self.entities), kind="organisation", description=canon, names=[canon])
        self.entities.append(e)
        return e

    def described_entity(self, kind: str, desc: str, head: str, definite: bool) -> Entity:
        if definite:
            # "the spokesman" finds "the Prime Minister's official spokesman"
            for e in reversed(self.entities):
                if e.kind == kind and (e.head == head or (e.description or "").lower() == desc.lower()):
                    return e
        for e in self.entities:
            if e.kind == kind and (e.description or "").lower() == desc.lower():
                return e
        e = Entity(key=len(self.entities), kind=kind, description=desc, head=head)
        self.entities.append(e)
        return e

    def salient(self, pos: int, want: str, exclude_offices: set[str] | None = None, role_words: set[str] | None = None,
                last_speaker: Entity | None = None, exclude: Entity | None = None) -> Entity | None:
        """The most salient compatible person before ``pos`` (never ``exclude``)."""
        scores: dict[int, float] = {}
        counts: dict[int, int] = {}
        ents: dict[int, Entity] = {}
        before = [m for m in self.mentions if m[0] < pos]
        # inside a quote, the quote's own words are the nearest context
        here = next(((qs, qe) for qs, qe in self.quote_spans if qs <= pos < qe), None)
        n = len(before)
        for rank, (s, e, ent, subj, inq) in enumerate(before):
            if ent.kind not in ("person",) and want != "plural" or ent is exclude:
                continue
            if want == "male" and ent.gender == "female" or want == "female" and ent.gender == "male":
                continue
            if want == "plural" and ent.kind == "person":
                continue
            if exclude_offices and ent.offices() and not (ent.offices() & exclude_offices):
                continue
            dist = pos - e
            w = 1.0 / (1.0 + dist / 400.0)
            if subj:
                w *= 2.0
                # the subject of this very paragraph, before the pronoun ("Scott bristles
                # at the suggestion. '...,' he said.") outranks the previous paragraph's speaker
                if not inq and not LINE_BREAK.search(self.text, e, pos):
                    w += 2.0
            if inq:
                w *= 1.5 if here is not None and here[0] <= s < here[1] else 0.3
            # the strongest single mention counts, not the sum: a person named often
            # earlier must not outweigh the one the previous sentence is about
            scores[ent.key] = max(scores.get(ent.key, 0.0), w)
            counts[ent.key] = counts.get(ent.key, 0) + 1
            ents[ent.key] = ent
        if not scores:
            return None
        for k in scores:
            scores[k] += 0.1 * min(counts[k] - 1, 5)
        if last_speaker is not None and last_speaker.key in scores:
            scores[last_speaker.key] += 1.5
        if role_words:
            for k, ent in ents.items():
                words = {w for t in ent.titles | {r.lower() for r in ent.roles} for w in re.split(r"[\s\-]+", t)}
                if role_words & words:
                    scores[k] += 2.0
        best = max(scores, key=lambda k: scores[k])
        return ents[best]

    def resolve_mention(
        self, head_i: int | None, span: tuple[int, int], last_speaker: Entity | None, exclude: Entity | None = None
    ) -> tuple[Entity | None, str]:
        doc = self.doc
        s, e = span
        mtext = _norm(self.text[s:e])
        low = mtext.lower()
        # a. organisations by their usual metonyms ("No 10")
        if low in ORG_ALIASES or re.sub(r"^the ", "", low) in ORG_ALIASES:
            return self.org_entity(mtext), "organisation"
        sp = doc.char_span(s, e, alignment_mode="expand")
        head = doc[head_i] if head_i is not None else (sp.root if sp is not None else None)
        if sp is None or head is None:
            return None, "unnamed"
        ents_in = [ent for ent in entities(doc) if ent.start >= sp.start and ent.end <= sp.end]
        # b. a person's name that contains the head ("Reform UK leader Nigel Farage")
        for ent in ents_in:
            if ent.label_ == "PERSON" and ent.start <= head.i < ent.end:
                pre = [t.text for t in sp if t.i < ent.start and t.lower_ in TITLES]
                pe = self.person_for_name(ent.text, pre)
                if pe is not None:
                    return pe, "person"
        # c. a name the article already knows, whatever the NER said ("Badenoch", "Davey")
        if head.pos_ == "PROPN":
            words = [t.text for t in sp if not t.is_punct and t.i <= head.i]
            titles, core = _strip_titles(words)
            if core and all(w[:1].isupper() for w in core):
                pe = self.person_for_name(" ".join(words), create=False)
                if pe is not None:
                    return pe, "person"
                # an honorific makes it a person even if unseen: "Mr Cleverly"
                if any(t.lower().strip(".") in MALE_HONORIFICS | FEMALE_HONORIFICS | {"dr", "prof"} for t in titles):
                    pe = self.person_for_name(" ".join(words))
                    if pe is not None:
                        return pe, "person"
        hl = head.lower_
        # d. pronouns; "him [Trump]": an editor's bracket names the referent
        if head.pos_ == "PRON" or hl in _PRON_MALE | _PRON_FEMALE | _PRON_PLURAL | _PRON_FIRST:
            m = re.match(r"\s*\[([A-Z][\w.'’\- ]{1,60})\]", self.text[e:e + 64])
            if m:
                pe = self.person_for_name(m.group(1), create=False)
                if pe is not None:
                    return pe, "person"
            if hl in _PRON_MALE | _PRON_FEMALE:
                g = "male" if hl in _PRON_MALE else "female"
                ent = self.salient(s, g, last_speaker=last_speaker, exclude=exclude)
                if ent is not None and ent.gender is None:
                    ent.gender = g  # what "she" found, a later "he" will not
                return ent, "person"
            if hl in _PRON_PLURAL:
                return self.salient(s, "plural", last_speaker=last_speaker), "group"
            return None, "unnamed"
        lemma = head.lemma_.lower()
        # e. an organisation named by an entity that holds the head ("the Foreign Office")
        for ent in ents_in:
            if ent.label_ in ("ORG", "NORP", "GPE", "FAC") and ent.start <= head.i < ent.end:
                if lemma not in SPOKESPERSON_NOUNS | PERSON_NOUNS and hl not in GROUP_NOUNS:
                    return self.org_entity(mtext), "organisation"
        # f. a person named only here: the NER's PERSON, or two or more capitalised
        #    proper nouns after any titles ("Mayor Ken Obi")
        if head.pos_ == "PROPN" and head.ent_type_ in ("PERSON", ""):
            words = [t.text for t in sp if not t.is_punct and t.i <= head.i]
            _, core = _strip_titles(words)
            role_like = any(w.lower() in PERSON_NOUNS or w.lower() in TITLES for w in core) or any(t.ent_type_ in ("NORP", "ORG", "GPE") for t in sp)
            if head.ent_type_ == "PERSON" or (len(core) >= 2 and all(w[:1].isupper() for w in core) and not role_like):
                pe = self.person_for_name(" ".join(words))
                if pe is not None:
                    return pe, "person"
            # "Arsenal boss Mikel Arteta" (the NER saw no name): the capitalised words
            # after the last role word are the name, the words before it the role
            toks = [t for t in sp if not t.is_punct and t.i <= head.i]
            cut = max((k for k, t in enumerate(toks) if t.lower_ in PERSON_NOUNS or t.lower_ in TITLES or t.is_lower), default=-1)
            name = toks[cut + 1:]
            if cut >= 0 and len(name) >= 2 and all(t.text[:1].isupper() and t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in name):
                pe = self.person_for_name(" ".join(t.text for t in name))
                if pe is not None:
                    role = text_of(self.doc)[toks[0].idx:toks[cut].idx + len(toks[cut])]
                    role = re.sub(r"^(the|a|an)\s+", "", role, flags=re.I)
                    if role and role.lower() not in {r.lower() for r in pe.roles}:
                        pe.roles.append(role)
                        pe.titles.add(role.lower())
                    return pe, "person"
        det = sp[0].lower_
        definite = det in ("the", "this", "that") or any(t.dep_ == "poss" for t in sp)
        desc = re.sub(r"^(the|a|an|this|that)\s+", "", mtext, flags=re.I)
        # spokespeople: unnamed speakers who keep their description
        if lemma in SPOKESPERSON_NOUNS or hl in SPOKESPERSON_NOUNS:
            # "a spokesperson for the Home Office" is the "Home Office spokesperson"
            m = re.match(r"(?i)(\w+)\s+(?:for|of|at)\s+(?:the\s+)?(.+)$", desc)
            if m and m.group(2)[:1].isupper():
                desc = f"{m.group(2)} {m.group(1)}"
            return self.described_entity("unnamed", desc, lemma, definite), "unnamed"
        # groups
        if head.tag_ in ("NNS", "NNPS") or hl in GROUP_NOUNS:
            if hl in GROUP_NOUNS or head.tag_ == "NNS":
                return self.described_entity("group", desc, lemma, definite), "group"
        # "a White House readout", "the ministry's statement": a document speaks for its author
        if lemma in DOCUMENT_NOUNS:
            owner = [ent for ent in ents_in if ent.label_ in ("ORG", "FAC", "GPE", "NORP") and ent.end <= head.i]
            if owner:
                return self.org_entity(owner[-1].text), "organisation"
        # "Gary Johnson's doctor": someone described through another named person
        if any(t.dep_ == "poss" and t.pos_ == "PROPN" for t in sp) and (lemma in PERSON_NOUNS or hl in PERSON_NOUNS):
            return self.described_entity("unnamed", desc, lemma, definite=False), "unnamed"
        # a definite description of a person: role match, else salience
        words = {w.lower() for w in re.split(r"[\s\-]+", desc)}
        role_words = words - {"the", "of", "former", "new"}
        if definite or head.pos_ == "PROPN":
            desc_l = desc.lower()
            for ent in self.entities:
                if ent.kind != "person":
                    continue
                for r in [*ent.roles, *ent.titles]:
                    rl = r.lower()
                    if rl == desc_l or (rl.endswith(desc_l) and not rl.startswith(("former", "ex"))):
                        return ent, "person"
            offices = offices_in(desc_l)
            # an office nobody in the article holds ("the Vice President", "the Health
            # Secretary") is someone not named here, not the most salient person
            unheld_office = lemma in _OFFICE_HEADS and not offices
            if not unheld_office and (lemma in PERSON_NOUNS or hl in PERSON_NOUNS or offices or head.pos_ == "PROPN" or "year-old" in desc_l):
                ent = self.salient(s, "any", exclude_offices=offices or None, role_words=role_words, last_speaker=last_speaker)
                if ent is not None:
                    if offices:
                        ent.titles |= offices
                        if desc not in ent.roles:
                            ent.roles.append(desc)
                    return ent, "person"
        return self.described_entity("unnamed", desc, lemma, definite), "unnamed"

    # ---------------------------------------------------------------- the stage

    def run(self) -> Entities:
        self.collect_people()
        # signatures of social posts name their author
        for f in self.found:
            if f.signed_name and f.mention and not f.carried:
                e = self._signer(f)
                if e is not None:
                    self.add_mention(f.mention[0], f.mention[1], e)
        self.mentions.sort(key=lambda m: m[0])
        resolved: dict[int, tuple[Entity | None, str]] = {}
        last_speaker: Entity | None = None
        order = sorted(range(len(self.found)), key=lambda j: self.found[j].start)
        for pos, j in enumerate(order):
            f = self.found[j]
            ent: Entity | None = None
            kind = "unnamed"
            if f.signed_name and not f.carried:
                ent = self._signer(f)
                kind = f.signed_kind
            elif f.carried and f.parent is not None and f.mention is None:
                ent, kind = resolved.get(f.parent, (None, "unnamed"))
            elif f.mention is not None:
                if f.carried:
                    # the quote carried from: the last top-level one with a speaker (never a
                    # quote nested inside another, whose speaker is someone else)
                    prev = next((resolved[k] for k in reversed(order[:pos]) if k in resolved and resolved[k][0] is not None
                                 and self.found[k].parent is None), (None, "unnamed"))
                    ent, kind = prev
                else:
                    ent, kind = self.resolve_mention(f.mention_head, f.mention, last_speaker)
                    if ent is not None:
                        subj = True
                        self.add_mention(f.mention[0], f.mention[1], ent, subject=subj)
                        self.mentions.sort(key=lambda m: m[0])
            resolved[j] = (ent, kind if ent is None else ent.kind)
            if ent is not None and f.parent is None:
                last_speaker = ent
        quotes = []
        for j, f in enumerate(self.found):
            ent, kind = resolved.get(j, (None, "unnamed"))
            speaker = None
            if ent is not None:
                ms, me = f.mention if f.mention else (None, None)
                speaker = Speaker(
                    name=ent.name, mention=self.text[ms:me] if ms is not None else None,
                    mention_start=ms, mention_end=me, kind=ent.kind,  # type: ignore[arg-type]
                )
            quotes.append(
                Quote(
                    start=f.start, end=f.end, text=self.text[f.start:f.end], type=f.type,  # type: ignore[arg-type]
                    speaker=speaker, cue=f.cue, cue_start=f.cue_start, cue_end=f.cue_end, venue=f.venue,
                    addressee=f.addressee, date=self._date(f), confidence=round(f.confidence if ent else min(f.confidence, 0.3), 2),
                    nested_in=f.parent,
                )
            )
        people = []
        by_span: dict[tuple[int, int], Entity] = {}
        speakers = {id(e) for e, _ in resolved.values() if e is not None}
        for ent in self.entities:
            if not ent.mentions:
                continue
            for m in ent.mentions:
                by_span[m] = ent
            # a single unrolled mention of a name-shaped entity is often an NER slip
            # ("Diego Garcia" the base): list people who speak, recur, or have a role
            if id(ent) not in speakers and len(set(ent.mentions)) < 2 and not ent.roles:
                continue
            people.append(Person(name=ent.name, kind=ent.kind, mentions=sorted(set(ent.mentions)), roles=list(ent.roles), gender=ent.gender))  # type: ignore[arg-type]
        self.speaker_positions = sorted(
            ((f.start, resolved[j][0]) for j, f in enumerate(self.found) if resolved.get(j, (None, ""))[0] is not None),
            key=lambda x: x[0],
        )
        return Entities(quotes=quotes, people=people, entities=self.entities, by_span=by_span, _resolver=self)

    def _signer(self, f: Found) -> Entity | None:
        """The person or organisation that signed a quote (a post, a dash, a colon)."""
        if f.signed_kind == "organisation":
            return self.org_entity(f.signed_name or "")
        return self.person_for_name(f.signed_name or "")

    def entity_at(self, start: int, end: int) -> Entity | None:
        """Resolve any mention span after the stage has run (for events and the API)."""
        sp = self.doc.char_span(start, end, alignment_mode="expand")
        if sp is None or not len(sp):
            return None
        root = sp.root
        # dates, places, amounts are nobody ("Monday's trip")
        if root.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT", "LAW"):
            if not any(s <= root.idx < e for s, e, _, _, _ in self.mentions):
                return None
        # a known name, whatever the tagger made of it ("Trump" tagged ORG or VERB)
        words = [t.text for t in sp if not t.is_punct and t.tag_ != "POS"]
        if words and all(w[:1].isupper() for w in words):
            known = self.person_for_name(" ".join(words), create=False)
            if known is not None:
                return known
        # "the governor of the Bank of England, Andrew Bailey": the name in apposition
        root = next((c for c in root.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), root)
        for s, e, ent, _, _ in self.mentions:
            if s <= root.idx < e:
                return ent
        # "I"/"we" inside a quote are its speaker
        if root.lower_ in _PRON_FIRST:
            inner = [f for f in self.found if f.start <= root.idx < f.end and f.type == "direct"]
            if inner:
                f = min(inner, key=lambda f: f.end - f.start)
                j = self.found.index(f)
                return next((ent for pos, ent in self.speaker_positions if pos == f.start), None) if j is not None else None
            return None
        last = None
        for pos, ent in self.speaker_positions:
            if pos >= start:
                break
            last = ent
        # "X offered his congratulations": a possessive goes to its clause's subject
        if root.dep_ == "poss" and root.lower_ in _PRON_MALE | _PRON_FEMALE | _PRON_PLURAL:
            verb = root.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
                verb = verb.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.i != root.i and subj.pos_ != "PRON":
                from .quotes import mention_span

                ms, me = mention_span(subj)
                got = self.entity_at(ms, me)
                if got is not None and got.kind == "person":
                    return got
        # a third-person pronoun inside a quote is not the quote's own speaker
        inside = [f for f in self.found if f.start <= root.idx < f.end and f.type == "direct"]
        own = None
        if inside:
            f = min(inside, key=lambda f: f.end - f.start)
            own = next((ent for pos, ent in self.speaker_positions if pos == f.start), None)
        ent, _ = self.resolve_mention(root.i, (sp.start_char, sp.end_char), last if last is not own else None, exclude=own)
        return ent

    def _date(self, f: Found) -> str | None:
        from .dates import resolve_day

        expr = f.signed_date or f.date_text
        if not expr:
            return None
        return resolve_day(expr, self.article.published)


def resolve(doc: Doc, found: list[Found], article: Article) -> Entities:
    """Resolve every quote's speaker mention to a canonical entity (stage 4)."""
    return Resolver(doc, found, article).run()
