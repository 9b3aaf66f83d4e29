"""The linked, immutable handbook model: pure data, no I/O.

Every element knows where it came from (`where`), so rules that run on the model can point
at the file and JSON Pointer of what they report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

RACI_LETTERS = ("R", "A", "C", "I")


@dataclass(frozen=True)
class Where:
    file: str
    pointer: str = ""


@dataclass(frozen=True)
class Control:
    revision: int
    status: str
    owner: str
    owner_role: str = ""
    approver: str = ""
    approver_role: str = ""
    approved: str = ""
    effective: str = ""
    next_review: str = ""
    supersedes: tuple[str, ...] = ()
    change_note: str = ""


@dataclass(frozen=True)
class Member:
    """One member institution of a group actor, e.g. a municipality from kommuner.csv."""

    code: str
    name: str
    group: str = ""


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    short_name: str
    type: str
    organisation: str
    role: str
    responsibilities: tuple[str, ...]
    members: tuple[Member, ...]
    where: Where

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Activity:
    id: str
    title: str
    description: str
    raci: Mapping[str, str]
    steps: tuple[str, ...]
    records: tuple[str, ...]
    where: Where

    def actors_with(self, letter: str) -> tuple[str, ...]:
        return tuple(actor for actor, letters in self.raci.items() if letter in letters)


@dataclass(frozen=True)
class Definition:
    term: str
    definition: str


@dataclass(frozen=True)
class Reference:
    procedure: str = ""
    external: str = ""
    note: str = ""


@dataclass(frozen=True)
class Procedure:
    id: str
    title: str
    control: Control
    purpose: str
    scope: str
    definitions: tuple[Definition, ...]
    activities: tuple[Activity, ...]
    records: tuple[str, ...]
    references: tuple[Reference, ...]
    where: Where

    @property
    def all_records(self) -> tuple[str, ...]:
        seen = dict.fromkeys(r for a in self.activities for r in a.records)
        seen.update(dict.fromkeys(self.records))
        return tuple(seen)


@dataclass(frozen=True)
class Requirement:
    id: str
    catalogue: str
    ref: str
    title: str
    text: str
    parent: str
    applicable: bool
    justification: str
    where: Where


@dataclass(frozen=True)
class Catalogue:
    id: str
    title: str
    source: str
    note: str
    control: Control | None
    requirements: tuple[str, ...]
    where: Where


@dataclass(frozen=True)
class Plan:
    action: str
    owner: str
    due: str


@dataclass(frozen=True)
class ConformityEntry:
    requirement: str
    matrix: str
    status: str
    responsible: str
    procedures: tuple[str, ...]
    evidence: tuple[str, ...]
    risks: tuple[str, ...]
    justification: str
    plan: Plan | None
    where: Where


@dataclass(frozen=True)
class Matrix:
    id: str
    title: str
    catalogue: str
    control: Control | None
    entries: tuple[ConformityEntry, ...]
    where: Where


@dataclass(frozen=True)
class Risk:
    id: str
    title: str
    category: str
    owner: str
    description: str
    probability: int
    severity: int
    mitigations: tuple[str, ...]
    residual: str
    status: str
    identified: str
    next_review: str
    requirements: tuple[str, ...]
    procedures: tuple[str, ...]
    devices: tuple[str, ...]
    where: Where

    @property
    def score(self) -> int:
        return self.probability * self.severity


@dataclass(frozen=True)
class Qualification:
    status: str
    rationale: str
    is_mdsw: bool | None = None
    device_class: str = ""


@dataclass(frozen=True)
class Device:
    id: str
    title: str
    type: str
    parent: str
    version: str
    intended_purpose: str
    users: str
    responsible: str
    content_owner: str
    qualification: Qualification | None
    status: str
    risks: tuple[str, ...]
    procedures: tuple[str, ...]
    where: Where


@dataclass(frozen=True)
class Record:
    id: str
    title: str
    description: str
    owner: str
    location: str
    retention: str
    status: str
    confidentiality: str
    where: Where


@dataclass(frozen=True)
class Settings:
    title: str
    organisation: str
    description: str = ""
    today: str = ""
    review_warning_days: int = 30
    max_file_bytes: int = 1024 * 1024
    rules: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    catalogue_order: tuple[str, ...] = ()


def frozen_map(items: dict) -> Mapping:
    return MappingProxyType(items)


@dataclass(frozen=True)
class Handbook:
    """Everything in the handbook, keyed by id, plus indexes derived once on first use."""

    settings: Settings
    actors: Mapping[str, Actor]
    procedures: Mapping[str, Procedure]
    catalogues: Mapping[str, Catalogue]
    requirements: Mapping[str, Requirement]
    matrices: Mapping[str, Matrix]
    risks: Mapping[str, Risk]
    devices: Mapping[str, Device]
    records: Mapping[str, Record]

    @cached_property
    def entries(self) -> tuple[ConformityEntry, ...]:
        return tuple(e for m in self.matrices.values() for e in m.entries)

    @cached_property
    def entries_by_requirement(self) -> Mapping[str, tuple[ConformityEntry, ...]]:
        index: dict[str, list[ConformityEntry]] = {}
        for entry in self.entries:
            index.setdefault(entry.requirement, []).append(entry)
        return frozen_map({k: tuple(v) for k, v in index.items()})

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
