"""What the handbook says to and about one municipality, as plain values: who it is and its
region on a date, what is recorded about its adoption (and what is not), what it must do itself,
the requirements and plans it owns, its declaration under Art. 5(5)(e), its local annex and its
inspection folder filled in from the forms, and the status of the exemption as a whole.

The site's pages render these values, and so can the PDF and pack exports: no function here
makes HTML. Every municipality comes from the members of the group actor an adoption overview
covers (the CSV of the 98 municipalities); a fact nobody recorded is "" here and shown as
`NOT_RECORDED`, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .declarations import Block, blocks, marked_publishable
from .editions.diff import Diff, DocumentChange, RiskChange, StatusChange
from .model import (
    Activity,
    Adoption,
    AdoptionEntry,
    Catalogue,
    ConformityEntry,
    Device,
    Form,
    FormField,
    FormSection,
    Handbook,
    Joined,
    Period,
    Procedure,
    Requirement,
    Risk,
)
from .values import (
    Confidentiality,
    Conformity,
    DeclarationStatus,
    DeviceStatus,
    Fill,
    FormUse,
    QualificationStatus,
    RecordStatus,
)

NOT_RECORDED = "ikke registreret"
IN_USE = (DeviceStatus.IN_USE, DeviceStatus.IN_USE_UNACCEPTED)


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    actor: str  # the group actor whose member it is, e.g. KOMMUNE
    adoption: str  # the adoption overview that covers it
    day: date  # the date the region is given for (the edition's date)
    region: str
    later: tuple[Period, ...]  # its regions from a later date on (e.g. the 2027 merger)
    entry: AdoptionEntry | None  # what is recorded for it alone
    participation: Joined | None  # its own, else the overview's for all members

    @property
    def title(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def stage(self) -> str:
        """Where its adoption of the handbook stands (PR-19), in Danish."""
        if self.entry is not None and self.entry.adopted:
            return "Tilsluttet håndbogen"
        if self.entry is not None and self.entry.decided:
            return "Beslutning truffet"
        return "Tilslutning ikke registreret"

    @property
    def declaration_status(self) -> str:
        record = self.entry.declaration if self.entry is not None else None
        return record.status.label if record is not None else NOT_RECORDED

    @property
    def region_text(self) -> str:
        """The region on `day`, and any later change, e.g. "Region Hovedstaden (fra 2027-01-01:
        Region Østdanmark)"."""
        text = self.region or NOT_RECORDED
        changes = "; ".join(f"fra {p.start}: {p.group}" for p in self.later)
        return f"{text} ({changes})" if changes else text


def municipalities(hb: Handbook, day: date) -> list[Municipality]:
    """Every member of every adoption overview's group actor, in the members file's order."""
    found = []
    for _, doc in sorted(hb.adoptions.items()):
        for member in hb.members.get(doc.actor, ()):
            found.append(_municipality(doc, member.code, member.name, member.periods, day))
    return found


def municipality(hb: Handbook, code: str, day: date) -> Municipality | None:
    return next((m for m in municipalities(hb, day) if m.code == code), None)


def _municipality(doc: Adoption, code: str, name: str, periods: tuple[Period, ...], day: date) -> Municipality:
    entry = doc.entry(code)
    region = next((p.group for p in periods if p.covers(day)), "")
    later = tuple(p for p in periods if p.start > day)
    joined = entry.participation if entry is not None and entry.participation is not None else doc.participation
    return Municipality(code, name, doc.actor, doc.id, day, region, later, entry, joined)


def filled(m: Municipality, what: Fill, edition: str) -> str:
    """The fact a form's field is filled with for `m`; "" when nothing is recorded."""
    e = m.entry
    if what is Fill.NAME:
        return m.name
    if what is Fill.CODE:
        return m.code
    if what is Fill.REGION:
        return m.region_text if m.region else ""
    if what is Fill.PARTICIPATION:
        return m.participation.status.label if m.participation is not None else ""
    if what is Fill.EDITION:
        return edition
    if e is None:
        return ""
    return _entry_fact(e, what)


def _entry_fact(e: AdoptionEntry, what: Fill) -> str:
    if what is Fill.MODEL:
        return e.model.label if e.model is not None else ""
    if what in (Fill.DECIDED, Fill.ADOPTED):
        day = e.decided if what is Fill.DECIDED else e.adopted
        return day.isoformat() if day else ""
    if what is Fill.ANNEX:
        if e.annex is None:
            return ""
        approved = f", godkendt {e.annex.approved}" if e.annex.approved else ""
        return f"revision {e.annex.revision}{approved}"
    if what is Fill.DECLARATION:
        d = e.declaration
        if d is None:
            return ""
        return d.status.label + (f" {d.published}" if d.published else "") + (f", {d.url}" if d.url else "")
    return {Fill.ADDRESS: e.address, Fill.CONTACT: e.contact, Fill.SIGNATORY: e.signatory}.get(what, "")


# ---- what the municipality must do, and what it owns


