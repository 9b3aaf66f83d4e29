"""Cross-reference and domain rules. Each runs on the linked model and yields diagnostics.

Rules that depend on the date take it from `Context.today`, never from the clock, so a check
is reproducible: the CLI decides the date once (option, setting or today) and passes it in.
Dates are `datetime.date` and statuses are enums here: nothing is compared as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .constants import REVIEW_WARNING_DAYS
from .diagnostics import Diagnostic, pointer_join
from .kinds import SETTINGS_FILE
from .model import Acceptance, Control, Handbook, Hazard, Risk, Where
from .references import Ref, all_references, controlled_documents, kind_of, targets
from .ruleset import RULES, diagnose
from .suspect import stale_links
from .values import AcceptanceDecision, DeviceStatus, DocStatus, RecordStatus, RiskStatus


@dataclass(frozen=True)
class Context:
    today: date
    warning_days: int = REVIEW_WARNING_DAYS
    # Ids (file stems) of documents that failed to load: their loading error is already
    # reported, so references to them are not reported a second time as unknown.
    unavailable: frozenset[str] = frozenset()
    # Id → content fingerprint of every document (for the suspect-link marks).
    fingerprints: Mapping[str, str] = field(default_factory=dict)
    # Id → the control data in force where it is not the work tree's own: a document whose new
    # revision is a draft or in review stays effective at its last approved revision (from git).
    in_force: Mapping[str, Control] = field(default_factory=dict)

    def status(self, ident: str, control: Control) -> DocStatus:
        forced = self.in_force.get(ident)
        return forced.status if forced is not None else control.status


def _at(where: Where, rule: str, message: str, suffix: str = "", on_key: bool = False) -> Diagnostic:
    return diagnose(rule, message, file=where.file, pointer=where.pointer + suffix, on_key=on_key)


def check_references(hb: Handbook, refs: list[Ref], ctx: Context) -> Iterator[Diagnostic]:
    pools: dict[str, Mapping[str, Any]] = {}
    for ref in refs:
        if ref.target in ctx.unavailable:
            continue
        pool = pools.get(ref.target_kind)
        if pool is None:
            pool = pools[ref.target_kind] = targets(hb, ref.target_kind)
        if ref.target in pool:
            continue
        actual = kind_of(hb, ref.target)
        detail = f" ({ref.target} is {_article(actual)} {actual})" if actual else ""
        message = f"unknown {ref.target_kind} '{ref.target}'{detail}"
        yield _at(ref.source, "REF-UNKNOWN", message, on_key=ref.on_key)


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def raci_accountable(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for proc in hb.procedures.values():
        for act in proc.activities:
            accountable = act.actors_with("A")
            if len(accountable) != 1:
                found = ", ".join(accountable) or "none"
                message = (
                    f"activity {proc.id}.{act.id} has {len(accountable)} Accountable ({found}); exactly one is required"
                )
                yield _at(act.where, "RACI-ACCOUNTABLE", message, "/raci")


def na_justification(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for req in hb.requirements.values():
        if not req.applicable and not req.justification.strip():
            message = f"requirement {req.id} is not applicable but has no justification"
            yield _at(req.where, "NA-JUSTIFICATION", message, "/applicable")


def coverage(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for req in hb.requirements.values():
        entries = hb.entries_by_requirement.get(req.id, ())
        if req.applicable and not entries:
            message = f"requirement {req.id} ({req.ref}) is in scope but has no conformity entry"
            yield _at(req.where, "COVERAGE-MISSING", message, "/id")
        for extra in entries[1:]:
            message = f"requirement {req.id} already has an entry in {entries[0].where.file}"
            yield _at(extra.where, "COVERAGE-DUPLICATE", message, "/requirement")
        if not req.applicable and entries:
            message = f"requirement {req.id} is marked not applicable"
            yield _at(entries[0].where, "COVERAGE-NOT-APPLICABLE", message, "/requirement")
    for matrix in hb.matrices.values():
        for entry in matrix.entries:
            named = hb.requirements.get(entry.requirement)
            if named is not None and named.catalogue != matrix.catalogue:
                message = f"requirement {named.id} belongs to catalogue {named.catalogue}, not {matrix.catalogue}"
                yield _at(entry.where, "COVERAGE-CATALOGUE", message, "/requirement")


def conformity_support(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for entry in hb.entries:
        if entry.status.supported and not _supported(hb, entry.procedures, entry.evidence, ctx):
            message = (
                f"{entry.requirement} is '{entry.status}' but no effective procedure or available evidence supports it"
            )
            yield _at(entry.where, "CONFORMITY-UNSUPPORTED", message, "/status")
        if entry.status.is_gap and entry.plan is None:
            message = f"{entry.requirement} is '{entry.status}' but has no plan"
            yield _at(entry.where, "CONFORMITY-PLAN", message, "/status")
        if entry.plan is not None and entry.plan.due < ctx.today:
            message = f"the plan for {entry.requirement} was due {entry.plan.due}"
            yield _at(entry.where, "PLAN-OVERDUE", message, "/plan/due")


def _supported(hb: Handbook, procedures: tuple[str, ...], evidence: tuple[str, ...], ctx: Context) -> bool:
    effective = DocStatus.EFFECTIVE
    if any(p in hb.procedures and ctx.status(p, hb.procedures[p].control) is effective for p in procedures):
        return True
    return any(r in hb.records and hb.records[r].status is not RecordStatus.PLANNED for r in evidence)


def _controls(hb: Handbook) -> dict[str, tuple[Control, Where]]:
    return {ident: (doc.control, doc.where) for ident, doc in controlled_documents(hb).items()}


def lifecycle(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for ident, (control, where) in _controls(hb).items():
        yield from _control_dates(ident, control, where, ctx)
        forced = ctx.in_force.get(ident)
        if forced is not None and forced.status is DocStatus.EFFECTIVE and forced.next_review:
            shown = f"{ident} (rev. {forced.revision}, in force while rev. {control.revision} awaits approval)"
            yield from _review_due(shown, forced.next_review, Where(where.file, "/control/revision"), ctx)


_APPROVAL_FIELDS = ("approver", "approved", "effective", "next_review")


def _control_dates(ident: str, c: Control, where: Where, ctx: Context) -> Iterator[Diagnostic]:
    base = Where(where.file, "/control")
    if c.revision > 1 and not c.change_note.strip():
        yield _at(base, "CHANGE-NOTE-MISSING", f"{ident} rev. {c.revision} has no change note", "/revision")
    if c.status is DocStatus.EFFECTIVE:
        missing = [f for f in _APPROVAL_FIELDS if not getattr(c, f)]
        if missing:
            yield _at(base, "LIFECYCLE-APPROVAL", f"{ident} is effective but lacks {', '.join(missing)}", "/status")
    if c.approved and c.effective and c.approved > c.effective:
        message = f"{ident} is approved {c.approved}, after it took effect {c.effective}"
        yield _at(base, "DATE-ORDER", message, "/approved")
    if c.effective and c.next_review and c.next_review <= c.effective:
        message = f"{ident} is due for review {c.next_review}, not after it took effect {c.effective}"
        yield _at(base, "DATE-ORDER", message, "/next_review")
    if c.status is DocStatus.EFFECTIVE and c.next_review:
        yield from _review_due(ident, c.next_review, Where(where.file, "/control/next_review"), ctx)


def _review_due(ident: str, due: date, where: Where, ctx: Context) -> Iterator[Diagnostic]:
    if due < ctx.today:
        yield _at(where, "REVIEW-OVERDUE", f"{ident} was due for review {due} (today is {ctx.today})")
    elif due <= _horizon(ctx):
        yield _at(where, "REVIEW-DUE-SOON", f"{ident} is due for review {due}")


def _horizon(ctx: Context) -> date:
    """The last day of the warning window (the calendar ends in 9999, so must the window)."""
    return ctx.today + timedelta(days=min(ctx.warning_days, (date.max - ctx.today).days))


def risk_review(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for risk in hb.risks.values():
        if risk.status is not RiskStatus.CLOSED:
            yield from _review_due(risk.id, risk.next_review, Where(risk.where.file, "/next_review"), ctx)
    for hazard in hb.hazards.values():
        yield from _review_due(hazard.id, hazard.next_review, Where(hazard.where.file, "/next_review"), ctx)


def control_evidence(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    """A risk control said to be (partly) in place rests on a record that exists."""
    for hazard in hb.hazards.values():
        for i, control in enumerate(hazard.controls):
            if not control.status.claims_evidence:
                continue
            if any(r in hb.records and hb.records[r].status is not RecordStatus.PLANNED for r in control.records):
                continue
            shown = ", ".join(f"{r} is {_record_status(hb, r)}" for r in control.records) or "it names no record"
            message = f"control {i + 1} of {hazard.id} is '{control.status}' but no record shows it ({shown})"
            yield _at(hazard.where, "CONTROL-UNSUPPORTED", message, pointer_join("controls", i, "status"))


def acceptance_records(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    """A decision on a residual risk has its date and a record that exists; pending has none."""
    holders: list[Risk | Hazard] = [*hb.risks.values(), *hb.hazards.values()]
    for holder in holders:
        a = holder.acceptance
        if a is None:
            continue
        problems = _acceptance_problems(hb, a, ctx.today)
        if problems:
            message = f"{holder.id}: decision '{a.decision}' " + "; ".join(problems)
            yield _at(holder.where, "ACCEPTANCE-RECORD", message, "/acceptance/decision")


def _acceptance_problems(hb: Handbook, a: Acceptance, today: date) -> list[str]:
    if a.decision is AcceptanceDecision.PENDING:
        return [f"has a decision date {a.decided}"] if a.decided else []
    problems = []
    if a.decided is None:
        problems.append("has no date (decided)")
    elif a.decided > today:
        problems.append(f"is dated {a.decided}, after today {today}")
    if not a.record:
        problems.append("names no record")
    elif a.record in hb.records and hb.records[a.record].status is RecordStatus.PLANNED:
        problems.append(f"rests on {a.record}, which is planned")
    return problems


def device_use(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    """A device in use has no risk at or above the acceptance level that is neither accepted nor
    covered by a recorded interim decision, unless its status says exactly that."""
    level = hb.settings.risk_acceptance_level
    if level is None:
        return
    for device in hb.devices.values():
        open_risks = hb.unaccepted(device.id, ctx.today)
        if device.status is DeviceStatus.IN_USE and open_risks:
            shown = ", ".join(f"{r.id} ({r.current_level})" for r in open_risks)
            message = (
                f"{device.id} is in use, but these risks at or above level {level} are neither accepted "
                f"nor covered by a recorded interim decision: {shown}"
            )
            yield _at(device.where, "USE-UNACCEPTED-RISK", message, "/status")
        elif device.status is DeviceStatus.IN_USE_UNACCEPTED and not open_risks:
            message = f"{device.id} is marked '{device.status}', but no risk at or above level {level} is unaccepted"
            yield _at(device.where, "USE-STATUS-UNFOUNDED", message, "/status")


def _record_status(hb: Handbook, ident: str) -> str:
    record = hb.records.get(ident)
    return str(record.status) if record is not None else "unknown"


def supersedes_cycles(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    docs = _controls(hb)
    graph = {ident: c.supersedes for ident, (c, _) in docs.items()}
    reported: set[str] = set()
    for start in sorted(graph):
        cycle = _find_cycle(graph, start)
        if cycle and start not in reported:
            reported.update(cycle)
            where = docs[start][1]
            message = "supersedes cycle: " + " → ".join([*cycle, cycle[0]])
            yield _at(Where(where.file, "/control/supersedes"), "SUPERSEDES-CYCLE", message)


def _find_cycle(graph: dict[str, tuple[str, ...]], start: str) -> list[str]:
    """Iterative DFS from `start`; returns the cycle through `start`, if any."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return path
            if nxt not in seen and nxt in graph:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []


