"""Resolution of one speaker mention (a span and its head) to an entity.

``resolve_mention`` tries, in order:

a. an organisation by its usual metonym ("No 10");
   several people conjoined ("Tom Smith and Jane Smith") as one group;
b. a person's name that contains the head ("Reform UK leader Nigel Farage");
c. a name the article already knows, whatever the NER said ("Badenoch");
d. a pronoun, by an editor's bracket or by gender and salience ("it": the
   organisation just named);
e. an organisation named by an entity that holds the head ("the Foreign Office");
f. a person named only here ("Mayor Ken Obi", "Arsenal boss Mikel Arteta");

(before b: a name that ", which" showed to be an organisation; in d, the syntactic
rules of ``syntax``: never the subject that binds an object pronoun, the named subject
of a clause that governs a he/she, the subject a fronted possessive or subordinate
subject belongs to, the plural subject "they" continues; then the trained ranker,
then salience), then
descriptions (those of people in ``descriptions``): one said of a name in
apposition or by a copula ("X, a professor at Y"), an organisation the article
named ("the agency"), people named together ("the couple"), spokespeople, documents that speak for their issuer, groups, documents
that name their author, someone described through another person or by a relation
to them ("his daughter"), and a definite description of a person (by role, else by
salience; never an indefinite one; "the woman" right after "a patient" is that
patient); what is left is an unnamed speaker.  Whose an unnamed speaker is ("his
spokesman") and "Another said" are in ``unnamed``.

Each step returns ``(entity, kind)`` when it decides the mention, None when it
does not apply.  Steps work on the resolver's state (``state.ResolverState``) (its entities, its
mentions for salience) and may add to it, as the stage's resolution does.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..lexicon import (
    DOCUMENT_NOUNS,
    FEMALE_HONORIFICS,
    FEMALE_NOUNS,
    MALE_HONORIFICS,
    MALE_NOUNS,
    ORG_ALIASES,
    PERSON_NOUNS,
    ROLE_HEAD_NOUNS,
    SPEAKING_GROUP_NOUNS,
    SPEAKING_PERSON_NOUNS,
    SPEECH_VERBS,
    SPOKESPERSON_NOUNS,
    TITLES,
)
from ..nlp import ents_within, sent_of, text_of
from .entities import Entity
from ..quotes.apposition import name_of_nearer_noun
from .index import containing
from .personhood import person_evidence
from . import ranker as _ranker
from .names import clean_role, name_around_nickname, norm, strip_titles
from .syntax import binding_subject, fronted_possessive_subject, governing_subject, person_fitting, plural_subject
from .descriptions import Resolution, described_person, described_through_person, named_alongside
from .unnamed import another, possessor_named_before
from .orgs import body_described, clause_org, neuter_org
from .referents import conjoined_people, issuer_of_document, org_description, pair_description

if TYPE_CHECKING:
    from .state import ResolverState


PRON_MALE = {"he", "him", "his", "himself"}
PRON_FEMALE = {"she", "her", "hers", "herself"}
PRON_PLURAL = {"they", "them", "their", "themselves"}
PRON_FIRST = {"i", "me", "my", "we", "us", "our"}
PRON_SECOND = {"you", "your", "yours", "yourself"}
PRON_NEUTER = {"it", "its", "itself"}
def org_metonym(r: "ResolverState", mtext: str) -> Resolution | None:
    """a. Organisations by their usual metonyms ("No 10")."""
    low = mtext.lower()
    if low in ORG_ALIASES or re.sub(r"^the ", "", low) in ORG_ALIASES:
        return r.org_entity(mtext), "organisation"
    return None


def person_named_in(r: "ResolverState", sp: Span, head: Token, ents_in: list[Span]) -> Resolution | None:
    """b. A person's name that contains the head ("Reform UK leader Nigel Farage")."""
    for ent in ents_in:
        if ent.label_ == "PERSON" and ent.start <= head.i < ent.end:
            pre = [t.text for t in sp if t.i < ent.start and t.lower_.rstrip(".") in TITLES]
            pe = r.person_for_name(ent.text, pre)
            if pe is not None:
                return pe, "person"
    return None


