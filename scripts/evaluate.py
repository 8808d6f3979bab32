#!/usr/bin/env python3
"""Score saywho and a baseline (textacy) on gold quotation sets, in one run.

    .venv/bin/python scripts/evaluate.py [GOLD.jsonl ...] [--systems saywho,textacy]
                                         [--out-dir DIR] [--limit N] [--results FILE]

Default gold sets (paths relative to the repo root): ../shared/seeds/gold.jsonl,
../shared/evaldata/polnear-dev.jsonl, and every eval/heldout/*.jsonl when present
(held-out articles from other outlets and countries, with canonical speakers).

For each gold set and system the predictions are written as JSONL
(``{"id", "quotes": [{"start", "end", "text", "type", "speaker": {"name"}}]}``) to
``--out-dir`` (default out/eval, git-ignored: predictions quote the articles, and
PolNeAR's text must never enter the repo), scored with the shared scorer
(../shared/eval/score.py, imported by path, not copied), and one markdown table is
printed to stdout and written to eval/RESULTS.md.  Progress goes to stderr.

Systems:
  saywho   ``saywho.pipeline.extract_articles`` over all the gold set's articles in
           one batch (``nlp.pipe``), with the gold file's ``published`` date.
  textacy  ``textacy.extract.triples.direct_quotations`` on the same spaCy model
           (``saywho.nlp``).  It raises on a document with an odd number of quote
           marks; such documents are retried paragraph by paragraph (each line
           parsed on its own, offsets shifted back), and the count is reported.
           Its content span includes the quote marks: they are stripped so that
           spans compare the way saywho's (and the seed gold's) do.  It finds only
           direct quotations, so every prediction is typed ``direct``.

PolNeAR's "attributions" are broader than speech (beliefs, documents as sources):
most of its indirect items are of that kind, its direct and mixed ones are
reliable.  So each PolNeAR set also gets a "direct+mixed" row per system: gold
restricted to direct and mixed items, *and* predictions restricted to those a
system typed direct or mixed (a prediction that matches no gold item counts as a
false positive, so leaving a system's indirect predictions in would charge it for
items the restricted gold no longer holds).  Its speakers are surface mentions
(about 19% pronouns); the scorer accepts the mention, so a system that returns
canonical names (saywho) loses those items on speaker accuracy.

Examples:
  .venv/bin/python scripts/evaluate.py
  .venv/bin/python scripts/evaluate.py ../shared/evaldata/polnear-dev.jsonl --limit 20 --systems saywho
"""
from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import json
import re
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_GOLD = [SHARED / "seeds" / "gold.jsonl", SHARED / "evaldata" / "polnear-dev.jsonl"]
HELDOUT_DIR = ROOT / "eval" / "heldout"
DEFAULT_RESULTS = ROOT / "eval" / "RESULTS.md"
SCORER = SHARED / "eval" / "score.py"
TYPES = ("direct", "mixed", "indirect")

sys.path.insert(0, str(ROOT))  # run from a clean checkout without installing


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def load_scorer(path: Path = SCORER) -> ModuleType:
    """The shared scorer, imported by path (it is not a package, and must not be copied)."""
    if not path.exists():
        raise SystemExit(f"evaluate: error: {path}: the shared scorer is missing")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def read_gold(path: Path, limit: int | None) -> list[dict[str, Any]]:
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs.append(json.loads(line))
                if limit and len(docs) >= limit:
                    break
    return docs


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- systems


class Run:
    """One system's predictions over one gold set, with notes for the table."""

    def __init__(self) -> None:
        self.preds: list[dict[str, Any]] = []
        self.notes: list[str] = []


