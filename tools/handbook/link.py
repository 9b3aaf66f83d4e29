"""Link: schema-valid documents in, the immutable Handbook model (plus identity diagnostics) out.

Nothing here knows a kind by name: each document becomes an object of its kind's model class
(`construct.build`, by keyword), items nested in it (a catalogue's requirements) are taken out
as the registry says, and every id is claimed once across the whole handbook.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .constants import DOCUMENT_SUFFIX
from .construct import build
from .diagnostics import Diagnostic
from .kinds import BY_NAME, KINDS, SETTINGS, Kind, item_kinds
from .model import DEFAULT_SETTINGS, Handbook, Settings, Where, frozen_map
from .ruleset import diagnose


@dataclass(frozen=True)
class Document:
    """A loaded, schema-valid document and the file it came from (path relative to the root)."""

    path: str
    kind: str
    data: dict[str, Any]


# Kinds whose items stand inside documents of a kind (a catalogue's requirements), looked up once.
_ITEM_KINDS = {kind.name: tuple(item_kinds(kind.name)) for kind in KINDS}


class _Ids:
    """Global id registry: every id is unique across the handbook, documents and items alike."""

    def __init__(self) -> None:
        self.seen: dict[str, Where] = {}
        self.diagnostics: list[Diagnostic] = []

    def claim(self, ident: str, where: Where) -> bool:
        first = self.seen.get(ident)
        if first is None:
            self.seen[ident] = where
            return True
        message = f"id '{ident}' is already used in {first.file}"
        self.diagnostics.append(diagnose("ID-DUPLICATE", message, file=where.file, pointer=where.pointer + "/id"))
        return False


def link(documents: Iterable[Document]) -> tuple[Handbook, list[Diagnostic]]:
    """Build the model; a document whose id is taken is left out (and reported), never merged."""
    ids = _Ids()
    diagnostics: list[Diagnostic] = []
    buckets: dict[str, dict[str, Any]] = {k.name: {} for k in KINDS if k is not SETTINGS}
    settings: Settings = DEFAULT_SETTINGS
    for doc in documents:
        kind = BY_NAME[doc.kind]
        obj = build(kind.model, doc.data, doc.path)
        if kind is SETTINGS:
            settings = obj
            continue
        diagnostics.extend(_check_identity(kind, obj.id, obj.where, doc.path))
        if not ids.claim(obj.id, obj.where):
            continue
        buckets[kind.name][obj.id] = obj
        for item_kind in _ITEM_KINDS[kind.name]:
            for item in getattr(obj, item_kind.nested_field):
                diagnostics.extend(_check_identity(item_kind, item.id, item.where))
                if ids.claim(item.id, item.where):
                    buckets[item_kind.name][item.id] = item
    documents_by_kind = frozen_map({name: frozen_map(bucket) for name, bucket in buckets.items()})
    return Handbook(settings, documents_by_kind), diagnostics + ids.diagnostics


def _check_identity(kind: Kind, ident: str, where: Where, path: str = "") -> list[Diagnostic]:
    """The id has its kind's form, and a document's file is named after its id (full match)."""
    found = []
    pointer = where.pointer + "/id"
    if not kind.id_matches(ident):
        message = f"id '{ident}' is not a valid {kind.name} id (expected the form {kind.id_pattern})"
        found.append(diagnose("ID-PATTERN", message, file=where.file, pointer=pointer))
    if path:
        stem = path[path.rfind("/") + 1 :].removesuffix(DOCUMENT_SUFFIX)
        if stem != ident:
            message = f"id '{ident}' does not match the file name '{stem}'"
            found.append(diagnose("ID-FILENAME", message, file=where.file, pointer=pointer))
    return found
