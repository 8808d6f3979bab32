"""Step 4b of the cascade: turns of a transcript ("PENCE: We will ...").

A news transcript (a debate, an interview printed as such) gives each turn a
paragraph that opens with the speaker's name in capitals and a colon; what follows
is the speaker's own words, a direct quote, until the next speaker's label.  A
string scan like the other mark scans: no parse.
"""
from __future__ import annotations

import re

from ..lexicon import NOT_SPEAKER_LABELS
from .found import TRANSCRIPT_TURN, Found
from .marks import Para

#: A turn's label, perhaps after the opening mark of a quoted transcript ('"PENCE: Well, ...',
#: each paragraph of a quoted excerpt reopening with a mark, as news prints long quotes).
_LABEL_RE = re.compile(r"[\"“]?([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}):[ \t]+(?=\S)")


#: A label as a magazine interview prints it ("Shalev: I think ..."): Title Case, one to
#: three words; trusted only when two such speakers alternate (``_title_case_turns``).
_TITLE_LABEL_RE = re.compile(r"[\"“]?([A-Z][a-z][\w'’\-]*(?: [A-Z][a-z][\w'’\-]*){0,2}):[ \t]+(?=\S)")


def _label(text: str, p: Para, pattern: re.Pattern[str] = _LABEL_RE) -> re.Match[str] | None:
    """The speaker label that opens paragraph ``p``, if it has one."""
    m = pattern.match(text, p.start, p.end)
    if m is None or m.group(1).lower().strip(".") in NOT_SPEAKER_LABELS or len(re.sub(r"\W", "", m.group(1))) < 3:
        return None
    return m


def _name_in_prose(text: str, label: str) -> str | None:
    """The label as the article writes it elsewhere ("Pence" for "PENCE"): a label that
    the prose never names is a section heading ("WHY IT MATTERS:"), not a speaker."""
    words = label.split()
    for m in re.finditer(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", text, re.I):
        found = m.group(0)
        if found != found.upper() and found[:1].isupper():
            return found
    return None


def _speaker_names(text: str, labels: list[str]) -> dict[str, str]:
    """The speaker's name for each label: as the prose writes it, else the fuller label
    it shortens ("TAPPER" after "JAKE TAPPER"), for labels that recur or shorten one
    another once some label is named in the prose (a heading neither recurs nor is named)."""
    names = {lab: n for lab in set(labels) if (n := _name_in_prose(text, lab)) is not None}
    if not names:
        return {}
    for lab in set(labels) - set(names):
        longer = [o for o in labels if o != lab and (o.endswith(" " + lab) or lab.endswith(" " + o))]
        if longer or labels.count(lab) >= 2:
            full = max([lab, *longer], key=len)
            names[lab] = names.get(full) or full.title()
    return names


def _continues(text: str, p: Para) -> bool:
    """A paragraph that goes on with the turn above: words, not a stage note ("(END
    VIDEO CLIP)") or an ellipsis line."""
    line = text[p.start:p.end].lstrip("\"“")  # (a quoted transcript reopens each paragraph with a mark)
    return not p.skipped and line[:1] not in "([" and any(c.isalpha() for c in line)


def _title_case_turns(text: str, paras: list[Para]) -> list[tuple[int, re.Match[str], str]]:
    """Turns labelled in Title Case ("Shalev: ..."), which a dateline ("Washington: ...")
    or a run-in heading also looks like: kept only when at least two labels each open
    two paragraphs or more and the prose names each elsewhere."""
    # (words, not a tally: "Clinton: 2,316." is a count)
    labelled = [(k, m) for k, p in enumerate(paras) if not p.skipped
                and (m := _label(text, p, _TITLE_LABEL_RE)) is not None
                and len(re.findall(r"[A-Za-z]{2,}", text[m.end():p.end])) >= 2]
    counts: dict[str, int] = {}
    for _, m in labelled:
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    starts = {m.start(1) for _, m in labelled}
    # (a transcript has a few speakers: the ten most frequent labels are asked, each a scan)
    frequent = sorted((lab for lab, n in counts.items() if n >= 2), key=lambda lab: -counts[lab])[:10]
    named = {lab for lab in frequent if any(
        x.start() not in starts for x in re.finditer(r"\b" + re.escape(lab) + r"\b", text))}
    if len(named) < 2:
        return []
    return [(k, m, m.group(1)) for k, m in labelled if m.group(1) in named]


def transcript_turns(text: str, paras: list[Para]) -> list[Found]:
    """Each turn of a transcript as a direct quote signed by its speaker; a turn runs
    over unlabelled paragraphs only up to the next turn (the last turn is its own
    paragraph: prose may follow the transcript).  An article needs two turns by two
    different speakers to count as a transcript."""
    labelled = [(k, m) for k, p in enumerate(paras) if not p.skipped and (m := _label(text, p)) is not None]
    names = _speaker_names(text, [m.group(1) for _, m in labelled])
    turns = [(k, m, names[m.group(1)]) for k, m in labelled if m.group(1) in names]
    if len({name.lower() for _, _, name in turns}) < 2:
        turns = _title_case_turns(text, paras)
    if len({name.lower() for _, _, name in turns}) < 2:
        return []
    out = []
    for n, (k, m, name) in enumerate(turns):
        last = k
        if n + 1 < len(turns) and turns[n + 1][0] - k <= 4:
            # the turn's later paragraphs, up to the next turn or a stage note
            while last + 1 < turns[n + 1][0] and _continues(text, paras[last + 1]):
                last += 1
        end = paras[last].end
        if m.group(0)[:1] in "\"“" and text[end - 1] in "\"”":
            end -= 1  # the closing mark of a quoted transcript is not the speaker's
        f = Found(start=m.end(), end=end, type="direct", para=k, signed_name=name,
                  mention=(m.start(1), m.end(1)), confidence=0.8, notes=[TRANSCRIPT_TURN])
        out.append(f)
    return out
