"""The figures of the handbook, computed once: plain functions of the model that the site's pages,
`handbook status` and the reports all call, so a number is the same wherever it is shown (a test
compares them). Nothing here reads files or git; dates and the marks of the documents come in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..model import Catalogue, ConformityEntry, Control, Handbook, Hazard, Requirement, Risk
from ..references import controlled_documents
from ..suspect import stale_links
from ..values import Conformity, DocStatus, RiskCategory, RiskStatus


@dataclass(frozen=True)
class Item:
    """One line of a list that needs attention: what it is about, in Danish, and its date."""

    ident: str
    what: str  # one line, in Danish
    date: str = ""


# ---- coverage of the requirement catalogues


@dataclass(frozen=True)
class CoverageLine:
    catalogue: Catalogue | None
    counts: dict[Conformity, int]

    @property
    def row(self) -> list[int]:
        return [self.counts[s] for s in Conformity]

    @property
    def gaps(self) -> int:
        return sum(n for s, n in self.counts.items() if s.is_gap)

    @property
    def relevant(self) -> int:
        return sum(n for s, n in self.counts.items() if s is not Conformity.NOT_APPLICABLE)

    @property
    def percent(self) -> int | None:
        """Share of the requirements in scope that are met, rounded; None when none are in scope."""
        return round(100 * self.counts[Conformity.MET] / self.relevant) if self.relevant else None

    @property
    def coverage(self) -> str:
        return f"{self.percent} %" if self.percent is not None else "–"


@dataclass(frozen=True)
class CoverageSummary:
    catalogues: list[CoverageLine]
    total: CoverageLine


def coverage_line(hb: Handbook, catalogue: Catalogue) -> CoverageLine:
    counts = dict.fromkeys(Conformity, 0)
    for req in catalogue.requirements:
        if req.id in hb.requirements:
            counts[hb.status_of(hb.requirements[req.id])] += 1
    return CoverageLine(catalogue, counts)


def coverage(hb: Handbook) -> CoverageSummary:
    """Requirements per catalogue (in the settings' order) and status, with the total."""
    lines = [coverage_line(hb, cat) for cat in hb.ordered_catalogues]
    total = dict.fromkeys(Conformity, 0)
    for line in lines:
        for status, n in line.counts.items():
            total[status] += n
    return CoverageSummary(lines, CoverageLine(None, total))


def requirements_in_order(hb: Handbook) -> list[Requirement]:
    """Every requirement in reading order: catalogue by catalogue, each in its own order (MDR
    Art. 5(5) opening condition, (a)-(h), closing provisions; then Annex I, ISO 13485, MDCG)."""
    return [hb.requirements[r.id] for cat in hb.ordered_catalogues for r in cat.requirements if r.id in hb.requirements]


def open_questions(hb: Handbook) -> list[Requirement]:
    """Requirements whose conformity is an open question (uafklaret), in reading order."""
    return [r for r in requirements_in_order(hb) if hb.status_of(r) is Conformity.OPEN_QUESTION]


def gaps(hb: Handbook) -> list[Requirement]:
    """Requirements in scope that are not fully met, in reading order (Conformity.is_gap)."""
    return [r for r in requirements_in_order(hb) if hb.status_of(r).is_gap]


# ---- risks, highest first


def risks_by_level(risks: Iterable[Risk]) -> list[Risk]:
    return sorted(risks, key=lambda r: (-r.current_level, r.id))


def hazards_by_level(hazards: Iterable[Hazard]) -> list[Hazard]:
    """Highest risk first: by the level the risk has now, then before control, then by id."""
    return sorted(hazards, key=lambda h: (-h.current_level, -h.level, h.id))


def premise_risks(hb: Handbook) -> list[Risk]:
    """The regulatory risks in the log that are not closed: the premises of the exemption that
    may fail (roles, scope, the authority's reading), highest first."""
    return risks_by_level(
        r for r in hb.risks.values() if r.category is RiskCategory.REGULATORY and r.status is not RiskStatus.CLOSED
    )


# ---- what needs attention (handbook status and the status report)


def reviews(hb: Handbook, in_force: Mapping[str, Control], today: date, until: date) -> tuple[list[Item], list[Item]]:
    """(overdue, due by `until`): documents in force and open risks whose next review is before
    `today`, or from `today` to `until`."""
    overdue: list[Item] = []
    due: list[Item] = []

    def place(item: Item, when: date) -> None:
        if when < today:
            overdue.append(item)
        elif when <= until:
            due.append(item)

    for ident, doc in sorted(controlled_documents(hb).items()):
        shown = in_force.get(ident) or doc.control
        if shown.status is DocStatus.EFFECTIVE and shown.next_review:
            place(Item(ident, f"{doc.title} (rev. {shown.revision})", shown.next_review.isoformat()), shown.next_review)
    for risk in sorted(hb.risks.values(), key=lambda r: r.id):
        if risk.status is not RiskStatus.CLOSED:
            place(Item(risk.id, f"risiko: {risk.title}", risk.next_review.isoformat()), risk.next_review)
    return overdue, due


def waiting(hb: Handbook, in_force: Mapping[str, Control]) -> tuple[list[Item], list[Item]]:
    """(drafts, in review): documents whose newest revision waits for approval, with the reason
    and the revision that is in force meanwhile."""
    drafts: list[Item] = []
    in_review: list[Item] = []
    for ident, doc in sorted(controlled_documents(hb).items()):
        c, forced = doc.control, in_force.get(ident)
        if c.status in (DocStatus.DRAFT, DocStatus.REVIEW):
            state = f"rev. {forced.revision} gælder" if forced else "ingen godkendt revision gælder"
            reason = " ".join(c.status_reason.split()) or "ingen begrundelse angivet"
            target = drafts if c.status is DocStatus.DRAFT else in_review
            target.append(Item(ident, f"rev. {c.revision} {c.status.label.lower()}: {reason} ({state})"))
    return drafts, in_review


def planned_gaps(hb: Handbook) -> list[ConformityEntry]:
    """Conformity entries that record a gap with an action plan."""
    return [e for e in hb.entries if e.plan is not None and e.status.is_gap]


def gaps_by_due(hb: Handbook, today: date, until: date) -> tuple[list[Item], list[Item]]:
    """(past due, due by `until`): gaps whose action plan's deadline has passed or is near."""
    overdue: list[Item] = []
    due: list[Item] = []
    for entry in planned_gaps(hb):
        assert entry.plan is not None
        item = Item(entry.requirement, f"{entry.status.label}: plan med frist", entry.plan.due.isoformat())
        if entry.plan.due < today:
            overdue.append(item)
        elif entry.plan.due <= until:
            due.append(item)
    return overdue, due


def suspect_links(hb: Handbook, fingerprints: Mapping[str, str]) -> list[Item]:
    """Conformity entries resting on a document that changed after the entry was assessed."""
    found = []
    for entry in hb.entries:
        stale = stale_links(hb, fingerprints, entry)
        if stale:
            found.append(Item(entry.requirement, ", ".join(s.describe() for s in stale)))
    return found
