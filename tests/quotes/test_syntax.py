"""Cue and subject detection on the parse (needs the spaCy model)."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc, Token

from saywho import nlp
from saywho.quotes.syntax import cue_phrase, is_cue, mention_span, object_content, speaker_of, tok_at


def cue_in(text: str) -> tuple[Doc, Token]:
    doc = nlp.parse(text)
    cues = [t for t in doc if is_cue(t)]
    assert len(cues) == 1, cues
    return doc, cues[0]


def mention(doc: Doc, tok: Token) -> str:
    s, e = mention_span(tok)
    return doc.text[s:e]


def test_speech_verb_and_its_subject_with_apposition() -> None:
    doc, cue = cue_in("The mayor, Maria Lopez, said on Tuesday that the bridge would reopen.")
    assert cue_phrase(cue)[0] == "said"
    assert mention(doc, speaker_of(cue)) == "Maria Lopez"


def test_light_verb_cue_phrase() -> None:
    doc, cue = cue_in("The prime minister has made it clear that taxes will not rise.")
    phrase, s, e = cue_phrase(cue)
    assert phrase == "has made it clear" and doc.text[s:e] == phrase
    assert mention(doc, speaker_of(cue)) == "The prime minister"


def test_intransitive_only_verb_with_object_is_no_cue() -> None:
    doc = nlp.parse("Israel would continue its operations in Gaza.")
    assert not any(is_cue(t) for t in doc)


def test_mention_keeps_of_phrase() -> None:
    doc, cue = cue_in("Allies of Mr Trump told reporters that he would run.")
    assert mention(doc, speaker_of(cue)) == "Allies of Mr Trump"


def test_according_to() -> None:
    doc, cue = cue_in("According to the police, the suspect fled the scene on foot.")
    assert cue_phrase(cue)[0] == "According to"
    assert mention(doc, speaker_of(cue)) == "the police"


def test_tok_at() -> None:
    doc = nlp.parse("Ann said yes.")
    assert tok_at(doc, 5).text == "said"


@pytest.mark.parametrize("text, want", [
    # a focus adverb before the subject is not part of whom it names
    ("Even Norway, the region's largest lender and its oldest partner, said it was opposed to the levy.", "Norway"),
    # "Both" of "Both X and Y"; the conjuncts stay one mention
    ("Both Mr. Park and Mr. Okafor say the station never edited them.", "Mr. Park and Mr. Okafor"),
    # conjuncts without "and" are an apposition the parser took for a list
    ("Developers and supporters said the plan would pass.", "Developers and supporters"),
])
def test_mention_words_before_whom_it_names(text: str, want: str) -> None:
    doc, cue = cue_in(text)
    assert mention(doc, speaker_of(cue)) == want


@pytest.mark.parametrize("text, cue_word, want", [
    # a gerund under a preposition is said by the subject of the verb it modifies...
    ("After saying that the budget would fail, Warren voted for it.", "saying", "Warren"),
    # ...or by the subject it hangs from
    ("The mayor, despite admitting that the plan had flaws, said it would go ahead.", "admitting", "The mayor"),
    # a gerund frame beside a cue has the first verb's subject
    ("The mayor praised the crews, but stopped short of calling the response a success.", "calling", "The mayor"),
    # a "which" clause's cue is said by its antecedent
    ("Reporters turned to the Denver Fire Department, which reported that 40 homes had burned.", "reported",
     "the Denver Fire Department"),
    # the parser may make "Of" the subject; the noun after the comma speaks
    ("Of Carson, Levine, who has given money to the party, said the plan was scary.", "said", "Levine"),
])
def test_speaker_of_a_cue_the_parse_hides(text: str, cue_word: str, want: str) -> None:
    doc = nlp.parse(text)
    cue = next(t for t in doc if t.text == cue_word)
    subj = speaker_of(cue)
    assert subj is not None and mention(doc, subj) == want


def test_expletive_it_names_no_gerund_speaker() -> None:
    doc = nlp.parse("It goes without saying that the tax plan is unpopular.")
    cue = next(t for t in doc if t.text == "saying")
    subj = speaker_of(cue)
    assert subj is None or subj.lower_ != "it"


def test_no_inverted_subject_after_a_gerund() -> None:
    # after a gerund, the name is its object, never its speaker
    doc = nlp.parse("The senator posted a series of messages criticizing Dana Levy, the former chair, on Friday.")
    cue = next(t for t in doc if t.text == "criticizing")
    subj = speaker_of(cue)
    assert subj is None or mention(doc, subj) != "Dana Levy"


def test_citing_a_source_reports_no_content() -> None:
    doc = nlp.parse("The cuts were first reported by the newspaper, which cited two people familiar with the matter.")
    cue = next(t for t in doc if t.text == "cited")
    assert object_content(cue) is None


def test_gerund_on_a_noun_is_said_by_that_noun() -> None:
    doc = nlp.parse("The clip shows critics saying the plan would fail.")
    cue = next(t for t in doc if t.text == "saying")
    subj = speaker_of(cue)
    assert subj is not None and subj.text == "critics"