def known_name(r: "ResolverState", sp: Span, head: Token) -> Resolution | None:
    """c. A name the article already knows, whatever the NER said ("Badenoch", "Davey");
    an honorific makes it a person even if unseen ("Mr Cleverly")."""
    if head.pos_ != "PROPN":
        return None
    words = [t.text for t in sp if not t.is_punct and t.i <= head.i]
    titles, core = strip_titles(words)
    if core and all(w[:1].isupper() for w in core):
        pe = r.person_for_name(" ".join(words), create=False)
        if pe is not None:
            return pe, "person"
    # "Halifax Water spokesperson Kelsey Arsenault", "the Foundation's Leah Moreno": the
    # name that ends the phrase, after its affiliation, when the article knows it
    chain = [t for t in sp if t.i <= head.i]
    k = len(chain)
    while k > 0 and chain[k - 1].pos_ == "PROPN":
        k -= 1
    name = [t.text for t in chain[k:]]
    if 2 <= len(name) < len(words) and k > 0 and (chain[k - 1].tag_ == "POS" or chain[k - 1].pos_ == "NOUN"):
        pe = r.person_for_name(" ".join(name), create=False)
        if pe is not None and pe.kind == "person":
            return pe, "person"
        if any(t.lower().strip(".") in MALE_HONORIFICS | FEMALE_HONORIFICS | {"dr", "prof"} for t in titles):
            pe = r.person_for_name(" ".join(words))
            if pe is not None:
                return pe, "person"
    return None


def pronoun(r: "ResolverState", s: int, e: int, head: Token, last_speaker: Entity | None,
            exclude: Entity | None) -> Resolution | None:
    """d. Pronouns: an editor's bracket names the referent ("him [Trump]"); else the
    most salient person of matching gender, or the group for "they"."""
    hl = head.lower_
    if not (head.pos_ == "PRON" or hl in PRON_MALE | PRON_FEMALE | PRON_PLURAL | PRON_FIRST):
        return None
    if hl == "those" and e - s > len(hl):
        # "those surveyed", "those who back her opponents": people as described
        return r.described_entity("group", norm(r.text[s:e]), hl, False), "group"
    m = re.match(r"\s*\[([A-Z][\w.'’\- ]{1,60})\]", r.text[e:e + 64])
    if m:
        pe = r.person_for_name(m.group(1), create=False)
        if pe is not None:
            return pe, "person"
    if hl in PRON_MALE | PRON_FEMALE:
        g = "male" if hl in PRON_MALE else "female"
        # the named subject of a clause that governs the pronoun's ("Memon said she
        # believed ..."); else the trained pair ranker when it is confident; else the
        # salience rule
        # an object pronoun is never the subject that binds its clause ("Percy bids
        # farewell to Colin, telling him ...": "him" is not Percy)
        exclude = exclude or binding_subject(r, head)
        ent = (governing_subject(r, head, g, exclude) or fronted_possessive_subject(r, head, g, exclude)
               or previous_subject(r, head, g, exclude)
               or _ranker.best_person(r, head, g, last_speaker, exclude)
               or r.salient(s, g, last_speaker=last_speaker, exclude=exclude))
        if ent is not None and ent.gender is None:
            ent.gender = g  # what "she" found, a later "he" will not
        return ent, ent.kind if ent is not None else "person"  # (an unnamed spokesman who goes on speaking)
    if hl in PRON_PLURAL:
        subj = plural_subject(head)
        if subj is not None:
            from ..quotes import mention_span  # the stage-3 helper; imported late, as in lookup

            got = resolve_mention(r, subj.i, mention_span(subj), None)
            if got[0] is not None:
                return got
        org = clause_org(r, head)  # "Acme Corp cut jobs after they lost the contract"
        if org is not None:
            return org, "organisation"
        return r.salient(s, "plural", last_speaker=last_speaker), "group"
    if hl in PRON_NEUTER:
        org = neuter_org(r, s, head)
        if org is not None:
            return org, "organisation"
    return None, "unnamed"


