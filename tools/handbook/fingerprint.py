"""Content fingerprints: what a document says, as one hash, independent of YAML formatting.

A controlled document's content is everything but its `control` block (revision, status and
approval describe the content, they are not part of it), its `confidentiality` (who may read the
handbook's entry, not what it says) and the assessment marks of conformity entries (bookkeeping
of who looked at what, see `model.ASSESSED`). The same fingerprint is used
for "changed since approval", for the diff between editions and, shortened, for the suspect-link
marks of documents that have no revision.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

from .model import ASSESSED

CONTROL = "control"
NOT_CONTENT = frozenset({CONTROL, "confidentiality"})
SHORT = 8  # hex digits of a suspect-link mark: readable in YAML, collisions irrelevant at this scale


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != ASSESSED}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def content_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a document's data that is its content (see the module docstring)."""
    return {k: _strip(v) for k, v in data.items() if k not in NOT_CONTENT}


def carried_over(approved: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """An approved version's data with the current version's fields that are not content besides
    the control block (the classification): they belong to the document, whichever revision is in
    force, and a schema change that added them migrated only the current version."""
    kept = {k: current[k] for k in NOT_CONTENT if k != CONTROL and k in current}
    return {**approved, **kept}


def content_fingerprint(data: Mapping[str, Any]) -> str:
    text = json.dumps(content_of(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_fingerprint(data: Mapping[str, Any]) -> str:
    return content_fingerprint(data)[:SHORT]


class Fingerprints(Mapping[str, str]):
    """Id → content fingerprint, computed on first use (a check of 10,000 documents asks for few)."""

    def __init__(self, data_by_id: Mapping[str, Mapping[str, Any]]) -> None:
        self._data = data_by_id
        self._cache: dict[str, str] = {}

    def __getitem__(self, ident: str) -> str:
        found = self._cache.get(ident)
        if found is None:
            found = self._cache[ident] = content_fingerprint(self._data[ident])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def source(self, ident: str) -> Mapping[str, Any]:
        """The document's data as the work tree has it."""
        return self._data[ident]

    def __len__(self) -> int:
        return len(self._data)
