"""The front page: what the handbook is, which edition this is, status in numbers, how to cite."""

from __future__ import annotations

from collections import Counter

from . import paths
from .context import Ctx
from .labels import CONFORMITY, CONFORMITY_ORDER, DOC_STATUS, RISK_STATUS, label
from .markdown_doc import field_table, h1, page, table
from .requirements import status_of
from .text import esc, md_block


def pages(ctx: Ctx) -> dict[str, str]:
    hb = ctx.hb
    here = paths.INDEX
    edition = ctx.history.edition
    doc_status = Counter(p.control.status for p in hb.procedures.values())
    conformity = Counter(status_of(ctx, r) for r in hb.requirements.values())
    risk_status = Counter(r.status for r in hb.risks.values())
    owner = hb.actors.get(hb.settings.organisation)
    summary = [
        (
            "Procedurer",
            f"[{len(hb.procedures)}]({paths.rel(here, paths.section_index('procedure'))})"
            + _breakdown(doc_status, DOC_STATUS, list(DOC_STATUS)),
        ),
        ("Aktører", f"[{len(hb.actors)}]({paths.rel(here, paths.section_index('actor'))})"),
        (
            "Krav",
            f"[{len(hb.requirements)}]({paths.rel(here, paths.TRACEABILITY)})"
            + _breakdown(conformity, CONFORMITY, list(CONFORMITY_ORDER)),
        ),
        (
            "Risici",
            f"[{len(hb.risks)}]({paths.rel(here, paths.section_index('risk'))})"
            + _breakdown(risk_status, RISK_STATUS, list(RISK_STATUS)),
        ),
        ("Udstyrskonfigurationer", f"[{len(hb.devices)}]({paths.rel(here, paths.section_index('device'))})"),
        ("Registreringer", f"[{len(hb.records)}]({paths.rel(here, paths.section_index('record'))})"),
    ]
    cite_edition = edition.describe if edition.known else "<udgave>"
    cite_date = edition.date if edition.known else "<dato>"
    return {
        here: page(
            h1(hb.settings.title),
            md_block(hb.settings.description) if hb.settings.description else "",
            "Håndbogen føres som data i et versionsstyret repositorium. Hver side er dannet automatisk "
            "ud fra de godkendte dokumenter, og hvert dokument har en fast adresse ud fra sit id. "
            f"Se {ctx.page_link(here, 'laesevejledning.md', 'læsevejledningen')} for, hvordan håndbogen er bygget op.",
            "## Denne udgave",
            field_table(
                [
                    ("Udgiver", ctx.actor(here, owner.id) if owner else esc(hb.settings.organisation)),
                    ("Udgave", esc(edition.text)),
                    ("Commit", f"`{edition.commit}`" if edition.known else "–"),
                    ("Dato for udgaven", esc(edition.date or "–")),
                ]
            ),
            "## Status",
            table(("Område", "Antal"), summary),
            f"Ændringer ses i [ændringsloggen]({paths.CHANGELOG}).",
            "## Sådan citeres håndbogen",
            "Citér altid dokument-id, revision og udgave, så det er entydigt, hvilken tekst der henvises til, f.eks.:",
            _citation_example(ctx, cite_edition, cite_date),
            f"Se {ctx.page_link(here, 'citering.md', 'citering')} for flere eksempler.",
        )
    }


def _breakdown(counts: Counter[str], labels: dict[str, str], order: list[str]) -> str:
    parts = [f"{counts[s]} {label(labels, s).lower()}" for s in order if counts.get(s)]
    return f" ({esc(', '.join(parts))})" if parts else ""


def _citation_example(ctx: Ctx, edition: str, when: str) -> str:
    """A worked example from this handbook's own first procedure, so it is never out of date."""
    first = min(ctx.hb.procedures.values(), key=lambda p: p.id, default=None)
    document = f", {first.id} rev. {first.control.revision}" if first else ""
    return f"> {esc(ctx.hb.settings.title + document + f', udgave {edition} ({when}).')}"
