"""The RACI matrix: every activity of every procedure against every actor, on one page."""

from __future__ import annotations

from . import paths
from .context import Ctx
from .markdown_doc import h1, page, table
from .procedures import raci_actors
from .text import esc


def pages(ctx: Ctx) -> dict[str, str]:
    here = paths.RACI
    procs = sorted(ctx.hb.procedures.values(), key=lambda p: p.id)
    activities = [(p, a) for p in procs for a in p.activities]
    actors = sorted(raci_actors([a for _, a in activities]))
    rows = [
        (
            ctx.link(here, "procedure", p.id, f"{p.id}.{a.id}", paths.activity_anchor(p.id, a.id)),
            esc(a.title),
            *(esc(a.raci.get(x, "")) for x in actors),
        )
        for p, a in activities
    ]
    body = page(
        h1("Ansvarsfordeling (RACI)"),
        "Matricen viser for hver aktivitet, hvem der udfører (R), er ansvarlig (A), høres (C) og "
        "informeres (I). En aktivitet citeres som procedure-id punktum aktivitets-id, f.eks. PR-02.A1.",
        table(("Aktivitet", "Titel", *(ctx.actor(here, x) for x in actors)), rows),
    )
    return {here: body}
