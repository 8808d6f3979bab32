"""The first-name list (gender_guesser's), loaded once per process for every step that
asks it: name clustering, given names and mislabelled people (a leaf module, so that
``names`` and ``given`` share it without importing each other)."""
from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def detector() -> Any:
    """The shared, case-insensitive first-name detector (about a second to load)."""
    import gender_guesser.detector as gd  # a word list: loaded on first use only

    return gd.Detector(case_sensitive=False)
