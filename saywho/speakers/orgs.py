"""Organisations referred to again.

- "it"/"its" (and "they"/"their" when nothing plural is in sight) for the organisation
  that is the subject of their clause or of a clause above ("The company said it
  would ..."), else the one named last nearby (``clause_org``, ``neuter_org``);
- a description said of an organisation in the same breath: in apposition to its name
  ("Acme Corp, the company,"), "her party" for the body the person is named with, a
  name headed by a noun of organisations the NER missed (``body_described``);
- for the lookup's on-demand answers: a name span that is an organisation the article
  named (its whole name with or without "the" or "'s", or the same name where the NER
  missed it: ``named_org``), one named here (``org_name_here``), and the body a
  quote's speaker speaks for, for "we" (``speaker_body``).

``mentions`` calls ``neuter_org``, ``clause_org`` and ``body_described``; ``lookup``
calls the rest.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..lexicon import ORG_ALIASES
from ..nlp import ent_at
from .names import norm
from .referents import ORG_NOUNS, PLACE_NOUNS, kind_conflict, nearest_org, org_description, org_for_head, same_org

if TYPE_CHECKING:
    from .entities import Entity
    from .state import ResolverState

#: Clause links a pronoun's clause climbs to find the subject that governs it ("The
#: agency said it would ...", "Acme cut jobs after it lost ...", "Acme, which said it ...").
_CLIMB = frozenset("ccomp xcomp advcl conj relcl acl".split())
#: Words of a name that are not capitalised but belong to it ("Bank of England").
NAME_FUNCTION_WORDS = frozenset("of the and for on in at to de la le du del der von".split())
#: The first person plural: a body's voice when its speaker speaks for one.
PRON_WE = frozenset("we us our ours ourselves".split())
#: Subjects that say nothing of who "it" is ("it was said that it ...", "there is").
_EMPTY_SUBJECTS = frozenset("it this that there what which who".split())


def org_held(r: "ResolverState", i: int) -> "Entity | None":
    """The organisation or place the article named at character ``i`` (a name the NER
    labelled ORG or GPE, or one ", which" showed to be a thing)."""
    for s, e, ent, _ in r.org_mentions:
        if s <= i < e:
            return ent
    return r.things.get(i)


def _subject_org(r: "ResolverState", subj: Token) -> "Entity | None":
    """The organisation a clause's subject names: a name, or "the company" resolved."""
    got = org_held(r, subj.idx)
    if got is not None:
        return got
    definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in subj.children)
    res = org_description(r, subj.idx, subj, definite) if subj.pos_ == "NOUN" else None
    return res[0] if res is not None else None


def clause_org(r: "ResolverState", pron: Token) -> "Entity | None":
    """"Acme said it would ...", "The company cut its forecast": the organisation that is
    the subject of the pronoun's clause or of a clause above it.  The nearest subject
    decides: a person or a thing there ("Smith said it would ...") leaves it open."""
    verb = pron.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "its profits rose": from the possessed noun to its verb
    for _ in range(4):
        # (never the subject that holds the pronoun: "its profits" in "its profits rose")
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                     and not c.left_edge.i <= pron.i <= c.right_edge.i), None)
        if subj is not None and subj.lower_ not in _EMPTY_SUBJECTS:
            if subj.pos_ == "PRON" or subj.i > pron.i and pron.dep_ != "poss":
                return None  # another pronoun, or a subject after an "it" that stands first
            if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in subj.children):
                return None  # "WASHINGTON -- President Obama ... said it": a dateline before the person
            return _subject_org(r, subj)
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
            return None
        verb = verb.head
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("dobj", "pobj", "prep") and verb.head.i != verb.i:
            verb = verb.head  # "gave him the option to come to their ...": from the noun to its verb
    return None


def neuter_org(r: "ResolverState", s: int, pron: Token) -> "Entity | None":
    """"it", "its": the organisation its clause is about, else the one named last nearby."""
    return clause_org(r, pron) or nearest_org(r, s)


