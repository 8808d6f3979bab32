"""Names of people: titles, epithets, first-name gender, and clustering name forms.

"Sir Keir Starmer", "Sir Keir", "Starmer" and "Mr Starmer" are one person; the
canonical name is the fullest form with titles dropped (``Entity.name``).
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..lexicon import FEMALE_HONORIFICS, MALE_HONORIFICS, PERSON_NOUNS, POST_NOMINALS, ROLE_HEAD_NOUNS, TITLES
from ..nlp import text_of
from ..quotes.marks import ANY_MARK
from .entities import Entity
from .gender import detector
from .given import common_word, drop_non_given, is_given_name

#: A possessive ending, dropped from a name ("Starmer's").
NAME_RE = re.compile(r"[’']s$")
_ROLE_SUFFIX = re.compile(r"(er|or|ist|ian|ant|ent|man|woman|ive)$", re.I)
#: Title words that say nothing about the person and are not kept as titles.
_NOT_KEPT_TITLES = ("the", "a", "an", "his", "her", "mr", "mrs", "ms", "miss", "dr")


def first_name_gender(first: str) -> str | None:
    """"male" or "female" when ``first`` is a first name of (mostly) that gender, else None."""
    if not first or len(first) < 2:
        return None
    # only a name the list gives one gender everywhere: "mostly" one gender over all
    # countries is often the other in the article's ("Bernie" is mostly female in the
    # list's pooled counts, male in the US), and a wrong gender is worse than none
    g = detector().get_gender(first)
    if g == "male":
        return "male"
    if g == "female":
        return "female"
    return None


def norm(s: str) -> str:
    """Curly apostrophes made straight and white space collapsed."""
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip()


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading title words from a name: (titles, name words)."""
    titles = []
    i = 0
    while i < len(words) and (words[i].lower().strip(".") in TITLES or words[i].lower() in TITLES or role_word(words[i], len(words) - i)):
        titles.append(words[i])
        i += 1
    return titles, words[i:]


def role_word(word: str, remaining: int) -> bool:
    """A capitalised role noun fused to a name by the NER ("Campaigner Ruth Adler")."""
    if remaining < 3:
        return False
    w = word.lower()
    if w in PERSON_NOUNS:
        return True
    return bool(_ROLE_SUFFIX.search(w)) and first_name_gender(word) is None and detector().get_gender(word) == "unknown"


def other_first_name(low: list[str], names: list[str]) -> bool:
    """True when one of ``names`` is a full name whose first name differs from ``low``'s
    (initials compatible: "J. Smith" fits "John Smith")."""
    for n in names:
        nl = n.lower().split()
        if len(nl) >= 2 and nl[-1] == low[-1]:
            a, b = nl[0].strip("."), low[0].strip(".")
            if a != b and not (len(a) == 1 and b.startswith(a)) and not (len(b) == 1 and a.startswith(b)):
                return True
    return False


def trim_epithet(span: Span) -> Span:
    """Drop a nickname or epithet the NER fused to a name: "Crooked Hillary Clinton",
    "Universe Alicia Machado" (the first word is no first name, the second is)."""
    while len(span) >= 3 and first_name_gender(span[0].text) is None and first_name_gender(span[1].text) is not None:
        span = span[1:]
    return span


def name_parts(span: Span) -> list[Span]:
    """The names in a PERSON span the NER ran across a clause: "George confronts Benji"
    (a verb between two names: both), "Hancock a Special Recognition Award" (an
    indefinite article after the name: the name before it).  A span with no such word
    is one name ("Peter the Great", "Ludwig van Beethoven")."""
    # the clause's word: a verb, or an English word the tagger took for a noun
    # ("confronts"); a short particle ("van", "de", "ji", "bin") belongs to the name
    cut = next((t for t in span[1:] if t.is_lower and t.is_alpha and (
        t.pos_ in ("VERB", "AUX") or t.lower_ in ("a", "an") or len(t) >= 4 and common_word(t.text))), None)
    if cut is None:
        return [span]
    doc = span.doc
    parts = [doc[span.start:cut.i]]
    rest = doc[cut.i + 1:span.end]
    if cut.lower_ not in ("a", "an") and len(rest) and all(t.pos_ == "PROPN" for t in rest) and not common_word(rest[-1].text):
        parts.append(rest)
    return parts