def previous_subject(r: "ResolverState", pron: Token, want: str, exclude: Entity | None) -> Entity | None:
    """"Max Eberl refused to discuss it. Asked about X, he said ...": a he/she that is
    the first person its sentence refers to continues the named subject of the sentence
    before, when that sentence names no other subject the pronoun could be (a person
    named as an object or a possessor is not one: "Susan's mother, Ruth Batson, was
    ... . She trained"); outside quotes: inside one, "he" is often someone the speaker
    talks about."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or r._in_quote(pron.idx):
        return None
    doc = pron.doc
    sent = sent_of(pron)
    if sent.start == 0 or any(t.pos_ == "PRON" and t.lower_ in (PRON_MALE if want == "male" else PRON_FEMALE)
                              for t in doc[sent.start:pron.i]):
        return None
    speaking = pron.head.lemma_.lower() in SPEECH_VERBS
    for e in ents_within(doc, sent.start, pron.i):
        if speaking and r._in_quote(e.start_char):
            continue  # ('"Senator Canavan has been wrong ...," he said': whom the quote names is not its speaker)
        other = (containing(r.mentions, e.root.idx) or (None, None, None))[2] if e.label_ == "PERSON" else None
        if other is not None and other.kind == "person" and other.gender in (want, None):
            return None  # someone it could be named earlier in its own sentence
    prev = sent_of(doc[sent.start - 1])
    subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    # "Bayern's sporting director, Max Eberl, refused ...": the name in apposition
    subj = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), subj)
    ent = (containing(r.mentions, subj.idx) or (None, None, None))[2]
    if (ent is None or ent.kind == "unnamed") and subj.lemma_.lower() in SPOKESPERSON_NOUNS and not (
            want == "male" and subj.lower_ in FEMALE_NOUNS or want == "female" and subj.lower_ in MALE_NOUNS):
        # "The prime minister's official spokesman said ... Asked whether ..., he said":
        # the spokesman again, unnamed, not the person he speaks for
        from ..quotes import mention_span  # the stage-3 helper; imported late, as in lookup

        got = resolve_mention(r, subj.i, mention_span(subj), None)
        ent = got[0] if got[0] is not None and got[0].kind == "unnamed" else None
        if ent is None:
            return None
    elif person_fitting(r, subj, want, exclude) is None:
        return None
    # a speaker who goes on speaking ("X said Y had ... . Asked ..., he said"): the people
    # X spoke about are not candidates; otherwise anyone else it could be leaves it open
    reported: set[int] = set()
    if pron.head.lemma_.lower() in SPEECH_VERBS and prev.root.lemma_.lower() in SPEECH_VERBS:
        reported = {t.i for c in prev.root.children if c.dep_ == "ccomp" for t in c.subtree}
    for e in ents_within(doc, prev.start, prev.end):
        other = (containing(r.mentions, e.root.idx) or (None, None, None))[2] if e.label_ == "PERSON" else None
        if other is not None and other is not ent and other.kind == "person" and other.gender in (want, None) \
                and e.root.i not in reported and e.root.dep_ in ("nsubj", "nsubjpass", "conj", "appos"):
            return None  # two subjects the pronoun could continue: left to the ranker
    return ent


def org_holding_head(r: "ResolverState", head: Token, mtext: str, ents_in: list[Span]) -> Resolution | None:
    """e. An organisation named by an entity that holds the head ("the Foreign Office")."""
    lemma = head.lemma_.lower()
    for ent in ents_in:
        if ent.label_ in ("ORG", "NORP", "GPE", "FAC") and ent.start <= head.i < ent.end:
            if lemma not in SPOKESPERSON_NOUNS | PERSON_NOUNS and head.lower_ not in SPEAKING_GROUP_NOUNS:
                return r.org_entity(mtext), "organisation"
    return None


def nicknamed_person(r: "ResolverState", head: Token) -> Resolution | None:
    """a. 'reality TV star Jordan "JP" Pickles': the given name and surname around a
    quoted nickname, first of all (the surname alone would find a namesake)."""
    name = name_around_nickname(head) if head.pos_ == "PROPN" else None
    pe = r.person_for_name(name) if name is not None else None
    return (pe, "person") if pe is not None else None


def person_named_here(r: "ResolverState", sp: Span, head: Token) -> Resolution | None:
    """f. A person named only here: the NER's PERSON, or two or more capitalised proper
    nouns after any titles ("Mayor Ken Obi"); or, where the NER saw no name, the
    capitalised words after the last role word ("Arsenal boss Mikel Arteta")."""
    if not (head.pos_ == "PROPN" and head.ent_type_ in ("PERSON", "")):
        return None
    words = [t.text for t in sp if not t.is_punct and t.i <= head.i]
    _, core = strip_titles(words)
    role_like = any(_person_word(w) for w in core) or any(t.ent_type_ in ("NORP", "ORG", "GPE") for t in sp)
    if head.ent_type_ == "PERSON" or (len(core) >= 2 and all(w[:1].isupper() for w in core) and not role_like):
        pe = r.person_for_name(" ".join(words))
        if pe is not None:
            return pe, "person"
    # the words before the last role word are the role
    toks = [t for t in sp if not t.is_punct and t.i <= head.i]
    cut = max((k for k, t in enumerate(toks) if _person_word(t.text) or t.is_lower), default=-1)
    name = toks[cut + 1:]
    if cut >= 0 and len(name) >= 2 and all(t.text[:1].isupper() and t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in name):
        pe = r.person_for_name(" ".join(t.text for t in name))
        if pe is not None:
            role = text_of(r.doc)[toks[0].idx:toks[cut].idx + len(toks[cut])]
            role = clean_role(re.sub(r"^(the|a|an)\s+", "", role, flags=re.I), pe.name) or ""
            if role and role.lower() not in {x.lower() for x in pe.roles}:
                pe.roles.append(role)
                pe.titles.add(role.lower())
            return pe, "person"
    return None


def _person_word(word: str) -> bool:
    """A noun of people or a title ("Neighbour Gordon Pye", "Mayor Ken Obi")."""
    w = word.lower()
    return w in PERSON_NOUNS or w in TITLES or w in SPEAKING_PERSON_NOUNS or w in ROLE_HEAD_NOUNS


def spokesperson(r: "ResolverState", head: Token, desc: str, definite: bool) -> Resolution | None:
    """Spokespeople: unnamed speakers who keep their description; "a spokesperson for
    the Home Office" is the "Home Office spokesperson"."""
    lemma = head.lemma_.lower()
    if not (lemma in SPOKESPERSON_NOUNS or head.lower_ in SPOKESPERSON_NOUNS):
        return None
    m = re.match(r"(?i)(\w+)\s+(?:for|of|at)\s+(?:the\s+)?(.+)$", desc)
    # "a spokesman for the airport operator Fraport": the parser hangs the name on the
    # spokesman; it names the operator, and the spokesman is Fraport's
    named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and name_of_nearer_noun(c, head)), None)
    if m and named is not None:
        desc = f"{r.text[named.left_edge.idx:named.idx + len(named)]} {m.group(1)}"
    elif m and m.group(2)[:1].isupper():
        desc = f"{m.group(2)} {m.group(1)}"
    owner = possessor_named_before(r, head)
    if owner is not None:
        # "Asked whether Sir Keir Starmer backed it, his official spokesman said": whose
        # spokesman is the description's point; "his" alone says nothing to a reader
        desc = re.sub(r"(?i)^(his|her|their)\s+", owner.name + "'s ", desc)
    return r.described_entity("unnamed", desc, lemma, definite), "unnamed"


