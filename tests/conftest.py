"""Shared fixtures: example handbooks assembled from tests/examples/ with the real schemas."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "tests" / "examples"
BASE = EXAMPLES / "valid" / "minimal"


def assemble(case: Path | None, dest: Path) -> Path:
    """Base example + the case's overlay files (+ removals listed in remove.txt) + real schemas."""
    shutil.copytree(BASE, dest)
    if case is not None and case != BASE:
        for src in sorted(case.rglob("*")):
            rel = src.relative_to(case)
            if src.is_file() and rel.parts[0] == "qms":
                target = dest / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target)
        removals = case / "remove.txt"
        if removals.exists():
            for line in removals.read_text(encoding="utf-8").split():
                (dest / line).unlink()
    shutil.copytree(REPO / "qms" / "schemas", dest / "qms" / "schemas")
    return dest


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return assemble(None, tmp_path / "hb")


def json_paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into plain JSON-like data (the root is the empty tuple), for mutation tests."""
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += json_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += json_paths(value, (*prefix, i))
    return out


def parent_of(node: Any, path: tuple) -> Any:
    """The container holding the value at `path` (a path from json_paths, not the root)."""
    for part in path[:-1]:
        node = node[part]
    return node
