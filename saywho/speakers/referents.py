"""Referents the NER does not hand over ready-made: organisations as antecedents of
descriptions ("the agency" is the Food Standards Agency, "the FSA" too), people the
NER missed ("Theresa May" tagged a date), and several people speaking at once
("Tom Smith and Jane Smith said", "the couple said").

The resolver calls ``collect_orgs``, ``collect_unlabelled_names`` and
``collect_pairs`` while collecting its people; ``mentions`` calls the resolution
steps (``org_description``, ``conjoined_people``, ``pair_description``,
``issuer_of_document``).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..lexicon import (DOCUMENT_NOUNS, EVIDENCE_SOURCES, HONORIFICS, MAKING_VERBS, ISSUED_WORKS, ISSUING_VERBS, PERSON_NOUNS, ROLE_HEAD_NOUNS, SPEAKING_PERSON_NOUNS,
                       ORG_KINDS, SPOKESPERSON_NOUNS, TITLES)
from ..nlp import entities, sent_of
from ..quotes.marks import SpanSet
from .entities import Entity
from .gender import detector
from .given import common_word, name_positions
from .index import containing
from .names import first_name_gender
from .personhood import RELABELLED, person_evidence

if TYPE_CHECKING:
    from .state import ResolverState

#: Head nouns of descriptions that name an organisation or a place's authority.
ORG_NOUNS = frozenset(
    """agency department ministry company firm business group bank council city government team club union
    party board authority service hospital university school college commission committee court charity
    organisation organization corporation airline retailer network institute foundation association
    federation league regulator watchdog trust state country town county nation administration
    supermarket body carmaker broadcaster newspaper publisher studio laboratory fund bureau
    manufacturer insurer lender chain operator giant developer campaign church""".split()
)
#: The label of an organisation named before a person's name ("Acme Corp chief Ann Lee"):
#: a body the person belongs to, left out of the guesses by nearness ("it", "the report").
AFFILIATION = "ORG-affiliation"
#: Of those, the ones that name a place (its NER label is GPE), not an organisation.
PLACE_NOUNS = frozenset("city state country town county nation".split())
#: Documents that speak for their issuer ("the company's statement", "the report's findings").
DOCUMENTS = DOCUMENT_NOUNS | frozenset("finding findings announcement communique notice bulletin guidance website study survey".split())
#: Descriptions of two or more people named together before ("the couple said").
PAIR_NOUNS = frozenset("couple pair duo two both trio partners".split())
#: Entity labels that make a capitalised word no person.
_NOT_PERSON = frozenset("ORG GPE NORP FAC LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE MONEY PERCENT CARDINAL ORDINAL".split())
_ORG_LABELS = ("ORG", "GPE")
#: Grammatical roles in which an unlabelled proper noun may be a person.
_PERSON_ROLES = frozenset("nsubj nsubjpass dobj pobj poss conj appos attr".split())
#: Lower-case words left out of an acronym ("Department of Health" is DoH, "DH").
_ACRONYM_SKIP = frozenset("of the and for on in at to".split())


def acronym(name: str) -> str:
    """The initials of a name's capitalised words ("Food Standards Agency" -> "FSA")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in _ACRONYM_SKIP)


def same_org(a: str, b: str) -> bool:
    """True when one name is the other's acronym ("FSA", "Food Standards Agency"); two
    letters only for a name of two words ("US" is not the University of Sheffield).
    (An acronym with stops, "S.E.C.", stays its own name: merged, the article's first
    form, "federal Securities and Exchange Commission", would name the speaker.)"""
    for short, long in ((a, b), (b, a)):
        if re.fullmatch(r"[A-Z]{2,6}", short) and len(long.split()) >= 2 and acronym(long) == short \
                and (len(short) > 2 or len(long.split()) == 2):
            return True
    return False


# ---------------------------------------------------------------- collection