def group(r: "ResolverState", head: Token, desc: str, definite: bool) -> Resolution | None:
    """Groups that speak ("critics", "allies of Mr Trump")."""
    hl = head.lower_
    if head.tag_ in ("NNS", "NNPS") or hl in SPEAKING_GROUP_NOUNS:
        if hl in SPEAKING_GROUP_NOUNS or head.tag_ == "NNS":
            return r.described_entity("group", desc, head.lemma_.lower(), definite), "group"
    return None


def document_author(r: "ResolverState", head: Token, ents_in: list[Span]) -> Resolution | None:
    """"a White House readout", "the ministry's statement": a document speaks for its author."""
    if head.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    owner = [ent for ent in ents_in if ent.label_ in ("ORG", "FAC", "GPE", "NORP") and ent.end <= head.i]
    if owner:
        return r.org_entity(owner[-1].text), "organisation"
    return None


def resolve_mention(r: "ResolverState", head_i: int | None, span: tuple[int, int], last_speaker: Entity | None,
                    exclude: Entity | None = None) -> Resolution:
    """The entity and kind of speaker the mention ``span`` (head token ``head_i``) names,
    by the steps above, in order; an unnamed speaker when none decides."""
    doc = r.doc
    s, e = span
    mtext = norm(r.text[s:e])
    # a metonym the text showed to be a person here ("Washington, star of ...") is that person
    held = containing(r.mentions, s)
    got = org_metonym(r, mtext)
    if got is not None and held is not None and held[2].kind == "person" and held[:2] == (s, e):
        run = r.doc.char_span(s, e, alignment_mode="expand")
        if run is not None and person_evidence(run) is not None:
            got = held[2], "person"
    if got is not None:
        return got
    sp = doc.char_span(s, e, alignment_mode="expand")
    head = doc[head_i] if head_i is not None else (sp.root if sp is not None else None)
    if sp is None or head is None:
        return None, "unnamed"
    ents_in = ents_within(doc, sp.start, sp.end)
    # a name that ", which" showed to be an organisation ("Valley Metro, which ...")
    thing = r.things.get(head.idx)
    if thing is not None:
        return thing, "organisation"
    if head.pos_ == "PROPN" and head.ent_type_ != "PERSON" and head.i + 2 < len(doc) \
            and doc[head.i + 1].text == "," and doc[head.i + 2].lower_ == "which":
        org = r.org_entity(mtext)
        r.org_mentions.append((s, e, org, "ORG"))  # "the agency" finds it later
        return org, "organisation"
    got = (nicknamed_person(r, head) or conjoined_people(r, sp, head) or person_named_in(r, sp, head, ents_in)
           or known_name(r, sp, head) or another(r, s, head) or pronoun(r, s, e, head, last_speaker, exclude)
           or org_holding_head(r, head, mtext, ents_in) or person_named_here(r, sp, head))
    if got is not None:
        return got
    det = sp[0].lower_
    definite = det in ("the", "this", "that") or any(t.dep_ == "poss" for t in sp) or (
        # headline style: "..., says transport minister" is the transport minister
        head.tag_ == "NN" and not any(c.dep_ == "det" for c in head.children)
        and (head.lower_ in TITLES or head.lower_ in PERSON_NOUNS))
    desc = re.sub(r"^(the|a|an|this|that)\s+", "", mtext, flags=re.I)
    got = (named_alongside(r, head) or body_described(r, head) or org_description(r, s, head, definite)
           or pair_description(r, s, head, definite)
           or spokesperson(r, head, desc, definite) or issuer_of_document(r, s, head)
           or group(r, head, desc, definite) or document_author(r, head, ents_in)
           or described_through_person(r, sp, head, desc) or described_person(r, s, head, desc, definite, last_speaker))
    if got is not None:
        return got
    return r.described_entity("unnamed", desc, head.lemma_.lower(), definite), "unnamed"
