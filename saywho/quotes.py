"""Stage 3 (stub, being written)."""
from __future__ import annotations
def find_quotes(doc, skipped):
    return []
