"""saywho CLI commands: events (see the module's issue).

A command defined here is registered in ``saywho/cli/__init__.py``."""
from __future__ import annotations
