"""What the tool reads from disk, by one rule, and nothing from outside the repository.

- A tree (qms/, docs/) is walked once. Symbolic links are followed only when they resolve inside
  the repository; one that leads outside is reported (FILE-OUTSIDE) and never read, so no file
  from elsewhere on the machine can reach the site or its search index.
- Only regular files are read: a FIFO, device or socket is reported (FILE-SPECIAL), never opened,
  because reading one can block forever or never end.
- A file is read up to its size bound plus one byte; a bigger file is reported and never parsed.

The callers decide what a file is for; this module only says what may be read and reads it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .ruleset import diagnose


@dataclass
class Tree:
    """The readable files under a folder (paths relative to the root, `/`-separated, sorted) and
    what could not be read."""

    files: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def walk(root: Path, folder: str, skip: frozenset[str] = frozenset()) -> Tree:
    """Every regular file under `root/folder`, following links that stay inside `root`."""
    tree = Tree()
    top = root / folder
    real_root = root.resolve()
    seen: set[str] = set()
    # os.scandir with plain strings: pathlib objects per file cost seconds at 40,000 files.
    pending = [(str(top), folder)]
    while pending:
        path, rel = pending.pop()
        real = os.path.realpath(path)
        if real in seen:
            continue  # a link back to a folder already walked
        seen.add(real)
        with os.scandir(path) as entries:
            for entry in entries:
                child = f"{rel}/{entry.name}"
                if child in skip:
                    continue
                kind = _classify(entry, real_root, child, tree)
                if kind == "dir":
                    pending.append((entry.path, child))
                elif kind == "file":
                    tree.files.append(child)
    tree.files.sort()
    return tree


def _classify(entry: os.DirEntry[str], real_root: Path, rel: str, tree: Tree) -> str:
    if entry.is_symlink() and not _inside(real_root, entry.path):
        message = f"{rel} is a link to {os.path.realpath(entry.path)}, outside the repository; it is not read"
        tree.problems.append(diagnose("FILE-OUTSIDE", message, file=rel))
        return ""
    try:
        mode = entry.stat().st_mode  # follows a link (inside the repository) to its target
    except OSError as exc:
        tree.problems.append(diagnose("FILE-SPECIAL", f"{rel} cannot be read: {exc.strerror}", file=rel))
        return ""
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    tree.problems.append(diagnose("FILE-SPECIAL", f"{rel} is not a regular file; it is not read", file=rel))
    return ""


def _inside(real_root: Path, path: str) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(real_root)


def inside(root: Path, rel: str) -> bool:
    """Whether `root/rel`, links resolved, stays inside the repository."""
    return _inside(root.resolve(), str(root / rel))


class Unreadable(Exception):
    """A file the rule above does not allow to be read, or that the system would not read."""


def read_limited(root: Path, rel: str, limit: int) -> bytes:
    """A regular file inside the repository, at most `limit + 1` bytes of it (so the caller can
    tell that it is too big without reading it all)."""
    path = root / rel
    if not inside(root, rel):
        raise Unreadable(f"{rel} leads outside the repository")
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable(f"{rel} is not a regular file")
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        raise Unreadable(f"{rel} cannot be read: {exc.strerror}") from None


def read_data_file(root: Path, rel: str, limit: int) -> str:
    """A UTF-8 data file (CSV) under the same rule: inside the repository, regular, within the
    size bound. Unreadable says what is wrong; a decoding error is the caller's to report."""
    raw = read_limited(root, rel, limit)
    if len(raw) > limit:
        raise Unreadable(f"{rel} is larger than {limit:,} bytes")
    return raw.decode("utf-8-sig")
