"""Stage 5 (stub, being written)."""
from __future__ import annotations
def find_events(doc, article, ents):
    return []
