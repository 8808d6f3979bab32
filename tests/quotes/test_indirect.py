"""Step 7: indirect speech and "according to" (needs the spaCy model)."""
from __future__ import annotations

from saywho import nlp
from saywho.quotes.indirect import indirect_quotes
from saywho.quotes.marks import paragraphs


def reported(text: str) -> list[tuple[str, str | None, str]]:
    doc = nlp.parse(text)
    out = indirect_quotes(doc, [], paragraphs(text, []), [])
    return [(text[f.start:f.end], f.cue, text[f.mention[0]:f.mention[1]]) for f in out]


def test_reported_clause_after_that() -> None:
    assert reported("The prime minister has made it clear that taxes will not rise.") == [
        ("taxes will not rise", "has made it clear", "The prime minister")
    ]


def test_report_before_the_attribution() -> None:
    assert reported("Nurses will walk out next month, the union has announced.") == [
        ("Nurses will walk out next month", "has announced", "the union")
    ]


def test_according_to() -> None:
    assert reported("According to the police, the suspect fled the scene on foot.") == [
        ("the suspect fled the scene on foot", "According to", "the police")
    ]


def test_debris_paragraph_is_left_out() -> None:
    text = "The union has announced that nurses will strike."
    doc = nlp.parse(text)
    paras = paragraphs(text, [])
    paras[0].skipped = True
    assert indirect_quotes(doc, [], paras, []) == []
