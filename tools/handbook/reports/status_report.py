"""The steering group's status report (statusrapport til styregruppen): what changed since a
reference point (an edition, tag, commit or date) and what needs a decision, in the order the
group reads it: a one-page summary, the risk log (the project risk log and the device risk
analysis apart, highest first, each marked new, changed or closed since then), conformity status
changes, documents changed, reviews overdue or due before the next meeting, suspect links,
drafts waiting for approval and gaps past their deadline.

The changes come from `handbook diff` (editions/diff.py) between the reference and the work
tree; what needs attention comes from the same figures `handbook status` shows (`figures.py`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from ..check import CheckResult
from ..editions.diff import CHANGE_WORDS, Diff, status_label
from ..model import Handbook
from ..publication import public_view
from ..site.edition import EditionId, preview_id
from ..values import Conformity, ControlStatus, RiskStatus
from . import figures
from .conformity import Stamp, stamp
from .figures import Item

TITLE = "Statusrapport til styregruppen"
FORMAT_VERSION = 1
NEW, CHANGED, CLOSED, REMOVED = "Ny", "Ændret", "Lukket", "Fjernet"


@dataclass(frozen=True)
class RiskRow:
    ident: str
    title: str
    level: int | None  # the level the risk has now (before: for a removed one)
    status: str
    change: str  # NEW, CHANGED, CLOSED, REMOVED or "" (unchanged since the reference)
    before: int | None = None  # the level at the reference, when it changed


@dataclass(frozen=True)
class StatusRow:
    requirement: str
    old: str
    new: str
    direction: str  # "bedre", "dårligere", or "" (new or removed entry)


@dataclass(frozen=True)
class DocumentRow:
    ident: str
    title: str
    change: str
    revision: str  # e.g. "rev. 1 → 2"
    note: str


@dataclass(frozen=True)
class Summary:
    risks_new: int
    risks_changed: int
    risks_closed: int
    highest_open_risk: int | None
    status_changes: int
    worse: int
    documents_changed: int
    reviews_overdue: int
    reviews_due: int
    suspect_links: int
    waiting_approval: int
    gaps_past_due: int
    gaps: int  # in the handbook in force (approved assessments), as the site and the conformity report show
    met_percent: int | None
    gaps_in_work: int  # in the work tree, with assessments not yet approved


@dataclass(frozen=True)
class StatusReport:
    stamp: Stamp
    since: str  # the reference as given
    since_commit: str
    since_date: str
    today: str
    next_meeting: str  # reviews due up to this date are listed
    summary: Summary
    risk_log: tuple[RiskRow, ...]
    hazards: tuple[RiskRow, ...]
    statuses: tuple[StatusRow, ...]
    documents: tuple[DocumentRow, ...]
    reviews_overdue: tuple[Item, ...]
    reviews_due: tuple[Item, ...]
    suspect_links: tuple[Item, ...]
    waiting_approval: tuple[Item, ...]
    gaps_past_due: tuple[Item, ...]
    notes: tuple[str, ...] = field(default=())

    title = TITLE


def status_report(
    result: CheckResult,
    changes: Diff,
    since: tuple[str, str, str],
    next_meeting: date | None = None,
    internal: bool = False,
    in_force: Handbook | None = None,
) -> StatusReport:
    """`result`: the work tree checked; `changes`: its diff from the reference; `since`: the
    reference as given, its commit and date; `in_force`: the handbook in force (site/inforce.py),
    whose coverage the site shows. Public unless `internal` (internal documents left out)."""
    hb = result.handbook if internal else public_view(result.handbook)
    approved = in_force or result.handbook
    approved = approved if internal else public_view(approved)
    today = result.today
    until = next_meeting or today + timedelta(days=hb.settings.review_warning_days)
    hidden = hb.withheld
    docs = [d for d in changes.documents if d.ident not in hidden]
    risk_log = _risk_log(hb, changes, hidden)
    hazards = _hazards(hb, changes, hidden)
    statuses = tuple(_status_row(s.requirement, s.old, s.new) for s in changes.statuses if s.requirement not in hidden)
    overdue, due = figures.reviews(hb, result.in_force, today, until)
    drafts, in_review = figures.waiting(hb, result.in_force)
    gaps_past, _ = figures.gaps_by_due(hb, today, until)
    suspect = figures.suspect_links(hb, result.fingerprints)
    cover = figures.coverage(approved).total
    rows = risk_log + hazards
    summary = Summary(
        risks_new=sum(1 for r in rows if r.change == NEW),
        risks_changed=sum(1 for r in rows if r.change == CHANGED),
        risks_closed=sum(1 for r in rows if r.change in (CLOSED, REMOVED)),
        highest_open_risk=max((r.level for r in rows if r.change not in (CLOSED, REMOVED) and r.level), default=None),
        status_changes=len(statuses),
        worse=sum(1 for s in statuses if s.direction == "dårligere"),
        documents_changed=len(docs),
        reviews_overdue=len(overdue),
        reviews_due=len(due),
        suspect_links=len(suspect),
        waiting_approval=len(drafts) + len(in_review),
        gaps_past_due=len(gaps_past),
        gaps=cover.gaps,
        met_percent=cover.percent,
        gaps_in_work=figures.coverage(hb).total.gaps,
    )
    notes = (result.history.note,) if result.history.log is None else ()
    return StatusReport(
        stamp(hb, _work_tree_id(result), internal),
        since[0],
        since[1],
        since[2],
        today.isoformat(),
        until.isoformat(),
        summary,
        risk_log,
        hazards,
        statuses,
        tuple(_document_row(hb, d) for d in docs),
        tuple(overdue),
        tuple(due),
        tuple(suspect),
        tuple(drafts + in_review),
        tuple(gaps_past),
        notes,
    )


def _work_tree_id(result: CheckResult) -> EditionId:
    return preview_id(result)


def _risk_log(hb: Handbook, changes: Diff, hidden: frozenset[str]) -> tuple[RiskRow, ...]:
    """Every risk in the log that is not closed, highest first, marked new or changed since the
    reference; then the risks closed or removed since then."""
    touched = {d.ident: d.change for d in changes.documents if d.kind == "risk"}
    events = {r.ident: r for r in changes.risks}
    rows = []
    for risk in figures.risks_by_level(hb.risks.values()):
        event = events.get(risk.id)
        if event is not None and event.change == "closed":
            rows.append(RiskRow(risk.id, risk.title, risk.current_level, risk.status.label, CLOSED, event.old_score))
        elif risk.status is not RiskStatus.CLOSED:
            change = NEW if touched.get(risk.id) == "added" else CHANGED if risk.id in touched else ""
            before = event.old_score if event is not None and event.change == "rescored" else None
            rows.append(RiskRow(risk.id, risk.title, risk.current_level, risk.status.label, change, before))
    for event in changes.risks:
        if event.change == "removed" and event.ident not in hidden:
            rows.append(RiskRow(event.ident, event.title, event.old_score, "", REMOVED, event.old_score))
    order = {CLOSED: 1, REMOVED: 1}
    return tuple(sorted(rows, key=lambda r: (order.get(r.change, 0), -(r.level or 0), r.ident)))


def _hazards(hb: Handbook, changes: Diff, hidden: frozenset[str]) -> tuple[RiskRow, ...]:
    """The device risk analysis: every hazard by the level it has now, highest first, marked new
    or changed since the reference; hazards removed since then last."""
    touched = {d.ident: d for d in changes.documents if d.kind == "hazard"}
    rows = []
    for hazard in figures.hazards_by_level(hb.hazards.values()):
        change = touched.get(hazard.id)
        mark = "" if change is None else NEW if change.change == "added" else CHANGED
        done = sum(1 for c in hazard.controls if c.status is ControlStatus.IMPLEMENTED)
        state = f"{done} af {len(hazard.controls)} kontroller gennemført"
        rows.append(RiskRow(hazard.id, hazard.title, hazard.current_level, state, mark))
    for change in touched.values():
        if change.change == "withdrawn" and change.ident not in hb.hazards and change.ident not in hidden:
            rows.append(RiskRow(change.ident, change.title, None, "", REMOVED))
    return tuple(rows)


def _status_row(requirement: str, old: str, new: str) -> StatusRow:
    ranks = {s.value: s.rank for s in Conformity}
    direction = ""
    if old in ranks and new in ranks:
        direction = "bedre" if ranks[new] < ranks[old] else "dårligere" if ranks[new] > ranks[old] else ""
    return StatusRow(requirement, status_label(old), status_label(new), direction)


def _document_row(hb: Handbook, d: Any) -> DocumentRow:
    revision = ""
    if d.old_revision is not None or d.new_revision is not None:
        revision = (
            f"rev. {d.old_revision} → {d.new_revision}"
            if d.old_revision != d.new_revision
            else f"rev. {d.new_revision}"
        )
    title = d.title or _name(hb, d.kind, d.ident)  # an actor has a name, not a title
    return DocumentRow(d.ident, title, CHANGE_WORDS[d.change], revision, " ".join(d.change_note.split()))


def _name(hb: Handbook, kind: str, ident: str) -> str:
    doc = hb.of(kind).get(ident)
    return str(getattr(doc, "title", "") or getattr(doc, "name", "")) if doc is not None else ""


def to_json(report: StatusReport) -> dict[str, Any]:
    """The report as plain data (format_version 1; fields are only ever added)."""
    data = asdict(report)
    return {"format_version": FORMAT_VERSION, "report": "status", "title": TITLE, **data}
