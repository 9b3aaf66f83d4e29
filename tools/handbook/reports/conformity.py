"""The conformity report (overensstemmelsesrapport): how the devices in scope meet MDR Art. 5(5),
requirement by requirement, as data. One value holds the whole document; the page template
(`templates/report_conformity.md.j2`) lays it out for the site and the PDF, `render.py` writes
it as JSON. Everything comes from the model given (the handbook in force, public unless the
caller chose otherwise) and the figures in `figures.py`.

Order: the opening summary lists the open regulatory questions and the premise risks first,
then the coverage per catalogue and the devices in scope; the requirements follow in the
catalogues' order from the settings (Art. 5(5): the opening condition, (a)-(h), the closing
provisions; then Annex I, ISO 13485, MDCG 2023-1), each in its catalogue's own order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import ConformityEntry, Handbook, Procedure, Requirement
from ..site.edition import EditionId
from ..values import Conformity
from . import figures
from .figures import CoverageLine, CoverageSummary

TITLE = "Overensstemmelsesrapport"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Stamp:
    """Which handbook the report shows: the edition, its commit and date, all from git."""

    handbook: str  # the handbook's title
    edition: str  # "udgave 2027.1 af 2027-01-20" or "udkast af DATE (commit X)"
    name: str  # the edition's name, "" for a draft
    commit: str
    date: str
    internal: bool  # internal documents included: not for publication


@dataclass(frozen=True)
class Source:
    """A document an assessment rests on, with its revision (procedures) or status (records)."""

    ident: str
    title: str
    state: str  # e.g. "rev. 2, gældende" or "tilgængelig"; "intern" when withheld
    activities: tuple[tuple[str, str], ...] = ()  # (id, title) of the activities that make the evidence cited


@dataclass(frozen=True)
class Assessment:
    """One conformity entry: status, justification, what it rests on, who answers, the plan."""

    matrix: str
    status: Conformity
    draft: bool  # the matrix is not approved
    responsible: str
    justification: str
    procedures: tuple[Source, ...]
    evidence: tuple[Source, ...]
    risks: tuple[str, ...]
    hazards: tuple[str, ...]
    plan_action: str = ""
    plan_owner: str = ""
    plan_due: str = ""
    suspect: str = ""  # documents changed since the assessment


@dataclass(frozen=True)
class RequirementPart:
    requirement: Requirement
    status: Conformity
    draft: bool
    assessments: tuple[Assessment, ...]

    @property
    def label(self) -> str:
        return self.status.label + (" (udkast, ikke godkendt)" if self.draft else "")


@dataclass(frozen=True)
class CataloguePart:
    ident: str
    title: str
    source: str
    coverage: CoverageLine
    requirements: tuple[RequirementPart, ...]


@dataclass(frozen=True)
class DeviceLine:
    ident: str
    title: str
    intended_purpose: str
    device_class: str
    qualification: str
    status: str


@dataclass(frozen=True)
class RiskLine:
    ident: str
    title: str
    level: int
    status: str
    owner: str


@dataclass(frozen=True)
class ConformityReport:
    stamp: Stamp
    open_questions: tuple[RequirementPart, ...]
    premise_risks: tuple[RiskLine, ...]
    coverage: CoverageSummary
    devices: tuple[DeviceLine, ...]
    draft_matrices: tuple[str, ...]
    catalogues: tuple[CataloguePart, ...]

    title = TITLE

    @property
    def gaps(self) -> int:
        return self.coverage.total.gaps


def stamp(hb: Handbook, edition: EditionId, internal: bool) -> Stamp:
    return Stamp(hb.settings.title, edition.text, edition.name, edition.commit, edition.date, internal)


def conformity_report(
    hb: Handbook, edition: EditionId, suspect: Mapping[str, str] | None = None, internal: bool = False
) -> ConformityReport:
    """The report of `hb` (the caller chooses the view: in force, public or complete).
    `suspect`: requirement → the documents changed since its assessment (site/edition.py)."""
    suspect = suspect or {}
    parts = {r.id: _requirement(hb, r, suspect) for r in figures.requirements_in_order(hb)}
    catalogues = tuple(
        CataloguePart(
            cat.id,
            cat.title,
            cat.source,
            figures.coverage_line(hb, cat),
            tuple(parts[r.id] for r in cat.requirements if r.id in parts),
        )
        for cat in hb.ordered_catalogues
    )
    return ConformityReport(
        stamp(hb, edition, internal),
        tuple(parts[r.id] for r in figures.open_questions(hb)),
        tuple(_risk(hb, r) for r in figures.premise_risks(hb)),
        figures.coverage(hb),
        tuple(_device(hb, d) for d in sorted(hb.devices.values(), key=lambda d: d.id)),
        tuple(m.id for m in sorted(hb.matrices.values(), key=lambda m: m.id) if hb.matrix_is_draft(m.id)),
        catalogues,
    )


def _requirement(hb: Handbook, req: Requirement, suspect: Mapping[str, str]) -> RequirementPart:
    entries = hb.entries_by_requirement.get(req.id, ()) if req.applicable else ()
    draft = any(hb.matrix_is_draft(e.matrix) for e in entries)
    return RequirementPart(
        req, hb.status_of(req), draft, tuple(_assessment(hb, e, suspect.get(req.id, "")) for e in entries)
    )


def _assessment(hb: Handbook, entry: ConformityEntry, suspect: str) -> Assessment:
    plan = entry.plan
    return Assessment(
        matrix=entry.matrix,
        status=entry.status,
        draft=hb.matrix_is_draft(entry.matrix),
        responsible=_actor(hb, entry.responsible),
        justification=entry.justification,
        procedures=tuple(_procedure(hb, p, entry.evidence) for p in entry.procedures),
        evidence=tuple(_record(hb, r) for r in entry.evidence),
        risks=entry.risks,
        hazards=entry.hazards,
        plan_action=plan.action if plan else "",
        plan_owner=_actor(hb, plan.owner) if plan else "",
        plan_due=plan.due.isoformat() if plan else "",
        suspect=suspect,
    )


def _procedure(hb: Handbook, ident: str, evidence: tuple[str, ...]) -> Source:
    proc: Procedure | None = hb.procedures.get(ident)
    if proc is None:
        return Source(ident, "", "intern" if ident in hb.withheld else "")
    state = f"rev. {proc.control.revision}, {proc.control.status.label.lower()}"
    # "To the activity": the steps of the procedure that make the records the assessment cites.
    acts = tuple((a.id, a.title) for a in proc.activities if set(a.records) & set(evidence))
    return Source(ident, proc.title, state, acts)


def _record(hb: Handbook, ident: str) -> Source:
    rec = hb.records.get(ident)
    if rec is None:
        return Source(ident, "", "intern" if ident in hb.withheld else "")
    return Source(ident, rec.title, rec.status.label.lower())


def _actor(hb: Handbook, ident: str) -> str:
    actor = hb.actors.get(ident)
    return actor.label if actor is not None else ident


def _device(hb: Handbook, dev: Any) -> DeviceLine:
    q = dev.qualification
    qualification = q.status.label if q is not None else "ikke vurderet"
    return DeviceLine(
        dev.id,
        dev.title,
        dev.intended_purpose,
        (q.device_class if q else "") or "ikke fastlagt",
        qualification,
        dev.status.label,
    )


def _risk(hb: Handbook, risk: Any) -> RiskLine:
    return RiskLine(risk.id, risk.title, risk.current_level, risk.status.label, _actor(hb, risk.owner))


# ---- JSON


def to_json(report: ConformityReport) -> dict[str, Any]:
    """The report as plain data (format_version 1; fields are only ever added)."""
    return {
        "format_version": FORMAT_VERSION,
        "report": "conformity",
        "title": TITLE,
        "stamp": vars(report.stamp) | {},
        "summary": {
            "gaps": report.gaps,
            "open_questions": [_req_json(p) for p in report.open_questions],
            "premise_risks": [vars(r) | {} for r in report.premise_risks],
            "coverage": [_coverage_json(line) for line in report.coverage.catalogues],
            "total": _coverage_json(report.coverage.total),
            "devices": [vars(d) | {} for d in report.devices],
            "draft_matrices": list(report.draft_matrices),
        },
        "catalogues": [
            {
                "id": c.ident,
                "title": c.title,
                "source": c.source,
                "requirements": [_req_json(p) for p in c.requirements],
            }
            for c in report.catalogues
        ],
    }


def _coverage_json(line: CoverageLine) -> dict[str, Any]:
    return {
        "catalogue": line.catalogue.id if line.catalogue else "",
        "counts": {status.value: n for status, n in line.counts.items()},
        "gaps": line.gaps,
        "met_percent": line.percent,
    }


def _req_json(part: RequirementPart) -> dict[str, Any]:
    req = part.requirement
    return {
        "id": req.id,
        "ref": req.ref,
        "title": req.title,
        "applicable": req.applicable,
        "status": part.status.value,
        "status_label": part.label,
        "gap": part.status.is_gap,
        "not_applicable_because": "" if req.applicable else req.justification,
        "assessments": [_assessment_json(a) for a in part.assessments],
    }


def _assessment_json(a: Assessment) -> dict[str, Any]:
    out = vars(a) | {}
    out["status"] = a.status.value
    out["procedures"] = [_source_json(s) for s in a.procedures]
    out["evidence"] = [_source_json(s) for s in a.evidence]
    out["risks"], out["hazards"] = list(a.risks), list(a.hazards)
    return out


def _source_json(source: Source) -> dict[str, Any]:
    return vars(source) | {"activities": [{"id": i, "title": t} for i, t in source.activities]}
