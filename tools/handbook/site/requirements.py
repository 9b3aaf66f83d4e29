"""Requirement pages: the requirement, its conformity status and everything that fulfils it."""

from __future__ import annotations

from ..model import ConformityEntry, Requirement
from . import paths
from .context import Ctx
from .labels import CONFORMITY, CONFORMITY_ORDER, GAPS, label
from .markdown_doc import field_table, h1, page
from .text import esc, md_block


def status_of(ctx: Ctx, req: Requirement) -> str:
    """One status per requirement; with several entries the least favourable one wins."""
    if not req.applicable:
        return "not-applicable"
    entries = ctx.hb.entries_by_requirement.get(req.id, ())
    if not entries:
        return "not-assessed"
    return max((e.status for e in entries), key=CONFORMITY_ORDER.index)


def pages(ctx: Ctx) -> dict[str, str]:
    return paths.section_pages("requirement", index(ctx), ctx.hb.requirements.values(), lambda item: requirement_page(ctx, item))


def index(ctx: Ctx) -> str:
    here = paths.section_index("requirement")
    blocks = [
        h1("Krav"),
        "Kravene er samlet i kravkataloger. Status og dækning for alle krav ses i "
        f"[sporbarhedsmatricen]({paths.rel(here, paths.TRACEABILITY)}).",
    ]
    for cat in ctx.hb.ordered_catalogues:
        blocks.append(f"## {esc(cat.id)} {esc(cat.title)} {{#{cat.id}}}")
        blocks.append(
            "".join(
                f"- {ctx.titled(here, 'requirement', r)} – {esc(label(CONFORMITY, status_of(ctx, ctx.hb.requirements[r])))}\n"
                for r in cat.requirements
                if r in ctx.hb.requirements
            )
            or "Kataloget har ingen krav.\n"
        )
    return page(*blocks)


def requirement_page(ctx: Ctx, req: Requirement) -> str:
    here = paths.page("requirement", req.id)
    status = status_of(ctx, req)
    catalogue = ctx.hb.catalogues.get(req.catalogue)
    cat_text = f"{req.catalogue} {catalogue.title}" if catalogue else req.catalogue
    fields = [
        ("Krav-id", esc(req.id)),
        ("Katalog", f"[{esc(cat_text)}]({paths.rel(here, paths.TRACEABILITY, req.catalogue)})"),
        ("Reference", esc(req.ref or "–")),
        ("Overordnet krav", ctx.titled(here, "requirement", req.parent) if req.parent else "–"),
        ("Relevant", "Ja" if req.applicable else "Nej"),
        ("Status", esc(label(CONFORMITY, status)) + (" – hul" if status in GAPS else "")),
    ]
    children = sorted(r.id for r in ctx.hb.requirements.values() if r.parent == req.id)
    blocks = [h1(f"{req.id} {req.title}", req.id), field_table(fields), "## Kravet", md_block(req.text)]
    if not req.applicable:
        blocks += [
            "## Begrundelse for, at kravet ikke er relevant",
            md_block(req.justification or "Ingen begrundelse."),
        ]
    entries = ctx.hb.entries_by_requirement.get(req.id, ())
    if req.applicable and not entries:
        blocks += [
            "## Overensstemmelse",
            '!!! warning "Ikke vurderet"\n    Kravet er relevant, men ingen overensstemmelsesmatrix vurderer det.\n',
        ]
    for entry in entries:
        blocks += _entry(ctx, here, entry, len(entries) > 1)
    if children:
        blocks += ["## Underkrav", "".join(f"- {ctx.titled(here, 'requirement', c)}\n" for c in children)]
    return page(*blocks)


def _entry(ctx: Ctx, here: str, entry: ConformityEntry, several: bool) -> list[str]:
    heading = "## Overensstemmelse" + (f" ({esc(entry.matrix)})" if several else "")
    fields = [
        ("Status", esc(label(CONFORMITY, entry.status))),
        ("Ansvarlig", ctx.actor(here, entry.responsible)),
        ("Matrix", esc(entry.matrix)),
        ("Procedurer", ", ".join(ctx.titled(here, "procedure", p) for p in entry.procedures) or "–"),
        ("Evidens", ", ".join(ctx.titled(here, "record", r) for r in entry.evidence) or "–"),
        ("Risici", ", ".join(ctx.titled(here, "risk", r) for r in entry.risks) or "–"),
    ]
    blocks = [heading, field_table(fields), "### Begrundelse", md_block(entry.justification)]
    if entry.plan:
        blocks += [
            "### Handlingsplan",
            field_table([("Ejer", ctx.actor(here, entry.plan.owner)), ("Frist", esc(entry.plan.due))]),
            md_block(entry.plan.action),
        ]
    return blocks