def collect_orgs(r: "ResolverState") -> None:
    """Every ORG and GPE entity, in text order, as an antecedent for descriptions
    (``r.org_mentions``); the entities join ``r.entities`` but get no salience mentions,
    so pronoun resolution over people is as before."""
    for ent in entities(r.doc):
        if ent.label_ not in _ORG_LABELS or r._in_skipped(ent.start_char):
            continue
        text = re.sub(r"[’']s$", "", ent.text).strip()
        if not re.search(r"[A-Za-z]", text) or text.lower().startswith(("a ", "an ")):
            continue
        held = containing(r.mentions, ent.start_char)
        if ent.start_char in r.__dict__.get("org_readings", ()):
            held = None  # a name read as an organisation after all
        # a person the NER mislabelled, already collected; but an affiliation before a
        # person's name ("Labour's Shadow Home Secretary Yvette Cooper") is a body
        # (a place there stays out: "Ohio Gov. John Kasich" names no body that speaks)
        if held is not None and (ent.end_char >= held[1] or ent.label_ != "ORG"):
            continue
        e = r.org_entity(text)
        # an affiliation is labelled apart: the guesses by nearness below leave it out
        r.org_mentions.append((ent.start_char, ent.end_char, e, AFFILIATION if held is not None else ent.label_))


def _name_tokens(t: Token) -> list[Token]:
    """A proper noun with the proper nouns compounded to it ("Theresa" "May")."""
    toks = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < t.i] + [t]
    return sorted(toks, key=lambda x: x.i)


def _mislabelled_person(run: Span, affiliated: bool = False) -> bool:
    """A name the NER took for an organisation, place or date ("Beverley Callard" as
    ORG, "Danielle" as GPE): it starts with a first name of one gender only (not "Morgan"
    of Morgan Stanley), and a place or date must have a surname too."""
    g = detector().get_gender(run[0].text)
    # after an affiliation ("Halifax Water spokesperson Kelsey Arsenault", "the
    # Foundation's Leah Moreno") a mostly-one-gender first name is evidence enough
    if g not in ("male", "female") and not (affiliated and g in ("mostly_male", "mostly_female") and len(run) >= 2):
        return False
    labels = {tok.ent_type_ for tok in run} - {""}
    # a place or a date alone stays one: "Virginia" the state, "March" the month ("Theresa
    # May" as a DATE has her surname)
    return not (labels & {"GPE", "DATE", "TIME"} and len(run) < 2)


