"""Person names as comparable parts, and when two names can be the same person.

nameparser splits a name into title / first / middle / last; rapidfuzz tolerates a
typo in a first name.  Deliberately conservative: two full names merge only when
their surnames agree and their first names are equal, one is the other's initial,
a known nickname of it, or a misspelling of it (a swap of two letters, or one letter
off when one of the two is no known first name: "Ivana" and "Ivanka" are two real
names, so two people), and their generational suffixes agree ("X Jr." is not "X").
A bare surname is never
compared here: whether "Smith" is John or Bob depends on who else is in the store
and in the article (see :mod:`saywho.corpus.identity`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName
from rapidfuzz.distance import OSA

from ..lexicon import HONORIFICS

# Common English short forms (both directions are looked up).  A short list on
# purpose: a wrong nickname merges two people, a missing one only leaves two records.
_NICKNAMES: dict[str, set[str]] = {
    "william": {"bill", "billy", "will", "willy", "liam"}, "robert": {"bob", "bobby", "rob", "robbie", "bert"},
    "richard": {"rick", "ricky", "dick", "rich", "richie"}, "james": {"jim", "jimmy", "jamie"},
    "john": {"jack", "johnny", "jon"}, "michael": {"mike", "mick", "mickey"}, "elizabeth": {"liz", "beth", "lizzie", "betty"},
    "margaret": {"maggie", "meg", "peggy"}, "anthony": {"tony"}, "david": {"dave"}, "edward": {"ed", "eddie", "ted"},
    "catherine": {"kate", "cathy", "cat"}, "katherine": {"kate", "kathy", "katie"}, "nicholas": {"nick", "nicky"},
    "thomas": {"tom", "tommy"}, "joseph": {"joe", "joey"}, "benjamin": {"ben"}, "daniel": {"dan", "danny"},
    "christopher": {"chris"}, "alexander": {"alex"}, "alexandra": {"alex"}, "samuel": {"sam"}, "samantha": {"sam"},
    "stephen": {"steve"}, "steven": {"steve"}, "andrew": {"andy", "drew"}, "matthew": {"matt"}, "peter": {"pete"},
    "jonathan": {"jon"}, "timothy": {"tim"}, "susan": {"sue"}, "jennifer": {"jenny", "jen"}, "donald": {"don"},
    "ronald": {"ron"}, "gregory": {"greg"}, "patrick": {"pat"}, "patricia": {"pat", "patty"}, "rebecca": {"becky"},
    "deborah": {"debbie", "deb"}, "charles": {"charlie", "chuck"}, "frederick": {"fred"}, "kenneth": {"ken"},
    "lawrence": {"larry"}, "theodore": {"ted", "teddy"}, "victoria": {"vicky"}, "gordon": {"gordy"},
}
_NICK_OF: dict[str, set[str]] = {}
for _full, _nicks in _NICKNAMES.items():
    for _n in _nicks | {_full}:
        _NICK_OF.setdefault(_n, set()).update(_nicks | {_full})

#: Generational suffixes, folded: a name with one is not the same name without it.
_GENERATIONAL = {"jr": "jr", "junior": "jr", "jnr": "jr", "sr": "sr", "senior": "sr", "snr": "sr",
                 "ii": "ii", "2nd": "ii", "iii": "iii", "3rd": "iii", "iv": "iv", "4th": "iv", "v": "v"}


def fold(s: str) -> str:
    """Case, accents and spacing folded: "Séverine  LE PEN" -> "severine le pen"."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'")
    return " ".join(s.casefold().split())


@dataclass(frozen=True)
class NameParts:
    """A person's name as parts, folded.  ``first`` may be an initial ("j")."""

    first: str
    middle: str
    last: str
    suffix: str = ""  # generational only: "jr", "sr", "ii", "iii", ...

    @property
    def full(self) -> bool:
        """A first name (or initial) and a surname: "John Smith", "J. Smith"."""
        return bool(self.first and self.last)

    @property
    def initial_only(self) -> bool:
        return len(self.first) == 1


@lru_cache(maxsize=65536)
def parse(name: str) -> NameParts:
    """Parts of a person's name, titles dropped ("Sir Keir Starmer" -> keir / starmer).

    One word is a surname ("Smith"), not a first name as nameparser would have it.
    """
    words = [w for w in re.split(r"\s+", name.strip().replace(",", " ")) if w]
    while len(words) > 1 and fold(words[0]).rstrip(".") in HONORIFICS:
        words = words[1:]
    suffix = ""
    if len(words) > 1 and _word(words[-1]) in _GENERATIONAL:
        suffix, words = _GENERATIONAL[_word(words[-1])], words[:-1]
    if len(words) == 1:
        return NameParts("", "", _word(words[0]), suffix)
    h = HumanName(" ".join(words))
    first, middle, last = _word(h.first), " ".join(_word(w) for w in h.middle.split()), _word(h.last)
    if not last and first:  # a title nameparser kept ("Sir Smith")
        return NameParts("", "", first, suffix)
    return NameParts(first, middle, last, suffix)


def _word(w: str) -> str:
    return fold(w).strip(".,'\"")


def first_compatible(a: str, b: str) -> bool:
    """First names that can be one person's: equal, an initial, a nickname, a typo."""
    if not a or not b:
        return True
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if b in _NICK_OF.get(a, ()):
        return True
    # "Kier"/"Keir", "Micheal"/"Michael": one edit or swap apart, in names of 4 letters or more.
    if not (min(len(a), len(b)) >= 4 and a[0] == b[0] and OSA.distance(a, b) <= 1):
        return False
    if sorted(a) == sorted(b):
        return True  # two letters swapped: a misspelling, even of a known name
    # One letter added, dropped or changed: a typo only when one of the two is no known
    # first name ("Jonathon"); two known names ("Ivana"/"Ivanka", "Christina"/"Christine")
    # are two people.
    return not (_known_first_name(a) and _known_first_name(b))


@lru_cache(maxsize=1)
def _first_name_detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as gd  # a word list: loaded once, on first use

    return gd.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def _known_first_name(name: str) -> bool:
    """A first name the gender_guesser name list knows (in any country)."""
    return _first_name_detector().get_gender(name) != "unknown"


def compatible(a: NameParts, b: NameParts) -> bool:
    """Two full names that can be the same person (surname and first name agree, middle
    names do not contradict each other)."""
    if not (a.full and b.full):
        return False
    if a.suffix != b.suffix:
        return False  # "Donald Trump Jr." is not "Donald Trump"; "Sr." is not "Jr."
    if a.last != b.last and not (min(len(a.last), len(b.last)) >= 6 and OSA.distance(a.last, b.last) <= 1):
        return False
    if not first_compatible(a.first, b.first):
        return False
    if a.middle and b.middle:
        ma, mb = a.middle.split()[0], b.middle.split()[0]
        if not first_compatible(ma, mb):
            return False
    return True


def role_key(name: str) -> str:
    """A role as written for lookup: "the Prime Minister's" -> "prime minister"."""
    s = fold(name)
    s = re.sub(r"^(the|a|an)\s+", "", s)
    s = re.sub(r"'s?$", "", s)
    return s.strip(" .,")
