"""The risk log (one table) and a page per risk."""

from __future__ import annotations

from ..model import Risk
from . import paths
from .context import Ctx
from .labels import RISK_CATEGORY, RISK_STATUS, label
from .markdown_doc import field_table, h1, page, table
from .text import cell, esc, md_block, md_html


def pages(ctx: Ctx) -> dict[str, str]:
    return paths.section_pages("risk", risk_log(ctx), ctx.hb.risks.values(), lambda item: risk_page(ctx, item))


def risk_log(ctx: Ctx) -> str:
    here = paths.section_index("risk")
    # Highest score first: the log is read to find what matters most.
    ordered = sorted(ctx.hb.risks.values(), key=lambda r: (-r.score, r.id))
    rows = [
        (
            ctx.link(here, "risk", r.id),
            cell(r.title),
            esc(label(RISK_CATEGORY, r.category)),
            esc(r.probability),
            esc(r.severity),
            esc(r.score),
            esc(label(RISK_STATUS, r.status)),
            ctx.actor(here, r.owner),
            esc(r.next_review or "–"),
        )
        for r in ordered
    ]
    return page(
        h1("Risikolog"),
        "Risici vurderes med sandsynlighed (S) og alvorlighed (A) på en skala fra 1 til 5; "
        "risikotallet er S × A. Loggen er sorteret efter risikotal.",
        table(("Id", "Titel", "Kategori", "S", "A", "Risikotal", "Status", "Ejer", "Næste gennemgang"), rows)
        if rows
        else "Der er ingen registrerede risici.\n",
    )


def risk_page(ctx: Ctx, risk: Risk) -> str:
    here = paths.page("risk", risk.id)
    fields = [
        ("Id", esc(risk.id)),
        ("Kategori", esc(label(RISK_CATEGORY, risk.category))),
        ("Ejer", ctx.actor(here, risk.owner)),
        ("Sandsynlighed", esc(risk.probability)),
        ("Alvorlighed", esc(risk.severity)),
        ("Risikotal", esc(risk.score)),
        ("Status", esc(label(RISK_STATUS, risk.status))),
        ("Identificeret", esc(risk.identified or "–")),
        ("Næste gennemgang", esc(risk.next_review or "–")),
        ("Krav", ", ".join(ctx.titled(here, "requirement", r) for r in risk.requirements) or "–"),
        ("Procedurer", ", ".join(ctx.titled(here, "procedure", p) for p in risk.procedures) or "–"),
        ("Udstyr", ", ".join(ctx.titled(here, "device", d) for d in risk.devices) or "–"),
    ]
    mitigations = "\n".join(f"<li>{md_html(m)}</li>" for m in risk.mitigations)
    mitigations = "\n".join(line for line in mitigations.splitlines() if line.strip())
    return page(
        h1(f"{risk.id} {risk.title}", risk.id),
        field_table(fields),
        "## Beskrivelse",
        md_block(risk.description),
        "## Tiltag",
        f"<ul>\n{mitigations}\n</ul>\n" if risk.mitigations else "Ingen tiltag registreret.\n",
        "## Restrisiko",
        md_block(risk.residual) if risk.residual else "Ikke vurderet.\n",
    )
