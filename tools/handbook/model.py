"""The linked, immutable handbook model: pure data, no I/O.

Each class mirrors one schema object, field for field (a guard test holds them equal both ways),
and is built from validated data by keyword (`construct.py`), so adding a field means editing
the schema and the class, nothing else. What a field refers to is declared on the field:
`refers_to("actor")` marks an id of an actor, and the one reference walker (`references.py`) reads it.

Every document and every item that rules point at knows where it came from (`where`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Any, cast

from .constants import MAX_FILE_BYTES, REVIEW_WARNING_DAYS
from .diagnostics import Severity
from .values import (
    AcceptanceDecision,
    ActorType,
    Confidentiality,
    Conformity,
    ControlStatus,
    ControlType,
    DeclarationStatus,
    DeviceStatus,
    DeviceType,
    DocStatus,
    Fill,
    FormUse,
    Insert,
    ParticipationStatus,
    QmsModel,
    QualificationStatus,
    RecordStatus,
    RiskCategory,
    RiskStatus,
)

RACI_LETTERS = ("R", "A", "C", "I")

# Field metadata keys, read by construct.py and references.py.
REF = "ref"  # the field holds the id (or ids) of a document or item of this kind
REF_KEYS = "ref_keys"  # the field is a mapping whose keys are ids of this kind
YAML_KEY = "yaml_key"  # the YAML key, where it cannot be the field name (e.g. `class`)
CONTAINER = "container"  # filled with the id of the document the item stands in, not read from YAML
ANY_DOCUMENT = "document"  # ref kind: any controlled document
ASSESSED = "assessed"  # the field of a conformity entry that holds its suspect-link marks


def refers_to(kind: str, *, optional: bool = False) -> Any:
    return field(default="", metadata={REF: kind}) if optional else field(metadata={REF: kind})


def refers_to_many(kind: str) -> Any:
    return field(default=(), metadata={REF: kind})


def container() -> Any:
    return field(default="", metadata={CONTAINER: True})


@dataclass(frozen=True, slots=True)
class Where:
    file: str
    pointer: str = ""


NOWHERE = Where("")


@dataclass(frozen=True, kw_only=True)
class Control:
    revision: int
    status: DocStatus
    owner: str = refers_to("actor")
    owner_role: str = ""
    approver: str = refers_to("actor", optional=True)
    approver_role: str = ""
    approved: date | None = None
    effective: date | None = None
    next_review: date | None = None
    supersedes: tuple[str, ...] = refers_to_many(ANY_DOCUMENT)
    change_note: str = ""
    status_reason: str = ""  # why a revision is (still) a draft or in review


@dataclass(frozen=True)
class Period:
    """A member's group from `start` to `end`, both days included; no `end` means still so."""

    group: str
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Member:
    """One member institution of a group actor, e.g. a municipality from kommuner.csv, with its
    group (for a municipality: its region) period by period, in date order."""

    code: str
    name: str
    periods: tuple[Period, ...] = ()

    def group_on(self, day: date) -> str:
        """The group the member belongs to on `day`, or "" when the data gives none."""
        return next((p.group for p in self.periods if p.covers(day)), "")


@dataclass(frozen=True, kw_only=True)
class MemberGroups:
    """Where the dated group of each member is listed: a CSV file under qms/ with one row per
    member and period, every member covered on every day from `since`."""

    csv: str
    id_column: str
    group_column: str
    from_column: str
    to_column: str
    since: date
    source: str


@dataclass(frozen=True, kw_only=True)
class MemberSource:
    """Where a group actor's members are listed: a CSV file under qms/ and its columns."""

    csv: str
    id_column: str
    name_column: str
    expected_count: int | None = None
    groups: MemberGroups | None = None