def checklist(hb: Handbook, actor: str) -> list[tuple[Procedure, list[tuple[Activity, str]]]]:
    """The activities the actor is Accountable or Responsible for, grouped by procedure: first
    the procedures of the forms in the order a municipality meets them (local adoption, the
    declaration, the inspection folder), then the others by id."""
    tasks: dict[str, list[tuple[Activity, str]]] = {}
    for proc, act, letters in hb.activities_by_actor.get(actor, ()):
        if "A" in letters or "R" in letters:
            tasks.setdefault(proc.id, []).append((act, "".join(c for c in letters if c in "RA")))
    first = [f.procedure for use in FormUse if (f := hb.form_for(use)) is not None]
    rank = {ident: i for i, ident in reversed(list(enumerate(first)))}
    order = sorted(tasks, key=lambda ident: (rank.get(ident, len(rank)), ident))
    return [(hb.procedures[ident], tasks[ident]) for ident in order]


def informed_only(hb: Handbook, actor: str) -> int:
    """How many activities the actor is only consulted or informed on."""
    return sum(1 for _, _, letters in hb.activities_by_actor.get(actor, ()) if not set(letters) & {"A", "R"})


def owned_entries(hb: Handbook, actor: str) -> list[ConformityEntry]:
    """Conformity entries of the requirements the actor is responsible for, in catalogue order."""
    return [e for e in _ordered_entries(hb) if e.responsible == actor]


def owned_plans(hb: Handbook, actor: str) -> list[ConformityEntry]:
    """Entries whose action plan the actor owns, in catalogue order."""
    return [e for e in _ordered_entries(hb) if e.plan is not None and e.plan.owner == actor]


def _ordered_entries(hb: Handbook) -> list[ConformityEntry]:
    return [
        entry
        for cat in hb.ordered_catalogues
        for item in cat.requirements
        for entry in hb.entries_by_requirement.get(item.id, ())
    ]


# ---- the declaration under Art. 5(5)(e)


@dataclass(frozen=True)
class GsprLine:
    requirement: Requirement
    status: Conformity
    justification: str  # Markdown, from the conformity entry
    matrix: str


@dataclass(frozen=True)
class Declaration:
    municipality: Municipality
    form: Form | None
    devices: tuple[Device, ...]
    not_fully_met: tuple[GsprLine, ...]
    not_applicable: tuple[Requirement, ...]
    blocks: tuple[Block, ...]
    marked: bool  # recorded as publishable or published

    @property
    def fully_met(self) -> bool:
        return not self.not_fully_met

    @property
    def publishable(self) -> bool:
        return self.marked and not self.blocks


def declaration(hb: Handbook, m: Municipality) -> Declaration:
    """The declaration of `m`, made from the devices in use and the conformity matrix of the
    Annex I catalogue the declaration form names, so it can never say more than they do."""
    form = hb.form_for(FormUse.DECLARATION)
    catalogue = hb.catalogues.get(form.catalogue) if form is not None else None
    gaps, na = _annex_one(hb, catalogue)
    devices = sorted((d for d in hb.devices.values() if d.status in IN_USE), key=lambda d: (bool(d.parent), d.id))
    return Declaration(m, form, tuple(devices), gaps, na, tuple(blocks(hb, m.entry)), marked_publishable(m.entry))


def _annex_one(hb: Handbook, catalogue: Catalogue | None) -> tuple[tuple[GsprLine, ...], tuple[Requirement, ...]]:
    if catalogue is None:
        return (), ()
    gaps, na = [], []
    for item in catalogue.requirements:
        req = hb.requirements.get(item.id)
        if req is None:
            continue
        status = hb.status_of(req)
        if status is Conformity.NOT_APPLICABLE:
            na.append(req)
        elif status.is_gap:
            entries = sorted(hb.entries_by_requirement.get(req.id, ()), key=lambda e: -e.status.rank)
            text = entries[0].justification if entries else "Kravet er ikke vurderet."
            gaps.append(GsprLine(req, status, text, entries[0].matrix if entries else ""))
    return tuple(gaps), tuple(na)


def risk_class(device: Device) -> str:
    """The device's class under Annex VIII, "" while the qualification is open or gives none."""
    q = device.qualification
    return q.device_class if q is not None and q.status is QualificationStatus.ASSESSED else ""


# ---- the inspection folder and the local annex


@dataclass(frozen=True)
class Place:
    """A record as an inspector needs it: where it is kept and who holds it. For an internal
    record in a public view that is all there is (`Handbook.shelved`)."""

    ident: str
    title: str  # "" for an internal record in a public view
    location: str
    owner: str
    internal: bool
    status: RecordStatus | None


def place(hb: Handbook, ident: str) -> Place | None:
    record = hb.records.get(ident)
    if record is not None:
        internal = record.confidentiality is Confidentiality.INTERNAL
        return Place(ident, record.title, record.location, record.owner, internal, record.status)
    shelf = hb.shelved.get(ident)
    return Place(ident, "", shelf.location, shelf.owner, True, None) if shelf is not None else None


