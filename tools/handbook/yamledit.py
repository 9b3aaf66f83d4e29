"""Minimal edits of handbook YAML files: change one block, keep every other byte.

`handbook review` and `handbook new` must not reformat what authors wrote (comments, key order,
folded text, quoting), so instead of dumping the whole document again these functions replace
or insert only the lines of one mapping value, found through the strict loader's position map.
The result is loaded again by the caller's check before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping

from .yamlload import load_bytes


class EditError(Exception):
    """The file does not have the shape the edit needs (message names file and place)."""


def _positions(text: str, path: str) -> dict[str, tuple[int, int]]:
    loaded = load_bytes(text.encode("utf-8"), path, max_bytes=len(text.encode("utf-8")) + 1, positions=True)
    if loaded.data is None:
        raise EditError(f"{path} does not load: {loaded.diagnostics[0].message}")
    return loaded.positions


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int, min_indent: int) -> int:
    """Index after the last line (from `start`) that belongs to a block indented ≥ `min_indent`
    (blank lines inside the block belong to it; trailing blank lines do not)."""
    end = start + 1
    for i in range(start + 1, len(lines)):
        if not lines[i].strip():
            continue
        if _indent(lines[i]) < min_indent:
            break
        end = i + 1
    return end


def _scalar(value: int | str) -> str:
    # Fingerprints are always quoted: 8 digits would otherwise read as a number.
    return str(value) if isinstance(value, int) else f"'{value}'"


def set_mapping(text: str, path: str, item_pointer: str, key: str, values: Mapping[str, int | str]) -> str:
    """Set `key` of the mapping at `item_pointer` to a block mapping of `values` (id → scalar),
    replacing the key's old value or appending the key at the end of the mapping."""
    positions = _positions(text, path)
    if item_pointer not in positions:
        raise EditError(f"{path}: nothing at {item_pointer}")
    lines = text.splitlines(keepends=True)
    first_line, column = positions[item_pointer]
    indent = column - 1
    block = [f"{' ' * indent}{key}:\n"] + [f"{' ' * (indent + 2)}{k}: {_scalar(v)}\n" for k, v in values.items()]
    if not values:
        block = []
    own = positions.get(f"{item_pointer}/{key}#key")
    if own is not None:
        start = own[0] - 1
        end = _block_end(lines, start, indent + 1)
        return "".join(lines[:start] + block + lines[end:])
    end = _block_end(lines, first_line - 1, indent)
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end] + block + lines[end:])


def set_scalars(text: str, path: str, pointer: str, changes: Mapping[str, int | str | None]) -> str:
    """In the mapping at `pointer` (block style), set each key to a plain scalar on its own line,
    add missing keys at the end, and remove keys whose new value is None. Values are written as
    given (the caller quotes where YAML needs it); a multi-line old value is replaced whole."""
    for key, value in changes.items():
        positions = _positions(text, path)
        lines = text.splitlines(keepends=True)
        if pointer not in positions:
            raise EditError(f"{path}: nothing at {pointer}")
        indent = positions[pointer][1] - 1
        own = positions.get(f"{pointer}/{key}#key")
        new = [] if value is None else [f"{' ' * indent}{key}: {value}\n"]
        if own is not None:
            start = own[0] - 1
            end = _block_end(lines, start, indent + 1)
            lines[start:end] = new
        elif value is not None:
            end = _block_end(lines, positions[pointer][0] - 1, indent)
            lines[end:end] = new
        text = "".join(lines)
    return text
