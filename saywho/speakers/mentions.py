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
descriptions: one said of a name in apposition or by a copula ("X, a professor at
Y"), an organisation the article named ("the agency"), people named together ("the
couple"), spokespeople, documents that speak for their issuer, groups, documents
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
    BARE_PERSON_NOUNS,
    DOCUMENT_NOUNS,
    FEMALE_HONORIFICS,
    FEMALE_NOUNS,
    MALE_HONORIFICS,
    MALE_NOUNS,
    ORG_ALIASES,
    PERSON_NOUNS,
    RELATION_NOUNS,
    ROLE_HEAD_NOUNS,
    SPEAKING_GROUP_NOUNS,
    SPEAKING_PERSON_NOUNS,
    SPEECH_VERBS,
    SPOKESPERSON_NOUNS,
    TITLES,
    TITLE_WORDS,
)
from ..nlp import ents_within, sent_of, text_of
from .entities import OFFICE_HEADS, Entity, offices_in
from .index import containing
from . import ranker as _ranker
from .names import clean_role, name_around_nickname, norm, strip_titles
from .syntax import binding_subject, fronted_possessive_subject, governing_subject, person_fitting, plural_subject
from .unnamed import another, introduced_just_before, possessor_named_before
from .referents import conjoined_people, issuer_of_document, nearest_org, org_description, pair_description

if TYPE_CHECKING:
    from .state import ResolverState

#: What a step decides: the entity (None: nobody) and the kind of speaker.
Resolution = tuple[Entity | None, str]

PRON_MALE = {"he", "him", "his", "himself"}
PRON_FEMALE = {"she", "her", "hers", "herself"}
PRON_PLURAL = {"they", "them", "their", "themselves"}
PRON_FIRST = {"i", "me", "my", "we", "us", "our"}
PRON_SECOND = {"you", "your", "yours", "yourself"}
PRON_NEUTER = {"it", "its", "itself"}
#: Nouns of people beyond the lexicon's that a definite description may refer back
#: with ("the veteran striker" for the footballer named before).
ROLE_NOUNS = frozenset(
    """striker defender midfielder goalkeeper winger forward batsman bowler jockey driver rider cyclist
    runner swimmer athlete player champion skipper rapper musician guitarist drummer comedian director
    producer chef designer artist novelist poet photographer pilot nurse surgeon teacher student pupil
    teenager victim suspect witness survivor defendant plaintiff claimant lawyer attorney barrister solicitor
    farmer owner landlord tenant worker employee trainer pensioner retiree grandmother grandfather gran
    grandson granddaughter youngster schoolboy schoolgirl toddler""".split()
)


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
        return r.salient(s, "plural", last_speaker=last_speaker), "group"
    if hl in PRON_NEUTER:
        org = nearest_org(r, s)
        if org is not None:
            return org, "organisation"
    return None, "unnamed"