@dataclass(frozen=True, kw_only=True)
class Actor:
    id: str
    confidentiality: Confidentiality
    name: str
    short_name: str = ""
    type: ActorType
    organisation: str = ""
    role: str
    responsibilities: tuple[str, ...] = ()
    members: MemberSource | None = None
    where: Where = NOWHERE

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def title(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True)
class Activity:
    id: str
    title: str
    description: str = ""
    raci: Mapping[str, str] = field(metadata={REF_KEYS: "actor"})
    steps: tuple[str, ...]
    records: tuple[str, ...] = refers_to_many("record")
    where: Where = NOWHERE

    def actors_with(self, letter: str) -> tuple[str, ...]:
        return tuple(actor for actor, letters in self.raci.items() if letter in letters)


@dataclass(frozen=True, kw_only=True)
class Definition:
    term: str
    definition: str


@dataclass(frozen=True, kw_only=True)
class Reference:
    procedure: str = refers_to("procedure", optional=True)
    external: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Procedure:
    id: str
    confidentiality: Confidentiality
    title: str
    control: Control
    purpose: str
    scope: str
    definitions: tuple[Definition, ...] = ()
    activities: tuple[Activity, ...]
    records: tuple[str, ...] = refers_to_many("record")
    references: tuple[Reference, ...] = ()
    where: Where = NOWHERE

    @property
    def all_records(self) -> tuple[str, ...]:
        seen = dict.fromkeys(r for a in self.activities for r in a.records)
        seen.update(dict.fromkeys(self.records))
        return tuple(seen)


@dataclass(frozen=True, kw_only=True)
class Requirement:
    id: str
    catalogue: str = container()
    ref: str
    title: str
    text: str = ""
    parent: str = refers_to("requirement", optional=True)
    applicable: bool
    justification: str = ""
    where: Where = NOWHERE


@dataclass(frozen=True, kw_only=True)
class Catalogue:
    id: str
    confidentiality: Confidentiality
    title: str
    source: str
    note: str = ""
    control: Control | None = None
    requirements: tuple[Requirement, ...]
    where: Where = NOWHERE


@dataclass(frozen=True, kw_only=True)
class Plan:
    action: str
    owner: str = refers_to("actor")
    due: date


@dataclass(frozen=True, kw_only=True)
class ConformityEntry:
    requirement: str = refers_to("requirement")
    matrix: str = container()
    status: Conformity
    responsible: str = refers_to("actor")
    procedures: tuple[str, ...] = refers_to_many("procedure")
    evidence: tuple[str, ...] = refers_to_many("record")
    risks: tuple[str, ...] = refers_to_many("risk")
    hazards: tuple[str, ...] = refers_to_many("hazard")
    justification: str
    plan: Plan | None = None
    # What the entry was last assessed against: id → revision (procedures) or short content
    # fingerprint (records, risks). Checked by the suspect-link rule, not a reference of its own.
    assessed: Mapping[str, int | str] = field(default_factory=lambda: EMPTY)
    where: Where = NOWHERE

    @property
    def rests_on(self) -> tuple[tuple[str, str], ...]:
        """(kind, id) of every document the entry's assessment rests on, in field order."""
        return (
            *(("procedure", p) for p in self.procedures),
            *(("record", r) for r in self.evidence),
            *(("risk", r) for r in self.risks),
        )


@dataclass(frozen=True, kw_only=True)
class Matrix:
    id: str
    confidentiality: Confidentiality
    title: str
    catalogue: str = refers_to("catalogue")
    control: Control | None = None
    entries: tuple[ConformityEntry, ...]
    where: Where = NOWHERE


@dataclass(frozen=True, kw_only=True)
class Acceptance:
    """A residual risk's acceptance: who may accept it under the handbook's acceptance criteria,
    what has been decided, when, the record that holds the decision, and its conditions."""

    by: str = refers_to("actor")
    decision: AcceptanceDecision
    decided: date | None = None
    record: str = refers_to("record", optional=True)
    conditions: str = ""


