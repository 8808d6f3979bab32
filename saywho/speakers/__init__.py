"""Stage 4: speaker mentions -> canonical people, organisations and groups.

No offline coreference model exists for spaCy 3.8 here, so resolution is built
from the article itself, in this order:

1. Names (``names``): PERSON entities are clustered: "Sir Keir Starmer", "Sir
   Keir", "Starmer" and "Mr Starmer" are one person; the canonical name is the
   fullest form with titles dropped.
2. Roles: what the article says a person is, from pre-modifiers and appositions
   ("former foreign secretary James Cleverly", "Marco Rubio, the secretary of
   state"); honorifics and first names give gender.
3. Mentions that are not names (``mentions``) resolve by agreement and salience:
   organisations by name and metonym ("No 10"); spokespeople and groups keep
   their description; a definite description goes to the person the article gave
   that role, else to the most salient compatible person; pronouns to the most
   salient person of matching gender and number.

4. Referents the NER does not hand over (``referents``): organisations as
   antecedents of "the agency", "the company", "it" (an acronym and its expansion
   are one); documents speak for their issuer ("the union's statement"); people
   the NER missed or mislabelled; several people speaking at once ("X and Y said",
   "the couple said") become one group whose ``Speaker.members`` lists them
   ("X; Y"), ``name`` being the display name "X and Y" and ``kind`` "group".

``resolver.Resolver`` runs these over an article; ``entities`` holds what they
produce; ``lookup.PersonLookup`` is the read-only view stage 5 receives.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article
from ..quotes import Found
from .entities import Entities, Entity, offices_in
from .lookup import PersonLookup, ResolvedLookup
from .resolver import Resolver

__all__ = ["Entities", "Entity", "PersonLookup", "ResolvedLookup", "Resolver", "offices_in", "read_only_lookup", "resolve",
           "resolve_with_lookup"]


def resolve(doc: Doc, found: list[Found], article: Article) -> Entities:
    """Resolve every quote's speaker mention to a canonical entity (stage 4)."""
    return Resolver(doc, found, article).run()


def read_only_lookup(ents: Entities) -> PersonLookup:
    """The read-only lookup that later stages ask about people (stage 5's input).

    It answers from its own copy of the stage's state: what it resolves on demand
    never changes ``ents``.  (A function here, not a method of Entities: the lookup
    module builds on the resolution steps, which build on Entities.)"""
    return ResolvedLookup(ents)


def resolve_with_lookup(doc: Doc, found: list[Found], article: Article) -> tuple[Entities, ResolvedLookup]:
    """Stage 4 and the lookup stage 5 would receive: the public hook for tools that
    score resolution itself (the GAP and GUM evaluations) without running events."""
    ents = resolve(doc, found, article)
    return ents, ResolvedLookup(ents)
