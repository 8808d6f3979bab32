#!/usr/bin/env python3
"""Score saywho's resolution of pronouns, descriptions and names on GUM news (CoNLL).

    .venv/bin/python scripts/evaluate_coref.py DIR [--join newline|space] [--misses] [--limit N]

GUM (Georgetown University Multilayer corpus) marks every mention of an entity
with the entity's number: ``(person-2`` opens a mention of entity 2, ``person-2)``
closes it, ``(organization-10-Indonesian_Navy`` also names the entity's Wikipedia
page.  For each ``*.conll`` file of DIR the script

1. rebuilds the text from the tokens: tokens joined by one space, sentences by a
   newline (``--join newline``, the default) or by a space (``--join space``);
   every token keeps its character offsets.  Sentences are the blank-line blocks
   of the file; a document written as one block (the shared files are) is split
   after ".", "!" or "?" (and a closing quote after it).  Newlines were chosen
   because they score better on pronouns (see eval/RESULTS.md) and are what news
   copy looks like; saywho's parser starts a sentence at every line break, so the
   boundaries found here are kept;
2. runs saywho up to speaker resolution (``evaluate_gap.resolve_texts``: the same
   stages as ``saywho.extract``, batched with ``nlp.pipe``);
3. classifies every gold mention of a person or organisation entity by the
   parse of the rebuilt text:
   - *pronoun*: a one-token mention in a closed list of personal, possessive,
     reflexive, demonstrative and relative pronouns (or tagged PRP/PRP$/WP/WP$);
   - *name*: the mention's syntactic head is a proper noun (PROPN), or a
     capitalised word of the entity's name (a surname tagged as a noun);
   - *description*: every other mention ("the agency", "a defector from ...");
4. scores a pronoun or description only if its entity was *named earlier* in the
   document (a name mention of the entity starts before it); every name mention is
   scored.  The entity's gold names are its Wikipedia-link name (underscores to
   spaces, percent-escapes decoded, a trailing "(disambiguation)" dropped) and the
   text of its first name mention;
5. asks saywho for the canonical name of the mention's span: the entity whose
   mention is exactly that span, else the on-demand
   resolver (``saywho.speakers.lookup.referent_at``: names, then known mentions covering the
   span's head, then agreement and salience).  A mention counts as *covered* when
   saywho returns a person or organisation (a group or an unnamed description,
   "the agency" kept as its own description, is not a referent);
6. a covered mention is *correct* when saywho's name matches a gold name after
   normalisation (lower case, accents, punctuation and a leading "the" dropped, a
   possessive 's dropped), leniently: equal, or one contained in the other as
   whole words ("Montalvo" for "Daniel Montalvo", "Scientology" for "Church of
   Scientology"), or the same last word (a surname).  The strict column counts
   equal names only.

Accuracy is over all scored mentions (an unresolved mention is wrong); precision
is over covered ones.  Progress goes to stderr; ``--misses`` prints each wrong
pronoun and description to stdout; the last line of stdout is a one-line summary.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate_gap import Resolved, guarded, resolve_texts  # noqa: E402  (sibling script)

#: Entity types scored: the ones a quotation's speaker can be.
SCORED_TYPES = frozenset({"person", "organization"})
#: Closed list of pronouns (GUM has no POS column; the parse's tags are checked too).
PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves "
    "he him his himself she her hers herself it its itself they them their theirs themselves "
    "this that these those who whom whose which".split()
)
#: First and second person pronouns (scored apart: "I", "you", "we" of interviews).
FIRST_SECOND = frozenset("i me my mine myself we us our ours ourselves you your yours yourself yourselves".split())
_PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$"})
_BRACKET = re.compile(r"(\()?([a-z]+)-(\d+)(?:-([^()\s]+))?(\))?")
KINDS = ("pronoun", "description", "name")


# ---------------------------------------------------------------------- reading GUM


@dataclass
class GoldMention:
    """One gold mention: its entity, its token range (end exclusive) and characters."""

    entity: str  # "person-2": type and number
    etype: str
    first: int
    last: int  # exclusive
    start: int = 0
    end: int = 0
    wiki: str | None = None


@dataclass
class GumDoc:
    """A GUM document: its tokens by sentence, its rebuilt text and its mentions."""

    name: str
    sentences: list[list[str]]
    mentions: list[GoldMention] = field(default_factory=list)
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)


def wiki_name(link: str) -> str:
    """A Wikipedia link's page name: "Safari_%28web_browser%29" -> "Safari"."""
    name = unquote(link).replace("_", " ").strip()
    return re.sub(r"\s*\([^)]*\)$", "", name) or name


