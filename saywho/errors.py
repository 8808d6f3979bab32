"""saywho's own error type: one clear line naming the input and the reason."""
from __future__ import annotations


class SaywhoError(Exception):
    """Base class of every error saywho raises on purpose."""


class InputError(SaywhoError):
    """An input that cannot be read: ``str(err)`` is ``"<source>: <reason>"``."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")
