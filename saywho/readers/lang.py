"""Language of an article's text (py3langid), decided only when the evidence is strong."""
from __future__ import annotations

from functools import lru_cache

#: Texts shorter than this many letters are not judged: short texts mislead langid.
MIN_LETTERS = 200
#: Normalised probability needed to call a text non-English.
MIN_PROB = 0.95


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def too_short(text: str) -> bool:
    """Too few letters for the language to be told at all (:func:`detect_language` says None)."""
    return sum(c.isalpha() for c in text[:6000]) < MIN_LETTERS


def short_guess(text: str) -> str | None:
    """For a text too short to judge, langid's best guess anyway (a hint, not a verdict:
    a short text guessed as another language than English is called "unknown"); None
    for texts long enough for :func:`detect_language` or without letters."""
    sample = text[:6000]
    if not too_short(sample) or not any(c.isalpha() for c in sample):
        return None
    return str(_identifier().classify(sample)[0])


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when unsure."""
    sample = text[:6000]
    if too_short(sample):
        return None
    lang, prob = _identifier().classify(sample)
    if lang == "en" or prob >= MIN_PROB:
        return str(lang)
    return None