def parse_conll(text: str) -> list[GumDoc]:
    """Read CoNLL coreference documents (index, word, entity brackets per line)."""
    docs: list[GumDoc] = []
    doc: GumDoc | None = None
    sent: list[str] = []
    stacks: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    n = 0  # token index in the document

    def end_sentence() -> None:
        nonlocal sent
        if doc is not None and sent:
            doc.sentences.append(sent)
        sent = []

    for line in text.splitlines():
        if line.startswith("# begin document"):
            end_sentence()
            doc = GumDoc(name=line.split("document", 1)[1].strip(), sentences=[])
            docs.append(doc)
            stacks.clear()
            n = 0
            continue
        if line.startswith("#"):
            if line.startswith("# end document"):
                end_sentence()
            continue
        if not line.strip():
            end_sentence()
            continue
        cols = line.split("\t")
        if doc is None or len(cols) < 2:
            continue
        sent.append(cols[1])
        col = cols[2] if len(cols) > 2 else "_"
        for m in _BRACKET.finditer(col if col != "_" else ""):
            opens, etype, num, wiki, closes = m.groups()
            key = f"{etype}-{num}"
            if opens:
                stacks[key].append((n, wiki))
            if closes:
                first, w = stacks[key].pop() if stacks[key] else (n, wiki)
                doc.mentions.append(GoldMention(key, etype, first, n + 1, wiki=w or wiki))
        n += 1
    end_sentence()
    for d in docs:
        if len(d.sentences) == 1:  # no blank lines: the files at hand have none
            d.sentences = split_sentences(d.sentences[0])
    return docs


