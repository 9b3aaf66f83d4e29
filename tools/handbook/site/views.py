"""Derived data the page templates show: groupings, counts and back links, computed from the model.

Templates say how a page looks; the arithmetic lives here, as plain functions of the model, so
the same figures can feed reports and exports later.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from ..editions.diff import status_label
from ..gaps import GapRow, gap_rows, plan_due
from ..kinds import Kind, model_kind, with_pages
from ..model import (
    Activity,
    Catalogue,
    ConformityEntry,
    Control,
    Handbook,
    Hazard,
    Matrix,
    Member,
    Procedure,
    Requirement,
    Risk,
)
from ..references import controlled_documents
from ..reports import figures
from ..reports.conformity import ConformityReport, conformity_report
from ..reports.figures import CoverageLine, CoverageSummary
from ..values import Choice, DocStatus
from . import paths
from .edition import EditionId, LastChange

RACI = {"R": "Udfører (R)", "A": "Ansvarlig (A)", "C": "Høres (C)", "I": "Informeres (I)"}
# What happened to a document between two editions (editions/diff.py), in Danish.
CHANGE = {"added": "Tilføjet", "withdrawn": "Trukket tilbage", "revised": "Revideret", "changed": "Ændret"}
RISK_CHANGE = {"added": "Ny", "removed": "Fjernet", "closed": "Lukket", "rescored": "Ny score"}


@dataclass(frozen=True)
class KindLine:
    kind: Kind
    index: str
    count: int
    breakdown: str


@dataclass(frozen=True)
class DocState:
    """What the site says about a controlled document's standing on the build date."""

    label: str
    current: bool  # in force today
    note: str = ""  # why an approved document is not in force, or ""


@dataclass(frozen=True)
class Step:
    """Where a requirement is met: an activity of a procedure, or the procedure as a whole when
    none of its activities makes the evidence the conformity entry cites."""

    procedure: str
    activity: str = ""  # "" for the whole procedure

    @property
    def label(self) -> str:
        """How the site cites it: PR-05.A2, or PR-05."""
        return f"{self.procedure}.{self.activity}" if self.activity else self.procedure

    @property
    def anchor(self) -> str:
        return paths.activity_anchor(self.procedure, self.activity) if self.activity else ""


@dataclass(frozen=True)
class Trace:
    procedures: list[str]
    steps: list[Step]
    evidence: list[str]
    responsible: list[str]  # the actors answerable for the requirement (the matrix's `responsible`)
    plan_owners: list[str]  # the actors who carry out the action plans for it (`plan.owner`)


@dataclass(frozen=True)
class Provenance:
    """Where a page comes from, for maintainers: the file, its revision, its last change, and
    where to edit it."""

    source: str  # repository path of the file the page is made from; "" for the whole handbook
    revision: int | None
    change: LastChange | None  # the newest commit that changed the file (None: not in the history)
    edit_url: str  # "" unless the settings name an edit address


