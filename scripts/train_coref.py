#!/usr/bin/env python3
"""Train saywho's pronoun pair ranker (``saywho.speakers.ranker``) and tune its threshold.

    .venv/bin/pip install -e '.[train]'     # scikit-learn, for training only
    .venv/bin/python scripts/train_coref.py GAP-DEV.tsv GAP-VAL.tsv [-o saywho/data/coref_weights.json] [--cv 5]

Training data: GAP development only (Apache 2.0).  Each row is run through saywho up
to speaker resolution (``evaluate_gap.resolve_texts``); for the row's pronoun every
compatible person the resolver knows is a candidate (``ranker.all_pairs``), labelled
positive when its mentions hold the gold name (A or B).  Rows whose gold person the
resolver never collected are left out (no candidate to learn from).  A logistic
regression is fitted; the threshold under which the salience rule decides instead is
the one with the best F1 on GAP validation among
those whose bias (F1 feminine / masculine) is at least 0.95 (used for selection only, never fitted on).
GAP F1 on the training file itself is in-sample; ``--cv 5`` also reports a
cross-validated one (each fifth of its rows resolved by a model fitted on the rest).
The weights, feature names and threshold are written as JSON; run time needs no sklearn.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import evaluate_gap as gap  # noqa: E402

from saywho.speakers import ranker  # noqa: E402


def pairs_of(path: Path, limit: int | None = None) -> list[tuple[int, int, dict[str, float]]]:
    """(row number, label, features) for every candidate of every usable row."""
    rows = gap.read_gap(path, limit)
    out = []
    # the pairs are those of the rules' resolution: no shipped model may steer it
    ranker.load_weights = lambda: None  # type: ignore[assignment]
    for n, (row, res) in enumerate(zip(rows, gap.resolve_texts((r.id, r.text) for r in rows))):
        if res.lookup is None or not (row.a_coref or row.b_coref):
            continue
        r = res.lookup._resolver
        sp = r.doc.char_span(row.pronoun_offset, row.pronoun_offset + len(row.pronoun), alignment_mode="expand")
        if sp is None:
            continue
        gold_off = row.a_offset if row.a_coref else row.b_offset
        want = "male" if row.gender == "M" else "female"
        cands = ranker.all_pairs(r, sp.root, want, None, None)
        labels = [int(any(s <= gold_off < e for s, e in ent.mentions)) for ent, _ in cands]
        if sum(labels) != 1:
            continue
        out.extend((n, y, f) for y, (_, f) in zip(labels, cands))
    return out


def fit(data: list[tuple[int, int, dict[str, float]]], c: float = 1.0) -> dict[str, Any]:
    """A logistic regression over the pair features, as plain weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([f for _, _, f in data])
    y = [lab for _, lab, _ in data]
    clf = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    names = vec.get_feature_names_out()
    return {"bias": float(clf.intercept_[0]), "weights": {k: round(float(w), 5) for k, w in zip(names, clf.coef_[0])}}


def cross_validate(path: Path, data: list[tuple[int, int, dict[str, float]]], threshold: float,
                   folds: int = 5) -> gap.GapScore:
    """GAP F1 on the training file with no row scored by a model that saw it: the rows
    are split by their number modulo ``folds``, and each part is resolved with a model
    fitted on the other parts (at ``threshold``)."""
    rows = gap.read_gap(path)
    models = [{**fit([d for d in data if d[0] % folds != k]), "threshold": threshold} for k in range(folds)]
    preds = []
    for n, (row, res) in enumerate(zip(rows, gap.resolve_texts((r.id, r.text) for r in rows))):
        # the model is read when a pronoun is resolved, i.e. inside this row's resolution
        ranker.load_weights = lambda m=models[n % folds]: m  # type: ignore[assignment]
        preds.append((row, gap.predict(row, res)))
    return gap.score(preds)


def validate(path: Path, model: dict[str, Any] | None) -> gap.GapScore:
    """GAP F1 with ``model`` in force (None: the rules alone)."""
    ranker.load_weights = lambda: model  # type: ignore[assignment]
    rows = gap.read_gap(path)
    return gap.score((row, gap.predict(row, res)) for row, res in zip(rows, gap.resolve_texts((r.id, r.text) for r in rows)))


def main() -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("val", type=Path)
    ap.add_argument("-o", "--out", type=Path, default=ranker.WEIGHTS)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7")
    ap.add_argument("--cv", type=int, default=0, metavar="FOLDS",
                    help="also report a FOLDS-fold cross-validated F1 on the training file")
    args = ap.parse_args()
    data = pairs_of(args.train, args.limit)
    print(f"train: {len({n for n, _, _ in data})} rows, {len(data)} pairs", file=sys.stderr)
    model = fit(data)
    best = None
    print(f"rules only: {validate(args.val, None).summary()}", file=sys.stderr)
    for t in (float(x) for x in args.thresholds.split(",")):
        got = validate(args.val, {**model, "threshold": t})
        print(f"threshold {t}: {got.summary()}", file=sys.stderr)
        # the best F1 whose gender bias stays within GAP's 0.95 of parity, if any does
        key = (got.bias >= 0.95, got.overall.f1)
        if best is None or key > best[0]:
            best = (key, t)
    model["threshold"] = best[1] if best else 0.5
    if args.cv:
        got = cross_validate(args.train, data, model["threshold"], args.cv)
        print(f"cross-validated on {args.train.name}: {got.summary()}", file=sys.stderr)
    model["trained_on"] = "GAP development (Apache 2.0); threshold chosen on GAP validation"
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} (threshold {model['threshold']})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
