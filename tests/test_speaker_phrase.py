"""The phrase that introduces a speaker at a quote (``Speaker.phrase``): the whole noun
phrase as written, with its apposition, bracketed party and state or relative clause,
never the quote's words, its cue, or a clause of the sentence's own."""
from __future__ import annotations

import pytest

from saywho.pipeline import extract


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    art = extract(text, id="t")
    return [(q.speaker.mention, q.speaker.phrase) for q in art.quotes if q.speaker]


@pytest.mark.parametrize(
    ("text", "mention", "phrase"),
    [
        # an apposition after the name, set off by commas: both commas belong to it
        ("Maria Lindqvist, the head of the port authority, said the cranes would be replaced by June.",
         "Maria Lindqvist", "Maria Lindqvist, the head of the port authority,"),
        # the name in apposition to a description: one phrase
        ("The union's general secretary, Tom Okafor, said members would vote next week.",
         "Tom Okafor", "The union's general secretary, Tom Okafor,"),
        # party and state in brackets
        ("Sen. Dana Whitlock (D-Ore.) said the bill would fail.",
         "Sen. Dana Whitlock", "Sen. Dana Whitlock (D-Ore.)"),
        # a relative clause says who the source is
        ("A council official who asked not to be named said the budget was short by $4 million.",
         "A council official", "A council official who asked not to be named"),
        # inverted: the apposition after "said X"
        ('"We are not giving up," said Priya Raman, a spokeswoman for the hospital.',
         "Priya Raman", "Priya Raman, a spokeswoman for the hospital"),
        # a pronoun's phrase is the pronoun
        ("Grace Okafor spoke first. She said the plan was sound.", "She", "She"),
        # a relative clause in the perfect is no participle of its own
        ("Tom Black, who has been friends with the mayor for 40 years, said the vote was fair.",
         "Tom Black", "Tom Black, who has been friends with the mayor for 40 years,"),
        # a town and its state are one name inside the phrase
        ("Steven Ekovich, a broker based in Tampa, Fla., said prices were falling.",
         "Steven Ekovich", "Steven Ekovich, a broker based in Tampa, Fla.,"),
        # an aside about another noun is not about the speaker
        ("Ben Zipper, an economist at the Harwell Center, a liberal think tank, said wages had stalled.",
         "Ben Zipper", "Ben Zipper, an economist at the Harwell Center,"),
        # a participle set off by commas is the sentence's, not the speaker's
        ("Lena Brandt, speaking to reporters in Hamburg, said the deal was close.",
         "Lena Brandt", "Lena Brandt"),
        # where it was said is the sentence's too
        ("Arjun Iyer, in a post on social media, said the line would reopen on Monday.",
         "Arjun Iyer", "Arjun Iyer"),
    ],
)
def test_phrase_covers_what_introduces_the_speaker(text: str, mention: str, phrase: str) -> None:
    got = _speakers(text)
    assert (mention, phrase) in got, got


def test_phrase_never_enters_the_quote_and_points_into_the_text() -> None:
    text = ('"The figures," said Ruth Adeyemi, who chairs the committee, "do not add up."\n\n'
            'Ruth Adeyemi, the committee chair, told reporters the review would take a year.')
    art = extract(text, id="t")
    assert art.quotes
    for q in art.quotes:
        sp = q.speaker
        assert sp is not None and sp.phrase is not None and sp.phrase_start is not None and sp.phrase_end is not None
        assert text[sp.phrase_start:sp.phrase_end] == sp.phrase
        assert sp.mention_start is not None and sp.mention_end is not None
        assert sp.phrase_start <= sp.mention_start and sp.mention_end <= sp.phrase_end
        for a, b in q.verbatim:
            assert sp.phrase_end <= a or b <= sp.phrase_start, (sp.phrase, q.verbatim_text)
