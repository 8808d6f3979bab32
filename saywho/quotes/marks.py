"""Steps 1-4 of the cascade: paragraphs and quotation marks, found by scanning
the characters of the text.

Nothing here reads the parse, and nothing imports spaCy: each scan can be tested
on a bare string.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lexicon import TITLE_SMALL_WORDS
from ..model import Skipped
from .found import Found

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‚‹"
CLOSE_SINGLE = "’›"
ANY_MARK = OPEN_DOUBLE + CLOSE_DOUBLE + '"'
#: Tokens that are double quotation marks (the tokenizer's "''" and "``" too).
MARK_TOKENS = frozenset(ANY_MARK) | frozenset({"''", "``"})
#: Tokens that are dashes (an aside's, a dateline's; a hyphen standing alone).
DASH_TOKENS = frozenset({"—", "–", "-", "--"})
SIGNATURE_RE = re.compile(
    r"^[ \t]*[—–\-]{1,2}[ \t]*(?P<name>[^\n()@]{1,80}?)[ \t]*\(@(?P<handle>\w{1,30})\)[ \t]*(?P<date>[^\n]{0,40}?)[ \t]*$",
    re.M,
)
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'll|I’ll|I'd|I’d|me|my|we|We|our|Our|us|My)\b")


# ------------------------------------------------------------------ 1. paragraphs


@dataclass
class Para:
    """A paragraph (one line of the text) as character offsets."""

    start: int
    end: int
    skipped: bool
    #: where the paragraph's own text starts, past a run-in label ("LATEST DEVELOPMENTS:")
    body_start: int = -1


def paragraphs(text: str, skipped: list[Skipped]) -> list[Para]:
    """Lines with content, each marked when debris covers it all."""
    out: list[Para] = []
    pos = 0
    # the debris spans by start, with the furthest end so far: each line asks only about
    # those that can overlap it (a scan of all per line was quadratic in the article)
    order = sorted(range(len(skipped)), key=lambda j: skipped[j].start)
    starts = [skipped[j].start for j in order]
    reach: list[int] = []
    for j in order:
        reach.append(max(skipped[j].end, reach[-1]) if reach else skipped[j].end)
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        s = pos + len(body) - len(body.lstrip())
        e = pos + len(body.rstrip())
        if e > s:
            near = []  # in list order: _skip_end takes the first that fits
            k = bisect.bisect_left(starts, e) - 1
            while k >= 0 and reach[k] >= s:
                near.append(order[k])
                k -= 1
            near_spans = [skipped[j] for j in sorted(near)]
            covered = sum(max(0, min(e, k.end) - max(s, k.start)) for k in near_spans)
            body = _skip_end(s, near_spans)
            while body < e and text[body].isspace():
                body += 1
            out.append(Para(s, e, covered >= (e - s) * 0.9, body))
        pos += len(line)
    return out


def _skip_end(start: int, skipped: list[Skipped]) -> int:
    """Where the paragraph's real text begins, past a run-in label."""
    for k in skipped:
        if k.start <= start < k.end or (k.start == start):
            return k.end
    return start


def para_index(paras: list[Para]) -> Callable[[int], int | None]:
    """A lookup from a character offset to the index of the paragraph that holds it."""
    starts = [p.start for p in paras]

    def find(i: int) -> int | None:
        k = bisect.bisect_right(starts, i) - 1
        if k >= 0 and paras[k].start <= i <= paras[k].end:
            return k
        return None

    return find


# ------------------------------------------------------------------ 2. double marks


def _is_opening_straight(text: str, i: int) -> bool:
    """Does the straight mark at ``i`` open a quote (after a space or an opening
    punctuation, before a word)?"""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if prev.isspace() or prev in "([{—–-/:;,\u2018'" :
        return not nxt.isspace()
    return False


