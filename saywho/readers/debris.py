"""Page debris in plain text: navigation, photo credits, captions, run-in labels.

Scraped article text keeps lines that are not part of the story ("Most Read",
"GETTY", an all-caps name under a photo, "LATEST DEVELOPMENTS:").  They stay in the
text, so offsets never shift, and are returned as :class:`Skipped` stretches that
extraction leaves out.  The classifier goes by how such lines look (length,
casing, final punctuation, position, known credit agencies), never by the
wording of any one article.
"""
from __future__ import annotations

import re

from ..model import Skipped

#: Photo and wire agencies that appear as bare credit lines under pictures.
CREDIT_AGENCIES = (
    "getty", "getty images", "pa", "pa media", "pa wire", "pa images", "ap", "afp", "reuters", "epa",
    "efe", "ansa", "dpa", "xinhua", "anadolu", "shutterstock", "alamy", "rex", "rex features",
    "bloomberg", "bloomberg via getty images", "ap photo", "afp via getty images", "sipa", "zuma",
    "nurphoto", "wireimage", "corbis", "eyevine", "bbc", "x", "twitter", "instagram", "facebook",
    "youtube", "tiktok", "handout", "supplied", "file photo", "pool", "getty images for", "pa archive",
    "pa graphics", "ap images", "associated press", "press association", "reuters tv", "sky news", "itv",
    "the times", "avalon", "splash news", "backgrid", "mega", "alamy live news", "x/twitter",
)
_CREDIT_RE = re.compile(
    r"^\s*(?:(?:photo(?:graph)?|image|picture|pic|credit|source)s?\s*(?:credit)?\s*[:\-–—]\s*)?"
    r"(?:" + "|".join(re.escape(a) for a in sorted(CREDIT_AGENCIES, key=len, reverse=True)) + r")"
    r"(?:\s*[/|,]\s*[^\n]{0,60})?\s*$",
    re.I,
)
_AGENCY = "|".join(re.escape(a) for a in sorted(CREDIT_AGENCIES, key=len, reverse=True))
#: Other credit forms: "Photograph: Stefan Rousseau/PA", "Image source, Getty Images",
#: "(Image: Getty)", "Jane Doe/Reuters", "Picture by John Smith"
_CREDIT_FORMS = re.compile(
    r"^\s*\(?\s*(?:(?:photo(?:graph)?|image|picture|pic|credit|copyright|©)s?\s*(?:source|credit|caption)?\s*[:,]"
    r"|(?:photo(?:graph)?|picture|image)s?\s+(?:by|via|from)\b)[^\n]{0,80}$"
    r"|^\s*[A-Z][\w.'\- ]{1,40}\s*/\s*(?:" + _AGENCY + r")\b[^\n]{0,40}$",
    re.I,
)
#: Words of site navigation and promotion blocks ("Most Read", "Don't Miss").
_NAV_RE = re.compile(
    r"^\s*(?:most (?:read|popular|viewed|shared)|don'?t miss|do not miss|trending(?: on .{1,40})?|related(?: articles| stories| content| news)?"
    r"|read more(?: about .{1,40})?|more (?:from|on|stories|news)(?: .{1,40})?|recommended(?: for you| stories)?|top stories|latest(?: news| stories)?"
    r"|sign up(?: .{0,50})?|subscribe(?: .{0,50})?|follow us(?: .{0,40})?|share(?: this(?: article| story)?)?|advertisement|sponsored(?: content)?"
    r"|click here(?: .{0,50})?|watch(?: now| live| the video)?|listen(?: now| live)?|video|gallery|in pictures|live updates?|breaking(?: news)?"
    r"|comments?|cookie(?:s| settings| policy)(?: .{0,60})?|accept(?: all)?(?: cookies)?|skip to (?:main )?content|back to top|next article|previous article"
    r"|you may also like|also read|see also|editor'?s picks?|popular now|what'?s hot|just in)\s*[:.]?\s*$",
    re.I,
)
#: An upper-case label that runs into the paragraph: "LATEST DEVELOPMENTS:Starmer's ..."
_LABEL_RE = re.compile(r"^\s*([A-Z][A-Z0-9 '&\-]{3,40}:)\s*(?=\S)")
#: "— Name (@handle) Month D, YYYY": the signature of an embedded social-media post.
SOCIAL_SIGNATURE_RE = re.compile(r"^\s*[—–\-]{1,2}\s*[^\n()]{1,80}\(@\w{1,30}\)[^\n]{0,40}$")

_TERMINAL = tuple('.!?:;"”’\'…)]')

