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
    "youtube", "tiktok", "handout", "supplied", "file photo", "pool",
)
_CREDIT_RE = re.compile(
    r"^\s*(?:(?:photo(?:graph)?|image|picture|pic|credit|source)s?\s*(?:credit)?\s*[:\-–—]\s*)?"
    r"(?:" + "|".join(re.escape(a) for a in sorted(CREDIT_AGENCIES, key=len, reverse=True)) + r")"
    r"(?:\s*[/|,]\s*[^\n]{0,60})?\s*$",
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


def _words(line: str) -> list[str]:
    return re.findall(r"[\w'’@#\-]+", line)


def classify_line(line: str, *, first: bool = False) -> str | None:
    """The debris reason for one line, or None for a line of the story.

    ``first`` marks the article's first line (a headline or standfirst, kept).
    """
    s = line.strip()
    if not s:
        return None
    if SOCIAL_SIGNATURE_RE.match(s) or "@" in s or s[0] in "“\"‘'«":
        return None
    if _NAV_RE.match(s):
        return "navigation"
    if _CREDIT_RE.match(s):
        return "photo credit"
    words = _words(s)
    letters = [c for c in s if c.isalpha()]
    if letters and len(words) <= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.9 and not s.endswith((".", "?", "!")):
        return "caption (all caps)"
    if not first and len(words) <= 16 and not s.endswith(_TERMINAL) and not re.search(r"[“”\"]", s):
        return "caption or heading"
    return None


def find_debris(text: str) -> list[Skipped]:
    """Every debris stretch of ``text`` as Skipped(start, end, reason), in text order."""
    out: list[Skipped] = []
    pos = 0
    first = True
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lead = len(body) - len(body.lstrip())
            reason = classify_line(body, first=first)
            if reason:
                out.append(Skipped(pos + lead, pos + len(body.rstrip()), reason))
            else:
                m = _LABEL_RE.match(body)
                if m and not first:
                    out.append(Skipped(pos + m.start(1), pos + m.end(1), "label"))
            first = False
        pos += len(line)
    return out
