"""Is this name a person's?  Evidence the text itself gives when the NER says no.

The NER often files a surname or an unusual first name as an organisation, a place or
a work ("Houllier" an ORG, "Mariya" a GPE).  A pronoun cannot find a person the
resolver never collected, so these names are taken back as people when the text
shows it, by general facts of English, never by a list of names:

- the name repeats a person already collected (``collect_relabelled_names``);
- it stands in apposition to a noun of people ("his sister Georgiana", "manager
  Olsen"), is followed by "who", possesses what only people have ("Ilves' wife",
  "Hoiby's youth"), is the subject of a verb said only of people ("Chenier was
  born", "Koehler retired"), or is the subject of a clause whose possessive or
  reflexive he/she can only be that subject ("Kinkladze losing his place")
  (``person_evidence``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy
from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from ..lexicon import FEMALE_NOUNS, MALE_NOUNS, PERSON_NOUNS, RELATION_NOUNS
from ..nlp import entities
from ..quotes.marks import SpanSet
from .entities import Entity
from .given import common_word
from .names import NAME_RE, first_name_gender
from .syntax import fronted_subject

if TYPE_CHECKING:
    from .state import ResolverState

#: Entity labels under which a person's name is often filed (not NORP: "Republican",
#: "Democrat" are a party's members, never one person's name).
RELABELLED = frozenset("ORG GPE LOC FAC PRODUCT WORK_OF_ART EVENT".split())
#: Verbs said only of people (their subject is a person): "was born", "retired", "married".
PERSON_VERBS = frozenset(
    """marry wed divorce die graduate retire resign star sing smile laugh cry weep hesitate kiss
    befriend confess pray dream whisper shout scream nod sigh frown blush giggle grin""".split()
)
#: Verbs whose passive subject is a person ("was born", "was educated", "was buried").
PERSON_PASSIVES = frozenset("bear educate bury baptise baptize knight widow".split())
#: Things only people have ("Ilves' wife", "Hoiby's youth"): kin and a life's course.
PERSON_POSSESSIONS = frozenset(
    """daughter son wife husband mother father brother sister child children parent parents grandson
    granddaughter grandmother grandfather niece nephew aunt uncle cousin widow widower fiancee fiance
    girlfriend boyfriend life death birth childhood youth funeral marriage wedding career retirement
    birthday memoir memoirs autobiography inheritance grave deathbed adolescence""".split()
)
#: Nouns of people a name may stand beside in apposition ("his sister Georgiana").
PERSON_HEADS = (PERSON_NOUNS | RELATION_NOUNS) - frozenset("chair head star".split())
#: In apposition after a name, "star" is a person ("Washington, star of ..."), though
#: before one it is often a thing's word ("Star Wars").
_APPOSED_HEADS = PERSON_HEADS | {"star"}
_GENDERED = {"his": "male", "himself": "male", "her": "female", "herself": "female"}
_SUBJECTS = {"he": "male", "she": "female"}
_WHO = frozenset("who whom whose".split())


def known_person_named(r: "ResolverState", words: list[str]) -> Entity | None:
    """The person already collected whose name ``words`` repeat exactly: a full name, its
    last word, or its first word when that is a first name no other person has.  Never a
    longer name built from a known one ("Trump Organization" is not Trump)."""
    low = [w.lower() for w in words]
    found: list[Entity] = []
    for e in r.entities:
        if e.kind != "person":
            continue
        for n in e.names:
            nl = n.lower().split()
            if low == nl or len(low) == 1 and len(nl) > 1 and low[0] == nl[-1]:
                found.append(e)
                break
    if not found and len(low) == 1 and first_name_gender(words[0]) is not None:
        found = [e for e in r.entities if e.kind == "person" and any(
            len(n.split()) > 1 and n.split()[0].lower() == low[0] for n in e.names)]
    return found[0] if len({id(e) for e in found}) == 1 else None


def _name_words(span: Span) -> list[Token]:
    """The capitalised words of a name span, without "the" or a possessive ending."""
    return [t for t in span if not t.is_punct and t.tag_ != "POS" and t.lower_ != "the"]


def collect_relabelled_names(r: "ResolverState") -> None:
    """A person's name the NER labelled as a place, an organisation or a work at another
    mention ("Houllier officially took the reins" after "sign Houllier"): the same
    person, when the name repeats a collected person's name exactly.  Runs after the
    people are collected and before the organisations, which then skip these spans."""
    known = SpanSet([(s, e) for s, e, *_ in r.mentions])
    for ent in entities(r.doc):
        if ent.label_ not in RELABELLED or r._in_skipped(ent.start_char) or known.has(ent.start_char):
            continue
        toks = _name_words(ent)
        if not toks or not all(t.text[:1].isupper() for t in toks):
            continue
        root = ent.root
        # a modifier of another noun ("the Jackson administration") names no one here
        if root.dep_ in ("compound", "amod", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN"):
            continue
        pe = known_person_named(r, [NAME_RE.sub("", t.text) for t in toks])
        # only someone known to be a person by a gender (a first name, an honorific, a
        # person's verb): a one-word "person" of unknown gender is often itself an NER
        # slip ("Wikinews"), which must not spread to the other mentions of the name,
        # unless this mention is a surname acting as only a person acts
        if pe is None or pe.gender is None and not _unsexed_name_in_person_role(toks, root):
            continue
        if pe.gender is None and root.dep_ in ("nsubj", "nsubjpass"):
            # what this mention says of the person's gender ("Memon also said she ...")
            pe.gender = _bound_possessive(root) or _fronted_pronoun(root) or _reported_pronoun(root)
        end = toks[-1].idx + len(NAME_RE.sub("", toks[-1].text))
        r.add_mention(toks[0].idx, end, pe, subject=root.dep_ in ("nsubj", "nsubjpass"))
        if ent.label_ == "ORG":
            # the organisation reading stays for "it" and "the campaign" (``collect_orgs``
            # keeps it): a person's name often stands for their company or campaign
            r.__dict__.setdefault("org_readings", set()).add(ent.start_char)
    r.mentions.sort(key=lambda m: m[0])


def collect_common_word_surnames(r: "ResolverState") -> None:
    """A known person's surname that is also an English word, which the tagger took
    for a common noun where nothing shows the capital is a name's ("Sanders went
    first ...", after "Bernie Sanders"): a mention of that person when it stands where a
    person stands (a subject, a possessor, an object), is not inside a skipped line, and
    no other word of a name joins it."""
    surnames: dict[str, Entity] = {}
    clash: set[str] = set()
    for e in r.entities:
        if e.kind != "person":
            continue
        for n in e.names:
            parts = n.split()
            if len(parts) > 1:
                last = parts[-1]
                if surnames.get(last, e) is not e:
                    clash.add(last)
                surnames[last] = e
    if not surnames:
        return
    known = SpanSet([(s, e) for s, e, *_ in r.mentions])
    doc = r.doc
    # only the tokens whose text is such a surname (found in the ORTH column: a Token
    # made for every word of a long article costs more than the rest of this step)
    wanted = numpy.array([get_string_id(w) for w in surnames if w not in clash], dtype="uint64")
    orth = doc.to_array([ORTH]).reshape(-1)
    for k in numpy.flatnonzero(numpy.isin(orth, wanted)):
        t = doc[int(k)]
        if t.pos_ not in ("NOUN", "ADJ", "ADV", "VERB") or known.has(t.idx):
            continue
        if t.dep_ not in ("nsubj", "nsubjpass", "poss", "dobj", "pobj") or r._in_skipped(t.idx):
            continue
        if any(c.dep_ == "det" for c in t.children) or t.i + 1 < len(doc) and doc[t.i + 1].is_title:
            continue  # "the Sanders", "Sanders Street"
        r.add_mention(t.idx, t.idx + len(t), surnames[t.text], subject=t.dep_ in ("nsubj", "nsubjpass"))
    r.mentions.sort(key=lambda m: m[0])


def _unsexed_name_in_person_role(toks: list[Token], root: Token) -> bool:
    """A person of unknown gender may still take back a relabelled mention of their
    name when the mention is a one-word surname-like proper noun (no English word, no
    acronym) acting as a person acts: the subject of a verb, a possessor, an object."""
    if len(toks) != 1 or toks[0].is_upper or common_word(toks[0].text) or root.pos_ != "PROPN":
        return False
    return root.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "dative") or root.dep_ == "pobj" and root.head.lower_ == "with"


def _reported_pronoun(subj: Token) -> str | None:
    """"Memon also said she believed ...": the gender of the he/she that opens the
    clause a subject's verb reports, when nobody else is named before it in the
    sentence (the one reading left)."""
    verb = subj.head
    for c in verb.children:
        if c.dep_ != "ccomp":
            continue
        p = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if p is None or p.lower_ not in _SUBJECTS:
            return None
        if any(t.ent_type_ == "PERSON" and t.i != subj.i for t in subj.doc[subj.sent.start:p.i]):
            return None
        return _SUBJECTS[p.lower_]
    return None


def _bound_possessive(subj: Token) -> str | None:
    """The gender of a possessive or reflexive he/she in the subject's own clause, after
    it and under no other subject ("Kinkladze losing his place"): binding makes it the
    subject's, so the subject is a person of that gender."""
    verb = subj.head
    for p in verb.subtree:
        g = _GENDERED.get(p.lower_)
        # (never one inside the subject's own phrase: "Holt, his lawyer" is someone else's)
        if g is None or p.i < subj.i or subj.is_ancestor(p) or not (p.dep_ == "poss" or p.lower_.endswith("self")):
            continue
        # the path from the pronoun up to the verb crosses no clause of its own subject
        t, free = p.head, True
        while t.i != verb.i and t.head.i != t.i:
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                free = False
                break
            t = t.head
        if free:
            return g
    return None


