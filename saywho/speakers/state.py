"""What the resolution steps read and call on the resolver: a Protocol, so that the
step modules (mentions, referents, ranker) depend on this leaf, not on the resolver
that calls them (no circle between them)."""
from __future__ import annotations

from typing import Protocol

from spacy.tokens import Doc

from .entities import Entity


class ResolverState(Protocol):
    """The state of one article's resolution (implemented by :class:`.resolver.Resolver`)."""

    doc: Doc
    text: str
    entities: list[Entity]
    #: (start, end, entity, is a subject, inside a quote), in text order
    mentions: list[tuple[int, int, Entity, bool, bool]]
    org_mentions: list[tuple[int, int, Entity, str]]
    #: names that ", which" showed to be organisations ("Valley Metro, which ..."), by the
    #: offset of the name's head
    things: dict[int, Entity]
    pairs: list[tuple[int, list[Entity]]]

    def _in_skipped(self, i: int) -> bool: ...

    def _in_quote(self, i: int) -> bool: ...

    def person_for_name(self, name: str, titles: list[str] | None = None, create: bool = True,
                        gender: str | None = None) -> Entity | None: ...

    def add_mention(self, s: int, e: int, ent: Entity, subject: bool = False) -> None: ...

    def org_entity(self, name: str) -> Entity: ...

    def described_entity(self, kind: str, desc: str, head: str, definite: bool) -> Entity: ...

    def group_of(self, members: list[Entity]) -> Entity: ...

    def salient(self, pos: int, want: str, exclude_offices: set[str] | None = None,
                role_words: set[str] | None = None, last_speaker: Entity | None = None,
                exclude: Entity | None = None) -> Entity | None: ...

    def resolve_mention(self, head_i: int | None, span: tuple[int, int], last_speaker: Entity | None,
                        exclude: Entity | None = None) -> tuple[Entity | None, str]: ...
