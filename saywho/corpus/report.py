"""The source report as text and as a chart: who gets quoted, per outlet or month."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..records import ReportRow

KINDS = ["person", "organisation", "unnamed", "group", "none"]
_KIND_LABEL = {"person": "people", "organisation": "organisations", "unnamed": "unnamed sources",
               "group": "groups", "none": "no speaker"}


def kind_shares(rows: Sequence[ReportRow]) -> dict[str, dict[str, int]]:
    """group -> speaker kind -> quotes."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        out[r.group][r.kind] += r.quotes
    return out


def report_table(rows: Sequence[ReportRow]) -> str:
    """Per group: the quotes, the shares by kind of speaker, then the top speakers."""
    if not rows:
        return "(no quotes)\n"
    kinds = kind_shares(rows)
    lines: list[str] = []
    groups = list(dict.fromkeys(r.group for r in rows))
    for g in groups:
        total = next(r.group_quotes for r in rows if r.group == g)
        shares = ", ".join(f"{_KIND_LABEL.get(k, k)} {n / total:.0%}"
                           for k, n in sorted(kinds[g].items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"{g}: {total} quote{'s' if total != 1 else ''} ({shares})")
        for r in rows:
            if r.group == g:
                lines.append(f"  {r.quotes:>5}  {r.share:>6.1%}  {r.speaker[:40]:<40}  {r.kind}")
        lines.append("")
    return "\n".join(lines)


def report_chart(rows: Sequence[ReportRow], path: str | Path, title: str = "Who gets quoted") -> Path:
    """A PNG or SVG (by extension): per group, the share of quotes by kind of speaker (left)
    and the most quoted speakers overall (right)."""
    p = Path(path)
    fmt = p.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise InputError(str(p), "the chart must be a .png or .svg file")
    if not p.parent.resolve().is_dir():
        raise InputError(str(p), f"directory {p.parent} does not exist")
    import matplotlib

    matplotlib.use("Agg")  # no display: render to a file only
    import matplotlib.pyplot as plt

    kinds = kind_shares(rows)
    groups = list(dict.fromkeys(r.group for r in rows)) or ["(no quotes)"]
    totals = {r.group: r.group_quotes for r in rows}
    people: dict[str, int] = defaultdict(int)
    for r in rows:
        if not r.speaker.startswith("("):
            people[r.speaker] += r.quotes
    topn = sorted(people.items(), key=lambda kv: (-kv[1], kv[0]))[:10]

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, max(3.5, 0.5 * len(groups) + 2.0)),
                                      gridspec_kw={"width_ratios": [3, 2]})
    colours = {"person": "#4477aa", "organisation": "#ee6677", "unnamed": "#ccbb44", "group": "#228833",
               "none": "#bbbbbb"}
    ys = list(range(len(groups)))
    base = [0.0] * len(groups)
    for k in KINDS:
        vals = [kinds[g].get(k, 0) / totals[g] if totals.get(g) else 0 for g in groups]
        if any(vals):
            left.barh(ys, vals, left=base, color=colours[k], label=_KIND_LABEL[k])
            base = [b + v for b, v in zip(base, vals)]
    left.set_yticks(ys, [f"{g} ({totals.get(g, 0)})" for g in groups])
    left.invert_yaxis()
    left.set_xlim(0, 1)
    left.set_xlabel("share of quotes")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=5, fontsize="small", frameon=False)
    left.set_title("By kind of speaker (quotes)")
    if topn:
        right.barh(range(len(topn)), [n for _, n in topn], color="#4477aa")
        right.set_yticks(range(len(topn)), [s[:30] for s, _ in topn])
        right.invert_yaxis()
    right.set_xlabel("quotes")
    right.set_title("Most quoted")
    fig.suptitle(title)
    fig.tight_layout()
    try:
        fig.savefig(p, format=fmt, dpi=120)
    except OSError as e:
        raise InputError(str(p), f"cannot write the chart ({e.strerror or e})") from None
    finally:
        plt.close(fig)
    return p