_FINAL = frozenset({".", "!", "?", "...", "…"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]"})


def split_sentences(tokens: list[str]) -> list[list[str]]:
    """Sentences of a token list without boundaries: a sentence ends after ".", "!"
    or "?" and any closing quote or bracket right after it.  (A headline or
    caption without a final stop stays joined to the next sentence.)"""
    out: list[list[str]] = []
    cur: list[str] = []
    for i, tok in enumerate(tokens):
        cur.append(tok)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (tok in _FINAL or tok in _CLOSERS and len(cur) > 1 and cur[-2] in _FINAL) and nxt not in _CLOSERS and nxt not in _FINAL:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def rebuild_text(doc: GumDoc, join: str = "newline") -> None:
    """Join the tokens into ``doc.text`` (spaces; sentences by newline or space) and
    set every token's and mention's character offsets."""
    sep = "\n" if join == "newline" else " "
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for k, sent in enumerate(doc.sentences):
        if k:
            parts.append(sep)
            pos += 1
        for j, tok in enumerate(sent):
            if j:
                parts.append(" ")
                pos += 1
            parts.append(tok)
            offsets.append((pos, pos + len(tok)))
            pos += len(tok)
    doc.text = "".join(parts)
    doc.offsets = offsets
    for m in doc.mentions:
        m.start, m.end = offsets[m.first][0], offsets[m.last - 1][1]
    doc.mentions.sort(key=lambda m: (m.start, -m.end))


# ---------------------------------------------------------------------- classifying


def mention_kind(m: GoldMention, text: str, parsed: Any) -> str:
    """pronoun, name or description, from the closed list and the parse (``parsed``: a spaCy Doc)."""
    words = text[m.start:m.end].split()
    sp = parsed.char_span(m.start, m.end, alignment_mode="expand") if parsed is not None else None
    if len(words) == 1 and (words[0].lower() in PRONOUNS or sp is not None and len(sp) == 1 and sp[0].tag_ in _PRONOUN_TAGS):
        return "pronoun"
    if sp is not None and len(sp) and sp.root.pos_ == "PROPN":
        return "name"
    return "description"


def _head_in_name(m: GoldMention, parsed: Any, names: list[str]) -> bool:
    """Is the mention's head a capitalised word of one of the entity's names?"""
    sp = parsed.char_span(m.start, m.end, alignment_mode="expand") if parsed is not None else None
    if sp is None or not len(sp) or not sp.root.text[:1].isupper():
        return False
    return any(sp.root.text in n.split() for n in names)


def norm_name(s: str) -> str:
    """Lower case, no accents, no punctuation, no leading "the", no possessive 's."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"^\s*the\s+", "", s)
    return " ".join(s.split())


def _contains(longer: list[str], shorter: list[str]) -> bool:
    k = len(shorter)
    return k > 0 and any(longer[i:i + k] == shorter for i in range(len(longer) - k + 1))


def names_match(pred: str | None, gold: Iterable[str], strict: bool = False) -> bool:
    """Does saywho's name ``pred`` match one of the ``gold`` names?  Lenient: equal,
    contained as whole words either way, or the same last word; strict: equal."""
    if not pred:
        return False
    p = norm_name(pred).split()
    for g in gold:
        gw = norm_name(g).split()
        if not gw or not p:
            continue
        if p == gw:
            return True
        if not strict and (_contains(gw, p) or _contains(p, gw) or p[-1] == gw[-1]):
            return True
    return False


# ---------------------------------------------------------------------- scoring


@dataclass
class Item:
    """One scored mention and saywho's answer."""

    doc: str
    kind: str
    etype: str
    text: str
    gold: list[str]
    pred: str | None
    pred_kind: str | None
    start: int
    end: int

    @property
    def covered(self) -> bool:
        return self.pred is not None and self.pred_kind in ("person", "organisation")

    @property
    def correct(self) -> bool:
        return self.covered and names_match(self.pred, self.gold)

    @property
    def correct_strict(self) -> bool:
        return self.covered and names_match(self.pred, self.gold, strict=True)


def saywho_entity(res: Resolved, start: int, end: int) -> Any:
    """saywho's entity for a span: an exact known mention, else the on-demand resolver."""
    if res.lookup is None:
        return None
    from saywho.speakers.lookup import referent_at

    return guarded(lambda: referent_at(res.lookup, start, end))


def gold_items(doc: GumDoc, res: Resolved) -> list[Item]:
    """The scored mentions of one document with saywho's answers, in text order."""
    parsed = res.doc
    kinds = {id(m): mention_kind(m, doc.text, parsed) for m in doc.mentions}
    first_name: dict[str, GoldMention] = {}
    wiki: dict[str, str] = {}
    for m in doc.mentions:  # text order
        if m.wiki and m.entity not in wiki:
            wiki[m.entity] = wiki_name(m.wiki)
        if kinds[id(m)] == "name" and m.entity not in first_name:
            first_name[m.entity] = m
    items = []
    for m in doc.mentions:
        if m.etype not in SCORED_TYPES or m.entity not in first_name:
            continue
        kind = kinds[id(m)]
        if kind == "description" and _head_in_name(m, parsed, [wiki.get(m.entity, ""), doc.text[first_name[m.entity].start:first_name[m.entity].end]]):
            kind = "name"  # a surname the tagger took for a noun ("Reyes thanked ...")
        if kind != "name" and first_name[m.entity].start >= m.start:
            continue  # not named earlier in the document
        fn = first_name[m.entity]
        gold = list(dict.fromkeys(n for n in (wiki.get(m.entity), doc.text[fn.start:fn.end]) if n))
        ent = saywho_entity(res, m.start, m.end)
        items.append(Item(doc.name, kind, m.etype, doc.text[m.start:m.end], gold,
                          ent.name if ent is not None else None, ent.kind if ent is not None else None, m.start, m.end))
    return items


@dataclass
class KindScore:
    """Counts for one mention kind."""

    n: int = 0
    covered: int = 0
    correct: int = 0
    strict: int = 0

    def add(self, it: Item) -> None:
        """Count one item."""
        self.n += 1
        self.covered += it.covered
        self.correct += it.correct
        self.strict += it.correct_strict

    def pct(self, x: int, of: int | None = None) -> float:
        """x as a percentage of ``of`` (default: all items)."""
        d = self.n if of is None else of
        return 100.0 * x / d if d else 0.0


def score(items: Iterable[Item]) -> dict[str, KindScore]:
    """Counts by mention kind, by kind and entity type, and over all."""
    out: dict[str, KindScore] = defaultdict(KindScore)
    for it in items:
        keys = [it.kind, f"{it.kind}/{it.etype}", "all"]
        if it.kind == "pronoun":
            # interviews' "I"/"you"/"we" outside quotations are another problem than "he"/"she"
            keys.append("pronoun/1st-2nd person" if it.text.lower() in FIRST_SECOND else "pronoun/3rd person")
        for key in keys:
            out[key].add(it)
    return out


def table(scores: dict[str, KindScore]) -> str:
    """A markdown table of the counts."""
    rows = ["| mentions | n | coverage | accuracy | accuracy (strict) | precision (of covered) |", "|---|---|---|---|---|---|"]
    keys = [k for kind in (*KINDS, "all") for k in sorted(scores) if k == kind or k.startswith(kind + "/")]
    for k in keys:
        s = scores[k]
        rows.append(f"| {k} | {s.n} | {s.pct(s.covered):.1f} | {s.pct(s.correct):.1f} | {s.pct(s.strict):.1f} "
                    f"| {s.pct(s.correct, s.covered):.1f} |")
    return "\n".join(rows)


def summary(scores: dict[str, KindScore]) -> str:
    """The one-line result."""
    parts = []
    for k in (*KINDS, "all"):
        s = scores.get(k, KindScore())
        parts.append(f"{k} acc={s.pct(s.correct):.1f}% cov={s.pct(s.covered):.1f}% n={s.n}")
    return "GUM coref: " + "; ".join(parts)


def format_miss(it: Item, text: str) -> str:
    """A wrong item with its context, for reading."""
    lo, hi = max(0, it.start - 120), min(len(text), it.end + 60)
    ctx = (text[lo:it.start] + "[" + text[it.start:it.end] + "]" + text[it.end:hi]).replace("\n", " / ")
    return f"{it.doc}\t{it.kind}/{it.etype}\t{it.text!r} gold={it.gold!r} saywho={it.pred!r} ({it.pred_kind})\n    {ctx}"


def run(directory: Path, join: str = "newline", misses: bool = False, limit: int | None = None,
        batch_size: int = 8, out: Any = None, log: Any = None) -> dict[str, KindScore]:
    """Evaluate every ``*.conll`` file of ``directory``; print the table, misses and summary."""
    out = out or sys.stdout
    log = log or sys.stderr
    t0 = time.time()
    docs: list[GumDoc] = []
    for path in sorted(directory.glob("*.conll")):
        docs.extend(parse_conll(path.read_text(encoding="utf-8")))
    docs = docs[:limit] if limit else docs
    for d in docs:
        rebuild_text(d, join)
    items: list[Item] = []
    for n, (d, res) in enumerate(zip(docs, resolve_texts(((d.name, d.text) for d in docs), batch_size)), 1):
        got = gold_items(d, res)
        items.extend(got)
        print(f"coref: {n}/{len(docs)} {d.name}: {len(got)} mentions, {time.time() - t0:.0f}s", file=log, flush=True)
        if misses:
            for it in got:
                if it.kind != "name" and not it.correct:
                    print(format_miss(it, d.text), file=out)
    scores = score(items)
    print(table(scores), file=out)
    print(f"coref: {len(docs)} documents, join={join}, {time.time() - t0:.0f}s", file=log)
    print(summary(scores), file=out, flush=True)
    return scores


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path, help="a directory of GUM *.conll files")
    ap.add_argument("--join", choices=("newline", "space"), default="newline", help="what separates sentences in the rebuilt text")
    ap.add_argument("--misses", action="store_true", help="print every wrong pronoun and description")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--batch-size", type=int, default=8, help="nlp.pipe batch size")
    a = ap.parse_args(argv)
    run(a.dir, a.join, a.misses, a.limit, a.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
