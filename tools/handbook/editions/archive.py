"""The archive of released editions, committed in the repository under `editions/`:

    editions/<EDITION>/manifest.json   what was released: SHA-256 of every file, commit, tag, tool
    editions/<EDITION>/site/...        the built edition, byte for byte as released
    editions/withdrawn.json            editions withdrawn afterwards, with reason and date

Editions are only ever added; an archived file is never rebuilt or overwritten. `check` compares
every archived file with its manifest (ARCHIVE-MODIFIED), `handbook verify --archive` also
with the tag.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..ruleset import diagnose

ARCHIVE_DIR = "editions"
MANIFEST = "manifest.json"
SITE = "site"
WITHDRAWN = "withdrawn.json"
TAG_PREFIX = "edition/"
MANIFEST_FORMAT = 1
_NAME = re.compile(r"(?P<year>[0-9]{4})\.(?P<n>[1-9][0-9]{0,3})")


class EditionError(Exception):
    """A refused edition command; the message says why and what to do (exit code 1)."""


def parse_name(name: str) -> tuple[int, int] | None:
    """An edition name `YYYY.N` as (year, number), compared numerically: 2026.10 after 2026.9."""
    match = _NAME.fullmatch(name)
    return (int(match["year"]), int(match["n"])) if match else None


def tag_of(edition: str) -> str:
    return TAG_PREFIX + edition


@dataclass(frozen=True)
class Manifest:
    edition: str
    released: str  # release date, YYYY-MM-DD
    commit: str  # the commit whose content the edition was built from
    tag: str
    tool_version: str
    files: dict[str, str]  # path inside site/ → SHA-256

    def to_json(self) -> str:
        payload = {
            "format_version": MANIFEST_FORMAT,
            "edition": self.edition,
            "released": self.released,
            "commit": self.commit,
            "tag": self.tag,
            "tool_version": self.tool_version,
            "files": dict(sorted(self.files.items())),
        }
        return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def site_files(site: Path) -> dict[str, str]:
    """Path → SHA-256 of every file under a built site, in a stable order."""
    found = {}
    for folder, dirs, names in os.walk(site):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            found[path.relative_to(site).as_posix()] = sha256_file(path)
    return found


def read_manifest(path: Path) -> Manifest:
    """A manifest file; ValueError with a message naming what is wrong."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read the manifest: {exc}") from None
    keys = ("edition", "released", "commit", "tag", "tool_version", "files")
    if not isinstance(data, dict) or any(k not in data for k in keys) or not isinstance(data["files"], dict):
        raise ValueError(f"the manifest lacks one of {', '.join(keys)}")
    edition, released, commit, tag, tool = (str(data[k]) for k in keys[:-1])
    return Manifest(edition, released, commit, tag, tool, {str(k): str(v) for k, v in data["files"].items()})


def archived(root: Path) -> list[str]:
    """Names of the archived editions, oldest first (numeric order)."""
    folder = root / ARCHIVE_DIR
    if not folder.is_dir():
        return []
    names = [p.name for p in folder.iterdir() if p.is_dir() and parse_name(p.name)]
    return sorted(names, key=lambda n: parse_name(n) or (0, 0))


def read_withdrawn(root: Path) -> dict[str, dict[str, str]]:
    """Edition → {"reason", "date"} for withdrawn editions ({} when none is)."""
    path = root / ARCHIVE_DIR / WITHDRAWN
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EditionError(f"{ARCHIVE_DIR}/{WITHDRAWN} cannot be read: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) and "reason" in v for v in data.values()):
        raise EditionError(f"{ARCHIVE_DIR}/{WITHDRAWN} must map each edition to its reason and date")
    return {str(k): {"reason": str(v["reason"]), "date": str(v.get("date", ""))} for k, v in data.items()}


def current_edition(root: Path) -> str:
    """The newest edition that is not withdrawn ("" when there is none)."""
    withdrawn = read_withdrawn(root)
    live = [name for name in archived(root) if name not in withdrawn]
    return live[-1] if live else ""


def check_archive(root: Path) -> Iterator[Diagnostic]:
    """ARCHIVE-MODIFIED for every archived file that no longer matches its manifest."""
    for name in archived(root):
        folder = f"{ARCHIVE_DIR}/{name}"
        manifest_file = root / folder / MANIFEST
        try:
            manifest = read_manifest(manifest_file)
        except ValueError as exc:
            yield diagnose("ARCHIVE-MODIFIED", f"edition {name}: {exc}", file=f"{folder}/{MANIFEST}", line=1, column=1)
            continue
        yield from _compare(root / folder / SITE, f"{folder}/{SITE}", name, manifest)


def _compare(site: Path, shown: str, name: str, manifest: Manifest) -> Iterator[Diagnostic]:
    present = site_files(site) if site.is_dir() else {}
    problems = [(path, "is missing") for path in manifest.files if path not in present]
    problems += [(p, "differs from its manifest") for p, d in manifest.files.items() if p in present and present[p] != d]
    problems += [(path, "is not in its manifest") for path in present if path not in manifest.files]
    for path, what in sorted(problems):
        # Archived files are not YAML: the position is the whole file (line 1, column 1).
        yield diagnose("ARCHIVE-MODIFIED", f"edition {name}: {path} {what}", file=f"{shown}/{path}", line=1, column=1)