class Views:
    def __init__(
        self, hb: Handbook, edition: EditionId, today: date, last_change: Mapping[str, LastChange] | None = None
    ) -> None:
        self.hb = hb
        self.edition = edition
        self.today = today
        self.last_change = last_change or {}

    # ---- provenance, shown at the foot of every page

    def provenance(self, obj: Any = None, source: str = "") -> Provenance:
        """A document's (or item's) page, a hand-written page by its `source`, or with neither a
        page made from the whole handbook."""
        control = getattr(obj, "control", None)
        if isinstance(obj, Requirement):  # an item: its catalogue is the file and the revision
            catalogue = self.hb.catalogues.get(obj.catalogue)
            control = catalogue.control if catalogue is not None else None
        if obj is not None:
            source = obj.where.file
        revision = control.revision if control is not None else None
        return Provenance(source, revision, self.last_change.get(source), self.hb.settings.edit_link(source))

    # ---- document control

    def document_state(self, ident: str, control: Control) -> DocState:
        """Effective is not enough to be in force: not when an effective successor replaced the
        document, and not before its effective date."""
        if control.status is not DocStatus.EFFECTIVE:
            return DocState(control.status.label, False)
        successors = [s for s in self.hb.superseded_by.get(ident, ()) if self._effective(s)]
        if successors:
            names = ", ".join(successors)
            return DocState(f"Erstattet af {names}", False, f"Dokumentet er erstattet af {names} og gælder ikke længere.")
        if control.effective and control.effective > self.today:
            when = control.effective.isoformat()
            return DocState(f"Godkendt, gælder fra {when}", False, f"Dokumentet er godkendt, men gælder først fra {when}.")
        return DocState(control.status.label, True)

    def _effective(self, ident: str) -> bool:
        doc = controlled_documents(self.hb).get(ident)
        return doc is not None and doc.control.status is DocStatus.EFFECTIVE

    # ---- procedures and RACI

    @staticmethod
    def activity_anchor(procedure: str, activity: str) -> str:
        return paths.activity_anchor(procedure, activity)

    @staticmethod
    def raci_actors(activities: Iterable[Activity]) -> list[str]:
        """Actors in first-appearance order, so columns follow the procedure's own flow."""
        return list(dict.fromkeys(actor for act in activities for actor in act.raci))

    @staticmethod
    def raci_words(letters: str) -> str:
        return ", ".join(RACI[letter] for letter in letters if letter in RACI)

    def statuses_citing(self, requirement: str, procedure: str) -> str:
        entries = [e for e in self.hb.entries_by_requirement.get(requirement, ()) if procedure in e.procedures]
        return ", ".join(sorted({self.entry_label(e) for e in entries}))

    # ---- conformity statuses, marked when they come from a matrix that is not approved

    DRAFT_MARK = " (udkast, ikke godkendt)"

    def entry_label(self, entry: ConformityEntry) -> str:
        return entry.status.label + (self.DRAFT_MARK if self.hb.matrix_is_draft(entry.matrix) else "")

    def requirement_label(self, requirement: Requirement) -> str:
        status = self.hb.status_of(requirement)
        entries = self.hb.entries_by_requirement.get(requirement.id, ())
        draft = any(self.hb.matrix_is_draft(e.matrix) for e in entries)
        return status.label + (self.DRAFT_MARK if draft else "")

    def draft_matrices(self) -> list[Matrix]:
        return [m for m in sorted(self.hb.matrices.values(), key=lambda m: m.id) if self.hb.matrix_is_draft(m.id)]

    def risks_of_procedure(self, procedure: str) -> list[Risk]:
        return sorted((r for r in self.hb.risks.values() if procedure in r.procedures), key=lambda r: r.id)

    # ---- actors

    def tasks_by_procedure(self, actor: str) -> list[tuple[Procedure, list[tuple[Activity, str]]]]:
        tasks = sorted(self.hb.activities_by_actor.get(actor, ()), key=lambda t: t[0].id)
        return [
            (group[0][0], [(act, letters) for _, act, letters in group])
            for group in (list(g) for _, g in groupby(tasks, key=lambda t: t[0].id))
        ]

    def owned_procedures(self, actor: str) -> list[Procedure]:
        return sorted((p for p in self.hb.procedures.values() if p.control.owner == actor), key=lambda p: p.id)

    def responsible_requirements(self, actor: str) -> list[tuple[str, str]]:
        found = {e.requirement: self.entry_label(e) for e in self.hb.entries if e.responsible == actor}
        return sorted(found.items())

    @staticmethod
    def members_by_group(members: Sequence[Member], day: date) -> list[tuple[str, list[Member]]]:
        """Members grouped by the group each belongs to on `day` (a municipality: its region)."""
        ordered = sorted(members, key=lambda m: (m.group_on(day), m.name))
        return [(group, list(items)) for group, items in groupby(ordered, key=lambda m: m.group_on(day))]

    # ---- requirements and conformity

    def children_of(self, requirement: str) -> list[str]:
        return sorted(r.id for r in self.hb.requirements.values() if r.parent == requirement)

    def trace(self, requirement: str) -> Trace:
        entries = self.hb.entries_by_requirement.get(requirement, ())
        return Trace(
            procedures=list(dict.fromkeys(p for e in entries for p in e.procedures)),
            steps=list(dict.fromkeys(step for e in entries for step in self.steps(e))),
            evidence=list(dict.fromkeys(r for e in entries for r in e.evidence)),
            responsible=list(dict.fromkeys(e.responsible for e in entries)),
            plan_owners=list(dict.fromkeys(e.plan.owner for e in entries if e.plan is not None)),
        )

    def gaps(self) -> list[GapRow]:
        """The gap register's rows (`gaps.gap_rows`), overdue as of the site's date."""
        return gap_rows(self.hb, self.today)

    def plan_due(self, requirement: str) -> date | None:
        return plan_due(self.hb, requirement)

    def steps(self, entry: ConformityEntry) -> list[Step]:
        """The activities that meet a conformity entry: those of its procedures whose records
        include the entry's evidence; a procedure none of whose activities does stands whole."""
        evidence = set(entry.evidence)
        found: list[Step] = []
        for ident in entry.procedures:
            proc = self.hb.procedures.get(ident)
            acts = [a.id for a in proc.activities if evidence.intersection(a.records)] if proc else []
            found += [Step(ident, a) for a in acts] or [Step(ident)]
        return found

    def coverage_line(self, catalogue: Catalogue) -> CoverageLine:
        return figures.coverage_line(self.hb, catalogue)

    def coverage_summary(self) -> CoverageSummary:
        return figures.coverage(self.hb)

    def conformity_report(self, suspect: Any = None) -> ConformityReport:
        """The conformity report of the handbook this site shows (its own page, and a PDF)."""
        return conformity_report(self.hb, self.edition, suspect)

    # ---- the device risk analysis

    @staticmethod
    def by_level(hazards: Iterable[Hazard]) -> list[Hazard]:
        """Highest risk first (the one order of the device risk analysis, reports/figures.py)."""
        return figures.hazards_by_level(hazards)

    def hazards_of_device(self, device: str) -> list[Hazard]:
        return self.by_level(h for h in self.hb.hazards.values() if device in h.devices)

    def requirements_citing_hazard(self, hazard: str) -> list[str]:
        return sorted({e.requirement for e in self.hb.entries if hazard in e.hazards})

    @staticmethod
    def controls_done(hazard: Hazard) -> str:
        """How many of a hazard's controls are in place, e.g. '2 af 5'."""
        done = sum(1 for c in hazard.controls if c.status == "implemented")
        return f"{done} af {len(hazard.controls)}"

    @staticmethod
    def kind_name(obj: Any) -> str:
        """The kind of a model object (a risk or a hazard), for a link to its page."""
        kind = model_kind(obj)
        return kind.name if kind is not None else ""

    # ---- front page and change log

    def status_of(self, obj: Any) -> tuple[int, int, str] | None:
        """The one status shown for an object of any kind, if it has one, with its place in a
        listing (the status's rank, what is in force before what is not, then the label)."""
        if isinstance(obj, Requirement):
            return self.hb.status_of(obj).rank, 0, self.requirement_label(obj)
        control = getattr(obj, "control", None)
        if control is not None:
            state = self.document_state(obj.id, control)
            return control.status.rank, 0 if state.current else 1, state.label
        status = getattr(obj, "status", None)
        return (status.rank, 0, status.label) if isinstance(status, Choice) else None

    def kind_summary(self) -> list[KindLine]:
        lines = []
        for kind in with_pages():
            items = list(self.hb.of(kind.name).values())
            counts = Counter(self.status_of(item) for item in items)
            ranked = sorted(s for s in counts if s is not None)
            breakdown = ", ".join(f"{counts[s]} {s[2][:1].lower()}{s[2][1:]}" for s in ranked)
            lines.append(KindLine(kind, paths.section_entry(kind.name), len(items), breakdown))
        return lines

    def citation(self, doc: Any = None, part: str = "") -> str:
        """The one citation form: handbook, edition, document and revision, and when it took
        effect, e.g. "K-PRO kvalitetshåndbog, udgave 2027.1, PR-05 rev. 3, gældende fra 2027-01-20"."""
        if doc is None:
            return f"{self.hb.settings.title}, {self.edition.label}."
        return self.cite(part or doc.id, getattr(doc, "control", None))

    def cite(self, ident: str, control: Any) -> str:
        text = f"{self.hb.settings.title}, {self.edition.label}, {ident}"
        if control is not None:
            text += f" rev. {control.revision}"
            if control.effective and control.status.value == "effective":
                text += f", gældende fra {control.effective}"
            elif control.status.value != "effective":
                text += f" ({control.status.label.lower()})"
        return text + "."

    @staticmethod
    def status_label(value: str) -> str:
        return status_label(value)

    def citation_example(self) -> str:
        """A citation of this handbook's own first procedure, so it is never out of date."""
        first = min(self.hb.procedures.values(), key=lambda p: p.id, default=None)
        return self.citation(first)