def collect_unlabelled_names(r: "ResolverState") -> None:
    """People the NER missed: a run of capitalised proper nouns that starts with a known
    first name ("Theresa May" as a DATE, "Kathleen" alone as a subject).  Only words
    outside every other kind of entity, and never a title alone."""
    doc = r.doc
    known = SpanSet([(s, e) for s, e, *_ in r.mentions])
    # only proper nouns (and names the tagger took for nouns) start a run
    propn = name_positions(doc)
    is_name = set(int(k) for k in propn)
    k = 0
    i = 0
    while k < len(propn):
        i = max(i, int(propn[k]))
        k += 1
        if i >= len(doc) or propn[k - 1] < i:
            continue
        t = doc[i]
        if not (t.text[:1].isupper() and t.text.isalpha()):
            i += 1
            continue
        j = i
        while j < len(doc) and j in is_name and doc[j].text[:1].isupper() and doc[j].text.isalpha():
            j += 1
            # "Diaz-Twine": a hyphen inside a double-barrelled name joins its halves
            if j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
                    and doc[j + 1].text[:1].isupper() and doc[j + 1].text.isalpha():
                j += 1
        run = doc[i:j]
        i = j
        # "Dr Helena Strand" tagged ORG, "Neighbour Gordon Pye": an honorific or a noun of
        # people stands before the name
        while len(run) > 1 and (run[0].lower_.rstrip(".") in HONORIFICS or run[0].lower_ in SPEAKING_PERSON_NOUNS
                                or run[0].lower_ in ROLE_HEAD_NOUNS):
            run = doc[run.start + 1:run.end]
        if any(tok.ent_type_ == "PERSON" for tok in run) or len(run) > 4:
            continue
        labels = {tok.ent_type_ for tok in run} - {""}
        if known.has(run.start_char) or r._in_skipped(run.start_char):
            continue
        # what the words around it show ("his sister Georgiana", "Koehler retired")
        evidence = person_evidence(run) if not labels - RELABELLED else None
        if labels - {"ORG", "GPE"} and labels & _NOT_PERSON and evidence is None:
            continue
        before = doc[run.start - 1] if run.start > 0 else None
        affiliated = before is not None and (before.tag_ == "POS" or before.lower_ in SPOKESPERSON_NOUNS
                                             or before.lower_ in PERSON_NOUNS)
        if labels and not _mislabelled_person(run, affiliated) and evidence is None:
            continue
        words = run.text.split()
        # "The Conservative MP", "Allies of ...": a role or a capitalised common noun
        if any(w.lower() in TITLES or w.lower() in PERSON_NOUNS for w in words):
            continue
        if run.start > 0 and doc[run.start - 1].pos_ == "DET":
            continue
        # a subject, object or possessor, not a modifier ("Victoria line"); without a known
        # first name, only a subject of a verb or a possessor ("Reucassel said", "Doust's seat")
        role = run.root.dep_
        if role not in _PERSON_ROLES:
            continue
        # at a sentence's start the capital says nothing: only a word that is no
        # English word ("Hicks was drawn to ...", not "Officials said")
        opening = run[0].is_sent_start and (len(run) > 1 or common_word(words[0]))
        if first_name_gender(words[0]) is None and evidence is None and (opening or not (
                role in ("nsubj", "nsubjpass") and run.root.head.pos_ in ("VERB", "AUX") or role == "poss")):
            continue
        # a first name's gender outranks what a pronoun nearby suggests
        said = evidence if evidence in ("male", "female") and first_name_gender(words[0]) is None else None
        pe = r.person_for_name(" ".join(words), gender=said)
        if pe is not None:
            r.add_mention(run.start_char, run.end_char, pe, subject=run.root.dep_ in ("nsubj", "nsubjpass"))
    r.mentions.sort(key=lambda m: m[0])


