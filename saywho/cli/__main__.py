"""``python -m saywho.cli``: the same as the ``saywho`` console script."""
from __future__ import annotations

from . import run

if __name__ == "__main__":  # pragma: no cover
    run()
