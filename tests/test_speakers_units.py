"""Stage 4's parts called directly: name helpers on strings, each step of a mention's
resolution on small parsed texts, and the read-only lookup handed to stage 5."""
from __future__ import annotations

from saywho.speakers import read_only_lookup as speakers_lookup

import copy
import inspect

import pytest

from saywho import nlp
from saywho.model import Article
from saywho.quotes import find_quotes
from saywho.speakers import Entities, Entity, PersonLookup, Resolver, offices_in, resolve
from saywho.speakers import mentions as M
from saywho.speakers.lookup import ResolvedLookup
from saywho.speakers.names import (
    first_name_gender,
    full_name_in_text,
    norm,
    other_first_name,
    person_for_name,
    strip_titles,
)


def stage4(text: str) -> tuple[Resolver, Entities]:
    """Stages 2-4 on a text; the resolver (after its run) and what it returned."""
    doc = nlp.parse(text)
    art = Article(id="t", text=text, published="2025-03-10")
    r = Resolver(doc, find_quotes(doc, art.skipped), art)
    return r, r.run()


def span_of(text: str, words: str) -> tuple[int, int]:
    s = text.index(words)
    return s, s + len(words)


# ------------------------------------------------------------------ names


def test_strip_titles_and_norm() -> None:
    assert strip_titles(["Sir", "Keir", "Starmer"]) == (["Sir"], ["Keir", "Starmer"])
    assert strip_titles(["Mr.", "Smith"]) == (["Mr."], ["Smith"])
    assert norm("  Kemi’s   office ") == "Kemi's office"


def test_first_name_gender() -> None:
    assert first_name_gender("Angela") == "female"
    assert first_name_gender("John") == "male"
    assert first_name_gender("X") is None


def test_other_first_name_allows_initials() -> None:
    assert other_first_name(["ted", "cruz"], ["Rafael Cruz"])
    assert not other_first_name(["j.", "smith"], ["John Smith"])


def test_full_name_in_text() -> None:
    assert full_name_in_text("Angela Rayner and Kemi Badenoch spoke. Mrs Badenoch said no.", "Badenoch") == "Kemi Badenoch"
    # two people share the surname: no guess
    assert full_name_in_text("Angela Smith and John Smith met.", "Smith") is None


def test_person_for_name_clusters_forms() -> None:
    ents: list[Entity] = []
    text = "Sir Keir Starmer spoke."
    keir = person_for_name(ents, text, "Sir Keir Starmer")
    assert keir is not None and keir.gender == "male" and "sir" in keir.titles
    assert person_for_name(ents, text, "Starmer") is keir
    assert person_for_name(ents, text, "Mr Starmer's") is keir
    assert person_for_name(ents, text, "Rachel Reeves", create=False) is None
    assert len(ents) == 1


def test_offices_in() -> None:
    assert offices_in("the 45th President") == {"president"}
    assert offices_in("President-elect") == {"president"}
    assert offices_in("US president") == {"president"}
    assert offices_in("Vice President") == set()
    assert offices_in("union president") == set()


# ------------------------------------------------------------------ steps of a mention's resolution

TEXT = ("Prime Minister Keir Starmer met Angela Rayner on Monday. A Downing Street spokesman said "
        "the talks went well. \"We are pleased,\" he said. Critics said it was too late.")


@pytest.fixture(scope="module")
def resolved() -> tuple[Resolver, Entities]:
    return stage4(TEXT)


def test_step_a_org_metonym(resolved: tuple[Resolver, Entities]) -> None:
    r, _ = resolved
    ent, kind = M.org_metonym(r, "No 10")  # type: ignore[misc]
    assert kind == "organisation" and ent is not None and ent.name == "Downing Street"
    assert M.org_metonym(r, "the spokesman") is None


def test_step_b_person_named_in(resolved: tuple[Resolver, Entities]) -> None:
    r, _ = resolved
    s, e = span_of(TEXT, "Prime Minister Keir Starmer")
    sp = r.doc.char_span(s, e)
    ents_in = [x for x in r.doc.ents if x.start >= sp.start and x.end <= sp.end]
    got = M.person_named_in(r, sp, sp.root, ents_in)
    assert got is not None and got[0] is not None and got[0].name == "Keir Starmer" and got[1] == "person"


def test_step_c_known_name(resolved: tuple[Resolver, Entities]) -> None:
    r, _ = resolved
    s, e = span_of(TEXT, "Angela Rayner")
    sp = r.doc.char_span(s, e)
    got = M.known_name(r, sp, sp.root)
    assert got is not None and got[0] is not None and got[0].name == "Angela Rayner"


def test_step_d_pronoun(resolved: tuple[Resolver, Entities]) -> None:
    r, _ = resolved
    s = TEXT.index("he said")
    head = r.doc.char_span(s, s + 2).root
    got = M.pronoun(r, s, s + 2, head, None, None)
    # the spokesman who spoke in the sentence before goes on speaking
    assert got is not None and got[0] is not None and got[0].name == "Downing Street spokesman" and got[1] == "unnamed"
    # not a pronoun: the step does not apply
    k = TEXT.index("Critics")
    assert M.pronoun(r, k, k + 7, r.doc.char_span(k, k + 7).root, None, None) is None


