"""Whether the first word of a name is a given name, or a word the NER fused to one.

The NER joins a capitalised word before a surname into one PERSON: "With Obama"
in a title-case headline, "Derelict Obama" at the start of a sentence, "Crooked
Hillary" in a nickname.  Kept, such a name becomes a second full name with the same
surname, and then a bare "Obama" is ambiguous everywhere.  Such a word is dropped
when the article also names the rest on its own (:func:`drop_non_given`).  The test here is about
the word, never about the name being unknown: a rare given name ("Zorvan Quell")
is no English word and survives.

A first word is not a given name when the first-name list does not know it and

* it is a function word ("With", "On", "The"); or
* it is an English adjective or adverb ("Derelict", "Crooked"): epithets and
  headline words, whatever their position; or
* it is an English noun or verb form ("Hid", "Spike") and every time the article
  writes the name, its capital says nothing: at the start of a sentence or in a
  title-case line.
"""
from __future__ import annotations

import functools
import re

import numpy
from spacy.attrs import IS_TITLE, POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.symbols import ADJ as ADJ_ID, ADV as ADV_ID, NOUN as NOUN_ID, PROPN as PROPN_ID
from spacy.tokens import Doc, Token

from .gender import detector

__all__ = ["common_word", "drop_non_given", "english_word", "is_given_name", "name_positions"]

#: Word classes of the pipeline's lemmatizer tables that never name a person's first name
#: (nouns and verbs do: "Spike", "Mitt", unless the capital is only positional).
_DESCRIBING = ("adj", "adv")


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, set[str]], dict[str, list[list[str]]]]:
    """The English vocabulary of the pipeline's rule lemmatizer (WordNet lemmas, their
    irregular forms, and the suffix rules), by word class; empty without those tables."""
    from ..nlp import load

    try:
        lookups = load().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index, exc, rules = (lookups.get_table(t) for t in ("lemma_index", "lemma_exc", "lemma_rules"))
    except (KeyError, AttributeError):  # another pipeline without a rule lemmatizer
        return {}, {}
    words: dict[str, set[str]] = {}
    suffixes: dict[str, list[list[str]]] = {}
    for pos in ("adj", "adv", "noun", "verb"):
        words[pos] = set(index.get(pos, [])) | set(exc.get(pos, {}))
        suffixes[pos] = list(rules.get(pos, []))
    return words, suffixes


@functools.lru_cache(maxsize=65536)
def _word_classes(word: str) -> frozenset[str]:
    """The classes (adj, adv, noun, verb) of which ``word`` (lower case) is a form."""
    words, suffixes = _tables()
    out = set()
    for pos, vocab in words.items():
        if word in vocab or any(word.endswith(old) and word[: len(word) - len(old)] + new in vocab
                                for old, new in suffixes.get(pos, []) if old):
            out.add(pos)
    return frozenset(out)


@functools.lru_cache(maxsize=65536)
def _known_first_name(word: str) -> bool:
    return detector().get_gender(word) != "unknown"


def english_word(word: str) -> bool:
    """``word`` is a form of an English noun, verb, adjective or adverb (first names
    included: "Will", "Rose")."""
    low = word.lower()
    return low.isalpha() and bool(_word_classes(low))


def name_positions(doc: Doc) -> numpy.ndarray:
    """The token indices that may start or continue a name, sorted: the proper nouns
    (found in the POS column: a Token made for every word was a fifth of the stage's
    time), and the capitalised words the tagger took for a noun, adjective or adverb
    that are no English word ("Wiggins caught the eye", "Polly has two sisters")."""
    arr = doc.to_array([POS, IS_TITLE])
    propn = numpy.flatnonzero(arr[:, 0] == PROPN_ID)
    mistagged = [int(k) for k in numpy.flatnonzero(numpy.isin(arr[:, 0], _MISTAGGED) & (arr[:, 1] == 1))
                 if _name_shaped(doc[int(k)])]
    return numpy.union1d(propn, mistagged) if mistagged else propn


#: Tags under which the tagger files a name it does not know ("Wiggins" a noun, "Polly" an adverb).
_MISTAGGED = numpy.array([NOUN_ID, ADJ_ID, ADV_ID])


def _name_shaped(t: Token) -> bool:
    """A capitalised word (not one of a heading written in capitals) that is no English word."""
    return t.is_alpha and len(t) > 2 and t.text[1:].islower() and not english_word(t.text)


def common_word(word: str) -> bool:
    """``word`` is an English word ("Speech") and no listed first name."""
    low = word.lower()
    return low.isalpha() and bool(_word_classes(low)) and not _known_first_name(low)


def _title_case_line(text: str, pos: int) -> bool:
    """The line around ``pos`` is written in title case (a headline): nearly every
    longer word capitalised, so a capital there says nothing about a name."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    line = text[lo:hi if hi >= 0 else len(text)]
    long_words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", line) if len(w) >= 4]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\"“‘'(")
    return not before or before.endswith(("\n", ".", "?", "!", ":", ";", "—", "–"))


def _capital_informative(text: str, name: str) -> bool:
    """The article writes ``name`` somewhere a capital is not due to position."""
    for m in re.finditer(r"(?<![\w’'])" + r"\s+".join(re.escape(w) for w in name.split()) + r"\b", text):
        if not _sentence_start(text, m.start()) and not _title_case_line(text, m.start()):
            return True
    return False


def is_given_name(word: str, rest: list[str], text: str = "") -> bool:
    """Whether ``word``, written before ``rest`` (the other words of a name) in ``text``
    (the article), can be a person's given name (see the module's rules)."""
    low = word.lower().strip(".")
    if not low.isalpha() or len(low) < 2 or _known_first_name(low):
        return True  # initials, hyphenated and listed first names are not judged here
    if low in STOP_WORDS:
        return False
    classes = _word_classes(low)
    if any(c in classes for c in _DESCRIBING):
        return False
    if classes:
        return bool(text) and _capital_informative(text, " ".join([word, *rest]))
    return True


def _named_without(text: str, word: str, rest: list[str]) -> bool:
    """The article writes ``rest`` somewhere without ``word`` just before it ("Obama"
    alone, or "President Obama", besides "With Obama")."""
    for m in re.finditer(r"(?<![\w’'])" + r"\s+".join(re.escape(w) for w in rest) + r"\b", text):
        before = re.search(r"([\w’'.]+)\s*$", text[max(0, m.start() - 40):m.start()])
        if before is None or before.group(1) != word:
            return True
    return False


def drop_non_given(core: list[str], text: str) -> list[str]:
    """``core`` (a name's words, titles dropped) without the leading words that are no
    given name, when the article also names the rest on its own ("With Obama" ->
    "Obama").  "Zorvan Quell" stays whole, and so does a name whose rest the article
    never writes alone ("Zero Hedge": dropping would invent a name).  Words after a
    surname are not judged: surnames are English words too ("Trump", "Gates")."""
    k = 0
    while k < len(core) - 1 and core[k + 1][:1].isupper() and not is_given_name(core[k], core[k + 1:], text):
        k += 1
    return core[k:] if k and _named_without(text, core[k - 1], core[k:]) else core
