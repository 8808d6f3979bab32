"""Stage 5: engagements -- who called, met, visited or congratulated whom, when, for how long, about what.

``find_events(doc, article, people) -> list[Event]`` works in four steps:

1. Triggers (``triggers``, word lists in ``words``): event nouns and verbs, less
   the uses of the same words that are no engagement ("call for", "called X a
   genius") and the engagements that did not happen (modal, negated, conditional:
   ``mood``).  Announced ones are kept as ``status="planned"``.
2. Participants (``parties``) from the parse: subjects, objects, "with"/
   "between"/"to"/"from"/"alongside" phrases, possessors, conjunctions.  Each
   mention goes through stage 4's read-only ``PersonLookup`` (names, pronouns,
   "I" in a quote, descriptions); "the two men", "they" are the two people most
   recently named.  A party that is no person may be an organisation or a
   described group; a place is where a visit went; a news outlet or "reporters"
   make it an interview, and speaking to a group is a speech: neither is an
   engagement; nor is a debate.  Organisations and named groups alone can hold a
   summit or talks, or send a letter.  A person keeps one name, the fullest form
   the article gives.
3. Date, place, duration (``details``) and topics (``topics``) of each mention; an
   undated one takes the narrative time around it (approximate).
4. Mentions of one event are merged (``merge``): same type, compatible date and
   participants.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..dates import resolve_date
from ..model import Article, Event
from ..speakers.lookup import PersonLookup
from .merge import merge_mentions
from .parties import Parties
from .topics import attach_topics
from .triggers import Mention, Trace, find_mentions

__all__ = ["Mention", "find_events", "resolve_date"]


def find_events(doc: Doc, article: Article, people: PersonLookup, trace: Trace | None = None) -> list[Event]:
    """Engagements in the article: calls, meetings, visits and messages between people (stage 5).

    ``people`` is stage 4's read-only lookup (``saywho.speakers.read_only_lookup(ents)``).  ``trace``, when
    given, receives (offset, trigger, what became of it) for every trigger word.
    """
    parties = Parties(doc, people)
    ms = find_mentions(doc, article, parties, trace)
    for m in ms:  # one name per person across mentions, in its fullest form
        m.participants = list(dict.fromkeys(parties.fullest(n) for n in m.participants))
    attach_topics(doc, ms, parties.resolve)
    return merge_mentions(ms)
