"""The shared probe of the step-7 tests: what ``indirect_quotes`` reports in a text."""
from __future__ import annotations

from saywho import nlp
from saywho.quotes.indirect import indirect_quotes
from saywho.quotes.marks import paragraphs


def reports(text: str) -> list[tuple[str, str | None, str]]:
    """(report, cue, speaker mention) of each indirect quote of ``text``, in order."""
    doc = nlp.parse(text)
    out = indirect_quotes(doc, [], paragraphs(text, []), [])
    return [(text[f.start:f.end], f.cue, text[f.mention[0]:f.mention[1]]) for f in out]
