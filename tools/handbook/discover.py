"""Which files under qms/ are handbook documents, by one documented rule (README, "Which files
are read"):

- `qms/handbook.yaml` holds the settings; no other file may (SETTINGS-DUPLICATE);
- `qms/schemas/` holds the JSON Schemas and `qms/data/` the data files documents point to; they
  are read by the stages that need them, never as documents;
- every other file must be a document named `<id>.yaml` (lower case); anything else there
  (`.yml`, `.YAML`, hidden files, editor lock and backup files) is reported (FILE-UNREAD), never
  skipped in silence;
- links and special files follow `files.py`: nothing outside the repository, only regular files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .constants import DATA_DIR, DOCUMENT_SUFFIX, QMS_DIR, SCHEMA_DIR
from .diagnostics import Diagnostic
from .errors import UsageError
from .files import walk
from .kinds import SETTINGS_FILE
from .ruleset import diagnose


@dataclass
class Found:
    documents: list[str] = field(default_factory=list)  # the settings file included, if present
    problems: list[Diagnostic] = field(default_factory=list)


def discover(root: Path) -> Found:
    if not (root / QMS_DIR).is_dir():
        raise UsageError(f"{root} is not a handbook repository: it has no {QMS_DIR}/ folder")
    if not (root / SCHEMA_DIR).is_dir():
        raise UsageError(f"{root / SCHEMA_DIR} is missing: the handbook's JSON Schemas live there")
    tree = walk(root, QMS_DIR, skip=frozenset({SCHEMA_DIR, DATA_DIR}))
    found = Found(problems=tree.problems)
    for rel in tree.files:
        name = rel.rsplit("/", 1)[-1]
        if _second_settings(rel, name):
            message = f"{rel} looks like a second settings file; the settings live in {SETTINGS_FILE} only"
            found.problems.append(diagnose("SETTINGS-DUPLICATE", message, file=rel))
        elif name.endswith(DOCUMENT_SUFFIX) and not name.startswith("."):
            found.documents.append(rel)
        else:
            message = f"{rel} is not read: handbook documents are named <id>{DOCUMENT_SUFFIX}"
            found.problems.append(diagnose("FILE-UNREAD", message, file=rel))
    return found


def _second_settings(rel: str, name: str) -> bool:
    at_top = rel.count("/") == 1
    return at_top and rel != SETTINGS_FILE and name.lower().startswith("handbook.")