@dataclass(frozen=True, kw_only=True)
class Risk:
    id: str
    confidentiality: Confidentiality
    title: str
    category: RiskCategory
    owner: str = refers_to("actor")
    description: str
    probability: int
    severity: int
    mitigations: tuple[str, ...]
    residual: str = ""
    status: RiskStatus
    identified: date
    next_review: date
    requirements: tuple[str, ...] = refers_to_many("requirement")
    procedures: tuple[str, ...] = refers_to_many("procedure")
    devices: tuple[str, ...] = refers_to_many("device")
    acceptance: Acceptance | None = None
    # Why this open question threatens the exemption so much that no municipality may publish its
    # declaration while the risk is open; "" for a risk that does not block it.
    blocks_declaration: str = ""
    where: Where = NOWHERE

    @property
    def blocks(self) -> bool:
        """An open question that blocks publication of the declarations: marked so, and neither
        closed nor accepted."""
        return bool(self.blocks_declaration) and self.status in (RiskStatus.OPEN, RiskStatus.MITIGATED)

    @property
    def score(self) -> int:
        return self.probability * self.severity

    @property
    def current_level(self) -> int:
        """The level the risk has now (the log's assessment already counts the mitigations)."""
        return self.score


@dataclass(frozen=True, kw_only=True)
class RiskControl:
    """One measure against a hazard, with the procedures that carry it out and the records that
    show it is in place."""

    measure: str
    type: ControlType
    status: ControlStatus
    procedures: tuple[str, ...] = refers_to_many("procedure")
    records: tuple[str, ...] = refers_to_many("record")


@dataclass(frozen=True, kw_only=True)
class Hazard:
    """A hazard of using a device in care, analysed in the sense of ISO 14971: the hazardous
    situation and its causes, the harm, the risk before and after control, and acceptance."""

    id: str
    confidentiality: Confidentiality
    title: str
    devices: tuple[str, ...] = field(metadata={REF: "device"})
    situation: str
    causes: tuple[str, ...]
    harm: str
    severity: int
    probability: int
    basis: str
    controls: tuple[RiskControl, ...]
    residual_severity: int
    residual_probability: int
    residual: str = ""
    acceptance: Acceptance
    owner: str = refers_to("actor")
    identified: date
    next_review: date
    risks: tuple[str, ...] = refers_to_many("risk")
    where: Where = NOWHERE

    @property
    def level(self) -> int:
        """The risk level before control: probability times severity."""
        return self.probability * self.severity

    @property
    def residual_level(self) -> int:
        """The level the controls are to bring the risk down to."""
        return self.residual_probability * self.residual_severity

    @property
    def controlled(self) -> bool:
        return all(c.status is ControlStatus.IMPLEMENTED for c in self.controls)

    @property
    def current_level(self) -> int:
        """The level the risk has now: the residual level only once every control is in place."""
        return self.residual_level if self.controlled else self.level


@dataclass(frozen=True, kw_only=True)
class Qualification:
    status: QualificationStatus
    rationale: str
    is_mdsw: bool | None = None
    device_class: str = field(default="", metadata={YAML_KEY: "class"})


@dataclass(frozen=True, kw_only=True)
class Device:
    id: str
    confidentiality: Confidentiality
    title: str
    type: DeviceType
    parent: str = refers_to("device", optional=True)
    version: str = ""
    intended_purpose: str
    users: str = ""
    responsible: str = refers_to("actor")
    content_owner: str = refers_to("actor", optional=True)
    qualification: Qualification | None = None
    status: DeviceStatus
    risks: tuple[str, ...] = refers_to_many("risk")
    procedures: tuple[str, ...] = refers_to_many("procedure")
    where: Where = NOWHERE


@dataclass(frozen=True, kw_only=True)
class Record:
    id: str
    confidentiality: Confidentiality
    title: str
    description: str
    owner: str = refers_to("actor")
    location: str
    retention: str
    status: RecordStatus
    where: Where = NOWHERE


@dataclass(frozen=True, kw_only=True)
class FormField:
    """One field of a form: its label, and the fact the tool fills in (none: left blank for the
    municipality to fill in by hand)."""

    label: str
    fill: Fill | None = None
    hint: str = ""