def full_name_in_text(text: str, surname: str) -> str | None:
    """A surname seen alone ("Mrs Badenoch") whose full name the NER missed
    elsewhere ("Angela Rayner and Kemi Badenoch"): a known first name before it."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"\b([A-Z][a-z'’\-]+) " + re.escape(surname) + r"\b", text):
        first = m.group(1)
        before = text[max(0, m.start() - 2):m.start()]
        sentence_start = m.start() == 0 or before.endswith(("\n", ". ", "? ", "! ", "“", '"'))
        if first.lower() not in TITLES and is_given_name(first, [surname], text) \
                and (first_name_gender(first) is not None or not sentence_start):
            counts[first] = counts.get(first, 0) + 1
    if len(counts) != 1:  # none, or two people sharing the surname
        return None
    return f"{next(iter(counts))} {surname}"


def _surname_then_word(e: Entity, more: list[str]) -> bool:
    """``e``'s one name, no known first name, has a gender: given by "Mr." or "Mrs."
    (names are gathered before pronouns are resolved), so it was written as a surname,
    and what follows it in a longer name is English words ("Obama Speech" in a
    headline), not the rest of a name written surname first ("Ban Ki-moon")."""
    return bool(e.gender) and first_name_gender(e.names[0]) is None and all(common_word(w) for w in more)


def _matching_person(entities: list[Entity], core: list[str], titles: list[str]) -> Entity | None:
    """The known person whose name forms ``core`` fits; longer forms of a name seen
    first as a surname are added to that person's names."""
    low = [w.lower() for w in core]
    best: Entity | None = None
    matches: list[Entity] = []
    for e in entities:
        if e.kind != "person":
            continue
        if len(low) >= 2 and other_first_name(low, e.names):
            continue  # "Ted Cruz" is not "Rafael Cruz", whatever bare "Cruz" they share
        if len(low) >= 2 and e.gender and all(" " not in n for n in e.names) \
                and first_name_gender(core[0]) not in (None, e.gender):
            continue  # "Michelle Obama" is not the "Mr. Obama" seen before (first names guess a gender)
        for n in e.names:
            nl = n.lower().split()
            if low == nl or (len(low) == 1 and low[0] == nl[-1]) or (len(low) < len(nl) and low == nl[-len(low):]):
                best = e
                matches.append(e)
            elif len(low) == 1 and len(nl) > 1 and low[0] == nl[0] and any(x.lower() in ("sir", "dame", "lord", "lady") for x in titles):
                best = e  # "Sir Keir": a knight is known by first name
            elif len(nl) < len(low) and (nl == low[-len(nl):] or nl == low[:len(nl)] and len(e.names) == 1
                                            and not _surname_then_word(e, core[len(nl):]))\
                    or (len(nl) == 1 and nl[0] == low[-1]):
                best = e  # a longer form of a name seen first as a surname
                if " ".join(core) not in e.names:
                    e.names.append(" ".join(core))
    if best is None and len(low) == 1 and first_name_gender(core[0]) is not None:
        # a first name alone ("Daisy") is the one person of the article who has it
        firsts = [e for e in entities if e.kind == "person" and any(len(n.split()) > 1 and n.split()[0].lower() == low[0] for n in e.names)]
        if len(firsts) == 1:
            best = firsts[0]
    if len({id(m) for m in matches}) > 1:
        # a bare surname two people share: the one the article is most about
        best = max(matches, key=lambda m: (len(m.mentions), -m.key))
    return best


def person_for_name(entities: list[Entity], text: str, name: str, titles: list[str] | None = None,
                    create: bool = True, gender: str | None = None) -> Entity | None:
    """The person ``name`` names among ``entities`` (the article's, in ``text``): a known
    one whose name forms fit, else a new one appended to ``entities`` (unless not
    ``create``).  Titles and first names on the way give the person titles and gender."""
    words = [w for w in norm(NAME_RE.sub("", name)).split() if w]
    if not words:
        return None
    t, core = strip_titles(words)
    while len(core) > 2 and core[-1].strip(".,").upper() in POST_NOMINALS and core[-1].strip(".,").isupper():
        core = core[:-1]  # "Fiona Clarke KC": the name is Fiona Clarke
    titles = (titles or []) + t
    if create:  # a new name: "With Obama" is Obama, not a second full name (a lookup stays literal)
        core = drop_non_given(core, text)
    if not core or not core[0][:1].isupper():
        return None
    best = _matching_person(entities, core, titles)
    if best is None:
        if not create:
            return None
        best = Entity(key=len(entities), kind="person", names=[" ".join(core)])
        if len(core) == 1:
            full = full_name_in_text(text, core[0])
            if full:
                best.names.append(full)
        entities.append(best)
    elif " ".join(core) not in best.names:
        best.names.append(" ".join(core))
    for ti in titles:
        tl = ti.lower().strip(".")
        if tl in MALE_HONORIFICS:
            best.gender = "male"
        elif tl in FEMALE_HONORIFICS:
            best.gender = "female"
        if tl not in _NOT_KEPT_TITLES:
            best.titles.add(tl)
    if gender and not best.gender:
        best.gender = gender
    if best.gender is None and len(core) > 1:
        best.gender = first_name_gender(core[0])
    elif best.gender is None and len(core) == 1 and all(" " not in n for n in best.names):
        # "Kevin was snoring": a first name used alone says the gender as well (a
        # surname alone says nothing: no first-name table holds "Okafor")
        best.gender = first_name_gender(core[0])
    return best


