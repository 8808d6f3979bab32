"""Stage 5's parts called directly on small parsed texts: trigger filters, parse
helpers, dates and durations, topics, merging."""
from __future__ import annotations

from saywho import nlp
from saywho.events import details, merge as merge_mod, syntax, topics, triggers
from saywho.events.parties import Parties
from saywho.model import Article, Person, Quote


def tok(doc, word: str, nth: int = 0):  # type: ignore[no-untyped-def]
    """The ``nth`` token whose text is ``word``."""
    return [t for t in doc if t.text == word][nth]


class FixedLookup:
    """A PersonLookup with fixed answers: the people's own mention spans, nothing else."""

    def __init__(self, people: list[Person]) -> None:
        self._people = tuple(people)

    @property
    def people(self) -> tuple[Person, ...]:
        return self._people

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return ()

    def person_at(self, start: int, end: int) -> Person | None:
        return next((p for p in self._people if any(s <= start < e for s, e in p.mentions)), None)

    def canonical(self, name: str) -> str:
        return next((p.name for p in self._people if p.name.split()[-1] == name), name)

    def is_known_person(self, name: str) -> bool:
        return any(p.name == name for p in self._people)


def people_of(text: str, *names: str) -> list[Person]:
    return [Person(name=n, kind="person", mentions=[(text.index(n), text.index(n) + len(n))]) for n in names]


# ------------------------------------------------------------------ triggers


def test_trigger_kind() -> None:
    doc = nlp.parse("Ann Lee met Bob Ray. Their meeting was long.")
    assert triggers.trigger_kind(tok(doc, "met")) == ("verb", "meeting")
    assert triggers.trigger_kind(tok(doc, "meeting")) == ("noun", "meeting")
    assert triggers.trigger_kind(tok(doc, "long")) is None


def test_call_for_is_no_engagement() -> None:
    doc = nlp.parse("The union called for a strike. Ann Lee called Bob Ray on Friday.")
    assert not triggers.is_engagement_use(tok(doc, "called"), "verb", "call")
    assert triggers.is_engagement_use(tok(doc, "called", 1), "verb", "call")


def test_irrealis() -> None:
    doc = nlp.parse("Ann Lee will meet Bob Ray. Ann Lee met Bob Ray.")
    assert triggers.is_irrealis(tok(doc, "meet"))
    assert not triggers.is_irrealis(tok(doc, "met"))


def test_debate_to_come() -> None:
    doc = nlp.parse("Ann Lee prepared for the upcoming debate.")
    t = tok(doc, "debate")
    assert not triggers.debate_happened(t, t)


# ------------------------------------------------------------------ parse helpers and parties


def test_subject_inherited_and_conjuncts() -> None:
    doc = nlp.parse("Ann Lee and Bob Ray agreed to meet.")
    subj = syntax.subject(tok(doc, "meet"))
    assert [t.text for t in subj] == ["Lee"]
    assert [t.text for t in syntax.conjuncts(subj[0])] == ["Ray"]


def test_party_objects_through_medium() -> None:
    doc = nlp.parse("Ann Lee spoke by phone with Bob Ray.")
    assert [t.text for t in syntax.party_objects(tok(doc, "spoke"))] == ["Ray"]


def test_participants_from_lookup() -> None:
    text = "Ann Lee met Bob Ray in Paris."
    doc = nlp.parse(text)
    parties = Parties(doc, FixedLookup(people_of(text, "Ann Lee", "Bob Ray")))
    names, people, place, verb = parties.participants(tok(doc, "met"), "verb", "meeting")  # type: ignore[misc]
    assert names == ["Ann Lee", "Bob Ray"] and people == 2 and verb.text == "met"


def test_media_party_makes_an_interview() -> None:
    text = "Ann Lee spoke with reporters on Monday."
    doc = nlp.parse(text)
    parties = Parties(doc, FixedLookup(people_of(text, "Ann Lee")))
    assert parties.other_party(tok(doc, "reporters"), "call") == ("media", None)


# ------------------------------------------------------------------ details


def test_duration_of() -> None:
    doc = nlp.parse("They had a 45-minute call. They met for about two hours.")
    assert details.duration_of(tok(doc, "call")) == (45, False)
    assert details.duration_of(tok(doc, "met")) == (120, True)


