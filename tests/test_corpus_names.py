"""Across articles, the pure parts: name compatibility, identity resolution, statement
grouping, near-duplicates, the people file.  Inputs written for the test."""
from __future__ import annotations

from pathlib import Path

import pytest

from saywho.corpus import NameUse as Mention, Role, Seed, compatible, link_identities as resolve, load_people, parse
from saywho.corpus.statements import QuoteRow, group as group_statements
from saywho.corpus.stories import Doc, duplicates
from saywho.errors import InputError


@pytest.mark.parametrize("a, b, same", [
    ("John Smith", "John Smith", True),
    ("Sir Keir Starmer", "Keir Starmer", True),          # honorific
    ("J. Smith", "John Smith", True),                     # initial
    ("Bill Clinton", "William Clinton", True),            # nickname
    ("Kier Starmer", "Keir Starmer", True),               # a typo in the first name
    ("John Smith", "Bob Smith", False),
    ("John Smith", "John Smyth-Jones", False),
    ("J. Smith", "K. Smith", False),
    ("John A. Smith", "John B. Smith", False),            # middle names that disagree
    ("Smith", "John Smith", False),                       # a bare surname is never compatible by itself
    ("Dr. Anna van der Berg", "Anna van der Berg", True),
    ("Micheal Gove", "Michael Gove", True),               # two letters swapped: a misspelling
    ("Ivana Trump", "Ivanka Trump", False),               # two real first names one letter apart
    ("Christina Lee", "Christine Lee", False),
    ("Donald Trump", "Donald Trump Jr.", False),          # a generational suffix is another person
    ("Martin Luther King Jr.", "Martin Luther King, Jr.", True),
    ("Joe Kennedy Sr.", "Joe Kennedy Jr.", False),
])
def test_compatible(a: str, b: str, same: bool) -> None:
    assert compatible(parse(a), parse(b)) is same


@pytest.mark.parametrize("name, parts", [
    ("Mr Trump", ("", "", "trump")),
    ("Smith", ("", "", "smith")),
    ("Sir Keir Starmer", ("keir", "", "starmer")),
    ("J. Smith", ("j", "", "smith")),
])
def test_parse(name: str, parts: tuple[str, str, str]) -> None:
    p = parse(name)
    assert (p.first, p.middle, p.last) == parts


def M(art: str, pid: int, name: str, kind: str = "person", published: str | None = "2025-01-01",
      roles: tuple[str, ...] = ()) -> Mention:
    return Mention(art, pid, name, kind, published, roles)


def who(res, art: str, pid: int) -> str:  # type: ignore[no-untyped-def]
    return res.identities[res.links[(art, pid)]].name


def test_full_names_initials_and_surnames_across_articles() -> None:
    ms = [M("a", 1, "Keir Starmer"), M("b", 2, "Sir Keir Starmer"), M("c", 3, "Starmer"), M("d", 4, "K. Starmer")]
    res = resolve(ms)
    assert {who(res, m.article_hash, m.person_id) for m in ms} == {"Keir Starmer"}
    assert len(res.identities) == 1 and set(res.identities[0].names) == {m.name for m in ms}


def test_two_smiths_bare_surname_by_article_context() -> None:
    ms = [M("a", 1, "John Smith"), M("a", 3, "Smith"),
          M("b", 2, "Bob Smith"), M("b", 3, "Smith"),
          M("c", 3, "Smith")]  # nobody else named: two Smiths in the store, so it stays apart
    res = resolve(ms)
    assert who(res, "a", 3) == "John Smith" and who(res, "b", 3) == "Bob Smith"
    assert who(res, "c", 3) == "Smith"
    assert len(res.identities) == 3


def test_namesakes_a_bare_surname_goes_to_the_one_known_in_its_role() -> None:
    # Two Obamas in the store; "President Obama" is the one the articles call president,
    # and a bare "Obama" with no role stays apart rather than be guessed.
    ms = [M("a", 1, "Barack Obama", roles=("president",)), M("b", 1, "Michelle Obama", roles=("first lady",)),
          M("c", 1, "Obama", roles=("president",)), M("d", 1, "Obama")]
    res = resolve(ms)
    assert who(res, "c", 1) == "Barack Obama"
    assert who(res, "d", 1) == "Obama"
    assert len(res.identities) == 3


def test_a_son_with_a_suffix_is_not_linked_to_his_father() -> None:
    ms = [M("a", 1, "Donald Trump"), M("b", 1, "Donald Trump Jr."), M("c", 1, "Trump Jr."), M("d", 1, "Trump")]
    res = resolve(ms)
    assert who(res, "b", 1) == who(res, "c", 1) == "Donald Trump Jr."
    assert who(res, "d", 1) == who(res, "a", 1) == "Donald Trump"
    assert len(res.identities) == 2


def test_chains_of_near_matches_do_not_join_two_people() -> None:
    # "J. Smith" fits both; the full names never merge, and the initial stays apart.
    res = resolve([M("a", 1, "John Smith"), M("b", 2, "Jane Smith"), M("c", 3, "J. Smith")])
    assert len(res.identities) == 3