def run_saywho(docs: list[dict[str, Any]]) -> Run:
    """saywho's predictions: all articles in one ``extract_articles`` batch."""
    from saywho.errors import InputError
    from saywho.readers import article_from_text
    from saywho.pipeline import extract_articles

    run = Run()
    articles, failed = [], []
    for d in docs:
        try:
            articles.append(article_from_text(d["text"], str(d["id"]), published=d.get("published") or None))
        except InputError as e:  # e.g. a language check gone wrong: scored as "found nothing"
            failed.append(str(d["id"]))
            log(f"evaluate: saywho: {e}")
    by_id: dict[str, list[dict[str, Any]]] = {}
    t0 = time.perf_counter()
    for n, art in enumerate(extract_articles(articles), 1):
        by_id[art.id] = [
            # (with the verbatim pieces, as saywho's own output carries them: the scorer
            # may match an interrupted or mixed quote piece by piece)
            {"start": q.start, "end": q.end, "text": q.text, "type": q.type,
             "verbatim": [list(v) for v in (q.verbatim or [])],
             "speaker": {"name": q.speaker.name if q.speaker else None,
                         "mention": q.speaker.mention if q.speaker else None,
                         "mention_start": q.speaker.mention_start if q.speaker else None,
                         "mention_end": q.speaker.mention_end if q.speaker else None,
                         "phrase": q.speaker.phrase if q.speaker else None}}
            for q in art.quotes
        ]
        if n % 20 == 0 or n == len(articles):
            log(f"  saywho: {n}/{len(articles)} articles ({time.perf_counter() - t0:.0f}s)")
    run.preds = [{"id": str(d["id"]), "quotes": by_id.get(str(d["id"]), [])} for d in docs]
    if failed:
        run.notes.append(f"{len(failed)} article(s) refused at ingest")
    return run


def _strip_marks(content: Any) -> tuple[int, int]:
    """Character span of a textacy content span without its opening/closing quote marks."""
    toks = list(content)
    while toks and toks[0].is_quote:
        toks = toks[1:]
    while toks and toks[-1].is_quote:
        toks = toks[:-1]
    if not toks:
        return content.start_char, content.end_char
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _textacy_quotes(doc: Any, offset: int = 0) -> list[dict[str, Any]]:
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):  # raises ValueError before yielding anything
        start, end = _strip_marks(triple.content)
        sp = sorted(triple.speaker, key=lambda t: t.i)
        speaker = doc[sp[0].i: sp[-1].i + 1].text if sp else None
        cue = " ".join(t.text for t in sorted(triple.cue, key=lambda t: t.i))
        out.append({"start": start + offset, "end": end + offset, "text": doc.text[start:end],
                    "type": "direct", "speaker": {"name": speaker}, "cue": cue})
    return out


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for every non-blank line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


def run_textacy(docs: list[dict[str, Any]]) -> Run:
    """textacy's direct quotations on the same spaCy pipeline, retried per paragraph where it raises."""
    from saywho import nlp

    run = Run()
    retried = still_failing = 0
    pipeline = nlp.load()
    t0 = time.perf_counter()
    for n, (d, doc) in enumerate(zip(docs, nlp.parse_many(d["text"] for d in docs)), 1):
        try:
            quotes = _textacy_quotes(doc)
        except ValueError:
            retried += 1
            quotes = []
            paras = list(_paragraphs(d["text"]))
            for (off, _), pdoc in zip(paras, pipeline.pipe(p for _, p in paras)):
                try:
                    quotes.extend(_textacy_quotes(pdoc, off))
                except ValueError:
                    still_failing += 1
        run.preds.append({"id": str(d["id"]), "quotes": quotes})
        if n % 20 == 0 or n == len(docs):
            log(f"  textacy: {n}/{len(docs)} articles ({time.perf_counter() - t0:.0f}s)")
    run.notes.append(f"{retried}/{len(docs)} docs retried per paragraph"
                     + (f", {still_failing} paragraph(s) still raised" if still_failing else ""))
    return run


SYSTEMS: dict[str, Callable[[list[dict[str, Any]]], Run]] = {"saywho": run_saywho, "textacy": run_textacy}


# ---------------------------------------------------------------- scoring and the table


def is_polnear(docs: list[dict[str, Any]], path: Path) -> bool:
    return "polnear" in path.name.lower() or any(str(d.get("id", "")).startswith("polnear/") for d in docs[:1])