def _name_words(sp: Span) -> list[str]:
    """The words of a name span without a leading article or a possessive ("the
    Home Office's" -> Home Office); [] unless every other word is capitalised."""
    toks = [t for t in sp if not t.is_punct and t.tag_ != "POS" and t.lower_ != "'s"]
    while toks and toks[0].lower_ in ("the", "a", "an"):
        toks = toks[1:]
    words = [t.text for t in toks]
    if not words or not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in NAME_FUNCTION_WORDS for w in words):
        return []
    return words if (words[0][:1].isupper() or words[0][:1].isdigit()) and words[-1][:1].isupper() else []


def known_org(r: "ResolverState", name: str) -> "Entity | None":
    """The organisation of that name the article already knows (an acronym finds its
    expansion), without creating one."""
    canon = ORG_ALIASES.get(norm(name).lower(), norm(name))
    low = canon.lower()
    orgs = [e for e in r.entities if e.kind == "organisation"]
    return next((e for e in orgs if (e.description or "").lower() == low), None) or next(
        (e for e in orgs if same_org(e.description or "", canon)), None)


def named_org(r: "ResolverState", sp: Span) -> "Entity | None":
    """A name span that is an organisation the article named: an organisation or place
    name holding its head ("the Home Office" for "Home Office", "Tunisia 's"), or a
    name the article gave an organisation elsewhere ("Sweden" the NER missed here)."""
    root = sp.root
    if root.pos_ == "PROPN" or root.ent_type_ in ("ORG", "GPE", "NORP", "FAC"):
        # the span must hold the whole name: "Einstein" in "the Einstein Institute",
        # "Magicians" in "the International Brotherhood of Magicians" are not it
        for s, e, ent, _ in r.org_mentions:
            if s <= root.idx < e and _covers(r, sp, s, e):
                return ent
        got = r.things.get(root.idx)
        if got is not None:
            return got
    # (not a name the NER calls a person here: "Savage" the columnist is no organisation
    # because the NER took his name for one elsewhere)
    words = _name_words(sp) if root.ent_type_ != "PERSON" else []
    return known_org(r, " ".join(words)) if words else None


def _covers(r: "ResolverState", sp: Span, s: int, e: int) -> bool:
    """Whether ``sp`` holds the name at [s, e), a leading "the" and a trailing "'s" aside."""
    m = re.match(r"(?i)(the\s+)?(.*?)(\s*[’']s)?$", r.text[s:e], re.S)
    lo = s + (len(m.group(1)) if m and m.group(1) else 0)
    hi = lo + (len(m.group(2)) if m else e - s)
    return sp.start_char <= lo and hi <= sp.end_char


def _covers_tokens(sp: Span, ent: Span) -> bool:
    """Whether ``sp`` holds the entity ``ent``'s words (a leading article aside)."""
    first = ent.start + 1 if ent[0].lower_ in ("the", "a", "an") else ent.start
    return sp.start <= first and ent.end <= sp.end


def org_name_here(sp: Span) -> str | None:
    """The name of an organisation a span names that the article did not collect: a
    proper name whose head the NER labelled an organisation, or is a noun of
    organisations ("Washington State University", "the Saudi Interior Ministry")."""
    words = _name_words(sp)
    if not words:
        return None
    root = sp.root
    # the whole of the NER's name, not a word of it ("Einstein" in "Einstein Institute")
    # (the cached entities, bisected: Doc.ents builds every span anew at each call)
    held = ent_at(sp.doc, root.i)
    whole = held if held is not None and held.label_ in ("ORG", "FAC") else None  # type: ignore[attr-defined]
    if whole is not None and _covers_tokens(sp, whole) or root.lower_ in ORG_NOUNS and words[-1] == root.text:
        return re.sub(r"\s+", " ", " ".join(words))
    return None


def speaker_body(r: "ResolverState", speaker: "Entity") -> "Entity | None":
    """The organisation a quote's speaker speaks for: the speaker itself when a body,
    else the one that owns the role a person's mention is said with ("Tunisia's coach
    Nabil Maaloul", "Hernan Gomez, Panama coach"); None when the article names none."""
    if speaker.kind == "organisation":
        return speaker
    if speaker.kind != "person":
        return None
    for ms, me in sorted(set(speaker.mentions)):
        got = _affiliation(r, ms, me)
        if got is not None:
            return got
    return None