def test_step_e_org_holding_head() -> None:
    text = "The Foreign Office said the trip would go ahead."
    r, _ = stage4(text)
    sp = r.doc.char_span(0, len("The Foreign Office"))
    ents_in = [x for x in r.doc.ents if x.start >= sp.start and x.end <= sp.end]
    assert [x.label_ for x in ents_in] == ["ORG"]
    got = M.org_holding_head(r, sp.root, "The Foreign Office", ents_in)
    assert got is not None and got[1] == "organisation" and got[0] is not None and got[0].name == "Foreign Office"
    # a spokesman of an organisation is no organisation: the step leaves it to the spokesperson step
    text = "A Home Office spokesman said the trip would go ahead."
    r, _ = stage4(text)
    sp = r.doc.char_span(0, len("A Home Office spokesman"))
    ents_in = [x for x in r.doc.ents if x.start >= sp.start and x.end <= sp.end]
    assert M.org_holding_head(r, sp.root, "A Home Office spokesman", ents_in) is None


def test_step_f_person_named_here() -> None:
    text = "Mayor Ken Obi opened the bridge."
    r, _ = stage4(text)
    sp = r.doc.char_span(0, len("Mayor Ken Obi"))
    got = M.person_named_here(r, sp, sp.root)
    assert got is not None and got[0] is not None and got[0].name == "Ken Obi"


def test_description_steps(resolved: tuple[Resolver, Entities]) -> None:
    r, _ = resolved
    s, e = span_of(TEXT, "A Downing Street spokesman")
    ent, kind = M.resolve_mention(r, None, (s, e), None)
    assert kind == "unnamed" and ent is not None and "spokesman" in ent.name
    s, e = span_of(TEXT, "Critics")
    ent, kind = M.resolve_mention(r, None, (s, e), None)
    assert kind == "group" and ent is not None


def test_resolve_gives_quotes_and_people() -> None:
    doc = nlp.parse(TEXT)
    art = Article(id="t", text=TEXT)
    ents = resolve(doc, find_quotes(doc, art.skipped), art)
    assert any(p.name == "Keir Starmer" for p in ents.people)
    assert ents.quotes and all(q.start < q.end for q in ents.quotes)


# ------------------------------------------------------------------ the lookup handed to stage 5


def _snapshot(ents: Entities) -> list[tuple]:  # type: ignore[type-arg]
    return [(e.key, e.kind, list(e.names), sorted(e.titles), list(e.roles), list(e.mentions), e.gender, e.description)
            for e in ents.entities]


def test_lookup_answers_without_changing_stage4() -> None:
    # resolving "he" on stage 4's own state would teach it Okafor's gender (a surname: no
    # first-name table gives it one).  ("Okafor called him" would not do: "him" is never
    # its own clause's subject.)
    text = ("Chancellor Olaf Brandt welcomed President Maria Lopez's victory. A spokesman for the Kremlin "
            "said Okafor called after he landed. There was a 30-minute call between the two leaders on Tuesday.")
    _, ents = stage4(text)
    before = _snapshot(ents)
    people_before = copy.deepcopy(ents.people)
    look = speakers_lookup(ents)
    s, e = span_of(text, "he landed")
    him = look.person_at(s, s + 2)
    assert him is not None and him.name == "Okafor"
    for words in ("A spokesman for the Kremlin", "the Kremlin", "the two leaders", "Tuesday"):
        look.person_at(*span_of(text, words))
    assert look.canonical("Mr Brandt") == "Olaf Brandt"
    assert look.is_known_person("Maria Lopez")
    assert _snapshot(ents) == before
    assert ents.people == people_before
    assert next(e for e in ents.entities if e.names == ["Okafor"]).gender is None


def test_find_events_leaves_the_articles_people_alone() -> None:
    from saywho.events import find_events

    text = ("Chancellor Olaf Brandt welcomed President Maria Lopez's victory. She said he called her. "
            "There was a 30-minute call between the two leaders on Tuesday.")
    doc = nlp.parse(text)
    art = Article(id="t", text=text, published="2025-03-12")
    ents = resolve(doc, find_quotes(doc, art.skipped), art)
    art.people = ents.people
    before, snap = copy.deepcopy(art.people), _snapshot(ents)
    events = find_events(doc, art, speakers_lookup(ents))
    assert events and art.people == before and _snapshot(ents) == snap


def test_person_lookup_has_no_mutating_method() -> None:
    members = {n for n in vars(PersonLookup) if not n.startswith("_")}
    assert members == {"people", "quotes", "person_at", "canonical", "is_known_person"}
    public = {n for n, _ in inspect.getmembers(ResolvedLookup) if not n.startswith("_")}
    assert public == members
    # what it lists is immutable
    _, ents = stage4(TEXT)
    look = speakers_lookup(ents)
    assert isinstance(look.people, tuple) and isinstance(look.quotes, tuple)
    with pytest.raises(AttributeError):
        look.people = ()  # type: ignore[misc]
