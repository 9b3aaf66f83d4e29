"""Give diagnostics their line and column: re-read a file's positions only when it has a problem.

Keeping positions out of the normal load keeps a 10,000-document check small and fast; the
handful of files with problems are parsed a second time with the position map switched on.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, pointer_join, pointer_parts
from .files import Unreadable, read_limited
from .yamlload import Position, load_bytes


def locate(root: Path, diagnostics: list[Diagnostic], max_bytes: int) -> list[Diagnostic]:
    cache: dict[str, dict[str, Position]] = {}
    out = []
    for diag in diagnostics:
        if diag.line or not diag.file:
            out.append(diag)
            continue
        if diag.file not in cache:
            cache[diag.file] = _positions(root, diag.file, max_bytes)
        line, col = _find(cache[diag.file], diag.pointer, diag.on_key)
        out.append(diag.with_position(line, col))
    return out


def _positions(root: Path, rel: str, max_bytes: int) -> dict[str, Position]:
    """The position map of a file with a problem; none for a file that may not be read or is
    over the size bound (it is never parsed; its problem is shown at 1:1)."""
    try:
        raw = read_limited(root, rel, max_bytes)
    except Unreadable:
        return {}
    if len(raw) > max_bytes:
        return {"": (1, 1)}
    # A file that is not YAML at all still has a first line to point at.
    return load_bytes(raw, rel, max_bytes=max_bytes, positions=True).positions or {"": (1, 1)}


def _find(positions: dict[str, Position], pointer: str, on_key: bool) -> Position:
    """The position of the pointer (of its key when the problem is the key), else of its
    nearest ancestor. The loader's position map marks a key's position with a #key suffix."""
    if on_key and pointer + "#key" in positions:
        return positions[pointer + "#key"]
    parts = pointer_parts(pointer)
    while True:
        ptr = pointer_join(*parts)
        if ptr in positions:
            return positions[ptr]
        if not parts:
            return (1, 1) if positions else (0, 0)
        parts.pop()

