"""Across articles: one person, one statement, one story, one timeline.

The pure parts live here (name compatibility, identity linking, statement and story
grouping, corroboration, the source report); :class:`saywho.store.Store` runs them over
its contents (``Store.link()``, called by the queries that need it).

    >>> from saywho.store import Store
    >>> st = Store("news.db")
    >>> st.load_people("people.csv")             # optional: known people, roles with dates
    >>> st.people(name="starmer")[0].names       # every name the articles used
    >>> st.statements(min_sources=2)             # quotations carried by two outlets or more
    >>> st.stories()                             # articles about the same happening
    >>> st.timeline("Keir Starmer", "Donald Trump")
"""
from __future__ import annotations

from .identity import Identity, Linking, NameUse, link_identities
from .names import NameParts, compatible, parse
from .seeds import Role, Seed, load_people

__all__ = ["Identity", "Linking", "NameParts", "NameUse", "Role", "Seed", "compatible", "link_identities",
           "load_people", "parse"]