def _marks(text: str, s: int, e: int) -> list[tuple[int, str]]:
    """Double quotation marks in text[s:e] as (offset, 'open'|'close').  Two
    apostrophes ("''", the double mark of typewriter-style news text) are one
    straight mark: its inner apostrophe is the mark's offset, so that the quote's
    text starts after an opening pair and ends before a closing one."""
    out = []
    i = s
    while i < e:
        c = text[i]
        if c in OPEN_DOUBLE:
            out.append((i, "open"))
        elif c in CLOSE_DOUBLE:
            out.append((i, "close"))
        elif c == '"' and i > 0 and text[i - 1] == "=":
            # markup left in the text ('<tweet tweet-author="...">'): an attribute's value
            # is nobody's words; skip it to its closing mark on the same line
            close = text.find('"', i + 1, e)
            if close != -1 and "\n" not in text[i:close]:
                i = close
        elif c == '"':
            out.append((i, "open" if _is_opening_straight(text, i) else "close"))
        elif c == "'" and i + 1 < e and text[i + 1] == "'":
            prev = text[i - 1] if i > 0 else "\n"
            nxt = text[i + 2] if i + 2 < len(text) else "\n"
            opening = (prev.isspace() or prev in "([{—–-/:;,") and not nxt.isspace()
            out.append((i + 1, "open") if opening else (i, "close"))
            i += 1
        i += 1
    return out


def is_straight(text: str, i: int) -> bool:
    """Is the mark at ``i`` a straight double mark (a '"' or half of a "''" pair)?"""
    return text[i] == '"' or (text[i] == "'" and (text[i - 1:i] == "'" or text[i + 1:i + 2] == "'"))


def double_quotes(text: str, paras: list[Para], skipped: list[Skipped]) -> list[Found]:
    """Step 2: double-quoted spans, paired paragraph by paragraph; a quote left open
    continues when the next paragraph re-opens with a mark, else it ends with its
    paragraph.  Long nested double quotes become quotes of their own."""
    out: list[Found] = []
    inner: list[tuple[int, int]] = []
    pending: Found | None = None  # a quote left open at the end of the previous paragraph
    live = [(k, p) for k, p in enumerate(paras) if not p.skipped]
    curly = any(c in text for c in OPEN_DOUBLE)
    for n, (k, p) in enumerate(live):
        ps = p.body_start
        marks = _marks(text, ps, p.end)
        cur: Found | None = None
        if pending is not None:
            first_char = text[ps] if ps < p.end else ""
            # the re-opening mark is of the same kind as the opening one: a stray straight
            # mark in an article of curly marks does not swallow the next paragraph's quote
            same_kind = bool(marks) and is_straight(text, marks[0][0]) == is_straight(text, pending.open_mark)
            if marks and marks[0][0] in (ps, ps + 1) and (marks[0][1] == "open" or first_char == '"') and same_kind:
                cur = pending  # the quote re-opens: it continues across the paragraph break
                marks = marks[1:]
            elif not (curly and is_straight(text, pending.open_mark)):
                out.append(pending)  # never re-opened: it ended with its paragraph
            # (an unpaired straight mark in an article of curly marks is a stray: no quote)
            pending = None
        depth: list[int] = []  # opening marks of double quotes nested in a curly-quoted one
        for i, kind in marks:
            if cur is None:
                if kind == "open" or is_straight(text, i):
                    cur = Found(start=i + 1, end=i + 1, type="direct", para=k, open_mark=i)
                    depth = []
                # a closing mark with nothing open is a stray: ignore it
            elif text[cur.open_mark] in OPEN_DOUBLE and (text[i] in OPEN_DOUBLE or is_straight(text, i) and (kind == "open" and not depth)):
                # “I told them “no way” and left”: a quote inside a curly-quoted quote
                depth.append(i)
            elif depth and (text[i] in CLOSE_DOUBLE or is_straight(text, i)):
                inner.append((depth.pop() + 1, i))
            else:
                if kind == "close" or is_straight(text, i):
                    cur.end, cur.close_mark = i, i
                    if cur.end > cur.start:
                        out.append(cur)
                    cur = None
        if cur is not None:
            cur.end = p.end
            cur.close_mark = None
            nxt = live[n + 1][1] if n + 1 < len(live) else None
            if nxt is not None:
                pending = cur
            else:
                out.append(cur)
    if pending is not None:
        out.append(pending)
    return _trim_and_nest(text, out, inner)