@dataclass(frozen=True)
class FilledField:
    label: str
    value: str  # the fact filled in, or "" (see `recorded`)
    fill: Fill | None
    hint: str

    @property
    def recorded(self) -> bool:
        return bool(self.value)


def fields_of(section: FormSection, m: Municipality, edition: str) -> list[FilledField]:
    return [_field(f, m, edition) for f in section.fields]


def _field(f: FormField, m: Municipality, edition: str) -> FilledField:
    value = filled(m, f.fill, edition) if f.fill is not None else ""
    return FilledField(f.label, value, f.fill, f.hint)


# ---- the exemption as a whole (the front page's status box)


@dataclass(frozen=True)
class ExemptionStatus:
    conditions: Catalogue | None
    counts: dict[Conformity, int]
    threats: tuple[Risk, ...]  # open questions that block every declaration
    members: int
    published: int
    publishable: int

    @property
    def met(self) -> int:
        return self.counts.get(Conformity.MET, 0)

    @property
    def relevant(self) -> int:
        return sum(n for s, n in self.counts.items() if s is not Conformity.NOT_APPLICABLE)


def exemption_status(hb: Handbook, day: date) -> ExemptionStatus:
    form = hb.form_for(FormUse.DECLARATION)
    conditions = hb.catalogues.get(form.conditions) if form is not None else None
    counts = dict.fromkeys(Conformity, 0)
    for item in conditions.requirements if conditions is not None else ():
        if item.id in hb.requirements:
            counts[hb.status_of(hb.requirements[item.id])] += 1
    threats = tuple(r for _, r in sorted(hb.risks.items()) if r.blocks)
    everyone = municipalities(hb, day)
    published = sum(1 for m in everyone if _published(m.entry))
    ready = sum(1 for m in everyone if declaration(hb, m).publishable)
    return ExemptionStatus(conditions, counts, threats, len(everyone), published, ready)


def _published(entry: AdoptionEntry | None) -> bool:
    record = entry.declaration if entry is not None else None
    return record is not None and record.status is DeclarationStatus.PUBLISHED


# ---- what changed for a municipality between editions


def changes_for(hb: Handbook, found: Diff, m: Municipality) -> Diff:
    """The part of a diff that concerns `m`: procedures it must carry out, the forms, the devices
    and its own adoption entry; the statuses of requirements it owns or its declaration states;
    and the risks that block declarations."""
    tasks = {proc.id for proc, _ in checklist(hb, m.actor)}
    form = hb.form_for(FormUse.DECLARATION)
    stated = {form.catalogue, form.conditions} if form is not None else set()
    owned = {e.requirement for e in owned_entries(hb, m.actor)} | {e.requirement for e in owned_plans(hb, m.actor)}
    docs = tuple(d for d in found.documents if _concerns(d, m, tasks))
    statuses = tuple(s for s in found.statuses if _status_concerns(hb, s, owned, stated))
    blocking = {r.id for r in hb.risks.values() if r.blocks_declaration}
    risks = tuple(r for r in found.risks if _risk_concerns(r, blocking))
    return Diff(found.old, found.new, found.old_commit, found.new_commit, docs, statuses, risks)


def _concerns(change: DocumentChange, m: Municipality, tasks: set[str]) -> bool:
    if change.kind in ("form", "device"):
        return True
    if change.kind == "procedure":
        return change.ident in tasks
    if change.kind == "adoption" and change.ident == m.adoption:
        # The overview as a whole, or a field of its own or of this municipality's entry.
        return change.change != "changed" or any(_own_field(f.pointer, f.label, m.code) for f in change.fields)
    return False


def _own_field(pointer: str, label: str, code: str) -> bool:
    """A field of the overview itself, or of the entry of `code` (its label names the code)."""
    return not pointer.startswith("/members/") or label.split(" › ")[1:2] == [code]


def _status_concerns(hb: Handbook, change: StatusChange, owned: set[str], stated: set[str]) -> bool:
    req = hb.requirements.get(change.requirement)
    return change.requirement in owned or (req is not None and req.catalogue in stated)


def _risk_concerns(change: RiskChange, blocking: set[str]) -> bool:
    return change.ident in blocking


# ---- the adoption status as a list of facts (the municipality's page, the overview, the exports)

STATUS_FACTS = (
    Fill.PARTICIPATION,
    Fill.MODEL,
    Fill.DECIDED,
    Fill.ADOPTED,
    Fill.ANNEX,
    Fill.DECLARATION,
    Fill.ADDRESS,
    Fill.CONTACT,
    Fill.SIGNATORY,
)


def adoption_status(m: Municipality) -> list[tuple[str, str]]:
    """(label, value) of each adoption fact of `m`; `NOT_RECORDED` where nothing is recorded."""
    return [(what.label, filled(m, what, "") or NOT_RECORDED) for what in STATUS_FACTS]