def collect_pairs(r: "ResolverState") -> None:
    """People named together ("Tom and Jane Smith married"), for "the couple" later."""
    doc = r.doc
    for s, e, ent, _, _ in list(r.mentions):
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is None:
            continue
        others = [c for c in sp.root.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
        members = [ent]
        for c in others:
            got = (containing(r.mentions, c.idx) or (None, None, None))[2]
            if got is not None and got.kind == "person" and got is not ent:
                members.append(got)
        if len(members) >= 2:
            r.pairs.append((s, members))


# ---------------------------------------------------------------- resolution steps


def kind_conflict(head: str, words: set[str]) -> bool:
    """Whether an organisation named by ``words`` is of another kind than ``head`` says."""
    want = ORG_KINDS.get(head)
    kinds = {ORG_KINDS[w] for w in words if w in ORG_KINDS}
    return want is not None and bool(kinds) and want not in kinds


def _previous_sentence_start(r: "ResolverState", pos: int) -> int:
    """The character offset where the sentence before the one at ``pos`` starts."""
    tok = r.doc.char_span(pos, pos + 1, alignment_mode="expand")
    if tok is None or not len(tok):
        return pos
    sent = sent_of(tok[0])
    return sent_of(r.doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char


def org_for_head(r: "ResolverState", pos: int, head: str, window: int = 3000,
                 need: set[str] | None = None) -> Entity | None:
    """The organisation a description by ``head`` ("agency", "city") refers to: the
    nearest earlier one whose name holds the word, else the nearest of the fitting
    kind (a place for "the city", an organisation otherwise); with ``need``, only one
    whose name holds all those words."""
    best, best_score = None, 0.0
    # "the team", "the company" with no organisation named by that word: the nearest
    # organisation is a guess, and a silent wrong one more often than not (GUM news:
    # about two in three), so it is taken only when it is the one organisation in sight,
    # or the one named in this sentence or the one before ("According to the Office for
    # Budget Responsibility, ... The watchdog said")
    others = {id(ent) for s, e, ent, label in r.org_mentions
              if s < pos and pos - e <= window and label not in ("GPE", AFFILIATION)}
    lo = _previous_sentence_start(r, pos)
    recent = {id(ent) for s, e, ent, label in r.org_mentions if lo <= s < pos and label not in ("GPE", AFFILIATION)}
    for s, e, ent, label in r.org_mentions:
        if s >= pos or pos - e > window:
            continue
        # (without stops and commas: "Acme Corp." is a company, not "the union")
        words = {w.lower().strip(".,") for w in (ent.description or "").split()}
        if need and not need <= words or kind_conflict(head, words):
            continue
        fits = label != AFFILIATION and (label == "GPE") == (head in PLACE_NOUNS) and (
            head in PLACE_NOUNS or len(others) == 1 or recent == {id(ent)})
        if head in words:
            score = 3.0
        elif fits:
            score = 1.0
        else:
            continue
        score += 1.0 / (1.0 + (pos - e) / 400.0)
        if score > best_score:
            best, best_score = ent, score
    return best


def org_description(r: "ResolverState", s: int, head: Token, definite: bool) -> tuple[Entity, str] | None:
    """"the agency", "the company", "the city": the organisation the article named."""
    lemma = head.lemma_.lower()
    if not definite or head.pos_ != "NOUN" or lemma not in ORG_NOUNS:
        return None
    # "the Trump campaign", "the Chinese embassy": a name in the description says
    # whose; only an organisation of that name is meant, never the nearest other one
    own = [c for c in head.children if c.i < head.i and c.dep_ in ("compound", "poss", "amod", "nmod")
           and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))]
    if own:
        words = {t.lower_ for c in own for t in c.subtree if not t.is_punct and t.tag_ != "POS"}
        # (its own head too: "the Trump campaign" is not an organisation named "Trump")
        ent = org_for_head(r, s, lemma, need=words | {head.lower_})
        if ent is None:
            start = own[0].left_edge.idx
            ent = r.org_entity(r.text[start:head.idx + len(head)])
            # named here: "the campaign" later finds it
            r.org_mentions.append((start, head.idx + len(head), ent, "ORG"))
        return ent, "organisation"
    ent = org_for_head(r, s, lemma)
    return (ent, "organisation") if ent is not None else None


def issuer_of_document(r: "ResolverState", s: int, head: Token) -> tuple[Entity, str] | None:
    """"the union's statement", "the report's findings": a document speaks for the
    organisation or person that issued it: its possessor, else the organisation named
    nearest around it in the same sentence or the one before; "X released a video that
    said ...": the subject that put it out."""
    issued = _issuing_subject(r, s, head)
    if issued is not None:
        return issued, issued.kind
    made = _author_named(r, s, head)
    if made is not None:
        return made, made.kind
    if head.lemma_.lower() not in DOCUMENTS:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None:
        lemma = owner.lemma_.lower()
        if owner.pos_ == "NOUN" and lemma in ORG_NOUNS:
            ent = org_for_head(r, s, lemma)
            if ent is not None:
                return ent, "organisation"
            # "the union's release" with no union named: the union, as described
            desc = r.text[owner.left_edge.idx:owner.idx + len(owner)]
            desc = re.sub(r"^(the|a|an)\s+", "", desc, flags=re.I)
            return r.described_entity("unnamed", desc, lemma, True), "unnamed"
        if owner.pos_ == "PROPN":
            known = (containing(r.mentions, owner.idx) or (None, None, None))[2]
            if known is not None:
                return known, known.kind
            orgs = [m[2] for m in r.org_mentions if m[0] <= owner.idx < m[1]]
            if orgs:
                return orgs[0], "organisation"
        if not (owner.pos_ == "NOUN" and lemma in DOCUMENTS):
            return None
    issuers: dict[str, Entity] = r.__dict__.setdefault("_document_issuers", {})
    # "a readout from ...", "a study by ...": the document's named issuer or author
    source = next((g for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                   for g in c.children if g.dep_ == "pobj"), None)
    if source is not None:
        # "a readout from the Prime Minister's Office": its issuer, named; "the readout"
        # later is the same document
        ent = _issuer_named(r, s, source)
        if ent is not None:
            issuers[head.lemma_.lower()] = ent
            return ent, ent.kind
    if head.lemma_.lower() in issuers and any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in head.children):
        ent = issuers[head.lemma_.lower()]
        return ent, ent.kind
    sent = sent_of(head)
    lo = sent.start_char
    prev = sent.start - 1
    if prev >= 0:
        lo = sent_of(r.doc[prev]).start_char
    near = [(abs(m[0] - s), m[2]) for m in r.org_mentions if lo <= m[0] < sent.end_char and m[3] != AFFILIATION]
    if near:
        return min(near, key=lambda x: x[0])[1], "organisation"
    return None


