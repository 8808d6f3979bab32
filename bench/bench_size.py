"""Time and peak memory of extracting one article, against its size.

Each (text kind, size) is extracted in a fresh subprocess, which reports its time and
its peak resident memory (VmHWM in /proc/self/status: no psutil needed).  Two kinds of
text: real news (the seed articles, read at run time from the shared seeds folder and
repeated up to the size) and a synthetic quote-dense text (a quote, speaker, role or
meeting every line: the worst case for the quote and speaker stages).

Printed as a table: seconds, microseconds per character and that figure relative to the
smallest size of the same kind (goal: at most 1.5, i.e. near-linear), and the peak RSS
relative to the smallest (goal: at most 2.5).

    .venv/bin/python bench/bench_size.py                     # 5 KB, 100 KB, 1 MB, 5 MB
    .venv/bin/python bench/bench_size.py --sizes 5000,50000,100000 --write
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The seed articles (read at run time, never copied): --seeds DIR, else ../shared/seeds.
SEEDS = Path(os.environ.get("BENCH_SEEDS") or ROOT.parent / "shared" / "seeds")

FIRST = ["Maria", "John", "Amina", "Peter", "Lucia", "Tomas", "Grace", "Samuel", "Elena", "David"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Haddad", "Novak", "Brennan", "Castillo", "Ivanova", "Tanaka", "Mensah"]
ROLE = ["the finance minister", "a spokeswoman for the ministry", "the opposition leader", "the union's chair",
        "a senior official", "the mayor"]
SAY = ["said", "told reporters", "added", "warned", "insisted"]
TOPIC = ["the budget", "the strike", "the new rail line", "rising prices", "the election", "the water shortage"]


def dense(n_chars: int, seed: int = 7) -> str:
    """A synthetic quote-dense text of about ``n_chars`` characters, one paragraph a line."""
    r = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_chars:
        name, topic = f"{r.choice(FIRST)} {r.choice(LAST)}", r.choice(TOPIC)
        k = r.randrange(4)
        if k == 0:
            p = f"\u201cWe will not accept any delay on {topic},\u201d {r.choice(SAY)} {name}, {r.choice(ROLE)}, on Tuesday."
        elif k == 1:
            p = f"{name}, {r.choice(ROLE)}, said that the government had failed on {topic}. \u201cIt is a disgrace,\u201d she said."
        elif k == 2:
            p = (f"According to {name}, {topic} will cost more than expected. He met {r.choice(FIRST)} "
                 f"{r.choice(LAST)} in Brussels on Monday to discuss it.")
        else:
            p = f"\u201cThis is about {topic}. People are tired of waiting,\u201d {name} {r.choice(SAY)}. \u201cWe need answers now.\u201d"
        out.append(p)
        size += len(p) + 1
    return "\n".join(out)[:n_chars]


def news(n_chars: int) -> str:
    """The seed articles' texts, repeated to about ``n_chars`` characters (cut at a line)."""
    texts = [json.loads(line)["text"] for line in (SEEDS / "articles.jsonl").read_text().splitlines() if line.strip()]
    base = "\n".join(t.strip() for t in texts)
    text = "\n".join([base] * (n_chars // len(base) + 1))[:n_chars]
    return text[: text.rfind("\n") + 1] if "\n" in text[n_chars // 2:] else text


def child(kind: str, size: int) -> None:
    """In the subprocess: extract one text, print time and peak RSS as JSON."""
    from saywho import extract, nlp

    text = dense(size) if kind == "dense" else news(size)
    nlp.load()  # the model's load and the stages' first imports are not the article's cost
    extract("Warm up. \u201cAll is well,\u201d said Ann Lee, the mayor, on Monday.", "2024-01-01")
    base_kb = _hwm_kb()
    t = time.perf_counter()
    art = extract(text, "2024-01-01", max_chars=len(text) + 1)
    seconds = time.perf_counter() - t
    print(json.dumps({"kind": kind, "chars": len(text), "seconds": seconds, "quotes": len(art.quotes),
                      "peak_mb": _hwm_kb() / 1024, "model_mb": base_kb / 1024}))


def _hwm_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def measure(kind: str, size: int) -> dict[str, float]:
    """One (kind, size) in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(size)], capture_output=True, text=True,
                         env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict[str, float]]) -> str:
    """The results as a Markdown table, each kind relative to its smallest size."""
    lines = ["| text | chars | quotes | seconds | µs/char | time/char vs smallest | peak RSS MB | peak vs smallest |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for kind in dict.fromkeys(r["kind"] for r in rows):
        mine = [r for r in rows if r["kind"] == kind]
        per0 = mine[0]["seconds"] / mine[0]["chars"]
        for r in mine:
            per = r["seconds"] / r["chars"]
            lines.append(f"| {kind} | {r['chars']:,} | {r['quotes']} | {r['seconds']:.1f} | {per * 1e6:.0f} | "
                         f"{per / per0:.2f} | {r['peak_mb']:.0f} | {r['peak_mb'] / mine[0]['peak_mb']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    """Parse the arguments; run each size in a subprocess; print (and write) the table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5000,100000,1000000,5000000", help="characters, comma-separated")
    ap.add_argument("--kinds", default="news,dense")
    ap.add_argument("--seeds", type=Path, default=SEEDS, help="the folder with the seeds' articles.jsonl")
    ap.add_argument("--write", action="store_true", help="replace the section in bench/RESULTS.md")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child[0], int(a.child[1]))
        return
    os.environ["BENCH_SEEDS"] = str(a.seeds)  # for the subprocesses
    rows = []
    for kind in a.kinds.split(","):
        for size in (int(s) for s in a.sizes.split(",")):
            r = measure(kind, size)
            print(f"{kind:6} {r['chars']:>9,} chars {r['seconds']:7.1f} s  peak {r['peak_mb']:6.0f} MB", flush=True)
            rows.append(r)
    out = table(rows)
    print(out)
    if a.write:
        write_results(out, a.sizes)


def write_results(body: str, sizes: str) -> None:
    """Replace (or add) this benchmark's section of bench/RESULTS.md."""
    path = ROOT / "bench" / "RESULTS.md"
    head = "## Article size: time and peak memory (bench/bench_size.py)"
    text = path.read_text() if path.exists() else ""
    section = (f"{head}\n\nOne article per subprocess, sizes {sizes} characters; peak RSS includes the model. "
               f"Goals: time per character at most 1.5x the smallest article's, peak at most 2.5x.\n\n{body}\n")
    if head in text:
        start = text.index(head)
        end = text.find("\n## ", start + len(head))
        text = text[:start] + section + (text[end + 1:] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


if __name__ == "__main__":
    main()
