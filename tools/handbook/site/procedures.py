"""Procedure pages: controlled header, then the procedure in the order an auditor reads it."""

from __future__ import annotations

from ..model import Procedure
from . import paths
from .context import Ctx
from .controlled import header
from .labels import CONFORMITY, DOC_STATUS, RACI, label
from .markdown_doc import bullets, h1, page, table
from .text import attr, cell, esc, md_block, md_html, one_block


def pages(ctx: Ctx) -> dict[str, str]:
    return paths.section_pages(
        "procedure", index(ctx), ctx.hb.procedures.values(), lambda item: procedure_page(ctx, item)
    )


def index(ctx: Ctx) -> str:
    here = paths.section_index("procedure")
    rows = [
        (
            ctx.link(here, "procedure", p.id),
            cell(p.title),
            esc(p.control.revision),
            esc(label(DOC_STATUS, p.control.status)),
            ctx.actor(here, p.control.owner),
            esc(p.control.next_review or "–"),
        )
        for p in sorted(ctx.hb.procedures.values(), key=lambda p: p.id)
    ]
    return page(
        h1("Procedurer"),
        "Procedurerne beskriver, hvem der gør hvad, hvornår og med hvilken dokumentation. "
        "Hver procedure har en fast adresse ud fra sit id.",
        table(("Id", "Titel", "Revision", "Status", "Ejer", "Næste gennemgang"), rows),
    )


def procedure_page(ctx: Ctx, proc: Procedure) -> str:
    here = paths.page("procedure", proc.id)
    return page(
        h1(f"{proc.id} {proc.title}", proc.id),
        header(ctx, here, proc.id, proc.title, proc.control),
        "## Formål",
        md_block(proc.purpose),
        "## Omfang",
        md_block(proc.scope),
        _definitions(proc),
        "## Ansvarsfordeling",
        _raci(ctx, here, proc),
        "## Aktiviteter",
        *(_activity(ctx, here, proc, i) for i in range(len(proc.activities))),
        "## Registreringer",
        _records(ctx, here, proc),
        "## Referencer",
        _references(ctx, here, proc),
        "## Krav, som proceduren opfylder",
        _requirements(ctx, here, proc),
        _risks(ctx, here, proc),
    )


def _definitions(proc: Procedure) -> str:
    if not proc.definitions:
        return ""
    body = one_block("\n".join(f"<dt>{attr(d.term)}</dt>\n<dd>{md_html(d.definition)}</dd>" for d in proc.definitions))
    return f'## Definitioner\n\n<dl class="kpro-definitions">\n{body}\n</dl>\n'


def raci_actors(activities: list) -> list[str]:  # type: ignore[type-arg]
    """Actors in first-appearance order, so columns follow the procedure's own flow."""
    return list(dict.fromkeys(actor for act in activities for actor in act.raci))


def _raci(ctx: Ctx, here: str, proc: Procedure) -> str:
    actors = raci_actors(list(proc.activities))
    rows = [
        (
            f"[{esc(a.id)} {esc(a.title)}](#{paths.activity_anchor(proc.id, a.id)})",
            *(esc(a.raci.get(x, "")) for x in actors),
        )
        for a in proc.activities
    ]
    legend = "R = udfører, A = ansvarlig (godkender, præcis én pr. aktivitet), C = høres, I = informeres."
    return table(("Aktivitet", *(ctx.actor(here, x) for x in actors)), rows) + "\n" + legend + "\n"


def _activity(ctx: Ctx, here: str, proc: Procedure, i: int) -> str:
    act = proc.activities[i]
    anchor = paths.activity_anchor(proc.id, act.id)
    parts = [f"### {esc(act.id)} {esc(act.title)} {{#{anchor}}}"]
    if act.description:
        parts.append(md_block(act.description))
    roles = [
        f"{RACI[letter]}: {', '.join(ctx.actor(here, x) for x in act.actors_with(letter))}"
        for letter in RACI
        if act.actors_with(letter)
    ]
    parts.append(bullets(roles))
    steps = "\n".join(f"<li>{md_html(step)}</li>" for step in act.steps)
    steps = "\n".join(line for line in steps.splitlines() if line.strip())
    parts.append(f'<ol class="kpro-steps">\n{steps}\n</ol>\n')
    if act.records:
        parts.append("Registreringer: " + ", ".join(ctx.titled(here, "record", r) for r in act.records))
    return page(*parts)


def _records(ctx: Ctx, here: str, proc: Procedure) -> str:
    if not proc.all_records:
        return "Proceduren danner ingen registreringer.\n"
    rows = []
    for rid in proc.all_records:
        rec = ctx.hb.records.get(rid)
        rows.append((ctx.link(here, "record", rid), cell(rec.title if rec else ""), cell(rec.location if rec else "")))
    return table(("Id", "Registrering", "Opbevaring"), rows)


def _references(ctx: Ctx, here: str, proc: Procedure) -> str:
    if not proc.references:
        return "Ingen referencer.\n"
    items = []
    for ref in proc.references:
        text = ctx.titled(here, "procedure", ref.procedure) if ref.procedure else esc(ref.external)
        items.append(text + (f" – {esc(ref.note)}" if ref.note else ""))
    return bullets(items)


def _requirements(ctx: Ctx, here: str, proc: Procedure) -> str:
    reqs = ctx.hb.requirements_by_procedure.get(proc.id, ())
    if not reqs:
        return "Ingen krav i overensstemmelsesmatricerne henviser til proceduren.\n"
    rows = []
    for rid in reqs:
        req = ctx.hb.requirements.get(rid)
        statuses = {e.status for e in ctx.hb.entries_by_requirement.get(rid, ()) if proc.id in e.procedures}
        rows.append(
            (
                ctx.link(here, "requirement", rid),
                cell(req.catalogue if req else ""),
                cell(req.title if req else ""),
                esc(", ".join(label(CONFORMITY, s) for s in sorted(statuses))),
            )
        )
    return table(("Krav", "Katalog", "Titel", "Status"), rows)


def _risks(ctx: Ctx, here: str, proc: Procedure) -> str:
    risks = [r for r in ctx.hb.risks.values() if proc.id in r.procedures]
    if not risks:
        return ""
    return "## Risici\n\n" + bullets(ctx.titled(here, "risk", r.id) for r in sorted(risks, key=lambda r: r.id))