#: Finite verbs and auxiliaries common in news sentences: a short line with one of
#: these is a sentence (kept), unless it sits against a photo credit (a caption).
_VERBS = frozenset("""
is are was were be been am has have had do does did will would can could shall should may might must
said says say told tells tell asked asks added adds met meets meet called calls call spoke speaks
urged warned claimed denied announced revealed insisted confirmed described admitted agreed argued
believes believed thinks thought wants wanted wrote writes posted replied responded explained noted
praised slammed blasted hit hits won wins lost loses vowed pledged promised refused rejected accused
became becomes made makes took takes gave gives came comes went goes got gets saw sees knew knows
found finds left leaves kept keeps felt feels led leads showed shows paid pays resigned died dies
""".split())
#: Participles that captions use without a verb of their own ("Keir Starmer pictured in ...").
_CAPTION_PARTICIPLES = frozenset("pictured seen photographed shown captured filmed snapped depicted".split())


def _words(line: str) -> list[str]:
    return re.findall(r"[\w'’@#\-]+", line)


def has_verb(line: str) -> bool:
    """Whether a line has a finite verb, judged without a parser (ingest runs before spaCy)."""
    for w in _words(line):
        lw = w.lower().replace("’", "'")
        if lw in _CAPTION_PARTICIPLES:
            continue
        if lw in _VERBS or lw.endswith("n't"):
            return True
        if w.islower() and len(w) > 4 and lw.endswith("ed"):
            return True
    return False


def _is_credit(s: str) -> bool:
    if _CREDIT_RE.match(s):
        return True
    return bool(_CREDIT_FORMS.match(s)) and len(_words(s)) <= 14 and not s.endswith((".", "!", "?"))


def classify_line(line: str, *, first: bool = False) -> str | None:
    """The debris reason for one line on its own, or None for a line of the story.

    ``first`` marks the article's first line (a headline or standfirst, kept).
    A short line with a verb but no final punctuation is kept here; find_debris
    marks it a caption when it sits next to a photo credit.
    """
    s = line.strip()
    if not s:
        return None
    if SOCIAL_SIGNATURE_RE.match(s) or "@" in s or s[0] in "“\"‘'«":
        return None
    if _NAV_RE.match(s):
        return "navigation"
    if _is_credit(s):
        return "photo credit"
    words = _words(s)
    letters = [c for c in s if c.isalpha()]
    if letters and len(words) <= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.9 and not s.endswith((".", "?", "!")):
        return "caption (all caps)"
    if (not first and len(words) <= 16 and not s.endswith(_TERMINAL) and not re.search(r"[“”\"]", s)
            and not has_verb(s)):
        return "caption or heading"
    return None


def _short_unpunctuated(s: str) -> bool:
    return len(_words(s)) <= 20 and not s.endswith(_TERMINAL) and not re.search(r"[“”\"@]", s) and s[0] not in "“\"‘'«"


def find_debris(text: str) -> list[Skipped]:
    """Every debris stretch of ``text`` as Skipped(start, end, reason), in text order."""
    # the non-empty lines with their offsets
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lead = len(body) - len(body.lstrip())
            lines.append((pos + lead, pos + len(body.rstrip()), body.strip()))
        pos += len(line)
    # lines of an embedded social post: the signature and the lines just before it
    # (a post is short; stop at a long paragraph) are the post's text, kept whole
    social: set[int] = set()
    for i, (_, _, s) in enumerate(lines):
        if SOCIAL_SIGNATURE_RE.match(s):
            social.add(i)
            total = 0
            for j in range(i - 1, max(-1, i - 7), -1):
                total += len(lines[j][2])
                if total > 600 or classify_line(lines[j][2]) in ("navigation", "photo credit"):
                    break
                social.add(j)
    reasons = [None if i in social else classify_line(s, first=(i == 0)) for i, (_, _, s) in enumerate(lines)]
    # a short unpunctuated line with a verb, against a credit or an all-caps caption, is a caption
    for i, (_, _, s) in enumerate(lines):
        if reasons[i] is None and i and i not in social and _short_unpunctuated(s):
            near = [reasons[k] for k in (i - 1, i + 1) if 0 <= k < len(lines)]
            if any(r in ("photo credit", "caption (all caps)") for r in near):
                reasons[i] = "caption"
    out: list[Skipped] = []
    for i, (start, end, s) in enumerate(lines):
        if reasons[i]:
            out.append(Skipped(start, end, reasons[i]))
        elif i and i not in social:
            m = _LABEL_RE.match(s)
            if m:
                out.append(Skipped(start + m.start(1), start + m.end(1), "label"))
    return out
