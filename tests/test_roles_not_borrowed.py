"""Roles come only from an apposition, a pre-modifier or a copula about the person
(issue #15): a role phrase elsewhere in the sentence, about someone else, is not
borrowed ("the 45th President" is not the opposition leader's role).  Invented texts."""
from __future__ import annotations

from saywho.pipeline import extract


def roles(text: str) -> dict[str, list[str]]:
    return {p.name: p.roles for p in extract(text, published="2025-03-10").people if p.kind == "person"}


def test_a_role_about_someone_else_in_the_sentence_is_not_borrowed() -> None:
    text = ("Premier Tomas Veldt met Orrin Blakewell in Geneva.\n"
            "The call came after Veldt faced criticism from Green leader Marisol Quade over "
            "Hollis's previous comments about the 52nd President.\n"
            'Quade said: "The Premier met him in September."\n')
    got = roles(text)
    assert "Marisol Quade" in got
    assert got["Marisol Quade"] == ["Green leader"]
    assert not any("President" in r for rs in got.values() for r in rs)


def test_apposition_premodifier_and_copula_give_roles() -> None:
    text = ("Kate Marlow, the harbour commissioner, said the port would open. "
            "Deputy Mayor Tom Veldt agreed. Paul Blakewell is the fisheries minister.")
    got = roles(text)
    assert got["Kate Marlow"] == ["harbour commissioner"]
    assert got["Tom Veldt"] == ["Deputy Mayor"]
    assert got["Paul Blakewell"] == ["fisheries minister"]


def test_a_hypothesis_or_a_plain_person_noun_is_no_role() -> None:
    text = ("Imagine if Tom Veldt were a woman, the columnist wrote. "
            "Kate Marlow was the winner of the debate, said Paul Blakewell. Paul Blakewell is the fisheries minister.")
    got = roles(text)
    assert got.get("Tom Veldt", []) == []
    assert got.get("Kate Marlow", []) == []
    assert got["Paul Blakewell"] == ["fisheries minister"]
