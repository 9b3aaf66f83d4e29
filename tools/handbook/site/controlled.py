"""The controlled-document header (ISO 13485 4.2.4): the same fields on every controlled page."""

from __future__ import annotations

from ..model import Control
from .context import Ctx
from .labels import DOC_STATUS, label
from .markdown_doc import field_table
from .text import esc, md_block


def _who(ctx: Ctx, here: str, actor: str, role: str) -> str:
    if not actor:
        return "–"
    return ctx.actor(here, actor) + (f" – {esc(role)}" if role else "")


def header(ctx: Ctx, here: str, ident: str, title: str, control: Control) -> str:
    edition = ctx.history.edition
    approver = _who(ctx, here, control.approver, control.approver_role)
    if control.approved:
        approver += f", godkendt {esc(control.approved)}"
    rows = [
        ("Dokument-id", esc(ident)),
        ("Titel", esc(title)),
        ("Revision", esc(control.revision)),
        ("Status", esc(label(DOC_STATUS, control.status))),
        ("Ejer", _who(ctx, here, control.owner, control.owner_role)),
        ("Godkender", approver),
        ("Godkendt", esc(control.approved or "–")),
        ("Gældende fra", esc(control.effective or "–")),
        ("Næste gennemgang", esc(control.next_review or "–")),
        ("Sitet er bygget fra commit", esc(edition.short if edition.known else "ikke versionsstyret")),
    ]
    if control.supersedes:
        rows.append(("Erstatter", esc(", ".join(control.supersedes))))
    warning = ""
    if control.status == "obsolete":
        warning = '!!! danger "Udgået dokument"\n    Dokumentet er udgået og må ikke bruges. Det bevares af hensyn til sporbarheden.\n'
    elif control.status in ("draft", "review"):
        warning = f'!!! warning "{label(DOC_STATUS, control.status)}"\n    Dokumentet er ikke godkendt endnu og gælder ikke.\n'
    # A Markdown field is rendered once, into a raw HTML block the page's Markdown pass leaves
    # alone; inside a table cell the page's Markdown pass would read its output a second time.
    note = f"**Ændringsnote (rev. {esc(control.revision)})**\n\n{md_block(control.change_note)}" if control.change_note else ""
    return "\n".join(part for part in (field_table(rows), note, warning) if part)
