"""The gap register: every requirement in scope that is not fully met, with who owns the
requirement, who owns the action plan, the plan, its due date and whether it is overdue.

One function gives the rows, from the model only; the site's gap register page, the due-date
column of the traceability matrix and the spreadsheet exports all read them, so an auditor sees
the same list wherever it is shown. A gap is what `Conformity.is_gap` says it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import ConformityEntry, Handbook, Requirement
from .values import Conformity


@dataclass(frozen=True)
class GapRow:
    requirement: str  # the requirement's id
    ref: str  # where it stands in its source, e.g. "Bilag I, pkt. 14.1"
    title: str
    catalogue: str
    status: Conformity
    draft: bool  # the status comes from a conformity matrix that is not approved
    responsible: str  # actor id of the requirement's owner ("" without a conformity entry)
    plan_owner: str  # actor id of the action plan's owner ("" without a plan)
    action: str  # the plan's action, Markdown ("" without a plan)
    due: date | None
    overdue: bool  # the plan's due date is before `today`
    matrix: str  # id of the conformity matrix holding the entry ("" without one)


def gap_rows(hb: Handbook, today: date) -> list[GapRow]:
    """Every gap, in the settings' catalogue order and each catalogue's own order."""
    rows = []
    for catalogue in hb.ordered_catalogues:
        for item in catalogue.requirements:
            req = hb.requirements.get(item.id)
            if req is not None and hb.status_of(req).is_gap:
                rows.append(_row(hb, req, today))
    return rows


def plan_due(hb: Handbook, requirement: str) -> date | None:
    """The due date of the requirement's action plan, if it has one (the traceability column)."""
    entry = _entry(hb, requirement)
    return entry.plan.due if entry is not None and entry.plan is not None else None


def _entry(hb: Handbook, requirement: str) -> ConformityEntry | None:
    """The entry that decides the requirement's status (the least favourable one)."""
    entries = hb.entries_by_requirement.get(requirement, ())
    return max(entries, key=lambda e: e.status.rank, default=None)


def _row(hb: Handbook, req: Requirement, today: date) -> GapRow:
    entry = _entry(hb, req.id)
    plan = entry.plan if entry is not None else None
    return GapRow(
        requirement=req.id,
        ref=req.ref,
        title=req.title,
        catalogue=req.catalogue,
        status=hb.status_of(req),
        draft=entry is not None and hb.matrix_is_draft(entry.matrix),
        responsible=entry.responsible if entry is not None else "",
        plan_owner=plan.owner if plan is not None else "",
        action=plan.action if plan is not None else "",
        due=plan.due if plan is not None else None,
        overdue=plan is not None and plan.due < today,
        matrix=entry.matrix if entry is not None else "",
    )
