#!/usr/bin/env python3
"""Score saywho's pronoun resolution on GAP (Webster et al., TACL 2018).

    .venv/bin/python scripts/evaluate_gap.py GAP.tsv [--limit N] [--misses] [--batch-size N]

Each GAP row is a Wikipedia snippet with one ambiguous pronoun and two candidate
names, A and B, each labelled TRUE when the pronoun refers to it.  saywho has no
coreference model: it resolves mentions with its own rules (stage 4,
``saywho.speakers``).  For each snippet the script runs the pipeline's stages up
to speaker resolution and asks it, through ``ResolvedLookup.person_at`` (the
on-demand resolver the events stage uses), for the canonical person of the
pronoun span and of the A and B name spans.  It predicts A (B) when the pronoun
and the name resolve to the same person; neither otherwise.  The URL column is
never read (GAP's "snippet-context" setting).

Scoring follows the GAP paper: each row gives two binary decisions (A, B); F1 is
over the positive labels of all decisions; masculine and feminine F1 split the
rows by the pronoun's gender; bias = F1(feminine) / F1(masculine).

Progress goes to stderr.  With ``--misses`` every wrong decision is printed to
stdout (the snippet around the pronoun, gold, prediction and saywho's names).
The last line of stdout is always ``GAP F1=0.xxx M=0.xxx F=0.xxx bias=0.xx``.

How the pipeline is reached: :func:`resolve_texts` repeats
``saywho.pipeline.annotate`` up to stage 4 (the events stage is not needed) through
the public hook ``saywho.speakers.resolve_with_lookup``, which returns the stage's
``Entities`` and the ``ResolvedLookup`` stage 5 receives.  It uses
``saywho.nlp.parse_many`` (``nlp.pipe`` batches), ``saywho.readers.article_from_text``
and ``saywho.quotes.find_quotes``; if those move, only this function changes.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from anywhere: import this checkout's saywho
    sys.path.insert(0, str(ROOT))

MASCULINE = frozenset({"he", "him", "his", "himself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})


# ---------------------------------------------------------------------- the pipeline


@dataclass
class Resolved:
    """One text after saywho's stage 4: the Article, the parsed Doc, the stage's
    Entities and the read-only lookup stage 5 would receive."""

    article: Any  # saywho.model.Article
    entities: Any  # saywho.speakers.Entities
    lookup: Any  # saywho.speakers.ResolvedLookup
    doc: Any = None  # spacy Doc
    error: str | None = None


def resolve_texts(items: Iterable[tuple[str, str]], batch_size: int = 32) -> Iterator[Resolved]:
    """Run saywho up to speaker resolution over ``(id, text)`` items, parsing in batches.

    A text whose extraction raises yields a Resolved with ``error`` set and no
    entities, so that one bad snippet does not stop a run.
    """
    from saywho import nlp
    from saywho.readers import article_from_text
    from saywho.quotes import find_quotes
    from saywho.speakers import resolve_with_lookup

    items = list(items)
    # the language check is skipped: a short snippet full of names can fool it,
    # and every input here is English
    articles = [article_from_text(text, id, check_language=False) for id, text in items]
    docs = nlp.parse_many((a.text for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs):
        try:
            found = find_quotes(doc, article.skipped)
            ents, lookup = resolve_with_lookup(doc, found, article)
        except Exception as e:  # one bad snippet must not stop the run
            yield Resolved(article, None, None, doc, error=f"{type(e).__name__}: {e}")
            continue
        article.quotes, article.people = ents.quotes, ents.people
        yield Resolved(article, ents, lookup, doc)


#: Spans on which the resolver raised (counted as unresolved, reported on stderr).
FAILURES = {"raised": 0}


def guarded(fn: Any) -> Any:
    """``fn()``, or None when the resolver raises on a span (counted in FAILURES)."""
    try:
        return fn()
    except Exception:  # a span the resolver cannot handle counts as unresolved
        FAILURES["raised"] += 1
        return None


def person_name(res: Resolved, start: int, end: int) -> str | None:
    """saywho's canonical person for a span (the lookup's ``person_at``), or None."""
    if res.lookup is None:
        return None
    p = guarded(lambda: res.lookup.person_at(start, end))
    return p.name if p is not None else None


# ---------------------------------------------------------------------- GAP rows


@dataclass
class GapRow:
    """One GAP example (the URL column is never read)."""

    id: str
    text: str
    pronoun: str
    pronoun_offset: int
    a: str
    a_offset: int
    a_coref: bool
    b: str
    b_offset: int
    b_coref: bool

    @property
    def gender(self) -> str:
        """"M" or "F", from the pronoun (GAP's pronouns are all gendered)."""
        w = self.pronoun.lower()
        return "F" if w in FEMININE else "M" if w in MASCULINE else "?"


def read_gap(path: Path, limit: int | None = None) -> list[GapRow]:
    """Read a GAP TSV (header row; columns by name, so their order does not matter)."""
    rows: list[GapRow] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        for r in reader:
            rows.append(GapRow(
                id=r["ID"], text=r["Text"], pronoun=r["Pronoun"], pronoun_offset=int(r["Pronoun-offset"]),
                a=r["A"], a_offset=int(r["A-offset"]), a_coref=r["A-coref"].strip().upper() == "TRUE",
                b=r["B"], b_offset=int(r["B-offset"]), b_coref=r["B-coref"].strip().upper() == "TRUE",
            ))
            if limit and len(rows) >= limit:
                break
    return rows


@dataclass
class Prediction:
    """saywho's answer for one row, with the names it gave (for the misses listing)."""

    pred_a: bool
    pred_b: bool
    pronoun_name: str | None = None
    a_name: str | None = None
    b_name: str | None = None
    error: str | None = None


def predict(row: GapRow, res: Resolved) -> Prediction:
    """A (B) when the pronoun and the name at A (B) resolve to the same person."""
    pn = person_name(res, row.pronoun_offset, row.pronoun_offset + len(row.pronoun))
    an = person_name(res, row.a_offset, row.a_offset + len(row.a))
    bn = person_name(res, row.b_offset, row.b_offset + len(row.b))
    return Prediction(
        pred_a=pn is not None and pn == an, pred_b=pn is not None and pn == bn,
        pronoun_name=pn, a_name=an, b_name=bn, error=res.error,
    )


# ---------------------------------------------------------------------- scoring


@dataclass
class Counts:
    """True positives, false positives and false negatives of the positive label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    rows: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        """Count one binary decision."""
        self.tp += gold and pred
        self.fp += pred and not gold
        self.fn += gold and not pred

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class GapScore:
    """GAP figures: overall, masculine and feminine counts."""

    overall: Counts = field(default_factory=Counts)
    masculine: Counts = field(default_factory=Counts)
    feminine: Counts = field(default_factory=Counts)

    @property
    def bias(self) -> float:
        """F1 feminine / F1 masculine (GAP's bias factor; 1.0 is parity)."""
        return self.feminine.f1 / self.masculine.f1 if self.masculine.f1 else 0.0

    def summary(self) -> str:
        """The one-line result."""
        return (f"GAP F1={self.overall.f1:.3f} M={self.masculine.f1:.3f} "
                f"F={self.feminine.f1:.3f} bias={self.bias:.2f}")


def score(pairs: Iterable[tuple[GapRow, Prediction]]) -> GapScore:
    """Score predictions as the GAP paper does: F1 of the positive labels over the
    A and B decisions of every row, overall and by the pronoun's gender."""
    out = GapScore()
    for row, pred in pairs:
        groups = [out.overall]
        if row.gender == "M":
            groups.append(out.masculine)
        elif row.gender == "F":
            groups.append(out.feminine)
        for c in groups:
            c.rows += 1
            c.add(row.a_coref, pred.pred_a)
            c.add(row.b_coref, pred.pred_b)
    return out


def _label(a: bool, b: bool) -> str:
    return "A+B" if a and b else "A" if a else "B" if b else "neither"


def format_miss(row: GapRow, pred: Prediction, width: int = 160) -> str:
    """A wrong row, for reading: gold and predicted labels, the names saywho gave,
    and the snippet around the pronoun with the pronoun and names marked."""
    marks = sorted([(row.a_offset, row.a_offset + len(row.a), "A"), (row.b_offset, row.b_offset + len(row.b), "B"),
                    (row.pronoun_offset, row.pronoun_offset + len(row.pronoun), "P")], reverse=True)
    text = row.text
    for s, e, tag in marks:
        text = f"{text[:s]}[{text[s:e]}]{tag}{text[e:]}"
    p = row.pronoun_offset + sum(3 for s, _, _ in marks if s < row.pronoun_offset)
    lo = max(0, min(row.a_offset, row.b_offset, p) - 40)
    hi = min(len(text), p + 60)
    ctx = text[lo:hi].replace("\n", " ")
    if len(ctx) > width * 3:
        ctx = "..." + text[max(0, p - width * 2):hi]
    return (f"{row.id}\tgold={_label(row.a_coref, row.b_coref)} pred={_label(pred.pred_a, pred.pred_b)}\t"
            f"P={row.pronoun!r}->{pred.pronoun_name!r} A={row.a!r}->{pred.a_name!r} B={row.b!r}->{pred.b_name!r}"
            + (f"\terror={pred.error}" if pred.error else "") + f"\n    {ctx}")


def run(path: Path, limit: int | None = None, misses: bool = False, batch_size: int = 32,
        out: Any = None, log: Any = None) -> GapScore:
    """Evaluate one GAP file; print misses (if asked) and the summary line to ``out``."""
    out = out or sys.stdout
    log = log or sys.stderr
    rows = read_gap(path, limit)
    t0 = time.time()
    pairs: list[tuple[GapRow, Prediction]] = []
    for n, (row, res) in enumerate(zip(rows, resolve_texts(((r.id, r.text) for r in rows), batch_size)), 1):
        pairs.append((row, predict(row, res)))
        if n % 200 == 0 or n == len(rows):
            print(f"gap: {n}/{len(rows)} rows, {time.time() - t0:.0f}s", file=log, flush=True)
    result = score(pairs)
    if misses:
        for row, pred in pairs:
            if (pred.pred_a, pred.pred_b) != (row.a_coref, row.b_coref):
                print(format_miss(row, pred), file=out)
    o, m, f = result.overall, result.masculine, result.feminine
    print(f"gap: {path.name}: {o.rows} rows; P={o.precision:.3f} R={o.recall:.3f}; "
          f"M rows={m.rows} P={m.precision:.3f} R={m.recall:.3f}; F rows={f.rows} P={f.precision:.3f} R={f.recall:.3f}; "
          f"errors={sum(1 for _, p in pairs if p.error)}; spans that raised={FAILURES['raised']}; "
          f"{time.time() - t0:.0f}s", file=log)
    print(result.summary(), file=out, flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tsv", type=Path, help="a GAP TSV file (gap-development.tsv, gap-validation.tsv)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N rows")
    ap.add_argument("--misses", action="store_true", help="print every wrong row to stdout")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    a = ap.parse_args(argv)
    run(a.tsv, a.limit, a.misses, a.batch_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
