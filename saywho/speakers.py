"""Stage 4 (stub, being written)."""
from __future__ import annotations
from dataclasses import dataclass, field
from .model import Person, Quote
@dataclass
class Entities:
    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
def resolve(doc, found, article):
    return Entities()
