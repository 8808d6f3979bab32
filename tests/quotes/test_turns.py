"""Step 4b: transcript turns ("PENCE: ...") are direct quotes of the named speaker."""
from __future__ import annotations

import pytest

import saywho
from saywho.quotes.marks import paragraphs
from saywho.quotes.turns import transcript_turns

DEBATE = (
    "Senators Ana Ruiz and Tom Hale met in a televised debate on Tuesday.\n"
    "RUIZ: We will cut bus fares for every student.\n"
    "HALE: That plan has no money behind it.\nIt would double the deficit.\n"
    "RUIZ: The numbers are in our budget.\n"
    "The debate then turned to housing."
)


def turns(text: str) -> list[tuple[str, str | None]]:
    return [(text[f.start:f.end], f.signed_name) for f in transcript_turns(text, paragraphs(text, []))]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (DEBATE, [("We will cut bus fares for every student.", "Ruiz"),
                  ("That plan has no money behind it.\nIt would double the deficit.", "Hale"),
                  ("The numbers are in our budget.", "Ruiz")]),
        # a host named only in the labels; a stage note ends a turn
        ("Governor Ana Ruiz spoke to the show.\nLEE PARK: Will you run again?\nRUIZ: I have not decided.\n"
         "(END CLIP)\nPARK: Why not?\nRUIZ: My family comes first.",
         [("Will you run again?", "Lee Park"), ("I have not decided.", "Ruiz"), ("Why not?", "Lee Park"),
          ("My family comes first.", "Ruiz")]),
        # section labels the prose never names are headings, not speakers
        ("The council met.\nWHY IT MATTERS: Rents rose again.\nWHAT COMES NEXT: A vote in May.", []),
        # one speaker alone is a run-in label, not a transcript
        ("Ruiz spoke.\nRUIZ: We will cut fares.", []),
        ("Ruiz and Hale spoke.\nCORRECTION: An earlier version misspelled Hale.\nRUIZ: We will cut fares.", []),
        # a magazine's Title Case labels, two speakers alternating and named in the prose
        ("Lena Park spoke to the novelist Tom Hale.\nPark: Why did you write it?\nHale: I was angry.\n"
         "Park: And now?\nHale: Still angry.",
         [("Why did you write it?", "Park"), ("I was angry.", "Hale"), ("And now?", "Park"), ("Still angry.", "Hale")]),
        # datelines and one-off run-in headings are no speakers
        ("Washington: The Senate voted.\nUpdate: The House follows.\nWashington: More later.", []),
    ],
)
def test_transcript_turns(text: str, want: list[tuple[str, str | None]]) -> None:
    assert turns(text) == want


def test_turns_in_the_pipeline() -> None:
    art = saywho.extract(DEBATE, published="2025-03-10", id="debate")
    got = [(q.text, q.type, q.speaker.name if q.speaker else None) for q in art.quotes]
    assert ("We will cut bus fares for every student.", "direct", "Ana Ruiz") in got
    assert ("The numbers are in our budget.", "direct", "Ana Ruiz") in got
    assert any(t.startswith("That plan has no money") and s == "Tom Hale" for t, _, s in got)


def test_quoted_transcript_turns() -> None:
    # a transcript excerpt quoted in the body: each paragraph reopens with a mark
    text = ("Pence spoke to Fox News on Sunday.\n\n"
            "\"WALLACE: Will she be there?\n\n"
            "\"PENCE: She will not be attending the debate. That is final.\n\n"
            "\"(CROSSTALK.)\n\n"
            "\"WALLACE: Why not?\n\n"
            "\"PENCE: Because it is a distraction.\"")
    got = turns(text)
    assert [t for t, _ in got] == ["Will she be there?", "She will not be attending the debate. That is final.",
                                   "Why not?", "Because it is a distraction."]
    assert {n for _, n in got} == {"Pence", "Wallace"}
