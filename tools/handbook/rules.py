"""Cross-reference and domain rules. Each runs on the linked model and yields diagnostics.

Rules that depend on the date take it from `Context.today`, never from the clock, so a check
is reproducible: the CLI decides the date once (option, setting or today) and passes it in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .diagnostics import Diagnostic, pointer_join
from .model import Control, Handbook, Where
from .references import Ref, all_references, kind_of, targets
from .ruleset import RULES, hint_for

GAP_STATUSES = ("partly-met", "not-met", "open-question")
SUPPORTED_STATUSES = ("met", "partly-met")


@dataclass(frozen=True)
class Context:
    today: date
    warning_days: int = 30
    # Ids (file stems) of documents that failed to load: their loading error is already
    # reported, so references to them are not reported a second time as unknown.
    unavailable: frozenset[str] = frozenset()


def _diag(where: Where, rule: str, message: str, suffix: str = "") -> Diagnostic:
    return Diagnostic(where.file, 0, 0, rule, message, hint_for(rule), where.pointer + suffix)


def check_references(hb: Handbook, refs: list[Ref], ctx: Context) -> Iterator[Diagnostic]:
    all_docs = _controlled(hb)
    for ref in refs:
        if ref.target in ctx.unavailable:
            continue
        pool = all_docs if ref.target_kind == "document" else targets(hb, ref.target_kind)
        if ref.target in pool:  # type: ignore[operator]
            continue
        actual = kind_of(hb, ref.target)
        detail = f" ({ref.target} is {_article(actual)} {actual})" if actual else ""
        message = f"unknown {ref.target_kind} '{ref.target}'{detail}"
        yield _diag(ref.source, "REF-UNKNOWN", message, "#key" if ref.on_key else "")


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
                yield _diag(act.where, "RACI-ACCOUNTABLE", message, "/raci")


def na_justification(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for req in hb.requirements.values():
        if not req.applicable and not req.justification.strip():
            yield _diag(
                req.where,
                "NA-JUSTIFICATION",
                f"requirement {req.id} is not applicable but has no justification",
                "/applicable",
            )


def coverage(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for req in hb.requirements.values():
        entries = hb.entries_by_requirement.get(req.id, ())
        if req.applicable and not entries:
            yield _diag(
                req.where,
                "COVERAGE-MISSING",
                f"requirement {req.id} ({req.ref}) is in scope but has no conformity entry",
                "/id",
            )
        for extra in entries[1:]:
            yield _diag(
                extra.where,
                "COVERAGE-DUPLICATE",
                f"requirement {req.id} already has an entry in {entries[0].where.file}",
                "/requirement",
            )
        if not req.applicable and entries:
            yield _diag(
                entries[0].where,
                "COVERAGE-NOT-APPLICABLE",
                f"requirement {req.id} is marked not applicable",
                "/requirement",
            )
    for matrix in hb.matrices.values():
        for entry in matrix.entries:
            req = hb.requirements.get(entry.requirement)
            if req is not None and req.catalogue != matrix.catalogue:
                message = f"requirement {req.id} belongs to catalogue {req.catalogue}, not {matrix.catalogue}"
                yield _diag(entry.where, "COVERAGE-CATALOGUE", message, "/requirement")


def conformity_support(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for entry in hb.entries:
        if entry.status in SUPPORTED_STATUSES and not _supported(hb, entry.procedures, entry.evidence):
            message = (
                f"{entry.requirement} is '{entry.status}' but no effective procedure or available evidence supports it"
            )
            yield _diag(entry.where, "CONFORMITY-UNSUPPORTED", message, "/status")
        if entry.status in GAP_STATUSES and entry.plan is None:
            yield _diag(
                entry.where, "CONFORMITY-PLAN", f"{entry.requirement} is '{entry.status}' but has no plan", "/status"
            )
        if entry.plan is not None and entry.plan.due < ctx.today.isoformat():
            message = f"the plan for {entry.requirement} was due {entry.plan.due}"
            yield _diag(entry.where, "PLAN-OVERDUE", message, "/plan/due")


def _supported(hb: Handbook, procedures: tuple[str, ...], evidence: tuple[str, ...]) -> bool:
    if any(p in hb.procedures and hb.procedures[p].control.status == "effective" for p in procedures):
        return True
    return any(r in hb.records and hb.records[r].status != "planned" for r in evidence)


def _controlled(hb: Handbook) -> dict[str, tuple[Control, Where]]:
    docs: dict[str, tuple[Control, Where]] = {}
    for group in (hb.procedures, hb.catalogues, hb.matrices):
        for ident, doc in group.items():
            if doc.control is not None:
                docs[ident] = (doc.control, doc.where)
    return docs


def lifecycle(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for ident, (control, where) in _controlled(hb).items():
        yield from _control_dates(ident, control, where, ctx)


def _control_dates(ident: str, c: Control, where: Where, ctx: Context) -> Iterator[Diagnostic]:
    base = Where(where.file, "/control")
    if c.status == "effective":
        missing = [f for f in ("approver", "approved", "effective", "next_review") if not getattr(c, f)]
        if missing:
            yield _diag(base, "LIFECYCLE-APPROVAL", f"{ident} is effective but lacks {', '.join(missing)}", "/status")
    if c.approved and c.effective and c.approved > c.effective:
        yield _diag(
            base, "DATE-ORDER", f"{ident} is approved {c.approved}, after it took effect {c.effective}", "/approved"
        )
    if c.effective and c.next_review and c.next_review <= c.effective:
        yield _diag(
            base,
            "DATE-ORDER",
            f"{ident} is due for review {c.next_review}, not after it took effect {c.effective}",
            "/next_review",
        )
    if c.status == "effective" and c.next_review:
        yield from _review_due(ident, c.next_review, Where(where.file, "/control/next_review"), ctx)


def _review_due(ident: str, due: str, where: Where, ctx: Context) -> Iterator[Diagnostic]:
    today = ctx.today.isoformat()
    if due < today:
        yield _diag(where, "REVIEW-OVERDUE", f"{ident} was due for review {due} (today is {today})")
    elif due <= (ctx.today + timedelta(days=ctx.warning_days)).isoformat():
        yield _diag(where, "REVIEW-DUE-SOON", f"{ident} is due for review {due}")


def risk_review(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for risk in hb.risks.values():
        if risk.status != "closed":
            yield from _review_due(risk.id, risk.next_review, Where(risk.where.file, "/next_review"), ctx)


def supersedes_cycles(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    docs = _controlled(hb)
    graph = {ident: c.supersedes for ident, (c, _) in docs.items()}
    reported: set[str] = set()
    for start in sorted(graph):
        cycle = _find_cycle(graph, start)
        if cycle and start not in reported:
            reported.update(cycle)
            where = docs[start][1]
            yield _diag(
                Where(where.file, "/control/supersedes"),
                "SUPERSEDES-CYCLE",
                "supersedes cycle: " + " → ".join([*cycle, cycle[0]]),
            )


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
        return proc is not None and proc.control.status == "obsolete"

    for proc in hb.procedures.values():
        if proc.control.status != "effective":
            continue
        for i, ref in enumerate(proc.references):
            if ref.procedure and obsolete(ref.procedure):
                where = Where(proc.where.file, pointer_join("references", i, "procedure"))
                yield _diag(where, "OBSOLETE-REFERENCE", f"{proc.id} refers to obsolete procedure {ref.procedure}")
    for entry in hb.entries:
        for i, pid in enumerate(entry.procedures):
            if obsolete(pid):
                where = Where(entry.where.file, entry.where.pointer + pointer_join("procedures", i))
                yield _diag(
                    where,
                    "OBSOLETE-REFERENCE",
                    f"conformity entry {entry.requirement} relies on obsolete procedure {pid}",
                )


def settings_rules(hb: Handbook, ctx: Context) -> Iterator[Diagnostic]:
    for rule_id in hb.settings.rules:
        if rule_id not in RULES:
            yield _diag(
                Where("qms/handbook.yaml", pointer_join("rules", rule_id)),
                "SETTINGS-RULE",
                f"unknown rule id '{rule_id}'",
                "#key",
            )


DOMAIN_RULES: tuple[Callable[[Handbook, Context], Iterator[Diagnostic]], ...] = (
    raci_accountable,
    na_justification,
    coverage,
    conformity_support,
    lifecycle,
    risk_review,
    supersedes_cycles,
    obsolete_references,
    settings_rules,
)


def run_rules(hb: Handbook, ctx: Context) -> tuple[list[Diagnostic], int]:
    """All cross-reference and domain diagnostics, plus the number of references checked."""
    refs = list(all_references(hb))
    diagnostics = list(check_references(hb, refs, ctx))
    for rule in DOMAIN_RULES:
        diagnostics.extend(rule(hb, ctx))
    return diagnostics, len(refs)