def _author_named(r: "ResolverState", s: int, head: Token) -> Entity | None:
    """"an analysis by the Pew Research Center", "a poll conducted by Quinnipiac
    University", "a study by researchers at Stanford": a document, study or poll whose
    maker the text names speaks for that maker; a maker described, not named, is that
    description ("researchers at Stanford")."""
    if head.lemma_.lower() not in EVIDENCE_SOURCES | DOCUMENTS:
        return None
    holders = [head, *(c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in MAKING_VERBS)]
    agent = next((g for h in holders for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                  for g in c.children if g.dep_ == "pobj"), None)
    if agent is None or agent.pos_ == "PRON":
        return None
    ent = _issuer_named(r, s, agent)
    if ent is not None:
        return ent
    if agent.pos_ != "NOUN" or agent.lemma_.lower() not in PERSON_NOUNS | ORG_NOUNS:
        return None  # "a study by the numbers": no maker
    # the maker as described: its modifiers and "at"/"of"/"from" phrases, no clause
    left = min((c.left_edge.i for c in agent.lefts if c.dep_ != "det"), default=agent.i)
    right = max((c.right_edge.i for c in agent.rights if c.dep_ == "prep"), default=agent.i)
    desc = r.text[r.doc[left].idx:r.doc[right].idx + len(r.doc[right])]
    kind = "group" if agent.tag_ == "NNS" else "unnamed"
    return r.described_entity(kind, desc, agent.lemma_.lower(), False)


def _issuing_subject(r: "ResolverState", s: int, head: Token) -> Entity | None:
    """"Trump released a marketing video that said ...", "The Post ran a piece that
    noted ...": a document or work that is the object of a verb of putting out speaks
    for that verb's named subject (a pronoun only when already resolved)."""
    if head.lemma_.lower() not in DOCUMENTS | ISSUED_WORKS or head.dep_ != "dobj" \
            or head.head.lemma_.lower() not in ISSUING_VERBS:
        return None
    subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    known = (containing(r.mentions, subj.idx) or (None, None, None))[2]
    if known is not None:
        return known
    if subj.pos_ == "PRON":
        return None
    if subj.ent_type_ == "PERSON":
        return r.person_for_name(subj.text if subj.pos_ != "PROPN" else " ".join(t.text for t in _name_tokens(subj)))
    return _issuer_named(r, s, subj)