@dataclass(frozen=True, kw_only=True)
class FormSection:
    heading: str
    text: str = ""
    fields: tuple[FormField, ...] = ()
    insert: Insert | None = None
    documents: tuple[str, ...] = refers_to_many(ANY_DOCUMENT)
    records: tuple[str, ...] = refers_to_many("record")


@dataclass(frozen=True, kw_only=True)
class Form:
    """A controlled template the tool fills in for each municipality: the declaration under
    Art. 5(5)(e), the local annex, the inspection folder. Where it is used is data (its procedure
    and activity), and so are its sections, their wording and the facts filled in."""

    id: str
    confidentiality: Confidentiality
    title: str
    control: Control
    use: FormUse
    purpose: str
    procedure: str = refers_to("procedure")
    activity: str = ""
    conditions: str = refers_to("catalogue", optional=True)
    catalogue: str = refers_to("catalogue", optional=True)
    sections: tuple[FormSection, ...]
    where: Where = NOWHERE


@dataclass(frozen=True, kw_only=True)
class Joined:
    """Whether members take part in K-PRO, and where that is stated."""

    status: ParticipationStatus
    source: str


@dataclass(frozen=True, kw_only=True)
class AnnexVersion:
    revision: int
    approved: date | None = None


@dataclass(frozen=True, kw_only=True)
class DeclarationRecord:
    status: DeclarationStatus
    published: date | None = None
    url: str = ""


@dataclass(frozen=True, kw_only=True)
class AdoptionEntry:
    """What is recorded for one member (a municipality), with the source of it. A fact not
    recorded here is shown as not recorded, never guessed."""

    code: str
    source: str
    participation: Joined | None = None
    model: QmsModel | None = None
    decided: date | None = None
    adopted: date | None = None
    annex: AnnexVersion | None = None
    address: str = ""
    contact: str = ""
    signatory: str = ""
    declaration: DeclarationRecord | None = None
    where: Where = NOWHERE


@dataclass(frozen=True, kw_only=True)
class Adoption:
    """The members of a group actor (the municipalities) and their adoption of K-PRO and of the
    handbook: the controlled form of the adoption overview record (PR-19)."""

    id: str
    confidentiality: Confidentiality
    title: str
    actor: str = refers_to("actor")
    record: str = refers_to("record", optional=True)
    participation: Joined | None = None
    members: tuple[AdoptionEntry, ...] = ()
    where: Where = NOWHERE

    def entry(self, code: str) -> AdoptionEntry | None:
        return next((e for e in self.members if e.code == code), None)


@dataclass(frozen=True, kw_only=True)
class Settings:
    title: str
    organisation: str = refers_to("actor")
    description: str = ""
    today: date | None = None
    review_warning_days: int = REVIEW_WARNING_DAYS
    max_file_bytes: int = MAX_FILE_BYTES
    risk_acceptance_level: int | None = None
    rules: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    catalogue_order: tuple[str, ...] = refers_to_many("catalogue")
    edit_url: str = ""  # e.g. https://host/org/repo/-/edit/main/{path}; "" when there is no web address
    approval_baseline: str = ""  # approvals in this commit and before it predate the approval rules
    trusted_keys: tuple[str, ...] = ()
    suspect_links_block_release: bool = True
    where: Where = NOWHERE

    def edit_link(self, path: str) -> str:
        """The address where the repository file `path` is edited; "" without an edit_url."""
        return self.edit_url.replace("{path}", path) if self.edit_url and path else ""


DEFAULT_SETTINGS = Settings(title="Kvalitetshåndbog", organisation="")