def test_date_of_relative_to_base() -> None:
    doc = nlp.parse("Ann Lee met Bob Ray on Monday.")
    t = tok(doc, "met")
    got = details.date_of(t, t, lambda i: "2025-03-12")
    assert got is not None and got[0] == "2025-03-10" and got[1] == "on Monday"


def test_is_future_and_date_base() -> None:
    assert details.is_future("2025-04", "2025-03-12")
    assert not details.is_future("2025-03", "2025-03-12")
    assert not details.is_future("2025-03-01", None)
    q = Quote(start=0, end=1, text="x", type="direct", date="2025-01-02")
    assert details.date_base(q, "2025-03-12") == "2025-01-02"
    assert details.date_base(None, "2025-03-12") == "2025-03-12"


# ------------------------------------------------------------------ topics


def test_topics_in() -> None:
    doc = nlp.parse("They discussed trade and the economy, as well as the Middle East.")
    sent = next(iter(doc.sents))
    (v, items, negated), = topics.topics_in(sent)
    assert v.text == "discussed" and not negated
    assert items == ["trade", "economy", "Middle East"]


def test_negated_topics() -> None:
    doc = nlp.parse("Tariffs were not discussed.")
    (_, items, negated), = topics.topics_in(next(iter(doc.sents)))
    assert negated and items == ["Tariffs"]


# ------------------------------------------------------------------ merging


def test_merge_joins_mentions_of_one_call() -> None:
    doc = nlp.parse("Ann Lee called Bob Ray on Monday. The call lasted an hour.")
    a = triggers.Mention(type="call", trigger=tok(doc, "called"), participants=["Ann Lee", "Bob Ray"], people=2,
                         date="2025-03-10", evidence=(0, 33), confidence=0.75)
    b = triggers.Mention(type="call", trigger=tok(doc, "call"), duration=60, evidence=(34, 57))
    (ev,) = merge_mod.merge_mentions([a, b])
    assert ev.participants == ["Ann Lee", "Bob Ray"] and ev.duration_minutes == 60
    assert ev.evidence == [(0, 33), (34, 57)] and ev.confidence == 0.8


def test_dates_agree() -> None:
    assert merge_mod.dates_agree("2025-03", False, "2025-03-10", False)
    assert not merge_mod.dates_agree("2025-03-01", False, "2025-03-10", False)
    assert merge_mod.dates_agree("2025-03-01", True, "2025-03-20", False)


def test_find_events_end_to_end_with_fixed_lookup() -> None:
    from saywho.events import find_events

    text = "Ann Lee met Bob Ray on Monday."
    doc = nlp.parse(text)
    art = Article(id="t", text=text, published="2025-03-12")
    trace: list[tuple[int, str, str]] = []
    (ev,) = find_events(doc, art, FixedLookup(people_of(text, "Ann Lee", "Bob Ray")), trace=trace)
    assert ev.type == "meeting" and ev.participants == ["Ann Lee", "Bob Ray"] and ev.date == "2025-03-10"
    assert trace and trace[0][1] == "met"


def test_gendered_pronoun_prefers_the_woman_just_named() -> None:
    """Stage 4 gave "She" to a person of unknown gender; a woman was named just before."""
    from saywho.events.names import gendered_referent

    doc = nlp.parse("Ruth Okafor dined with Vice President Lindqvist. She will visit Leeds on Friday.")
    okafor = Person(name="Ruth Okafor", gender="female", mentions=[(0, 11)])
    lindqvist = Person(name="Lindqvist", gender=None, mentions=[(23, 47)])
    mentions = [(0, 11, "Ruth Okafor"), (23, 47, "Lindqvist")]
    she = tok(doc, "She")
    assert gendered_referent(she, lindqvist, [okafor, lindqvist], mentions) == "Ruth Okafor"
    # a resolved person of known gender stays; no woman named nearby: stage 4's answer stays
    assert gendered_referent(she, okafor, [okafor, lindqvist], mentions) == "Ruth Okafor"
    assert gendered_referent(she, lindqvist, [lindqvist], [(23, 47, "Lindqvist")]) == "Lindqvist"
