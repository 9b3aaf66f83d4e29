"""`handbook status`: what needs attention, in one list (part 3 of the editions issue): reviews
overdue or due soon, drafts and documents in review, documents changed since approval, open
gaps past or near their due date, suspect links, the approval baseline with the approvals
recorded before it, and whether the work tree could be released now.

Everything is derived from one check result (which read git once); nothing here reads files.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from ..check import CheckResult
from ..control_rules import in_force_approval
from ..references import controlled_documents
from ..reports import figures
from ..reports.figures import Item

BEFORE_BASELINE = "registreret før regelgrundlaget; FSA bekræfter"


@dataclass
class Status:
    today: str
    baseline: str = ""
    history: str = ""  # why git history is missing, if it is
    reviews_overdue: list[Item] = field(default_factory=list)
    reviews_due: list[Item] = field(default_factory=list)
    drafts: list[Item] = field(default_factory=list)
    in_review: list[Item] = field(default_factory=list)
    changed_since_approval: list[Item] = field(default_factory=list)
    gaps_overdue: list[Item] = field(default_factory=list)
    gaps_due: list[Item] = field(default_factory=list)
    suspect_links: list[Item] = field(default_factory=list)
    recorded_before_baseline: list[Item] = field(default_factory=list)
    release_blockers: list[str] = field(default_factory=list)

    @property
    def releasable(self) -> bool:
        return not self.release_blockers

    def to_json(self) -> dict[str, Any]:
        return {"format_version": 1, **asdict(self), "releasable": self.releasable}


def status(result: CheckResult) -> Status:
    hb, today = result.handbook, result.today
    soon = today + timedelta(days=hb.settings.review_warning_days)
    history = result.history
    control = history.control
    out = Status(today.isoformat(), history=history.note if history.log is None else "")
    if control is not None and control.baseline is not None:
        out.baseline = f"{control.baseline.short} ({control.baseline.date})"
    # The figures the status report and the site show too, from the one place they are computed.
    out.reviews_overdue, out.reviews_due = figures.reviews(hb, result.in_force, today, soon)
    out.drafts, out.in_review = figures.waiting(hb, result.in_force)
    out.gaps_overdue, out.gaps_due = figures.gaps_by_due(hb, today, soon)
    out.suspect_links = figures.suspect_links(hb, result.fingerprints)
    for ident, doc in sorted(controlled_documents(hb).items()):
        approval = in_force_approval(doc, control.of(ident) if control else None)
        if approval is not None and approval.before_baseline:
            what = f"rev. {approval.revision} godkendt {approval.version.approved}: {BEFORE_BASELINE}"
            out.recorded_before_baseline.append(Item(ident, what))
    out.changed_since_approval = changed_since_approval(result)
    out.release_blockers = _blockers(result, out)
    return out


def changed_since_approval(result: CheckResult) -> list[Item]:
    """Documents whose content changed after their revision was approved (from the history rules)."""
    return [
        Item(d.file, d.message) for d in result.diagnostics if d.rule in ("CONTROL-UNREVISED-CHANGE", "REVISION-EDITION")
    ]


def _blockers(result: CheckResult, out: Status) -> list[str]:
    found = []
    log = result.history.log
    if log is None:
        found.append(f"ingen git-historik: {result.history.note}")
    elif log.dirty:
        found.append(f"arbejdskopien har {len(log.dirty)} ikke-committede ændringer")
    if result.failed(strict=True):
        found.append(f"handbook check --strict fejler ({result.errors} fejl, {result.warnings} advarsler)")
    if out.suspect_links and result.handbook.settings.suspect_links_block_release:
        found.append(f"{len(out.suspect_links)} mistænkte sammenhænge")
    return found


SECTIONS = (
    ("reviews_overdue", "Gennemgang overskredet"),
    ("reviews_due", "Gennemgang snart"),
    ("drafts", "Kladder"),
    ("in_review", "Til godkendelse"),
    ("changed_since_approval", "Ændret efter godkendelse"),
    ("gaps_overdue", "Huller med overskredet frist"),
    ("gaps_due", "Huller med frist snart"),
    ("suspect_links", "Mistænkte sammenhænge"),
    ("recorded_before_baseline", "Godkendelser registreret før regelgrundlaget"),
)


def text_report(found: Status) -> str:
    lines = [f"Status pr. {found.today}"]
    if found.history:
        lines.append(f"Historik: {found.history}")
    lines.append(f"Regelgrundlag for godkendelser: {found.baseline or 'ikke sat (reglerne gælder for alle godkendelser)'}")
    for key, title in SECTIONS:
        items: list[Item] = getattr(found, key)
        lines.append(f"{title}: {len(items)}")
        lines += [f"  {i.ident}{f' ({i.date})' if i.date else ''}: {i.what}" for i in items]
    if found.releasable:
        lines.append("Kan udgives nu: ja")
    else:
        lines.append("Kan udgives nu: nej")
        lines += [f"  {reason}" for reason in found.release_blockers]
    return "\n".join("".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in line) for line in lines) + "\n"


def json_report(found: Status) -> str:
    return json.dumps(found.to_json(), ensure_ascii=False, indent=2) + "\n"
