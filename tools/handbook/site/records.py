"""Records (evidence): where they are kept, who owns them, and what they prove."""

from __future__ import annotations

from ..model import Record
from . import paths
from .context import Ctx
from .labels import CONFIDENTIALITY, RECORD_STATUS, label
from .markdown_doc import field_table, h1, page, table
from .text import cell, esc, md_block


def pages(ctx: Ctx) -> dict[str, str]:
    return paths.section_pages("record", index(ctx), ctx.hb.records.values(), lambda item: record_page(ctx, item))


def index(ctx: Ctx) -> str:
    here = paths.section_index("record")
    rows = [
        (
            ctx.link(here, "record", r.id),
            cell(r.title),
            ctx.actor(here, r.owner),
            cell(r.location),
            cell(r.retention),
            esc(label(RECORD_STATUS, r.status)),
        )
        for r in sorted(ctx.hb.records.values(), key=lambda r: r.id)
    ]
    return page(
        h1("Registreringer"),
        "Registreringerne er den evidens, procedurerne danner, og som viser, at kravene er opfyldt.",
        table(("Id", "Titel", "Ejer", "Opbevaring", "Opbevaringstid", "Status"), rows)
        if rows
        else "Der er ingen registreringer.\n",
    )


def record_page(ctx: Ctx, rec: Record) -> str:
    here = paths.page("record", rec.id)
    procs = ctx.hb.procedures_by_record.get(rec.id, ())
    reqs = ctx.hb.requirements_by_record.get(rec.id, ())
    fields = [
        ("Id", esc(rec.id)),
        ("Ejer", ctx.actor(here, rec.owner)),
        ("Opbevaring", cell(rec.location)),
        ("Opbevaringstid", cell(rec.retention)),
        ("Status", esc(label(RECORD_STATUS, rec.status))),
        ("Fortrolighed", esc(label(CONFIDENTIALITY, rec.confidentiality))),
        ("Dannes af", ", ".join(ctx.titled(here, "procedure", p) for p in procs) or "–"),
        ("Evidens for krav", ", ".join(ctx.link(here, "requirement", r) for r in reqs) or "–"),
    ]
    return page(
        h1(f"{rec.id} {rec.title}", rec.id),
        field_table(fields),
        "## Beskrivelse",
        md_block(rec.description) if rec.description else "Ingen beskrivelse.\n",
    )