def _fronted_pronoun(subj: Token) -> str | None:
    """The gender of a he/she fronted before the subject in its own sentence that can
    only be that subject ("During her final years, McClintock led ...", "As he had no
    passport, Varma applied"): the reading ``syntax.fronted_subject`` gives.  Two such
    pronouns that disagree say nothing."""
    said = set()
    for p in subj.doc[subj.sent.start:subj.i]:
        g = _GENDERED.get(p.lower_) or _SUBJECTS.get(p.lower_)
        if g is not None:
            got = fronted_subject(p)
            if got is not None and got.i == subj.i:
                said.add(g)
    return next(iter(said)) if len(said) == 1 else None


def _next_sentence_pronoun(subj: Token) -> str | None:
    """"Geller played in 23 championships. He won in 1955 ...": the main subject of a
    sentence whose next sentence opens with a he/she as its own main subject, before
    naming anyone, is that he/she (the reading a reader takes first)."""
    sent = subj.sent
    if subj.head.i != sent.root.i or sent.end >= len(subj.doc):
        return None
    if subj.ent_type_ in ("GPE", "LOC", "FAC"):
        # a place as subject speaks for its government ("Washington is rolling out the red
        # carpet for Suu Kyi. She ..."): the next sentence's "she" is someone else
        return None
    nxt = subj.doc[sent.end].sent
    p = next((c for c in nxt.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if p is None or p.lower_ not in _SUBJECTS:
        return None
    # (a date's month, "On 26 September 2013, she ...", names no one)
    if any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ == "PROPN" and t.ent_type_ in ("", "PRODUCT", "FAC")
           for t in subj.doc[nxt.start:p.i]):
        return None
    return _SUBJECTS[p.lower_]


def person_evidence(run: Span) -> str | None:
    """"male", "female" or "person" when the words around the name ``run`` show it names
    a person; None when they say nothing."""
    doc = run.doc
    t = run.root
    # a people ("Muslims"), an acronym ("QC") or a phrase of common words ("Italian
    # Episcopal Conference") is no one's name
    if t.tag_ == "NNPS" or any(w.is_upper and len(w) > 1 for w in run):
        return None
    # "New York University": a longer name ending in an English word is a thing's,
    # unless a first name opens it ("Dan Savage")
    if len(run) > 1 and common_word(run[-1].text) and first_name_gender(run[0].text) is None:
        return None
    before = doc[run.start - 1] if run.start > 0 else None
    # "his sister Georgiana", "manager Morten Olsen": a noun of people beside the name
    for noun in ([t.head] if t.dep_ == "appos" else []) + ([before] if before is not None else []):
        lemma = noun.lemma_.lower()
        if noun.pos_ == "NOUN" and noun.is_lower and (lemma in PERSON_HEADS or noun.lower_ in PERSON_HEADS):
            return "male" if lemma in MALE_NOUNS else "female" if lemma in FEMALE_NOUNS else "person"
    # "Washington, star of television's "Scandal"": a noun of people in apposition after it
    for c in t.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > t.i and doc[c.left_edge.i - 1].text == "," \
                and (c.lemma_.lower() in _APPOSED_HEADS or c.lower_ in _APPOSED_HEADS):
            lemma = c.lemma_.lower()
            return "male" if lemma in MALE_NOUNS else "female" if lemma in FEMALE_NOUNS else "person"
    # "Larson, who produced ...": "who" is said of people (a relative clause on the name)
    if any(c.dep_ == "relcl" and doc[c.left_edge.i].text in _WHO for c in t.children):
        return "person"
    if t.dep_ == "poss" and t.head.lemma_.lower() in PERSON_POSSESSIONS:
        return "person"
    if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
        lemma = t.head.lemma_.lower()
        if t.dep_ == "nsubj" and lemma in PERSON_VERBS or t.dep_ == "nsubjpass" and lemma in PERSON_PASSIVES:
            return "person"
        return _bound_possessive(t) or _fronted_pronoun(t) or _next_sentence_pronoun(t)
    return None


def genders_from_binding(r: "ResolverState") -> None:
    """A person of unknown gender gets the gender of a possessive or reflexive he/she
    bound in a clause the person is the subject of ("Waddell married his wife"): the
    only reading binding allows.  Two readings that disagree leave the gender unknown."""
    said: dict[int, set[str]] = {}
    for s, e, ent, subj, _ in r.mentions:
        if ent.kind != "person" or ent.gender is not None or not subj:
            continue
        sp = r.doc.char_span(s, e, alignment_mode="expand")
        if sp is None or sp.root.dep_ not in ("nsubj", "nsubjpass") or sp.root.pos_ != "PROPN":
            continue
        g = _bound_possessive(sp.root) or _fronted_pronoun(sp.root)
        if g is not None:
            said.setdefault(id(ent), set()).add(g)
    for ent in r.entities:
        got = said.get(id(ent))
        if got is not None and len(got) == 1:
            ent.gender = next(iter(got))