def _trim_and_nest(text: str, out: list[Found], inner: list[tuple[int, int]]) -> list[Found]:
    """The paired quotes trimmed and without empty ones, then the ``inner`` (nested)
    double-quoted spans long enough to be someone's words, each with its host."""
    # Trim: an unclosed quote ends at its paragraph's last character; drop empty ones.
    res = []
    for f in out:
        while f.end > f.start and text[f.end - 1].isspace():
            f.end -= 1
        if re.search(r"\w", text[f.start:f.end]):
            res.append(f)
    # nested double quotes long enough to be someone's words are quotations of their own
    for s, e in inner:
        host = next((j for j, f in enumerate(res) if f.start <= s and e <= f.end), None)
        if host is not None and len(text[s:e].split()) >= 4:
            res.append(Found(start=s, end=e, type="direct", para=res[host].para, open_mark=s - 1, close_mark=e, parent=host))
    return res


# ------------------------------------------------------------------ 3. single marks


def _single_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Single-quoted spans in text[s:e]: an opening mark after a space or mark and a
    closing mark before a space or punctuation; apostrophes inside words are not marks."""
    spans = []
    open_at: int | None = None
    for i in range(s, e):
        c = text[i]
        if c not in OPEN_SINGLE + CLOSE_SINGLE + "'":
            continue
        prev = text[i - 1] if i > s else " "
        nxt = text[i + 1] if i + 1 < e else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # don't, Trump’s
        if open_at is None:
            if (c in OPEN_SINGLE or c == "'") and (prev.isspace() or prev in "“\"([—–-:") and nxt.isalnum():
                open_at = i
        else:
            if (c in CLOSE_SINGLE or c == "'") and not prev.isspace() and (not nxt.isalnum()):
                if nxt == "s" and prev.isalpha():
                    continue
                # "the players' union": a plural possessive, when a lower-case word
                # follows and another closing mark comes later in the paragraph
                if prev in "sS" and re.match(r"\s+[a-z]", text[i + 1:i + 4]) and _later_close(text, i + 1, e):
                    continue
                spans.append((open_at + 1, i))
                open_at = None
    return spans


def _later_close(text: str, i: int, e: int) -> bool:
    """A closing single mark after position i (before e) that ends a quotation."""
    return bool(re.search(r"[^\s][’'](?=[\s,.;:!?]|$)", text[i:e]))


def single_quotes(text: str, paras: list[Para], doubles: list[Found], skipped: list[Skipped]) -> list[Found]:
    """Step 3: single-quoted quotations nested in the ``doubles`` (as their children)
    and single-quoted speech in prose paragraphs that have no double marks."""
    out: list[Found] = []
    # 3a. nested inside a double-quoted span: its own quotation
    for pi, d in enumerate(doubles):
        for s, e in _single_spans(text, d.start, d.end):
            # a term in marks inside a quote ('Islamic terrorism') is no quotation of its own
            if len(text[s:e].split()) >= 4:
                out.append(Found(start=s, end=e, type="direct", para=d.para, open_mark=s - 1, close_mark=e, parent=pi))
    # 3b. single-quote speech in prose paragraphs (outlets that quote with single
    #     marks), outside any double-quoted span: a paragraph may mix both ("'It's a
    #     tragedy,' said X. He added it would be rebuilt "brick by brick"."); a heading
    #     (no final punctuation) keeps its scare quotes.
    marked = SpanSet([(d.start - 1, d.end + 1) for d in doubles])
    for k, p in enumerate(paras):
        if p.skipped:
            continue
        body = text[p.start:p.end]
        if "''" in body:
            continue  # doubled apostrophes are double marks (handled as such)
        if not body.rstrip().endswith((".", "?", "!", "’", "'", "…", '"', "”")) or len(body.split()) < 5:
            continue
        for s, e in _single_spans(text, p.start, p.end):
            if in_spans(s - 1, marked):
                continue
            if len(text[s:e].split()) >= 3:
                out.append(Found(start=s, end=e, type="direct", para=k, open_mark=s - 1, close_mark=e))
    return out


# ------------------------------------------------------------------ 4. social posts


def social_posts(text: str, paras: list[Para]) -> list[Found]:
    """Embedded posts: the lines above a '— Name (@handle) Date' signature."""
    out = []
    for m in SIGNATURE_RE.finditer(text):
        k = next((i for i, p in enumerate(paras) if p.start <= m.start("name") < p.end + 1), None)
        if k is None or k == 0:
            continue
        first = k - 1
        j = k - 1
        while j >= 0 and not paras[j].skipped:
            line = text[paras[j].start:paras[j].end]
            if any(c in line for c in OPEN_DOUBLE + CLOSE_DOUBLE + '"') or SIGNATURE_RE.match(line):
                break
            post_like = bool(_FIRST_PERSON.search(line) or "@" in line or "#" in line or "http" in line or "pic." in line)
            if j < k - 1 and not post_like:
                break
            if j == k - 1 and not post_like and len(line.split()) > 60:
                break
            first = j
            j -= 1
            if k - 1 - j >= 10:
                break
        if first > k - 1:
            continue
        s, e = paras[first].start, paras[k - 1].end
        out.append(
            Found(start=s, end=e, type="direct", para=first, venue="social media",
                  signed_name=m.group("name").strip(), signed_date=(m.group("date") or "").strip() or None,
                  mention=(m.start("name"), m.start("name") + len(m.group("name").strip())), confidence=0.9)
        )
    return out


# ------------------------------------------------------------------ offsets and headings


class SpanSet:
    """Half-open spans, asked "is offset i inside one?" in O(log n) (an article's quotes are
    asked about for every token of every quote's frame: a list scan made that quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.reach: list[int] = []  # the furthest end among the spans up to here
        for _, e in self.spans:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def has(self, i: int, skip: tuple[int, int] | None = None) -> bool:
        """``i`` is inside one of the spans (not counting one occurrence of ``skip``)."""
        j = bisect.bisect_right(self.starts, i) - 1
        while j >= 0 and self.reach[j] > i:
            s, e = self.spans[j]
            if s <= i < e:
                if (s, e) != skip:
                    return True
                skip = None  # the span skipped once; a copy of it still counts
            j -= 1
        return False

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        """The spans that overlap [s, e) (latest start first)."""
        out = []
        j = bisect.bisect_left(self.starts, e) - 1
        while j >= 0 and self.reach[j] > s:
            if self.spans[j][1] > s:
                out.append(self.spans[j])
            j -= 1
        return out


class SpanIndex:
    """Half-open spans kept in their given order, asked "which of them hold offset i?"
    by bisection (for the innermost or the first quote around a position)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self.starts = [spans[k][0] for k in self.order]
        self.reach: list[int] = []  # the furthest end among the spans up to here, by start
        for k in self.order:
            self.reach.append(max(spans[k][1], self.reach[-1]) if self.reach else spans[k][1])

    def holding(self, i: int) -> list[int]:
        """The positions (in the given order) of the spans with start <= i < end."""
        out = []
        j = bisect.bisect_right(self.starts, i) - 1
        while j >= 0 and self.reach[j] > i:
            k = self.order[j]
            if self.spans[k][1] > i:
                out.append(k)
            j -= 1
        return out

    def innermost(self, i: int) -> int | None:
        """The shortest span holding ``i`` (the first in the given order on a tie)."""
        return min(self.holding(i), key=lambda k: (self.spans[k][1] - self.spans[k][0], k), default=None)


def in_spans(i: int, spans: "list[tuple[int, int]] | SpanSet") -> bool:
    """Is offset ``i`` inside one of the half-open ``spans``?"""
    if isinstance(spans, SpanSet):
        return spans.has(i)
    return any(s <= i < e for s, e in spans)


def title_case(s: str) -> bool:
    """A short run of Title Case words ("Fox and Friends"): a heading or a title."""
    words = re.findall(r"[\w’'-]+", s)
    return 0 < len(words) <= 6 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words
    )
