"""What stage 4 knows of an article's referents: ``Entity`` (one person, organisation,
group or unnamed speaker) and ``Entities`` (the stage's result)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import UNIQUE_OFFICES
from ..model import Person, Quote

#: Heads of office titles: a description by office resolves only to its holder.
OFFICE_HEADS = frozenset("president minister secretary chancellor governor mayor senator premier king queen ambassador commissioner".split())
#: Modifiers that make "president" someone else's title.
_NOT_THE_OFFICE = frozenset("vice deputy union club student company party league college university".split())
#: Short country words that keep the office: "US president", "French president".
_COUNTRY_WORDS = frozenset("us uk french german russian chinese american british irish indian ukrainian brazilian".split())


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
    #: a group of named people speaking together ("X and Y said"), in text order
    members: list["Entity"] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The canonical name: a person's fullest name form, else the description."""
        if self.kind == "person" and self.names:
            return max(self.names, key=lambda n: (len(n.split()), len(n)))
        return self.description or (self.names[0] if self.names else "?")

    def last_name(self) -> str:
        """A person's surname, lower case ("" for other kinds)."""
        return self.name.split()[-1].lower() if self.kind == "person" and self.name else ""

    def first_name(self) -> str:
        """The first word of a name of two or more words, lower case."""
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


@dataclass
class Entities:
    """What stage 4 produces: quotes with speakers, and the article's people."""

    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    by_span: dict[tuple[int, int], Entity] = field(default_factory=dict)
    # The Resolver that made these, for the lookup's on-demand answers (lookup.py types
    # and uses it); not typed here, so that this record does not depend on the resolver.
    _resolver: Any = field(default=None, repr=False)