def test_rules_merge_and_split() -> None:
    ms = [M("a", 1, "John Smith"), M("b", 2, "J. Smith"), M("c", 3, "Johnny Smith"), M("d", 4, "Smithy")]
    res = resolve(ms, rules=[("split", "John Smith", "J. Smith"), ("merge", "Smithy", "John Smith")])
    assert res.links[("c", 3)] == res.links[("d", 4)] == res.links[("a", 1)]
    assert res.links[("b", 2)] != res.links[("a", 1)]


ROLES = [Seed("Helen Carter", ["H. Carter"], [Role("Health Secretary", "UK", "2024-01-01", "2024-06-30"),
                                             Role("Home Secretary", "UK", "2024-07-01")], "Q1"),
         Seed("Mark Roe", [], [Role("Health Secretary", "UK", "2024-07-01")], "Q2")]


@pytest.mark.parametrize("name, published, expected", [
    ("Health Secretary", "2024-03-10", "Helen Carter"),
    ("Health Secretary", "2024-09-10", "Mark Roe"),
    ("the Home Secretary", "2024-09-12", "Helen Carter"),
    ("Home Secretary", "2024-03-10", "Home Secretary"),  # nobody in the file held it then
])
def test_role_by_date(name: str, published: str, expected: str) -> None:
    res = resolve([M("x", 9, name, "unnamed", published)], seeds=ROLES)
    assert who(res, "x", 9) == expected


def test_people_file_aliases_and_qid() -> None:
    res = resolve([M("a", 1, "H. Carter"), M("b", 2, "Helen Carter")], seeds=ROLES)
    assert who(res, "a", 1) == who(res, "b", 2) == "Helen Carter"
    assert res.identities[res.links[("a", 1)]].qid == "Q1"


@pytest.mark.parametrize("texts, groups", [
    # Same words, other quotation marks and punctuation.
    (["\u201cWe will build the homes this country needs.\u201d", '"We will build the homes this country needs"'], 1),
    # An excerpt of five words or more of the longer quotation.
    (["We will build the homes this country needs, and we will build them fast",
      "build the homes this country needs"], 1),
    # Short common words are not an excerpt.
    (["We will build the homes this country needs", "we will"], 2),
    (["Taxes will not rise", "Taxes will rise"], 2),
])
def test_statement_grouping(texts: list[str], groups: int) -> None:
    rows = [QuoteRow(i, 7, t) for i, t in enumerate(texts)]
    assert len(group_statements(rows)) == groups


def test_statements_need_the_same_speaker() -> None:
    rows = [QuoteRow(1, 7, "The economy is growing again this year"), QuoteRow(2, 8, "The economy is growing again this year")]
    assert len(group_statements(rows)) == 2


WIRE = ("Floodwater covered the lower town of Harlow Bridge on Tuesday after the river burst its banks "
        "following three days of heavy rain. Emergency crews moved around two hundred residents to the "
        "sports hall, and the county council opened a rest centre with beds, food and dry clothes. The "
        "regional water board said the peak had passed shortly before midnight but warned that roads near "
        "the old mill would stay closed for several days while engineers checked the bridge supports. "
        "Shopkeepers on the high street began clearing mud from their floors as the water drained away.")


def test_near_duplicates_minhash() -> None:
    copy = "By Staff Reporter. " + WIRE.replace("Tuesday", "Tuesday morning") + " More to follow."
    other = ("The city orchestra opened its winter season on Friday with a programme of Elgar and Holst, "
             "and the conductor thanked the audience for filling the hall on a cold night.")
    rep, sims = duplicates([Doc("h1", WIRE, "2025-04-01"), Doc("h2", copy, "2025-04-02"), Doc("h3", other, "2025-04-01")])
    assert rep["h1"] == rep["h2"] == "h1" and rep["h3"] == "h3"
    assert list(sims) == [("h1", "h2")]


def test_people_file_csv_and_jsonl(tmp_path: Path) -> None:
    csv = tmp_path / "people.csv"
    csv.write_text('name,aliases,roles,qid\nHelen Carter,H. Carter;Nell Carter,'
                   '"[{""role"": ""Health Secretary"", ""country"": ""UK"", ""start"": ""2024-01"", ""end"": ""2024-06""}]",Q1\n')
    js = tmp_path / "people.jsonl"
    js.write_text('{"name": "Helen Carter", "aliases": ["H. Carter", "Nell Carter"], '
                  '"roles": [{"role": "Health Secretary", "country": "UK", "start": "2024-01", "end": "2024-06"}], "qid": "Q1"}\n')
    a, b = load_people(csv), load_people(js)
    assert a == b and a[0].aliases == ["H. Carter", "Nell Carter"] and a[0].roles[0].covers("2024-06-30")
    assert not a[0].roles[0].covers("2024-07-01")


@pytest.mark.parametrize("content, reason", [
    ("aliases\nx\n", "needs a header with a 'name' column"),
    ('name,roles\nA,"[{""role"": ""PM"", ""start"": ""soon""}]"\n', "is not a date"),
    ("name,roles\nA,[oops\n", "roles is not a JSON list"),
    ("name\n", "no people in the file"),
])
def test_people_file_errors_name_the_file_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    f = tmp_path / "people.csv"
    f.write_text(content)
    with pytest.raises(InputError, match=reason) as e:
        load_people(f)
    assert str(f) in str(e.value)