# ------------------------------------------------------------------ roles written around a name


def premodifiers(span: Span) -> list[Token]:
    """Role words right before a name in the same noun phrase."""
    doc = span.doc
    toks: list[Token] = []
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        # "President and Michelle Obama": a conjunct's title is the other person's
        # a hyphen inside a word goes on ("President-elect Donald Trump")
        inner_hyphen = t.text in ("-", "–") and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_
        if t.is_space or t.is_punct and not inner_hyphen or t.dep_ == "cc" or t.pos_ == "CCONJ" or t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and toks:
            break
        if t.dep_ in ("compound", "amod", "nmod", "det", "poss", "case", "nummod") or t.head.i >= span.start and t.head.i < span.end or t.head in toks:
            if t.pos_ in ("VERB", "ADP", "PRON") or t.dep_ in ("case",) and not toks:
                break
            toks.insert(0, t)
            i -= 1
            continue
        break
    while toks and (toks[0].dep_ in ("det", "poss", "case") or toks[0].pos_ in ("DET",)):
        toks = toks[1:]
    return toks


def role_text(pre: list[Token]) -> str | None:
    """The role written before a name ("former foreign secretary"), as written;
    None unless it holds a noun of office or person ("strategically important" is not a role)."""
    toks = [t for t in pre if t.lower_.strip(".") not in MALE_HONORIFICS | FEMALE_HONORIFICS | {"dr", "prof"}]
    while toks and toks[0].pos_ in ("ADV", "VERB", "PUNCT", "CCONJ"):
        toks = toks[1:]
    if not toks or any(t.pos_ == "VERB" for t in toks):
        return None
    nouny = [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    if not any(t.lower_ in PERSON_NOUNS or t.lower_ in TITLES or t.lemma_.lower() in PERSON_NOUNS for t in nouny):
        return None
    doc = toks[0].doc
    return text_of(doc)[toks[0].idx:toks[-1].idx + len(toks[-1])]


def appositions(span: Span) -> list[str]:
    """Roles in apposition to a name: "Marco Rubio, the secretary of state"."""
    out = []
    root = span.root
    for c in root.children:
        # (a role word tagged as a proper noun too: "Clive Lewis, the Labour MP for ...":
        # a description with its article right after the name's comma, holding no other
        # person's name, of one name only; the parser's PROPN appositions are otherwise
        # often a title across a colon or of the next name)
        if c.dep_ == "appos" and (c.pos_ == "NOUN" or c.pos_ == "PROPN" and c.lower_ in PERSON_NOUNS | TITLES
                                  and any(g.dep_ == "det" for g in c.children)
                                  and not any(g.dep_ == "conj" for g in root.children)
                                  and span.end < len(span.doc) and span.doc[span.end].text == ","
                                  and c.left_edge.i == span.end + 1
                                  and not any(t.ent_type_ == "PERSON" for t in c.subtree if t.i <= c.i)):
            toks = [t for t in c.subtree if t.dep_ not in ("det", "punct")]
            if toks and len(toks) <= 8:
                out.append(" ".join(t.text for t in toks))
    # "his pick as secretary of state, Marco Rubio": the name is the appositive
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        h = root.head
        # (the name's own titles are not the role: "her co-author, Professor James Whitfield")
        toks = [t for t in h.subtree if t.i < root.left_edge.i and not t.is_punct and t.dep_ not in ("det", "poss")]
        if toks and len(toks) <= 8:
            # as written, so that "co-author" stays one word (the parser may split it)
            doc, first = span.doc, toks[0].i
            while first >= 2 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_ \
                    and not doc[first - 1].whitespace_:
                first -= 2
            out.append(text_of(doc)[doc[first].idx:toks[-1].idx + len(toks[-1])] if toks[-1].i - first < 10
                       else " ".join(t.text for t in toks))
    return out


#: Words that open or close a role phrase and are not part of the role ("'s director", "her opponent").
_ROLE_EDGE = frozenset("'s ’s - – — and or the a an his her their its our".split())
#: Honorifics that stand before a name only, never a role ("minister of economy Mr. Guajardo").
_NAME_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss mx dr dr.".split())
#: Words after which a role's head noun has been said ("director of debate at ...").
_ROLE_CUT = frozenset("of for at in to from on with by who whose that which outside".split())
#: Words of TITLES that name no role on their own.
_NOT_ROLE_TITLES = frozenset("the a an his her their its our former ex foreign home health defence defense state crown hon honourable rt right vice".split())
#: Nouns with a role ending that name no person ("percent", "government" is cut by -ment).
_NOT_ROLE_NOUNS = frozenset("percent event content extent intent plant grant restaurant center centre corner border order paper number matter water letter quarter chapter".split())
#: Person nouns that say what someone is, not a role they hold ("Trump were a woman",
#: "the winner of Monday's debate").
_NOT_ROLE_HEADS = frozenset("man woman boy girl person people winner loser".split())


def clean_role(role: str, name: str) -> str | None:
    """``role`` as shown beside the person ``name``, or None when it names no role.

    The person's own name words ("Democratic candidate Hillary" for Hillary Clinton)
    and bare initials are dropped from its end, possessive and conjunction debris from
    its edges; what is left is a role when its head noun (the last word before "of",
    "for", "at" ...) is a person noun, an office, a listed role noun or a
    singular noun with an agent ending (-er, -or, -ist, -ian, -ant, -ent)."""
    own = {w.lower().strip(".") for w in name.split()}
    words = role.split()
    while words and (words[-1].lower().strip(".") in own or re.fullmatch(r"[A-Z]\.?", words[-1])
                     or words[-1].lower() in _ROLE_EDGE
                     or len(words) > 1 and words[-1].lower() in _NAME_HONORIFICS):
        words.pop()
    while words and (words[0].lower() in _ROLE_EDGE or not re.search(r"[A-Za-z]", words[0])):
        words.pop(0)
    if not words:
        return None
    cut = next((k for k, w in enumerate(words) if k and w.lower() in _ROLE_CUT), len(words))
    head = words[cut - 1].strip(".,")
    low = head.lower()
    listed = low in PERSON_NOUNS or low in ROLE_HEAD_NOUNS or (low in TITLES and low not in _NOT_ROLE_TITLES) \
        or low.strip(".") in TITLES and low.strip(".") not in _NOT_ROLE_TITLES
    agent = ((head.islower() or head.istitle()) and len(low) >= 5 and bool(re.search(r"(er|or|ist|ian|ant|ent)$", low))
             and not low.endswith("ment") and low not in _NOT_ROLE_NOUNS)
    if not (listed or agent) or first_name_gender(head) is not None and low not in TITLES | PERSON_NOUNS:
        return None
    if low in _NOT_ROLE_HEADS:
        return None
    return " ".join(words)


def copula_role(span: Span) -> str | None:
    """The role a copula gives the name ("Keir Starmer is the prime minister"): the
    noun attribute of the "be" the name is the subject of, as written."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return None
    # "if Trump were a woman": a hypothesis gives no role
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in root.head.children) \
            or root.head.lower_ == "were" and root.head.dep_ != "ROOT":
        return None
    attr = next((c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    if attr is None:
        return None
    toks = [t for t in attr.subtree if t.dep_ not in ("det", "punct", "relcl") and not any(a.dep_ == "relcl" for a in t.ancestors)]
    return " ".join(t.text for t in toks) if 0 < len(toks) <= 8 else None


_QUOTE_MARKS = frozenset(ANY_MARK + "'‘’")


def name_around_nickname(head: Token) -> str | None:
    """'Jordan "JP" Pickles': a given name and a surname around a quoted nickname are
    one name ("Jordan Pickles"), whatever the NER made of the marks; None otherwise."""
    doc = head.doc
    i = head.i - 1
    if i < 3 or doc[i].text not in _QUOTE_MARKS:
        return None
    j = i - 1
    while j > i - 4 and doc[j].text not in _QUOTE_MARKS:
        j -= 1
    first = doc[j - 1] if j >= 1 and doc[j].text in _QUOTE_MARKS and j < i - 1 else None
    if first is None or not first.text[:1].isupper() or first_name_gender(first.text) is None:
        return None
    return f"{first.text} {head.text}"
