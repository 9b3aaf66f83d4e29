"""Link: schema-valid documents in, the immutable Handbook model (plus identity diagnostics) out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostic, pointer_join
from .model import (
    Activity,
    Actor,
    Catalogue,
    ConformityEntry,
    Control,
    Definition,
    Device,
    Handbook,
    Matrix,
    Member,
    Plan,
    Procedure,
    Qualification,
    Record,
    Reference,
    Requirement,
    Risk,
    Settings,
    Where,
    frozen_map,
)
from .ruleset import hint_for


@dataclass(frozen=True)
class Document:
    """A loaded, schema-valid document and the file it came from (path relative to the root)."""

    path: str
    kind: str
    data: dict[str, Any]


def _t(items: Any) -> tuple:
    return tuple(items or ())


def _control(data: dict[str, Any] | None) -> Control | None:
    if not data:
        return None
    return Control(
        revision=data["revision"],
        status=data["status"],
        owner=data["owner"],
        owner_role=data.get("owner_role", ""),
        approver=data.get("approver", ""),
        approver_role=data.get("approver_role", ""),
        approved=data.get("approved", ""),
        effective=data.get("effective", ""),
        next_review=data.get("next_review", ""),
        supersedes=_t(data.get("supersedes")),
        change_note=data.get("change_note", ""),
    )


def build_actor(doc: Document, members: tuple[Member, ...]) -> Actor:
    d = doc.data
    return Actor(
        d["id"],
        d["name"],
        d.get("short_name", ""),
        d["type"],
        d.get("organisation", ""),
        d["role"],
        _t(d.get("responsibilities")),
        members,
        Where(doc.path),
    )


def build_procedure(doc: Document) -> Procedure:
    d = doc.data
    activities = tuple(
        Activity(
            a["id"],
            a["title"],
            a.get("description", ""),
            frozen_map(dict(a["raci"])),
            _t(a["steps"]),
            _t(a.get("records")),
            Where(doc.path, pointer_join("activities", i)),
        )
        for i, a in enumerate(d["activities"])
    )
    return Procedure(
        d["id"],
        d["title"],
        _control(d["control"]),
        d["purpose"],
        d["scope"],
        tuple(Definition(x["term"], x["definition"]) for x in d.get("definitions", ())),
        activities,
        _t(d.get("records")),
        tuple(
            Reference(r.get("procedure", ""), r.get("external", ""), r.get("note", "")) for r in d.get("references", ())
        ),
        Where(doc.path),
    )


def build_requirements(doc: Document) -> tuple[Requirement, ...]:
    d = doc.data
    return tuple(
        Requirement(
            r["id"],
            d["id"],
            r["ref"],
            r["title"],
            r.get("text", ""),
            r.get("parent", ""),
            r["applicable"],
            r.get("justification", ""),
            Where(doc.path, pointer_join("requirements", i)),
        )
        for i, r in enumerate(d["requirements"])
    )


def build_catalogue(doc: Document) -> Catalogue:
    d = doc.data
    return Catalogue(
        d["id"],
        d["title"],
        d["source"],
        d.get("note", ""),
        _control(d.get("control")),
        tuple(r["id"] for r in d["requirements"]),
        Where(doc.path),
    )


def build_matrix(doc: Document) -> Matrix:
    d = doc.data
    entries = tuple(
        ConformityEntry(
            e["requirement"],
            d["id"],
            e["status"],
            e["responsible"],
            _t(e.get("procedures")),
            _t(e.get("evidence")),
            _t(e.get("risks")),
            e["justification"],
            Plan(e["plan"]["action"], e["plan"]["owner"], e["plan"]["due"]) if e.get("plan") else None,
            Where(doc.path, pointer_join("entries", i)),
        )
        for i, e in enumerate(d["entries"])
    )
    return Matrix(d["id"], d["title"], d["catalogue"], _control(d.get("control")), entries, Where(doc.path))


def build_risk(doc: Document) -> Risk:
    d = doc.data
    return Risk(
        d["id"],
        d["title"],
        d["category"],
        d["owner"],
        d["description"],
        d["probability"],
        d["severity"],
        _t(d["mitigations"]),
        d.get("residual", ""),
        d["status"],
        d["identified"],
        d["next_review"],
        _t(d.get("requirements")),
        _t(d.get("procedures")),
        _t(d.get("devices")),
        Where(doc.path),
    )


def build_device(doc: Document) -> Device:
    d = doc.data
    q = d.get("qualification")
    qualification = Qualification(q["status"], q["rationale"], q.get("is_mdsw"), q.get("class", "")) if q else None
    return Device(
        d["id"],
        d["title"],
        d["type"],
        d.get("parent", ""),
        d.get("version", ""),
        d["intended_purpose"],
        d.get("users", ""),
        d["responsible"],
        d.get("content_owner", ""),
        qualification,
        d["status"],
        _t(d.get("risks")),
        _t(d.get("procedures")),
        Where(doc.path),
    )


def build_record(doc: Document) -> Record:
    d = doc.data
    return Record(
        d["id"],
        d["title"],
        d["description"],
        d["owner"],
        d["location"],
        d["retention"],
        d["status"],
        d.get("confidentiality", "internal"),
        Where(doc.path),
    )


def build_settings(doc: Document | None) -> Settings:
    if doc is None:
        return Settings(title="Kvalitetshåndbog", organisation="")
    d = doc.data
    return Settings(
        d["title"],
        d["organisation"],
        d.get("description", ""),
        d.get("today", ""),
        d.get("review_warning_days", 30),
        d.get("max_file_bytes", 1024 * 1024),
        frozen_map(dict(d.get("rules", {}))),
        tuple(d.get("catalogue_order", ())),
    )


_BUILDERS: Mapping[str, Callable[[Document], Any]] = {
    "procedure": build_procedure,
    "catalogue": build_catalogue,
    "conformity": build_matrix,
    "risk": build_risk,
    "device": build_device,
    "record": build_record,
}


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
        self.diagnostics.append(
            Diagnostic(where.file, 0, 0, "ID-DUPLICATE", message, hint_for("ID-DUPLICATE"), where.pointer + "/id")
        )
        return False


def link(documents: list[Document], members: Mapping[str, tuple[Member, ...]]) -> tuple[Handbook, list[Diagnostic]]:
    """Build the model; a document whose id is taken is left out (and reported), never merged."""
    ids = _Ids()
    diagnostics: list[Diagnostic] = []
    settings_doc = next((d for d in documents if d.kind == "settings"), None)
    buckets: dict[str, dict[str, Any]] = {k: {} for k in ("actor", *_BUILDERS)}
    requirements: dict[str, Requirement] = {}
    for doc in documents:
        if doc.kind == "settings":
            continue
        ident = doc.data["id"]
        diagnostics.extend(_check_filename(doc, ident))
        if not ids.claim(ident, Where(doc.path)):
            continue
        if doc.kind == "actor":
            buckets["actor"][ident] = build_actor(doc, members.get(ident, ()))
            continue
        buckets[doc.kind][ident] = _BUILDERS[doc.kind](doc)
        if doc.kind == "catalogue":
            for req in build_requirements(doc):
                if ids.claim(req.id, req.where):
                    requirements[req.id] = req
    handbook = Handbook(
        settings=build_settings(settings_doc),
        actors=frozen_map(buckets["actor"]),
        procedures=frozen_map(buckets["procedure"]),
        catalogues=frozen_map(buckets["catalogue"]),
        requirements=frozen_map(requirements),
        matrices=frozen_map(buckets["conformity"]),
        risks=frozen_map(buckets["risk"]),
        devices=frozen_map(buckets["device"]),
        records=frozen_map(buckets["record"]),
    )
    return handbook, diagnostics + ids.diagnostics


def _check_filename(doc: Document, ident: str) -> list[Diagnostic]:
    stem = doc.path.rsplit("/", 1)[-1].removesuffix(".yaml").removesuffix(".yml")
    if stem == ident:
        return []
    message = f"id '{ident}' does not match the file name '{stem}'"
    return [Diagnostic(doc.path, 0, 0, "ID-FILENAME", message, hint_for("ID-FILENAME"), "/id")]
