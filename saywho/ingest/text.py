"""Bytes -> text: UTF-8, else cp1252 with a warning, else a clear error."""
from __future__ import annotations

from ..errors import InputError

#: Control characters that never occur in text (TAB, LF, CR, FF are fine).
_BINARY_BYTES = bytes(range(0, 9)) + bytes([11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])


def looks_binary(data: bytes) -> bool:
    """A NUL byte, or many control bytes, in the first 8 KB means it is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    ctrl = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    return ctrl / len(head) > 0.05


def decode_bytes(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode a text file's bytes; returns the text and any warnings.

    Raises InputError for binary data and for bytes that are neither UTF-8 nor cp1252.
    """
    if looks_binary(data):
        raise InputError(source, "binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            source, f"not UTF-8 (bad byte 0x{data[first_bad]:02x} at offset {first_bad}) and not cp1252 either"
        ) from None
    return text, [f"{source}: not UTF-8 (bad byte at offset {first_bad}); decoded as cp1252"]
