"""Second opinions on who a mention names, for engagements only (stage 4's answers stay
as they are for quotes): a gendered pronoun whose resolved person's gender is unknown
while a person of that gender was just named; a description whose place names no role
of the person it resolved to; the formal name behind a nickname ("Daniel J. "Danny"
Marsh"); "it" standing for the subject of the clause that reports it."""
from __future__ import annotations

import re
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..model import Person
from ..speakers.lookup import PersonLookup
from ..nlp import entities, sent_of, text_of

__all__ = ["clause_antecedent", "counterpart", "formal_name", "fullest_org", "gendered_referent", "place_mismatch"]

_FEMALE = frozenset("she her hers herself".split())
_MALE = frozenset("he him his himself".split())


def gendered_referent(tok: Token, person: Person | None, people: list[Person],
                      mentions: list[tuple[int, int, str]]) -> str | None:
    """The person a gendered pronoun stands for, when stage 4 gave one of unknown gender
    and a person of the pronoun's gender was named in this sentence or the two before
    ("Okafor, who dined with Vice President Lindqvist. She will visit ...":
    "She" is Okafor, not Lindqvist).  ``person``'s name otherwise."""
    name = person.name if person is not None else None
    want = "female" if tok.lower_ in _FEMALE else "male" if tok.lower_ in _MALE else None
    if want is None or person is None or person.gender is not None:
        return name
    sent = sent_of(tok)
    for _ in range(2):  # this sentence and the two before it
        sent = sent_of(tok.doc[sent.start - 1]) if sent.start > 0 else sent
    lo = sent.start_char
    gender = {p.name: p.gender for p in people}
    # the nearest one named before the pronoun, in the window
    for s, _e, n in sorted(mentions, reverse=True):
        if lo <= s < tok.idx and gender.get(n) == want:
            return n
    return name


def place_mismatch(span: Span, person: Person) -> bool:
    """Whether a description ("Peru leader", "the French minister") names a place or
    nationality that none of the person's roles and mentions has: then it is someone
    else ("Peru leader" is not "Senate leader Mark Hollis")."""
    if any(x.ent_type_ == "PERSON" for x in span):
        return False  # a name, not a description
    places = [x.text.lower() for x in span if x.ent_type_ in ("GPE", "NORP") and x.pos_ in ("PROPN", "ADJ")]
    if not places:
        return False
    text = text_of(span.doc)
    known = " ".join([*person.roles, *(text[s:e] for s, e in person.mentions)]).lower()
    return not all(p in known for p in places)


#: A formal name around a quoted nickname: "Daniel J. "Danny" Marsh", "William J. 'Bill' Reed".
_NICKNAMED = re.compile(
    r"\b(?P<first>[A-Z][a-z]+)(?P<mid>(?:\s+[A-Z]\.)*)\s+[\"“‘'](?P<nick>[A-Z][a-z]+)[\"”’']\s+(?P<last>[A-Z][A-Za-z'-]+)")


def _nicknamed(doc: Doc) -> list[re.Match[str]]:
    """Every formal name around a quoted nickname in the article (found once per Doc:
    ``formal_name`` is asked for each participant)."""
    cache = doc.user_data.setdefault("saywho", {})
    if "nicknamed" not in cache:
        cache["nicknamed"] = list(_NICKNAMED.finditer(text_of(doc)))
    return cache["nicknamed"]


def formal_name(doc: Doc, name: str) -> str | None:
    """The formal name the article gives a person known by a nickname or a surname
    ("Danny Marsh" or "Marsh" -> "Daniel J. Marsh" after 'Daniel J. "Danny" Marsh'),
    when exactly one such form fits; None otherwise."""
    words = name.split()
    if not words:
        return None
    found = set()
    for m in _nicknamed(doc):
        if m.group("last") != words[-1] or len(words) > 2 or len(words) == 2 and words[0] not in (m.group("nick"), m.group("first")):
            continue
        found.add(" ".join([m.group("first"), *m.group("mid").split(), m.group("last")]))
    return found.pop() if len(found) == 1 else None


def clause_antecedent(tok: Token) -> Token | None:
    """The noun "it" stands for when it is the subject of a reported clause and the
    reporting clause's subject is a noun: "the campaign said that it was inviting
    X" -> "campaign".  None otherwise."""
    if tok.lower_ != "it" or tok.dep_ != "nsubj":
        return None
    clause = tok.head
    if clause.dep_ != "ccomp":
        return None
    subj = [c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    return subj[0] if subj else None


def fullest_org(doc: Doc, name: str) -> str:
    """The fullest form of an organisation's name the article gives ("Harbour Commission"
    -> "Port of Leeds Harbour Commission"), when only one longer form ends with it."""
    if not name[:1].isupper() or len(name.split()) < 2:
        return name  # "the board", "Senate": too short to tell one body from another
    forms = {re.sub(r"^the\s+", "", re.sub(r"[’']s$", "", e.text.strip()), flags=re.I) for e in entities(doc) if e.label_ == "ORG"}
    if name not in forms:
        return name  # a group or a person the tagger put in an organisation's name
    longer = {f for f in forms if f.endswith(" " + name) and len(f.split()) <= 6 and "\n" not in f}
    tops = {f for f in longer if not any(g.endswith(" " + f) for g in longer)}
    # "EU Trade Council" is an abbreviation of "European Union Trade Council"
    tops = {f for f in tops if not any(g != f and _abbreviates(f[: -len(name)], g[: -len(name)]) for g in tops)}
    return tops.pop() if len(tops) == 1 else name


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` ("U.N.", "EU") is the initials of ``full`` ("United Nations")."""
    letters = re.sub(r"[^A-Za-z]", "", short)
    words = full.split()
    return 1 < len(letters) == len(words) and letters.upper() == "".join(w[0] for w in words).upper()


class _Resolving(Protocol):
    """What ``counterpart`` needs of the parties' resolver (``Parties``)."""

    doc: Doc
    lookup: PersonLookup

    def person_at(self, s: int, e: int) -> str | None:
        """The canonical person a span names."""
        ...


def counterpart(parties: _Resolving, tok: Token) -> list[str]:
    """"her German counterpart": the person named soon after with the same nationality
    ("Frank Weber, the German foreign minister"), else no one (the role stays a group)."""
    norp = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")]
    if not norp:
        return []
    for ent in entities(parties.doc):
        if ent.label_ != "PERSON" or not 0 < ent.start_char - tok.idx <= 600:
            continue
        sent = sent_of(ent.root)
        if any(x.lower_ in norp for x in sent if x.i not in range(ent.start, ent.end) and x.ent_type_ in ("NORP", "GPE")):
            name = parties.person_at(ent.start_char, ent.end_char) or parties.lookup.canonical(re.sub(r"[’']s$", "", ent.text))
            return [name] if name else []
    return []
