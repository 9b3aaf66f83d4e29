"""Every reference in the model, with where it stands and what kind of thing it must name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .diagnostics import pointer_join
from .model import Control, Handbook, Where


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference. Its JSON Pointer is built only when a problem is reported: most
    references resolve, and a 10,000-document check should not build 200,000 strings."""

    file: str
    base: str  # pointer of the object holding the reference
    path: tuple[str | int, ...]  # path from that object to the reference
    target_kind: str  # actor, procedure, requirement, record, risk, device, catalogue, document
    target: str
    on_key: bool = False

    @property
    def source(self) -> Where:
        return Where(self.file, self.base + pointer_join(*self.path))


def _list(where: Where, field: str, kind: str, ids: Iterable[str]) -> Iterator[Ref]:
    for i, ident in enumerate(ids):
        yield Ref(where.file, where.pointer, (field, i), kind, ident)


def _one(where: Where, field: str, kind: str, ident: str) -> Iterator[Ref]:
    if ident:
        yield Ref(where.file, where.pointer, tuple(field.split("/")), kind, ident)


def _control(where: Where, control: Control | None) -> Iterator[Ref]:
    if control is None:
        return
    base = Where(where.file, "/control")
    yield from _one(base, "owner", "actor", control.owner)
    yield from _one(base, "approver", "actor", control.approver)
    yield from _list(base, "supersedes", "document", control.supersedes)


def all_references(hb: Handbook) -> Iterator[Ref]:
    settings = Where("qms/handbook.yaml")
    yield from _one(settings, "organisation", "actor", hb.settings.organisation)
    yield from _list(settings, "catalogue_order", "catalogue", hb.settings.catalogue_order)
    for proc in hb.procedures.values():
        yield from _control(proc.where, proc.control)
        for act in proc.activities:
            for actor in act.raci:
                yield Ref(act.where.file, act.where.pointer, ("raci", actor), "actor", actor, on_key=True)
            yield from _list(act.where, "records", "record", act.records)
        yield from _list(proc.where, "records", "record", proc.records)
        for i, ref in enumerate(proc.references):
            yield from _one(proc.where, f"references/{i}/procedure", "procedure", ref.procedure)
    for cat in hb.catalogues.values():
        yield from _control(cat.where, cat.control)
    for req in hb.requirements.values():
        yield from _one(req.where, "parent", "requirement", req.parent)
    for matrix in hb.matrices.values():
        yield from _control(matrix.where, matrix.control)
        yield from _one(matrix.where, "catalogue", "catalogue", matrix.catalogue)
        for e in matrix.entries:
            yield from _one(e.where, "requirement", "requirement", e.requirement)
            yield from _one(e.where, "responsible", "actor", e.responsible)
            yield from _list(e.where, "procedures", "procedure", e.procedures)
            yield from _list(e.where, "evidence", "record", e.evidence)
            yield from _list(e.where, "risks", "risk", e.risks)
            if e.plan:
                yield from _one(e.where, "plan/owner", "actor", e.plan.owner)
    for risk in hb.risks.values():
        yield from _one(risk.where, "owner", "actor", risk.owner)
        yield from _list(risk.where, "requirements", "requirement", risk.requirements)
        yield from _list(risk.where, "procedures", "procedure", risk.procedures)
        yield from _list(risk.where, "devices", "device", risk.devices)
    for dev in hb.devices.values():
        yield from _one(dev.where, "parent", "device", dev.parent)
        yield from _one(dev.where, "responsible", "actor", dev.responsible)
        yield from _one(dev.where, "content_owner", "actor", dev.content_owner)
        yield from _list(dev.where, "risks", "risk", dev.risks)
        yield from _list(dev.where, "procedures", "procedure", dev.procedures)
    for rec in hb.records.values():
        yield from _one(rec.where, "owner", "actor", rec.owner)


def targets(hb: Handbook, kind: str) -> object:
    """The id → object mapping that a reference of `kind` must resolve in."""
    return {
        "actor": hb.actors,
        "procedure": hb.procedures,
        "requirement": hb.requirements,
        "record": hb.records,
        "risk": hb.risks,
        "device": hb.devices,
        "catalogue": hb.catalogues,
    }.get(kind)


def kind_of(hb: Handbook, ident: str) -> str:
    """The kind of whatever carries `ident`, or '' when nothing does."""
    for kind in ("actor", "procedure", "requirement", "record", "risk", "device", "catalogue"):
        if ident in targets(hb, kind):  # type: ignore[operator]
            return kind
    return "conformity" if ident in hb.matrices else ""
