"""What stage 4 hands stage 5: a typed, read-only lookup of the article's people.

``PersonLookup`` is all that events may ask: the article's people and quotes, the
person a mention span names, the canonical form of a surface name.  The lookup
resolves spans stage 4 never saw ("the two leaders' call", "his") on demand; it
does so on its own copy of stage 4's state, so that nothing it creates or learns
(a new entity, a gender a pronoun revealed) shows in stage 4's ``Entities`` or in
the Article's people.  Within one lookup that copy keeps what earlier questions
taught it, as stage 4's resolver does between mentions.
"""
from __future__ import annotations

import bisect
import copy
from typing import TYPE_CHECKING, Any, Protocol

from ..lexicon import ORG_ALIASES, PERSON_NOUNS, TITLES
from ..model import Person, Quote
from .mentions import PRON_FIRST, PRON_MALE, PRON_FEMALE, PRON_PLURAL, PRON_SECOND
from ..quotes.found import INTERVIEW_ANSWER
from ..quotes.marks import SpanIndex
from .index import containing
from .names import norm, strip_titles
from .orgs import NAME_FUNCTION_WORDS, PRON_WE, named_org, org_name_here, speaker_body
from .syntax import predicated_possessive

if TYPE_CHECKING:
    from ..quotes import Found
    from .entities import Entities, Entity
    from .resolver import Resolver