def previous_subject(r: "ResolverState", pron: Token, want: str, exclude: Entity | None) -> Entity | None:
    """"Max Eberl refused to discuss it. Asked about X, he said ...": a he/she that is
    the first person its sentence refers to continues the named subject of the sentence
    before, when that sentence names no other person the pronoun could be (outside
    quotes: inside one, "he" is often someone the speaker talks about)."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or r._in_quote(pron.idx):
        return None
    doc = pron.doc
    sent = sent_of(pron)
    if sent.start == 0 or any(t.pos_ == "PRON" and t.lower_ in (PRON_MALE if want == "male" else PRON_FEMALE)
                              for t in doc[sent.start:pron.i]):
        return None
    for e in ents_within(doc, sent.start, pron.i):
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
                and e.root.i not in reported:
            return None  # two people the pronoun could be: left to the ranker
    return ent


def org_holding_head(r: "ResolverState", head: Token, mtext: str, ents_in: list[Span]) -> Resolution | None:
    """e. An organisation named by an entity that holds the head ("the Foreign Office")."""
    lemma = head.lemma_.lower()
    for ent in ents_in:
        if ent.label_ in ("ORG", "NORP", "GPE", "FAC") and ent.start <= head.i < ent.end:
            if lemma not in SPOKESPERSON_NOUNS | PERSON_NOUNS and head.lower_ not in SPEAKING_GROUP_NOUNS:
                return r.org_entity(mtext), "organisation"
    return None


def person_named_here(r: "ResolverState", sp: Span, head: Token) -> Resolution | None:
    """f. A person named only here: the NER's PERSON, or two or more capitalised proper
    nouns after any titles ("Mayor Ken Obi"); or, where the NER saw no name, the
    capitalised words after the last role word ("Arsenal boss Mikel Arteta")."""
    nicknamed = name_around_nickname(head) if head.pos_ == "PROPN" else None
    if nicknamed is not None:  # 'reality TV star Jordan "JP" Pickles'
        pe = r.person_for_name(nicknamed)
        return (pe, "person") if pe is not None else None
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
    if m and m.group(2)[:1].isupper():
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


def named_alongside(r: "ResolverState", head: Token) -> Resolution | None:
    """A description said of a name in the same breath: in apposition ("Noam Chomsky, a
    professor emeritus at MIT"; "the company's founder, Jack Herrick") or as the
    complement of a copula ("Peres was a Nobel Peace Prize recipient").  The
    description is that name's entity, whoever the name is."""
    anchor: Token | None = None
    if head.ent_type_ == "PERSON" or head.pos_ not in ("NOUN", "PROPN") or any(
            c.dep_ == "conj" and c.pos_ == "PROPN" for c in head.children):
        return None  # a name of its own, or one item of a list ("X, Y and Z")
    if head.dep_ == "appos" and head.head.pos_ == "PROPN":
        anchor = head.head
    elif head.dep_ == "attr" and head.head.lemma_ == "be":
        anchor = next((c for c in head.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    else:
        anchor = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i), None)
    if anchor is None:
        return None
    lo, hi = sorted((head.i, anchor.i))
    between = r.doc[lo + 1:hi].text
    # the parser also makes appositions across a colon, a quotation or an editor's
    # bracket ('the MP added: "When he [Trump] ..."'): those are not the same breath
    if hi - lo > 25 or re.search(r"[:\"“”\[\]()]", between):
        return None
    # "between Trump and Starmer, the Clacton MP added": after a coordination the
    # parser's apposition is often the next clause's subject
    if anchor.dep_ == "conj" or any(c.dep_ == "conj" for c in anchor.children):
        return None
    held = containing(r.mentions, anchor.idx)
    if held is not None and held[2].kind in ("person", "organisation"):
        return held[2], held[2].kind
    # a name the article knows but did not count as a mention here ("Nilsen is ...")
    words = [t.text for t in anchor.subtree if t.i <= anchor.i and t.dep_ in ("compound", "flat") or t.i == anchor.i]
    known = r.person_for_name(" ".join(words), create=False)
    return (known, "person") if known is not None else None


def described_through_person(r: "ResolverState", sp: Span, head: Token, desc: str) -> Resolution | None:
    """"Gary Johnson's doctor": someone described through another named person."""
    lemma = head.lemma_.lower()
    if any(t.dep_ == "poss" and t.pos_ == "PROPN" for t in sp) and (lemma in PERSON_NOUNS or head.lower_ in PERSON_NOUNS):
        return r.described_entity("unnamed", desc, lemma, definite=False), "unnamed"
    # "his daughter", "her lawyer": a relation to someone; the article may have given
    # it to a named person ("his daughter, Gloria"), else it stays a description
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None and lemma in RELATION_NOUNS:
        desc_l = desc.lower()
        rel = re.sub(r"^(his|her|their|its)\s+", "", desc_l)
        for ent in r.entities:
            if ent.kind == "person" and any(x.lower().endswith(rel) for x in ent.roles):
                return ent, "person"
        return r.described_entity("unnamed", desc, lemma, definite=True), "unnamed"
    return None


def described_person(r: "ResolverState", s: int, head: Token, desc: str, definite: bool,
                     last_speaker: Entity | None) -> Resolution | None:
    """A definite description of a person ("the Foreign Secretary", "the 78-year-old"):
    the person the article gave that role, else the most salient compatible person,
    never one who holds a different unique office."""
    if not (definite or head.pos_ == "PROPN"):
        return None
    if r.doc[head.left_edge.i].lower_ in ("a", "an", "one", "another", "some", "several"):
        return None  # "One senior Tory MP": someone not named, never a named person
    if not definite and head.pos_ == "PROPN" and head.ent_type_ in ("", "PERSON", "NORP") and head.text[:1].isupper() \
            and head.lower_ not in PERSON_NOUNS and head.lower_ not in TITLES and head.lower_ not in OFFICE_HEADS:
        # a bare name the article has not given anyone ("Adkins said"): someone of
        # that name, never the most salient person (two people merged is the worst
        # answer a reader cannot see)
        pe = r.person_for_name(r.text[head.left_edge.idx:head.idx + len(head)] if head.left_edge.i >= head.i - 3 else head.text)
        if pe is not None:
            return pe, "person"
    lemma = head.lemma_.lower()
    hl = head.lower_
    words = {w.lower() for w in re.split(r"[\s\-]+", desc)}
    role_words = words - {"the", "of", "former", "new"}
    desc_l = desc.lower()
    holders = []
    for ent in r.entities:
        if ent.kind != "person":
            continue
        for x in [*ent.roles, *ent.titles]:
            rl = TITLE_WORDS.get(x.lower().strip("."), x.lower())
            # "the senator" for "Sen. X"; "the 55-year-old senator" too (a modifier
            # before the role), but "the former senator" is not the senator
            if rl == desc_l or (rl.endswith(desc_l) and not rl.startswith(("former", "ex"))) \
                    or (desc_l.endswith(" " + rl) and not desc_l.startswith(("former", "ex"))):
                holders.append(ent)
                break
    if holders:
        # several people hold it ("the senator" after two senators): the one named last,
        # one named more than once first (a name-shaped headline slip is named once)
        def rank(ent: Entity) -> tuple[bool, int]:
            before = [m[0] for m in ent.mentions if m[0] < s]
            return len(before) >= 2, max(before, default=-1)
        return max(holders, key=rank), "person"
    intro = introduced_just_before(r, head) if lemma in BARE_PERSON_NOUNS else None
    if intro is not None:
        return intro, "unnamed"
    offices = offices_in(desc_l)
    # an office nobody in the article holds ("the Vice President", "the Health
    # Secretary") is someone not named here, not the most salient person
    unheld_office = lemma in OFFICE_HEADS and not offices
    if not unheld_office and (lemma in PERSON_NOUNS or hl in PERSON_NOUNS or lemma in ROLE_NOUNS or offices or head.pos_ == "PROPN" or "year-old" in desc_l):
        want = "male" if lemma in MALE_NOUNS or hl in MALE_NOUNS else "female" if lemma in FEMALE_NOUNS or hl in FEMALE_NOUNS else "any"
        found = r.salient(s, want, exclude_offices=offices or None, role_words=role_words, last_speaker=last_speaker)
        if found is not None:
            if offices:
                # the office helps find the person again; it is no role shown for them, being
                # a guess (roles come only from what is written about the name itself)
                found.titles |= offices
            return found, "person"
    return None


def resolve_mention(r: "ResolverState", head_i: int | None, span: tuple[int, int], last_speaker: Entity | None,
                    exclude: Entity | None = None) -> Resolution:
    """The entity and kind of speaker the mention ``span`` (head token ``head_i``) names,
    by the steps above, in order; an unnamed speaker when none decides."""
    doc = r.doc
    s, e = span
    mtext = norm(r.text[s:e])
    got = org_metonym(r, mtext)
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
    # (a name around a quoted nickname first: its surname alone would find a namesake)
    got = (person_named_here(r, sp, head) if name_around_nickname(head) else None) or (
        conjoined_people(r, sp, head) or person_named_in(r, sp, head, ents_in) or known_name(r, sp, head)
        or another(r, s, head) or pronoun(r, s, e, head, last_speaker, exclude)
        or org_holding_head(r, head, mtext, ents_in) or person_named_here(r, sp, head))
    if got is not None:
        return got
    det = sp[0].lower_
    definite = det in ("the", "this", "that") or any(t.dep_ == "poss" for t in sp) or (
        # headline style: "..., says transport minister" is the transport minister
        head.tag_ == "NN" and not any(c.dep_ == "det" for c in head.children)
        and (head.lower_ in TITLES or head.lower_ in PERSON_NOUNS))
    desc = re.sub(r"^(the|a|an|this|that)\s+", "", mtext, flags=re.I)
    got = (named_alongside(r, head) or org_description(r, s, head, definite) or pair_description(r, s, head, definite)
           or spokesperson(r, head, desc, definite) or issuer_of_document(r, s, head)
           or group(r, head, desc, definite) or document_author(r, head, ents_in)
           or described_through_person(r, sp, head, desc) or described_person(r, s, head, desc, definite, last_speaker))
    if got is not None:
        return got
    return r.described_entity("unnamed", desc, head.lemma_.lower(), definite), "unnamed"
