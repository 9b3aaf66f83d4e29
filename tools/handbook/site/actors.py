"""Actor pages: who the actor is and everything it is R/A/C/I for, grouped by procedure."""

from __future__ import annotations

from itertools import groupby

from ..model import Actor
from . import paths
from .context import Ctx
from .labels import ACTOR_TYPE, CONFORMITY, label, raci_words
from .markdown_doc import field_table, h1, page, table
from .text import cell, esc, md_block, md_html, one_block

# The health institution the handbook is written for gets the question it asks as heading.
HEALTH_INSTITUTION = "health-institution"


def pages(ctx: Ctx) -> dict[str, str]:
    return paths.section_pages("actor", index(ctx), ctx.hb.actors.values(), lambda item: actor_page(ctx, item))


def index(ctx: Ctx) -> str:
    here = paths.section_index("actor")
    rows = [
        (ctx.link(here, "actor", a.id), cell(a.name), esc(label(ACTOR_TYPE, a.type)), cell(a.organisation))
        for a in sorted(ctx.hb.actors.values(), key=lambda a: a.id)
    ]
    return page(
        h1("Aktører"),
        "Aktørerne er de organisationer, der har en rolle i kvalitetsstyringen af K-PRO. "
        "Hver aktørside viser alt, aktøren udfører, er ansvarlig for, høres om eller informeres om.",
        table(("Id", "Navn", "Type", "Organisation"), rows),
    )


def actor_page(ctx: Ctx, actor: Actor) -> str:
    here = paths.page("actor", actor.id)
    return page(
        h1(f"{actor.id} {actor.name}", actor.id),
        field_table(
            [
                ("Id", esc(actor.id)),
                ("Navn", esc(actor.name)),
                ("Kort navn", cell(actor.short_name)),
                ("Type", esc(label(ACTOR_TYPE, actor.type))),
                ("Organisation", cell(actor.organisation)),
            ]
        ),
        "## Rolle i kvalitetssystemet",
        md_block(actor.role),
        _responsibilities(actor),
        _tasks(ctx, here, actor),
        _owned(ctx, here, actor),
        _members(actor),
    )


def _responsibilities(actor: Actor) -> str:
    if not actor.responsibilities:
        return ""
    items = one_block("\n".join(f"<li>{md_html(r)}</li>" for r in actor.responsibilities))
    return f"## Ansvar\n\n<ul>\n{items}\n</ul>\n"


def _tasks(ctx: Ctx, here: str, actor: Actor) -> str:
    heading = (
        f"## Hvad skal {esc(actor.label.lower())} gøre?"
        if actor.type == HEALTH_INSTITUTION
        else "## Opgaver i procedurerne"
    )
    tasks = ctx.hb.activities_by_actor.get(actor.id, ())
    if not tasks:
        return heading + "\n\nAktøren har ingen rolle i procedurernes aktiviteter.\n"
    blocks = [heading]
    for proc_id, group in groupby(sorted(tasks, key=lambda t: t[0].id), key=lambda t: t[0].id):
        rows = [
            (
                ctx.link(here, "procedure", proc_id, f"{act.id} {act.title}", paths.activity_anchor(proc_id, act.id)),
                esc(letters),
                esc(raci_words(letters)),
            )
            for _, act, letters in group
        ]
        blocks.append(f"### {ctx.titled(here, 'procedure', proc_id)} {{#{actor.id}-{proc_id}}}")
        blocks.append(table(("Aktivitet", "RACI", "Rolle"), rows))
    return page(*blocks)


def _owned(ctx: Ctx, here: str, actor: Actor) -> str:
    owned = sorted(p.id for p in ctx.hb.procedures.values() if p.control.owner == actor.id)
    responsible = sorted({e.requirement: e.status for e in ctx.hb.entries if e.responsible == actor.id}.items())
    blocks = []
    if owned:
        blocks += ["## Dokumenter, aktøren ejer", "".join(f"- {ctx.titled(here, 'procedure', p)}\n" for p in owned)]
    if responsible:
        rows = [(ctx.link(here, "requirement", r), esc(label(CONFORMITY, s))) for r, s in responsible]
        blocks += ["## Krav, aktøren er ansvarlig for", table(("Krav", "Status"), rows)]
    return page(*blocks) if blocks else ""


def _members(actor: Actor) -> str:
    if not actor.members:
        return ""
    blocks = [f"## Medlemmer ({len(actor.members)})"]
    for group, members in groupby(sorted(actor.members, key=lambda m: (m.group, m.name)), key=lambda m: m.group):
        names = list(members)
        blocks.append(f"### {esc(group or 'Uden gruppe')} ({len(names)})")
        blocks.append("".join(f"- {esc(m.name)} ({esc(m.code)})\n" for m in names))
    return page(*blocks)