#: Entity types of a span's root that make it nobody unless it is a known mention ("Monday's trip").
_NOBODY_TYPES = ("DATE", "TIME", "GPE", "LOC", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT", "LAW")


class PersonLookup(Protocol):
    """The questions stage 5 asks of stage 4; none of them changes stage 4's results."""

    @property
    def people(self) -> tuple[Person, ...]:
        """The article's people (persons, organisations, groups), as stage 4 listed them."""
        ...

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """The article's quotes with their speakers."""
        ...

    def person_at(self, start: int, end: int) -> Person | None:
        """The canonical person a mention span names, if any."""
        ...

    def canonical(self, name: str) -> str:
        """The canonical name for a surface name, when the article knows the person."""
        ...

    def is_known_person(self, name: str) -> bool:
        """Whether ``name`` is the canonical name of one of the article's persons."""
        ...


class ResolvedLookup:
    """``PersonLookup`` over stage 4's ``Entities``, answering from a private copy."""

    def __init__(self, ents: "Entities") -> None:
        self._people = tuple(ents.people)
        self._quotes = tuple(ents.quotes)
        # one memo: the copied mentions, by_span and entity list share the copied entities
        memo: dict[int, Any] = {}
        self._resolver = ents._resolver.detached(memo) if ents._resolver is not None else None
        self._entities: list[Entity] = copy.deepcopy(ents.entities, memo)
        self._by_span: dict[tuple[int, int], Entity] = copy.deepcopy(ents.by_span, memo)

    @property
    def people(self) -> tuple[Person, ...]:
        """The article's people, as stage 4 listed them."""
        return self._people

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """The article's quotes with their speakers."""
        return self._quotes

    def person_at(self, start: int, end: int) -> Person | None:
        """The canonical person for a mention span: names, pronouns and roles
        ("He", "the Prime Minister", "the 78-year-old") resolved as speakers are.

        A span that is not a known mention is resolved on demand: its head must lie
        in a known mention ("Patriot Coal's executives" is not "Patriot Coal"), or it
        is resolved by agreement and salience at its position.
        """
        ent = self._by_span.get((start, end))
        if ent is None and self._resolver is not None:
            ent = entity_at(self._resolver, start, end)
        if ent is None or ent.kind != "person":
            return None
        return next((p for p in self._people if p.name == ent.name), None) or Person(
            name=ent.name, kind="person", mentions=sorted(set(ent.mentions)), roles=list(ent.roles), gender=ent.gender
        )

    def canonical(self, name: str) -> str:
        """The canonical name for a surface name, when the article knows the person."""
        words = norm(name).split()
        _, core = strip_titles(words)
        low = " ".join(core).lower()
        for e in self._entities:
            if e.kind != "person":
                continue
            if low in {n.lower() for n in e.names} or (len(core) == 1 and low == e.last_name()):
                return e.name
        return ORG_ALIASES.get(norm(name).lower(), name)

    def is_known_person(self, name: str) -> bool:
        """Whether ``name`` is the canonical name of one of the article's persons."""
        return any(p.name == name for p in self._people if p.kind == "person")


def referent_at(look: ResolvedLookup, start: int, end: int) -> Person | None:
    """The referent a mention span names in ``look``, of any kind (person, organisation,
    group, unnamed description), resolved as ``person_at`` resolves.  For evaluation
    and tools that score organisations too; stage 5 asks only ``person_at``, and the
    lookup's public surface stays the read-only protocol."""
    ent = look._by_span.get((start, end))
    if ent is None and look._resolver is not None:
        ent = entity_at(look._resolver, start, end, bodies=True)
    if ent is None:
        return None
    return Person(name=ent.name, kind=ent.kind, mentions=sorted(set(ent.mentions)),  # type: ignore[arg-type]
                  roles=list(ent.roles), gender=ent.gender)


def entity_at(r: "Resolver", start: int, end: int, bodies: bool = False) -> "Entity | None":
    """Resolve any mention span after the stage has run (for events), on ``r``'s state;
    with ``bodies``, a "we" is the organisation its speaker speaks for."""
    sp = r.doc.char_span(start, end, alignment_mode="expand")
    if sp is None or not len(sp):
        return None
    root = sp.root
    # an organisation or place the article named ("Home Office" in "The Home Office",
    # "Tunisia 's", "US" in "US President Barack Obama"), never the person it modifies
    org = named_org(r, sp) if root.pos_ != "PRON" else None
    # dates, places, amounts are nobody ("Monday's trip"); a pronoun the NER swept
    # into one ("her final years" as a DATE) is still a pronoun
    if root.ent_type_ in _NOBODY_TYPES and root.pos_ != "PRON":
        if containing(r.mentions, root.idx) is None:
            return org
    # a known name, whatever the tagger made of it ("Trump" tagged ORG or VERB)
    words = [t.text for t in sp if not t.is_punct and t.tag_ != "POS"]
    if words and all(w[:1].isupper() for w in words):
        known = r.person_for_name(" ".join(words), create=False)
        if known is not None:
            return known
    if org is not None:
        return org
    # "the governor of the Bank of England, Andrew Bailey": the name in apposition
    root = next((c for c in root.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), root)
    got = containing(r.mentions, root.idx)
    if got is not None:
        if got[2].kind == "person" and sp.root.pos_ in ("PROPN", "NOUN") and end < got[1] and _other_name(words, got[2]):
            # "Facebook" in "Facebook creator Mark Zuckerberg": an affiliation before
            # someone's name is not that person; a proper name there is an organisation
            name = org_name_here(sp)
            return r.org_entity(name) if name else None
        return got[2]
    # "I"/"we" inside a quote are its speaker
    if root.lower_ in PRON_FIRST:
        f = _innermost_direct(r, root.idx)
        speaker = _speaker_at(r, f.start) if f is not None else None
        # "we" of someone who speaks for a body ("Tunisia's coach Nabil Maaloul said:
        # 'We were ...'") is that body
        # (for referents of any kind: an event's "we" stays the person who says it)
        if bodies and speaker is not None and root.lower_ in PRON_WE:
            return speaker_body(r, speaker) or speaker
        return speaker
    # "you" in an interview's question is whoever answers it
    if root.lower_ in PRON_SECOND and _innermost_direct(r, root.idx) is None:
        answer = _answer_after(r, root.idx)
        return _speaker_at(r, answer.start) if answer is not None else None
    positions = _speaker_starts(r)
    k = bisect.bisect_left(positions, start)
    last = r.speaker_positions[k - 1][1] if k else None
    # "X offered his congratulations": a possessive goes to its clause's subject
    if root.dep_ == "poss" and root.lower_ in PRON_MALE | PRON_FEMALE | PRON_PLURAL and not predicated_possessive(root):
        verb = root.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # spaCy makes a new Token per access: compare indices, never identity
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i != root.i and subj.pos_ != "PRON":
            from ..quotes import mention_span

            ms, me = mention_span(subj)
            got = entity_at(r, ms, me)
            if got is not None and got.kind == "person":
                return got
    # a third-person pronoun inside a quote is not the quote's own speaker
    f = _innermost_direct(r, root.idx)
    own = _speaker_at(r, f.start) if f is not None else None
    ent, _ = r.resolve_mention(root.i, (sp.start_char, sp.end_char), last if last is not own else None, exclude=own)
    if ent is not None and ent.kind == "person" and root.pos_ == "PROPN":
        # "Washington State University", "a World Health Organisation report" (whatever
        # title word it holds) are an organisation named here, not the salient person
        name = org_name_here(sp)
        if name and not _holds_name_of(words, ent):
            return r.org_entity(name)
        if _other_name(words, ent):
            return None  # "Almansi" is not the salient Walter Freeman: a name names only its bearer
    return ent


def _other_name(words: list[str], ent: "Entity") -> bool:
    """``words`` are a name (capitalised, no title or role word) that none of ``ent``'s
    name forms holds: the salience guess found someone else."""
    # "the Municipality of Livorno": an article and the small words of a name aside
    words = [w for w in words if w.lower() not in NAME_FUNCTION_WORDS and w.lower() not in ("a", "an")]
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if any(w.lower().strip(".") in TITLES or w.lower() in PERSON_NOUNS for w in words):
        return False
    return not _holds_name_of(words, ent)


def _holds_name_of(words: list[str], ent: "Entity") -> bool:
    """Whether one of ``words`` is a word of one of ``ent``'s name forms."""
    held = {x.lower() for n in ent.names for x in n.split()}
    return any(w.lower() in held for w in words)


# The lookups below answer what a scan of the resolver's lists answered, from indexes
# cached on the resolver (events ask about many spans: a scan each was quadratic).

def _innermost_direct(r: "Resolver", i: int) -> "Found | None":
    """The shortest direct quote holding ``i`` (the first in ``found`` order on a tie)."""
    cache = r.__dict__.get("_direct_index")
    if cache is None or cache[0] is not r.found or cache[1] != len(r.found):
        direct = [k for k, f in enumerate(r.found) if f.type == "direct"]
        cache = r.__dict__["_direct_index"] = (r.found, len(r.found), direct,
                                               SpanIndex([(r.found[k].start, r.found[k].end) for k in direct]))
    _, _, direct, index = cache
    k = index.innermost(i)
    return r.found[direct[k]] if k is not None else None


def _answer_after(r: "Resolver", i: int) -> "Found | None":
    """The interview answer that the question holding offset ``i`` asks for: the
    next answer, when nothing but that question's own paragraph lies between."""
    cache = r.__dict__.get("_answer_index")
    if cache is None or cache[0] is not r.found or cache[1] != len(r.found):
        answers = sorted((f.start, k) for k, f in enumerate(r.found) if INTERVIEW_ANSWER in f.notes)
        cache = r.__dict__["_answer_index"] = (r.found, len(r.found), answers, [s for s, _ in answers])
    _, _, answers, starts = cache
    k = bisect.bisect_right(starts, i)
    if k == len(starts) or "\n" in r.text[i:starts[k]].rstrip():
        return None
    return r.found[answers[k][1]]


def _speaker_starts(r: "Resolver") -> list[int]:
    """The quote starts of ``r.speaker_positions`` (sorted, as run() leaves them)."""
    cache = r.__dict__.get("_speaker_starts")
    if cache is None or cache[0] is not r.speaker_positions or cache[1] != len(r.speaker_positions):
        cache = r.__dict__["_speaker_starts"] = (r.speaker_positions, len(r.speaker_positions),
                                                 [p for p, _ in r.speaker_positions])
    return cache[2]


def _speaker_at(r: "Resolver", start: int) -> "Entity | None":
    """The speaker of the first quote starting at ``start`` in ``r.speaker_positions``."""
    positions = _speaker_starts(r)
    k = bisect.bisect_left(positions, start)
    return r.speaker_positions[k][1] if k < len(positions) and positions[k] == start else None
