"""Text printed to a terminal is made printable first: a file name with a newline or a YAML key
with escape sequences must not forge extra report lines or drive the terminal."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: object) -> str:
    """The text with every control character written as a visible escape (\\n, \\x1b, ...)."""
    return _UNPRINTABLE.sub(_escape, str(text))


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}"
