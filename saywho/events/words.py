"""Stage 5's own word lists, on top of the shared lexicon: the engagement nouns and
verbs (messages, negotiations, travel), the heads that make an engagement planned
rather than hypothetical, and the common nouns a visit can go to."""
from __future__ import annotations

from ..lexicon import IRREALIS_HEADS, LIGHT_VERBS, PARTY_GROUP_NOUNS, TRIGGER_NOUNS, TRIGGER_VERBS

#: Event nouns (lemma or lower form) -> event type.
EVENT_NOUNS: dict[str, str] = {
    **TRIGGER_NOUNS,
    # a message addressed to a named party ("a letter to the committee", "sent X an email")
    "letter": "message", "email": "message", "e-mail": "message", "message": "message", "telegram": "message",
    "note": "message", "text": "message",
    # negotiations and talks between parties; a summit called something else
    "negotiation": "meeting", "discussion": "meeting", "conclave": "meeting", "tour": "visit",
    "interview": "meeting", "flight": "visit",
}
#: Event verbs (lemma) -> event type.
EVENT_VERBS: dict[str, str] = {
    **TRIGGER_VERBS,
    "write": "message", "email": "message", "e-mail": "message", "text": "message", "message": "message",
    "negotiate": "meeting", "discuss": "meeting",
    "travel": "visit", "fly": "visit", "tour": "visit", "head": "visit", "go": "visit", "detour": "visit",
    "thank": "message", "gather": "meeting", "convene": "meeting",
    # an invitation addressed to a named guest; a person summoned to an office; an interview
    # by investigators (not by the press: see INVESTIGATOR_WORDS)
    "invite": "message", "summon": "meeting", "interview": "meeting", "question": "meeting",
}
#: Verbs of calling by an app ("FaceTimed his gran", "Zoomed with the board"): a call with whom only.
APP_CALL_VERBS = frozenset("facetime skype zoom videocall video-call".split())
#: Message nouns: they name an engagement only when addressed to someone.
MESSAGE_NOUNS = frozenset(k for k, v in EVENT_NOUNS.items() if v == "message" and not k.startswith("congratulation"))
#: Message verbs that need an addressee: "wrote to X", "emailed X", "texted X".
MESSAGE_VERBS = frozenset("write email e-mail text message".split())
#: Verbs of going somewhere: a visit only with a destination ("will travel to Paris").
TRAVEL_VERBS = frozenset("travel fly head go detour".split())
#: Verbs whose object is the event noun and whose subject takes part ("sent a letter", "began talks").
EVENT_LIGHT_VERBS = LIGHT_VERBS | frozenset("send write begin start open resume continue lead call convene preside board catch".split())
#: Heads that put an engagement in the future as a plan, not a wish or a condition
#: ("plans to visit", "is due to meet", "is expected to visit").
PLANNED_HEADS = frozenset("plan expect schedule intend set due prepare slate".split())
#: Heads that make an engagement hypothetical (not reported at all).
HYPOTHETICAL_HEADS = IRREALIS_HEADS - PLANNED_HEADS
#: Auxiliaries of the plain future: an engagement announced ("will meet").
FUTURE_AUX = frozenset("will 'll shall going".split())
#: Common nouns a visit can go to ("while visiting a hospital in Leeds", "toured the museum").
VISIT_PLACE_NOUNS = frozenset(
    """hospital clinic school university college factory plant mine farm base camp museum memorial site
    church mosque synagogue temple embassy prison border port airport city town village state country
    capital headquarters office shelter centre center store region island apartment home residence ranch estate""".split()
)
#: Heads of a described group that can take part ("senior staff", "Republican senators",
#: "Canadian negotiators").
GROUP_NOUNS = PARTY_GROUP_NOUNS | frozenset("staff aide counterpart negotiator delegate ambassador".split())
#: The written media that make "thanked X" a message ("on Twitter", "in a letter").
THANK_MEDIA = frozenset("twitter tweet letter note email e-mail message text facebook post instagram".split())
#: Nouns of a gathering of many parties: organisations alone can hold one ("NATO's summit",
#: "U.N. climate talks", "the leaders of the G-20 held a summit").
SUMMIT_NOUNS = frozenset("summit talks talk negotiation conference session meeting gather convene".split())
#: Verbs of a gathering: engagements only with a plural subject ("European leaders gathered").
GATHER_VERBS = frozenset("gather convene".split())
#: Parties that make an interview an engagement: investigators questioning someone ("the FBI's
#: interview of X", "was interviewed by investigators"); any other interview is press.
INVESTIGATOR_WORDS = frozenset(
    """fbi police investigator investigators prosecutor prosecutors detective detectives agent agents
    counsel inspector inspectors interpol cia doj""".split()
)
#: Verbs after "went to ..." that make the going a visit to what is seen ("went to see the ice in Greenland").
SEEING_VERBS = frozenset("see visit tour inspect view survey watch".split())
#: Objects that make "met X" a contest, not a meeting ("met his opponents in the primaries").
CONTEST_NOUNS = frozenset("opponent rival challenger competitor foe adversary".split())
