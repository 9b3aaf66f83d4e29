"""Authoring commands: `handbook new KIND "Titel"` writes a schema-valid skeleton with the next
free id and status draft; `handbook review ID` records that a conformity entry (or every entry
of a matrix) has been re-assessed against what it rests on now. Both edit or write YAML
minimally (`yamledit`), check the result before writing, and write atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .check import CheckResult
from .constants import QMS_DIR, SCHEMA_DIR
from .kinds import BY_NAME
from .schemas import SchemaSet
from .suspect import marks_now
from .yamledit import EditError, set_mapping
from .yamlload import load_bytes

TODO = "Udfyldes af dokumentejeren"


class AuthoringError(Exception):
    """A refused authoring command; the message says why (exit code 1)."""


def _procedure(ident: str, title: str, owner: str) -> dict[str, Any]:
    return {
        "id": ident,
        "kind": "procedure",
        # A new document is internal until its author decides it may be published.
        "confidentiality": "internal",
        "title": title,
        "control": {
            "revision": 1,
            "status": "draft",
            "owner": owner,
            "status_reason": "Nyt udkast, der endnu ikke er sendt til godkendelse.",
        },
        "purpose": f"{TODO}: hvorfor proceduren findes, og hvilke krav den opfylder.",
        "scope": f"{TODO}: hvad og hvem proceduren gælder for.",
        "activities": [
            {"id": "A1", "title": "Første aktivitet", "raci": {owner: "RA"}, "steps": [f"{TODO}: første trin."]}
        ],
    }


def _risk(ident: str, title: str, owner: str, today: str) -> dict[str, Any]:
    return {
        "id": ident,
        "kind": "risk",
        "confidentiality": "internal",
        "title": title,
        "category": "operational",
        "owner": owner,
        "description": f"{TODO}: hvad der kan ske, og hvad følgen er.",
        "probability": 3,
        "severity": 3,
        "mitigations": [f"{TODO}: tiltag."],
        "status": "open",
        "identified": today,
        "next_review": today,
    }


SKELETONS: dict[str, Callable[[str, str, str, str], dict[str, Any]]] = {
    "procedure": lambda ident, title, owner, today: _procedure(ident, title, owner),
    "risk": _risk,
}


def new_document(result: CheckResult, kind_name: str, title: str) -> Path:
    kind = BY_NAME.get(kind_name)
    if kind is None or not kind.id_format or kind_name not in SKELETONS:
        made = ", ".join(k for k, v in BY_NAME.items() if v.id_format and k in SKELETONS)
        raise AuthoringError(f"handbook new makes documents of these kinds: {made} (not '{kind_name}')")
    if not title.strip() or len(title) > 300 or "\n" in title:
        raise AuthoringError("the title must be one line of text, at most 300 characters")
    hb = result.handbook
    ident = kind.next_id(hb.of(kind_name))
    data = SKELETONS[kind_name](ident, title.strip(), hb.settings.organisation, result.today.isoformat())
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=96)
    rel = f"{QMS_DIR}/{kind.folder}/{ident}.yaml"
    _validated(result.root, rel, text, kind_name)
    target = result.root / rel
    if target.exists():
        raise AuthoringError(f"{rel} exists already")
    _write(target, text)
    return target


def review(result: CheckResult, ident: str) -> list[str]:
    """Update the assessment marks of the entry for requirement `ident`, or of every entry of the
    matrix `ident`; returns the requirements whose marks changed."""
    hb = result.handbook
    matrix = hb.matrices.get(ident)
    entries = list(matrix.entries) if matrix else list(hb.entries_by_requirement.get(ident, ()))
    if not entries:
        raise AuthoringError(f"'{ident}' is neither a requirement with a conformity entry nor a matrix")
    changed: list[str] = []
    by_file: dict[str, str] = {}
    for entry in entries:
        marks = marks_now(hb, result.fingerprints, entry)
        if dict(entry.assessed) == marks:
            continue
        rel = entry.where.file
        text = by_file.get(rel) or (result.root / rel).read_text(encoding="utf-8")
        try:
            by_file[rel] = set_mapping(text, rel, entry.where.pointer, "assessed", marks)
        except EditError as exc:
            raise AuthoringError(str(exc)) from None
        changed.append(entry.requirement)
    for rel, text in by_file.items():
        _validated(result.root, rel, text, "conformity")
    for rel, text in by_file.items():
        _write(result.root / rel, text)
    return changed


def _validated(root: Path, rel: str, text: str, kind: str) -> None:
    """The new text loads strictly and fits the schema, or nothing is written."""
    loaded = load_bytes(text.encode("utf-8"), rel)
    if loaded.data is None:
        raise AuthoringError(f"{rel}: the edited file would not load ({loaded.diagnostics[0].message}); nothing written")
    violations = SchemaSet(root / SCHEMA_DIR).violations(kind, loaded.data)
    if violations:
        raise AuthoringError(f"{rel}: the edited file would not fit the schema ({violations[0].message}); nothing written")


def _write(target: Path, text: str) -> None:
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temp, target)
