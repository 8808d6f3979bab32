"""Start-up time of ``saywho --help`` against the eager imports it used to pay for.

Both are timed in this run, in fresh interpreters, taking turns (the order flipping
each round) so that a busy spell on a shared machine hits them alike:

- saywho:   ``python -m saywho.cli --help``: the lazy package as it is.
- baseline: the same command after importing what ``--help`` imported before the
  re-layout: ``saywho/__init__`` imported ``saywho.pipeline`` (hence spaCy, thinc,
  numpy, ...) eagerly.  ``--baseline all`` adds pandas, matplotlib and Dask, the other
  heavy libraries a command may need, for a second figure.

Prints the median of each and the ratio baseline/saywho (goal: >= 5), and with
``--results FILE`` replaces this benchmark's section of that markdown file.

    .venv/bin/python bench/bench_cli_start.py --n 15
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELP = "import runpy, sys; sys.argv = ['saywho', '--help']; runpy.run_module('saywho.cli', run_name='__main__')"
#: what ``saywho --help`` imported before: saywho/__init__ imported the pipeline (spaCy)
OLD_EAGER = "import saywho.pipeline, saywho.readers; "
ALL_HEAVY = OLD_EAGER + "import pandas, matplotlib, dask, distributed, sqlalchemy; "
BEGIN, END = "<!-- bench_cli_start: begin -->", "<!-- bench_cli_start: end -->"


def time_once(code: str) -> float:
    """Seconds for a fresh interpreter to run ``code`` (its output discarded)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - t0


def measure(systems: dict[str, str], n: int) -> dict[str, list[float]]:
    """``n`` timings of each system, taking turns, the order flipping each round."""
    for code in systems.values():  # warm the OS file cache: the first run of anything is slow
        time_once(code)
    times: dict[str, list[float]] = {k: [] for k in systems}
    names = list(systems)
    for i in range(n):
        for name in names if i % 2 == 0 else reversed(names):
            times[name].append(time_once(systems[name]))
    return times


def main() -> None:
    """Time, print, optionally write the markdown section."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=15, help="runs of each (default 15)")
    ap.add_argument("--results", type=Path, default=None, help="markdown file whose section to replace")
    a = ap.parse_args()
    if a.n < 1:
        ap.error("--n must be at least 1")
    systems = {"saywho": HELP, "baseline": OLD_EAGER + HELP, "all": ALL_HEAVY + HELP}
    load0 = os.getloadavg()[0]
    times = measure(systems, a.n)
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio, ratio_all = med["baseline"] / med["saywho"], med["all"] / med["saywho"]
    lines = [
        f"## `saywho --help` start-up (bench/bench_cli_start.py)",
        "",
        f"Written {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; median of {a.n} runs each in fresh "
        f"interpreters, taking turns; {os.cpu_count()} cores ({platform.machine()}), load average "
        f"{load0:.2f} before.",
        "",
        "| run | median s | min s |",
        "|---|---|---|",
        f"| `saywho --help` (lazy imports) | {med['saywho']:.3f} | {min(times['saywho']):.3f} |",
        f"| baseline: the old eager imports (saywho.pipeline: spaCy) + `--help` | {med['baseline']:.3f} | "
        f"{min(times['baseline']):.3f} |",
        f"| the same + pandas, matplotlib, Dask, SQLAlchemy | {med['all']:.3f} | {min(times['all']):.3f} |",
        "",
        f"Ratio baseline / saywho: **{ratio:.1f}x** (goal >= 5x: {'meets' if ratio >= 5 else 'misses'}); "
        f"with every heavy library: {ratio_all:.1f}x.",
        "",
        f"Run: `.venv/bin/python bench/bench_cli_start.py --n {a.n} --results bench/RESULTS.md`.",
    ]
    text = "\n".join(lines)
    print(text)
    if a.results:
        old = a.results.read_text(encoding="utf-8") if a.results.exists() else ""
        section = f"{BEGIN}\n{text}\n{END}"
        if BEGIN in old and END in old:
            new = old[: old.index(BEGIN)] + section + old[old.index(END) + len(END):]
        else:
            new = old.rstrip("\n") + "\n\n" + section + "\n"
        a.results.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