def _affiliation(r: "ResolverState", ms: int, me: int) -> "Entity | None":
    """The organisation that owns the role a person's mention is said with: "Tunisia's
    coach Nabil Maaloul", "Nabil Maaloul, Tunisia's coach", "Acme Corp chief Ann Lee"."""
    sp = r.doc.char_span(ms, me, alignment_mode="expand")
    if sp is None or not len(sp):
        return None
    name = sp.root
    # the role nouns said of the name: the one it is in apposition to, its own
    # appositions and the nouns compounded before it
    roles = [c for c in name.children if c.dep_ in ("compound", "appos") and (
        c.pos_ == "NOUN" or c.pos_ == "PROPN" and c.ent_type_ not in ("PERSON", "ORG", "GPE"))]
    if name.dep_ == "appos" and name.head.pos_ == "NOUN":
        roles.append(name.head)
    # (a compound before a capitalised title is part of it: "Shadow Home Secretary")
    owners = [c for role in roles for c in role.children if c.i != name.i and (
        c.dep_ == "poss" or c.dep_ == "compound" and role.text.islower())]
    # "Labour's Shadow Home Secretary Yvette Cooper": a possessor of the name itself;
    # "Gary Fan of the Neo Democrats": the body the name is said to be of
    owners += [c for c in name.children if c.dep_ == "poss"]
    owners += [g for c in name.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for c in owners:
        if c.pos_ == "PROPN":
            got = org_held(r, c.idx)
            if got is not None:
                return got
    return None


def possessed_body(r: "ResolverState", head: Token) -> "tuple[Entity, str] | None":
    """"her party", "his team": the organisation of that kind the person the pronoun
    names is said to belong to ("Labour's Shadow Home Secretary Yvette Cooper said her
    party ..."); nothing when the article names none or one of another kind."""
    lemma = head.lemma_.lower()
    poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if poss is None or head.pos_ != "NOUN" or lemma not in ORG_NOUNS:
        return None
    person, _ = r.resolve_mention(poss.i, (poss.idx, poss.idx + len(poss)), None)
    body = speaker_body(r, person) if person is not None and person.kind == "person" else None
    if body is None or kind_conflict(lemma, {w.lower().strip(".,") for w in (body.description or "").split()}):
        return None
    return body, "organisation"


def body_described(r: "ResolverState", head: Token) -> "tuple[Entity, str] | None":
    """A description of an organisation said of one in the same breath: in apposition
    to its name ("wikiHow, the company, ...", "the agency, Ofcom,"), or by the person
    it belongs to ("her party")."""
    if head.pos_ == "NOUN" and head.lemma_.lower() in ORG_NOUNS:
        name = head.head if head.dep_ == "appos" and head.head.i < head.i else next(
            (c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
        toks = [t for t in name.subtree if t.i <= name.i and t.dep_ in ("compound", "flat") or t.i == name.i] \
            if name is not None else []
        # (never a person's name: "Trump, the billionaire real estate developer,")
        if name is not None and name.pos_ == "PROPN" and name.ent_type_ not in ("PERSON", "NORP") \
                and not any(c.dep_ == "conj" for c in name.children) \
                and r.person_for_name(" ".join(t.text for t in toks), create=False) is None:
            got = org_held(r, name.idx)
            if got is None:
                got = known_org(r, " ".join(t.text for t in toks)) or r.org_entity(" ".join(t.text for t in toks))
            if not kind_conflict(head.lemma_.lower(), {w.lower().strip(".,") for w in (got.description or "").split()}):
                return got, "organisation"
    if head.pos_ == "PROPN" and head.lower_ in ORG_NOUNS and head.lower_ not in PLACE_NOUNS and head.ent_type_ != "PERSON":
        # "the Saudi Interior Ministry" the NER missed: a name of an organisation, never
        # the most salient person
        sp = head.doc[head.left_edge.i:head.i + 1]
        words = _name_words(sp)
        # "the University" alone is the university named before, as "the university"
        # is, or nobody (a headline's capital: "Newspaper Says ...")
        if words == [head.text]:
            ent = org_for_head(r, head.idx, head.lower_)
            return (ent, "organisation") if ent is not None else None
        if words:
            ent = r.org_entity(" ".join(words))
            r.org_mentions.append((sp.start_char, sp.end_char, ent, "ORG"))  # "the ministry" finds it later
            return ent, "organisation"
    return possessed_body(r, head)
