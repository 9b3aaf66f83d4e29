"""The handbook as it is in force: a document whose new revision is a draft or in review is shown
at its last approved revision, read from git (the approval's own version of the file), so the
site never shows unapproved text as the document in force.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..check import CheckResult
from ..constants import SCHEMA_DIR
from ..construct import build
from ..fingerprint import carried_over
from ..kinds import item_kinds, model_kind
from ..model import Handbook, frozen_map
from ..references import controlled_documents
from ..schemas import SchemaSet


class NotInForce(Exception):
    """An approved revision can no longer be shown (message says which and why)."""


def effective_handbook(result: CheckResult) -> Handbook:
    control = result.history.control
    if control is None or not result.in_force:
        return result.handbook
    hb = result.handbook
    schemas = SchemaSet(result.root / SCHEMA_DIR)
    buckets: dict[str, dict[str, Any]] = {name: dict(items) for name, items in hb.documents.items()}
    for ident, doc in controlled_documents(hb).items():
        history = control.of(ident)
        if ident not in result.in_force or history is None or history.last is None:
            continue
        data = history.last.version.data
        kind = model_kind(doc)
        if data is None or kind is None:
            continue
        data = carried_over(data, result.fingerprints.source(ident))
        if schemas.violations(kind.name, dict(data)):
            raise NotInForce(
                f"{ident} rev. {history.last.revision} (approved in {history.last.commit.short}) no longer "
                "fits the current schema; approve the new revision before publishing"
            )
        old = build(kind.model, data, doc.where.file)
        buckets[kind.name][ident] = old
        for item_kind in item_kinds(kind.name):
            for item in getattr(doc, item_kind.nested_field):
                buckets[item_kind.name].pop(item.id, None)
            for item in getattr(old, item_kind.nested_field):
                buckets[item_kind.name][item.id] = item
    documents = frozen_map({name: frozen_map(items) for name, items in buckets.items()})
    return replace(hb, documents=documents)