def restrict(docs: list[dict[str, Any]], preds: list[dict[str, Any]],
             keep: tuple[str, ...]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gold and predictions cut down to quotes of the ``keep`` types (ignore spans kept)."""
    gold = [{**d, "quotes": [q for q in d["quotes"] if q["type"] in keep]} for d in docs]
    pred = [{**p, "quotes": [q for q in p["quotes"] if q.get("type") in keep]} for p in preds]
    return gold, pred


#: Quotation marks, with the doubled apostrophe ('') that the New York Times texts use.
_MARKED = re.compile(r"''(.+?)''|[\"\u201c](.+?)[\"\u201d]", re.S)


def retype(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold whose quote types are inferred again with '' counted as quotation marks.

    The PolNeAR conversion infers ``type`` from the marks inside a span but does not
    know the doubled apostrophe, so every ''-quoted item (87 in dev) is typed
    indirect.  The same rule as the conversion (no marks: indirect; all words
    inside marks: direct; else mixed) is applied with both kinds of marks."""
    out = []
    for d in docs:
        qs = []
        for q in d["quotes"]:
            t = q["text"]
            inside = "".join(m.group(1) or m.group(2) or "" for m in _MARKED.finditer(t))
            if inside.strip() and q["type"] == "indirect":
                q = {**q, "type": "mixed" if re.search(r"\w", _MARKED.sub(" ", t)) else "direct"}
            qs.append(q)
        out.append({**d, "quotes": qs})
    return out


def pct(x: float) -> str:
    return f"{100 * x:.1f}"


HEADER = ("| gold set | system | docs | gold | pred | quote P | quote R | quote F1 | speaker acc "
          "| e2e P | e2e R | e2e F1 | R direct | R mixed | R indirect | speaker acc (mention) | speaker acc (phrase) "
          "| e2e F1 (mention) | speaker acc (mention, by position) | notes |")
RULE = "|" + "---|" * (HEADER.count("|") - 1)


def row(label: str, system: str, r: dict[str, Any], notes: list[str], by_mention: dict[str, Any] | None,
        by_position: float | None = None) -> str:
    by = r["recall_by_type"]
    cells = [label, system, str(r["documents"]), str(r["gold"]), str(r["predicted"]),
             pct(r["quote_precision"]), pct(r["quote_recall"]), pct(r["quote_f1"]), pct(r["speaker_accuracy"]),
             pct(r["e2e_precision"]), pct(r["e2e_recall"]), pct(r["e2e_f1"]),
             *[pct(by[t]) if t in by else "–" for t in TYPES],
             pct(by_mention["speaker_accuracy"]) if by_mention else "–",
             pct(by_mention["phrase_speaker_accuracy"]) if by_mention and "phrase_speaker_accuracy" in by_mention else "–",
             pct(by_mention["e2e_f1"]) if by_mention else "–",
             pct(by_position) if by_position is not None else "–",
             "; ".join(notes)]
    return "| " + " | ".join(cells) + " |"


def as_mentions(preds: list[dict[str, Any]], field: str = "mention") -> list[dict[str, Any]]:
    """Predictions whose speaker name is the surface mention (PolNeAR's scheme), else the
    name; with ``field="phrase"``, the whole phrase introducing the speaker, else the
    mention, else the name."""
    out = []
    for p in preds:
        qs = []
        for q in p["quotes"]:
            sp = q.get("speaker") or {}
            name = sp.get("phrase") if field == "phrase" else None
            qs.append({**q, "speaker": {"name": name or sp.get("mention") or sp.get("name")}})
        out.append({**p, "quotes": qs})
    return out


def position_accuracy(scorer: ModuleType, docs: list[dict[str, Any]], preds: list[dict[str, Any]]) -> float | None:
    """Share of matched quotes whose predicted speaker mention overlaps the gold speaker
    span (``speaker_start``/``speaker_end``): PolNeAR's source spans include appositions
    ("Elez Biberaj, the director of ...") that a name mention only overlaps.  Quotes are
    matched by the shared scorer's ``match``; None when the gold has no speaker spans."""
    by_id = {str(p["id"]): p["quotes"] for p in preds}
    if not any((q.get("speaker") or {}).get("mention_start") is not None for qs in by_id.values() for q in qs):
        return None  # a system without mention offsets (textacy) is not scored by position
    matched = right = 0
    for d in docs:
        gq = d.get("quotes") or []
        if not any(q.get("speaker_start") is not None for q in gq):
            continue
        pq = by_id.get(str(d["id"]), [])
        for gi, pi in scorer.match(gq, pq):
            matched += 1
            g, sp = gq[gi], pq[pi].get("speaker") or {}
            ms, me = sp.get("mention_start"), sp.get("mention_end")
            gs, ge = g.get("speaker_start"), g.get("speaker_end")
            if None not in (ms, me, gs, ge) and ms < ge and me > gs:
                right += 1
    return right / matched if matched else None


def score_run(scorer: ModuleType, out_dir: Path, tag: str, gold: Path, preds: list[dict[str, Any]],
              mentions: bool) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Score predictions by canonical name and, for surface-mention gold, by mention too."""
    pred_file = out_dir / f"{tag}.jsonl"
    write_jsonl(pred_file, preds)
    r = scorer.score(str(gold), str(pred_file))
    if not mentions:
        return r, None
    m_file = out_dir / f"{tag}.by-mention.jsonl"
    write_jsonl(m_file, as_mentions(preds))
    rm = scorer.score(str(gold), str(m_file))
    if any((q.get("speaker") or {}).get("phrase") for p in preds for q in p["quotes"]):
        # PolNeAR's source spans are whole phrases ("Brian Fallon, the campaign's press
        # secretary,"): saywho's speaker phrase is scored against them too
        p_file = out_dir / f"{tag}.by-phrase.jsonl"
        write_jsonl(p_file, as_mentions(preds, "phrase"))
        rm["phrase_speaker_accuracy"] = scorer.score(str(gold), str(p_file))["speaker_accuracy"]
    return r, rm


def evaluate(gold_paths: list[Path], systems: list[str], out_dir: Path, limit: int | None) -> list[str]:
    scorer = load_scorer()
    rows = []
    for gpath in gold_paths:
        docs = read_gold(gpath, limit)
        stem = gpath.stem
        # "seeds/gold", "evaldata/polnear-dev": the file name alone can be as vague as "gold"
        label = f"{gpath.resolve().parent.name}/{stem}" + (f" (first {len(docs)})" if limit else "")
        gold_file = gpath
        if limit:  # the scorer reads every gold line: give it only the ones predicted
            gold_file = out_dir / f"{stem}.gold-first{len(docs)}.jsonl"
            write_jsonl(gold_file, docs)
        polnear = is_polnear(docs, gpath)
        for name in systems:
            log(f"evaluate: {name} on {gpath} ({len(docs)} articles)")
            t0 = time.perf_counter()
            run = SYSTEMS[name](docs)
            log(f"evaluate: {name} done in {time.perf_counter() - t0:.0f}s")
            r, rm = score_run(scorer, out_dir, f"{stem}.{name}", gold_file, run.preds, polnear)
            rows.append(row(label, name, r, run.notes, rm, position_accuracy(scorer, docs, run.preds) if polnear else None))
            if polnear:
                g, p = restrict(docs, run.preds, ("direct", "mixed"))
                g_file = out_dir / f"{stem}.gold-direct-mixed.jsonl"
                write_jsonl(g_file, g)
                r, rm = score_run(scorer, out_dir, f"{stem}.{name}.direct-mixed", g_file, p, True)
                rows.append(row(label + " direct+mixed", name, r,
                                ["gold and predictions both restricted to direct+mixed"], rm, position_accuracy(scorer, g, p)))
                g, p = restrict(retype(docs), run.preds, ("direct", "mixed"))
                g_file = out_dir / f"{stem}.gold-direct-mixed-retyped.jsonl"
                write_jsonl(g_file, g)
                r, rm = score_run(scorer, out_dir, f"{stem}.{name}.direct-mixed-retyped", g_file, p, True)
                rows.append(row(label + " direct+mixed, '' as marks", name, r,
                                ["as above, with gold types inferred again counting '' as quotation marks"], rm,
                                position_accuracy(scorer, g, p)))
    return rows


def code_version() -> str:
    """The commit the figures belong to, marked when saywho/ has uncommitted changes."""
    import subprocess

    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "saywho"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"commit {head}" + (" with uncommitted changes in saywho/" if dirty else "")


def render(rows: list[str], argv: list[str]) -> str:
    cmd = "python scripts/evaluate.py" + ("" if not argv else " " + " ".join(shlex.quote(a) for a in argv))
    import spacy

    try:
        import textacy
        tver = textacy.__version__
    except ImportError:  # pragma: no cover
        tver = "not installed"
    return "\n".join([
        "# Evaluation results",
        "",
        f"Written by `{cmd}` on {_dt.date.today().isoformat()} at {code_version()} (spaCy {spacy.__version__}, "
        f"en_core_web_sm 3.8.0, textacy {tver}); scorer: `../shared/eval/score.py`.",
        "",
        "Percentages. A predicted quote matches a gold one when their overlap covers at least half "
        "of the gold span and a fifth of the predicted one; *speaker acc* is the share of matched "
        "quotes whose speaker name (normalised) equals the gold speaker or an alias; *e2e* counts a "
        "quote right only with its speaker; *R direct/mixed/indirect* is end-to-end recall by gold type.",
        "",
        HEADER,
        RULE,
        *rows,
        "",
        "Notes:",
        "- textacy finds direct quotations only, by design; its speaker is the surface subject of the cue.",
        "- PolNeAR *direct+mixed* rows: gold restricted to direct and mixed items (its indirect items are "
        "mostly beliefs and documents, not speech) and predictions restricted to those typed direct or "
        "mixed, since an unmatched prediction counts as a false positive.",
        "- PolNeAR speakers are surface mentions (about 19% pronouns); the scorer accepts the mention, "
        "so canonical names (saywho: *Pat Caddell* where the gold has *Caddell* or *he*) count as wrong "
        "speakers. The *(mention)* columns score the same predictions with the speaker's surface mention "
        "instead (saywho's `speaker.mention`; textacy only has the mention, so both columns agree).",
        "- *speaker acc (mention, by position)* (PolNeAR only): a matched quote's speaker counts as right when "
        "the predicted mention's character span overlaps the gold source span, whatever the strings: PolNeAR's "
        "source spans include appositions (\"Elez Biberaj, the director of ...\") where saywho's mention is the "
        "name alone. Reported beside the string-based column, not instead of it; textacy has no mention "
        "offsets (–).",
        "- *speaker acc (phrase)* (PolNeAR only): the same string comparison with saywho's `speaker.phrase`, "
        "the whole phrase that introduces the speaker at the quote (its apposition, bracketed party and "
        "state, relative clause), the unit PolNeAR annotates as the source; the mention when it is a pronoun. "
        "The *(mention)* column is kept beside it: the two differ only in how much of the phrase is compared.",
        "",
    ])


def kept_sections(path: Path) -> str:
    """The ``## `` sections of an existing results file: this script writes only the
    top table, and other scripts' sections (the coreference figures) must survive."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    i = text.find("\n## ")
    return text[i + 1:] if i >= 0 else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", type=Path, help="gold JSONL files (default: seeds, PolNeAR dev, eval/heldout/*)")
    ap.add_argument("--systems", default="saywho,textacy", help="comma-separated: saywho,textacy")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "out" / "eval", help="where predictions go (default out/eval)")
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N articles of each gold set")
    ap.add_argument("--results", type=Path, default=None, metavar="FILE",
                    help="markdown file to write (default eval/RESULTS.md; not written with --limit unless given)")
    a = ap.parse_args(argv)
    raw_argv = sys.argv[1:] if argv is None else argv

    systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown or not systems:
        ap.error(f"unknown system(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(SYSTEMS)}")
    gold_paths = a.gold or DEFAULT_GOLD + sorted(HELDOUT_DIR.glob("*.jsonl"))
    missing = [str(p) for p in gold_paths if not p.is_file()]
    if missing:
        ap.error(f"gold file(s) not found: {', '.join(missing)}")

    rows = evaluate(gold_paths, systems, a.out_dir, a.limit)
    md = render(rows, raw_argv)
    print(md)
    results = a.results or (None if a.limit else DEFAULT_RESULTS)
    if results:
        results.parent.mkdir(parents=True, exist_ok=True)
        rest = kept_sections(results)
        results.write_text(md + ("\n" + rest if rest else ""), encoding="utf-8")
        log(f"evaluate: wrote {results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
