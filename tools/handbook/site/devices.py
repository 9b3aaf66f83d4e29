"""Device configurations (the platform and its questionnaires)."""

from __future__ import annotations

from ..model import Device
from . import paths
from .context import Ctx
from .labels import DEVICE_STATUS, DEVICE_TYPE, QUALIFICATION, label
from .markdown_doc import field_table, h1, page, table
from .text import cell, esc, md_block


def pages(ctx: Ctx) -> dict[str, str]:
    return paths.section_pages("device", index(ctx), ctx.hb.devices.values(), lambda item: device_page(ctx, item))


def index(ctx: Ctx) -> str:
    here = paths.section_index("device")
    rows = [
        (
            ctx.link(here, "device", d.id),
            cell(d.title),
            esc(label(DEVICE_TYPE, d.type)),
            cell(d.version),
            esc(label(DEVICE_STATUS, d.status)),
            ctx.actor(here, d.responsible),
        )
        for d in sorted(ctx.hb.devices.values(), key=lambda d: d.id)
    ]
    return page(
        h1("Udstyr"),
        "Udstyrskonfigurationerne er K-PRO-platformen og de spørgeskemaer, der bruges på den.",
        table(("Id", "Titel", "Type", "Version", "Status", "Ansvarlig"), rows)
        if rows
        else "Der er ingen registrerede udstyrskonfigurationer.\n",
    )


def device_page(ctx: Ctx, dev: Device) -> str:
    here = paths.page("device", dev.id)
    q = dev.qualification
    fields = [
        ("Id", esc(dev.id)),
        ("Type", esc(label(DEVICE_TYPE, dev.type))),
        ("Overordnet udstyr", ctx.titled(here, "device", dev.parent) if dev.parent else "–"),
        ("Version", cell(dev.version)),
        ("Status", esc(label(DEVICE_STATUS, dev.status))),
        ("Ansvarlig", ctx.actor(here, dev.responsible)),
        ("Indholdsejer", ctx.actor(here, dev.content_owner) if dev.content_owner else "–"),
        ("Risici", ", ".join(ctx.titled(here, "risk", r) for r in dev.risks) or "–"),
        ("Procedurer", ", ".join(ctx.titled(here, "procedure", p) for p in dev.procedures) or "–"),
    ]
    blocks = [
        h1(f"{dev.id} {dev.title}", dev.id),
        field_table(fields),
        "## Tilsigtet formål",
        md_block(dev.intended_purpose),
        "## Brugere",
        md_block(dev.users),
    ]
    if q:
        mdsw = {True: "Ja", False: "Nej", None: "Ikke afgjort"}[q.is_mdsw]
        blocks += [
            "## Kvalificering og klassificering",
            field_table(
                [
                    ("Status", esc(label(QUALIFICATION, q.status))),
                    ("Medicinsk udstyrssoftware (MDSW)", mdsw),
                    ("Klasse", esc(q.device_class or "–")),
                ]
            ),
            md_block(q.rationale),
        ]
    return page(*blocks)
