"""The traceability matrix: catalogue × status with coverage, and one filterable table per catalogue.

The per-catalogue tables are raw HTML so they can carry the classes and data attributes the
small local script (assets/traceability.js) uses to sort and filter; without JavaScript they are
complete, readable tables, and gaps are marked in text, not only by colour.
"""

from __future__ import annotations

from ..model import Catalogue
from . import paths
from .context import Ctx
from .labels import CONFORMITY, CONFORMITY_ORDER, GAPS, label
from .markdown_doc import h1, page, table
from .requirements import status_of
from .text import attr, esc

HERE = paths.TRACEABILITY


def pages(ctx: Ctx) -> dict[str, str]:
    cats = ctx.hb.ordered_catalogues
    blocks = [
        h1("Sporbarhedsmatrix"),
        "Matricen viser for hvert kravkatalog, hvor mange krav der er opfyldt, delvist opfyldt, ikke "
        "opfyldt, uafklarede eller endnu ikke vurderet. Dækning er andelen af de relevante krav, der er "
        "opfyldt. Huller er markeret med ⚠.",
        _summary(ctx, cats),
    ]
    for cat in cats:
        blocks += [f"## {esc(cat.id)} {esc(cat.title)} {{#{cat.id}}}", _catalogue_table(ctx, cat)]
    return {HERE: page(*blocks)}


def counts(ctx: Ctx, cat: Catalogue) -> dict[str, int]:
    found = dict.fromkeys(CONFORMITY_ORDER, 0)
    for rid in cat.requirements:
        if rid in ctx.hb.requirements:
            found[status_of(ctx, ctx.hb.requirements[rid])] += 1
    return found


def coverage(found: dict[str, int]) -> str:
    relevant = sum(n for s, n in found.items() if s != "not-applicable")
    return f"{round(100 * found['met'] / relevant)} %" if relevant else "–"


def _summary(ctx: Ctx, cats: list[Catalogue]) -> str:
    rows = []
    total = dict.fromkeys(CONFORMITY_ORDER, 0)
    for cat in cats:
        found = counts(ctx, cat)
        for status, n in found.items():
            total[status] += n
        gaps = sum(found[s] for s in GAPS)
        rows.append(
            (
                f"[{esc(cat.id)}](#{cat.id})",
                *(esc(found[s]) for s in CONFORMITY_ORDER),
                esc(coverage(found)) + (f" ⚠ {gaps} huller" if gaps else ""),
            )
        )
    rows.append(("**I alt**", *(f"**{total[s]}**" for s in CONFORMITY_ORDER), f"**{esc(coverage(total))}**"))
    return table(("Katalog", *(label(CONFORMITY, s) for s in CONFORMITY_ORDER), "Dækning"), rows)


def _catalogue_table(ctx: Ctx, cat: Catalogue) -> str:
    rows = []
    for rid in cat.requirements:
        req = ctx.hb.requirements.get(rid)
        if req is None:
            continue
        status = status_of(ctx, req)
        entries = ctx.hb.entries_by_requirement.get(rid, ())
        procs = list(dict.fromkeys(p for e in entries for p in e.procedures))
        evidence = list(dict.fromkeys(r for e in entries for r in e.evidence))
        responsible = list(dict.fromkeys(e.responsible for e in entries))
        gap = status in GAPS
        cells = [
            ctx.link_html(HERE, "requirement", rid),
            attr(req.title),
            ("⚠ " if gap else "") + attr(label(CONFORMITY, status)),
            ", ".join(ctx.link_html(HERE, "procedure", p) for p in procs) or "–",
            ", ".join(ctx.link_html(HERE, "record", r) for r in evidence) or "–",
            ", ".join(ctx.link_html(HERE, "actor", a) for a in responsible) or "–",
        ]
        css = ' class="kpro-gap"' if gap else ""
        rows.append(f'<tr data-status="{status}"{css}>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    if not rows:
        return "Kataloget har ingen krav.\n"
    head = "".join(
        f'<th scope="col">{h}</th>' for h in ("Krav", "Titel", "Status", "Procedurer", "Evidens", "Ansvarlig")
    )
    return (
        f'<table class="kpro-trace" aria-label="Sporbarhed for {attr(cat.id)}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
    )