def frozen_map(items: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(items)


EMPTY: Mapping[str, Any] = frozen_map({})


@dataclass(frozen=True)
class Shelf:
    """Where an internal record is kept and who holds it: all a public output may say about it."""

    ident: str
    location: str
    owner: str


@dataclass(frozen=True)
class Handbook:
    """Everything in the handbook: documents and items by kind and id (kinds are declared in
    `kinds.py`), the members of group actors, and indexes derived once on first use."""

    settings: Settings
    documents: Mapping[str, Mapping[str, Any]]
    members: Mapping[str, tuple[Member, ...]] = field(default_factory=lambda: EMPTY)
    # Ids of documents (and the items in them) left out of a public view: a reference to one is
    # shown as the bare id marked "intern". Empty for the complete handbook.
    withheld: frozenset[str] = frozenset()
    # Internal records that a form names for an inspector, left out of a public view: their id,
    # where they are kept and who holds them, and nothing else (the inspection folder's deliberate
    # exception, made by `publication.public_view`). Empty for the complete handbook.
    shelved: Mapping[str, Shelf] = field(default_factory=lambda: EMPTY)

    @cached_property
    def members_by_code(self) -> Mapping[str, Mapping[str, Member]]:
        """Actor id → member code → member."""
        return frozen_map({actor: frozen_map({m.code: m for m in found}) for actor, found in self.members.items()})

    def group_of(self, actor: str, code: str, day: date) -> str:
        """The group member `code` of group actor `actor` belongs to on `day` (for KOMMUNE: the
        region of municipality `code` on that date); "" when there is no such member or group."""
        member = self.members_by_code.get(actor, EMPTY).get(code)
        return member.group_on(day) if member is not None else ""

    def of(self, kind: str) -> Mapping[str, Any]:
        """Id → object for one kind (an empty mapping for a kind with nothing in it)."""
        return self.documents.get(kind, EMPTY)

    # Typed views of the kinds the rules and pages are written for.
    @property
    def actors(self) -> Mapping[str, Actor]:
        return cast(Mapping[str, Actor], self.of("actor"))

    @property
    def procedures(self) -> Mapping[str, Procedure]:
        return cast(Mapping[str, Procedure], self.of("procedure"))

    @property
    def catalogues(self) -> Mapping[str, Catalogue]:
        return cast(Mapping[str, Catalogue], self.of("catalogue"))

    @property
    def requirements(self) -> Mapping[str, Requirement]:
        return cast(Mapping[str, Requirement], self.of("requirement"))

    @property
    def matrices(self) -> Mapping[str, Matrix]:
        return cast(Mapping[str, Matrix], self.of("conformity"))

    @property
    def risks(self) -> Mapping[str, Risk]:
        return cast(Mapping[str, Risk], self.of("risk"))

    @property
    def devices(self) -> Mapping[str, Device]:
        return cast(Mapping[str, Device], self.of("device"))

    @property
    def records(self) -> Mapping[str, Record]:
        return cast(Mapping[str, Record], self.of("record"))

    @property
    def hazards(self) -> Mapping[str, Hazard]:
        return cast(Mapping[str, Hazard], self.of("hazard"))

    @property
    def forms(self) -> Mapping[str, Form]:
        return cast(Mapping[str, Form], self.of("form"))

    @property
    def adoptions(self) -> Mapping[str, Adoption]:
        return cast(Mapping[str, Adoption], self.of("adoption"))

    def form_for(self, use: FormUse) -> Form | None:
        """The form for a use (FORM-USE reports a second one; the first by id is used)."""
        return next((f for _, f in sorted(self.forms.items()) if f.use is use), None)

    def covered(self, acceptance: Acceptance | None, today: date) -> bool:
        """The residual risk is accepted, or continued use is covered by an interim decision:
        decided by `today` and written in a record that exists (not merely planned)."""
        if acceptance is None or not acceptance.decision.permits_use:
            return False
        if acceptance.decided is None or acceptance.decided > today:
            return False
        record = self.records.get(acceptance.record)
        return record is not None and record.status is not RecordStatus.PLANNED

    def risks_of_device(self, device: str) -> tuple[Risk | Hazard, ...]:
        """Risks in the log that name the device (or that the device names), then its hazards."""
        named = self.devices[device].risks if device in self.devices else ()
        risks = [r for r in self.risks.values() if device in r.devices or r.id in named]
        return (*risks, *(h for h in self.hazards.values() if device in h.devices))

    def unaccepted(self, device: str, today: date) -> tuple[Risk | Hazard, ...]:
        """The device's risks and hazards at or above the settings' acceptance level whose
        residual risk is neither accepted nor covered by an interim decision on `today`; ()
        when the settings give no level."""
        level = self.settings.risk_acceptance_level
        if level is None:
            return ()
        return tuple(
            r
            for r in self.risks_of_device(device)
            if r.current_level >= level and not self.covered(r.acceptance, today)
        )

    @cached_property
    def entries(self) -> tuple[ConformityEntry, ...]:
        return tuple(e for m in self.matrices.values() for e in m.entries)

    @cached_property
    def entries_by_requirement(self) -> Mapping[str, tuple[ConformityEntry, ...]]:
        index: dict[str, list[ConformityEntry]] = {}
        for entry in self.entries:
            index.setdefault(entry.requirement, []).append(entry)
        return frozen_map({k: tuple(v) for k, v in index.items()})

    def status_of(self, requirement: Requirement) -> Conformity:
        """One status per requirement; with several entries the least favourable one wins."""
        if not requirement.applicable:
            return Conformity.NOT_APPLICABLE
        entries = self.entries_by_requirement.get(requirement.id, ())
        if not entries:
            return Conformity.NOT_ASSESSED
        return max((e.status for e in entries), key=lambda status: status.rank)

    @cached_property
    def requirements_by_procedure(self) -> Mapping[str, tuple[str, ...]]:
        """Procedure id → the requirements whose conformity entries cite it (the back link)."""
        index: dict[str, list[str]] = {}
        for entry in self.entries:
            for proc in entry.procedures:
                index.setdefault(proc, []).append(entry.requirement)
        return frozen_map({k: tuple(dict.fromkeys(v)) for k, v in index.items()})

    @cached_property
    def requirements_by_record(self) -> Mapping[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for entry in self.entries:
            for rec in entry.evidence:
                index.setdefault(rec, []).append(entry.requirement)
        return frozen_map({k: tuple(dict.fromkeys(v)) for k, v in index.items()})

    @cached_property
    def activities_by_actor(self) -> Mapping[str, tuple[tuple[Procedure, Activity, str], ...]]:
        """Actor id → (procedure, activity, RACI letters) for everything the actor takes part in."""
        index: dict[str, list[tuple[Procedure, Activity, str]]] = {}
        for proc in self.procedures.values():
            for act in proc.activities:
                for actor, letters in act.raci.items():
                    index.setdefault(actor, []).append((proc, act, letters))
        return frozen_map({k: tuple(v) for k, v in index.items()})

    @cached_property
    def superseded_by(self) -> Mapping[str, tuple[str, ...]]:
        """Document id → the documents that say they supersede it."""
        index: dict[str, list[str]] = {}
        for documents in self.documents.values():
            for doc in documents.values():
                control = getattr(doc, "control", None)
                for old in control.supersedes if control is not None else ():
                    index.setdefault(old, []).append(doc.id)
        return frozen_map({k: tuple(sorted(v)) for k, v in index.items()})

    def matrix_is_draft(self, matrix_id: str) -> bool:
        """A matrix under document control that is not (or no longer) effective: its statuses
        are not approved and must be shown as such."""
        matrix = self.matrices.get(matrix_id)
        return matrix is not None and matrix.control is not None and matrix.control.status is not DocStatus.EFFECTIVE

    @cached_property
    def procedures_by_record(self) -> Mapping[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for proc in self.procedures.values():
            for rec in proc.all_records:
                index.setdefault(rec, []).append(proc.id)
        return frozen_map({k: tuple(v) for k, v in index.items()})

    @cached_property
    def ordered_catalogues(self) -> tuple[Catalogue, ...]:
        """Catalogues in the settings' order, then the rest by id (the Art. 5(5) conditions lead)."""
        rank = {ident: i for i, ident in enumerate(self.settings.catalogue_order)}
        return tuple(sorted(self.catalogues.values(), key=lambda c: (rank.get(c.id, len(rank)), c.id)))