def obsolete_references(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    def obsolete(pid: str) -> bool:
        proc = hb.procedures.get(pid)
        return proc is not None and proc.control.status is DocStatus.OBSOLETE

    for proc in hb.procedures.values():
        if ctx.status(proc.id, proc.control) is not DocStatus.EFFECTIVE:
            continue
        for i, ref in enumerate(proc.references):
            if ref.procedure and obsolete(ref.procedure):
                where = Where(proc.where.file, pointer_join("references", i, "procedure"))
                yield _at(where, "OBSOLETE-REFERENCE", f"{proc.id} refers to obsolete procedure {ref.procedure}")
    for entry in hb.entries:
        for i, pid in enumerate(entry.procedures):
            if obsolete(pid):
                where = Where(entry.where.file, entry.where.pointer + pointer_join("procedures", i))
                message = f"conformity entry {entry.requirement} relies on obsolete procedure {pid}"
                yield _at(where, "OBSOLETE-REFERENCE", message)


def suspect_links(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for entry in hb.entries:
        stale = stale_links(hb, ctx.fingerprints, entry)
        if stale:
            changed = ", ".join(s.describe() for s in stale)
            message = f"the entry for {entry.requirement} is suspect: {changed}"
            yield _at(entry.where, "LINK-SUSPECT", message, "/assessed" if entry.assessed else "/requirement")


def settings_rules(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for rule_id in hb.settings.rules:
        if rule_id not in RULES:
            where = Where(SETTINGS_FILE, pointer_join("rules", rule_id))
            yield _at(where, "SETTINGS-RULE", f"unknown rule id '{rule_id}'", on_key=True)


DOMAIN_RULES: tuple[Callable[[Handbook, Context], Iterator[Diagnostic]], ...] = (
    raci_accountable,
    na_justification,
    coverage,
    conformity_support,
    lifecycle,
    risk_review,
    control_evidence,
    acceptance_records,
    device_use,
    supersedes_cycles,
    obsolete_references,
    suspect_links,
    settings_rules,
)


def run_rules(hb: Handbook, ctx: Context) -> tuple[list[Diagnostic], int]:
    """All cross-reference and domain diagnostics, plus the number of references checked."""
    refs = all_references(hb)
    diagnostics = list(check_references(hb, refs, ctx))
    for rule in DOMAIN_RULES:
        diagnostics.extend(rule(hb, ctx))
    return diagnostics, len(refs)
