"""Give diagnostics their line and column: re-read a file's positions only when it has a problem.

Keeping positions out of the normal load keeps a 10,000-document check small and fast; the
handful of files with problems are parsed a second time with the position map switched on.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, pointer_join, pointer_parts
from .yamlload import Position, load_bytes


def locate(root: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    cache: dict[str, dict[str, Position]] = {}
    out = []
    for diag in diagnostics:
        if diag.line or not diag.file:
            out.append(diag)
            continue
        if diag.file not in cache:
            cache[diag.file] = _positions(root / diag.file)
        line, col = _find(cache[diag.file], diag.pointer, diag.on_key)
        out.append(diag.with_position(line, col))
    return out


def _positions(path: Path) -> dict[str, Position]:
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    return load_bytes(raw, str(path), max_bytes=len(raw) + 1, positions=True).positions


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

