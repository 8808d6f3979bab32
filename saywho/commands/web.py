"""saywho CLI commands: web (see the module's issue)."""
from __future__ import annotations

from ..cli import main  # noqa: F401