def _issuer_named(r: "ResolverState", s: int, source: Token) -> Entity | None:
    """The person or organisation ``source`` (the object of "from") names."""
    known = (containing(r.mentions, source.idx) or (None, None, None))[2]
    if known is not None:
        return known
    if source.pos_ == "NOUN" and source.lemma_.lower() in ORG_NOUNS and not any(
            c.dep_ in ("compound", "poss") for c in source.children):
        return org_for_head(r, s, source.lemma_.lower())
    for s0, e0, ent, label in r.org_mentions:  # "the progressive Center for ...": the name as found
        if s0 <= source.idx < e0 and label != "GPE":
            return ent
    toks = [t for t in source.subtree if t.i <= source.i and t.dep_ != "det"]
    if source.pos_ != "PROPN" and not any(t.pos_ == "PROPN" for t in toks):
        return None  # "a letter from a reader": nobody named
    name = r.text[toks[0].idx:source.idx + len(source)]
    return r.org_entity(name)


def conjoined_people(r: "ResolverState", sp: Span, head: Token) -> tuple[Entity, str] | None:
    """"Tom Smith and Jane Smith said": every person conjoined to the head, as one group."""
    if head.pos_ != "PROPN":
        return None
    conj = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    if not conj:
        return _names_joined_in_text(r, sp)
    members: list[Entity] = []
    for t in [head, *conj]:
        toks = _name_tokens(t)
        # "Mr. King and Mr. Schultz": the titles go to the lookup as titles, so that
        # each surname finds the person the article named in full
        titles = [x.text for x in toks[:-1] if x.lower_ in TITLES]
        words = [x.text for x in toks if x.text not in titles] or [t.text]
        if t is not head and len(words) == 1 and len(members) == 1 and len(members[0].name.split()) >= 2 \
                and first_name_gender(words[0]) is not None and t.i < head.i:
            words = [words[0], members[0].name.split()[-1]]  # "Tom and Jane Smith"
        pe = r.person_for_name(" ".join(words), titles or None)
        if pe is None or pe.kind != "person":
            return None
        if pe not in members:
            members.append(pe)
    if len(members) < 2:
        return None
    return r.group_of(members), "group"


def _names_joined_in_text(r: "ResolverState", sp: Span) -> tuple[Entity, str] | None:
    """"Ford and Health Minister Sylvia Jones said" when the parser tore the pair apart
    ("Ford" a modifier of "Jones"): the span read as names joined by "and" or commas,
    each ending in a name the article knows or the NER calls a person."""
    parts: list[list[Token]] = [[]]
    for t in sp:
        if t.lower_ in ("and", ",", "&"):
            parts.append([])
        else:
            parts[-1].append(t)
    if len(parts) < 2 or any(not p for p in parts):
        return None
    members: list[Entity] = []
    for p in parts:
        name: list[Token] = []
        for t in reversed(p):  # the name is the run of proper nouns at the end of the part
            if t.pos_ != "PROPN" or t.lower_ in TITLES:
                break
            name.insert(0, t)
        if not name:
            return None
        text = " ".join(t.text for t in name)
        pe = r.person_for_name(text, create=False)
        if pe is None and any(t.ent_type_ == "PERSON" for t in name):
            pe = r.person_for_name(text)
        if pe is None or pe.kind != "person":
            return None
        if pe not in members:
            members.append(pe)
    return (r.group_of(members), "group") if len(members) >= 2 else None


def pair_description(r: "ResolverState", s: int, head: Token, definite: bool) -> tuple[Entity, str] | None:
    """"the couple", "the pair", "both": the people last named together."""
    lemma = head.lemma_.lower()
    if lemma not in PAIR_NOUNS or not (definite or lemma == "both"):
        return None
    before = [(p, m) for p, m in r.pairs if p < s]
    if not before:
        return None
    return r.group_of(before[-1][1]), "group"


def nearest_org(r: "ResolverState", pos: int, window: int = 400) -> Entity | None:
    """"it", "its": the organisation named last within ``window`` characters before
    ``pos`` (a place does not speak as "it"; farther back "it" is rarely a body)."""
    best = None
    for s, e, ent, label in r.org_mentions:
        if s < pos and pos - e <= window and label == "ORG":
            best = ent
    return best
