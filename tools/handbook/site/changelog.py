"""The change log: commits that touched qms/, newest first, with the documents they changed."""

from __future__ import annotations

from .context import Ctx
from .history import FileChange
from .labels import CHANGE, label
from .markdown_doc import h1, page, table
from .paths import CHANGELOG
from .text import esc

# qms/ folder → document kind, so a changed file links to its page when it still exists.
FOLDER_KIND = {
    "procedures": "procedure",
    "actors": "actor",
    "risks": "risk",
    "devices": "device",
    "records": "record",
}


def _document(ctx: Ctx, change: FileChange) -> str:
    kind = FOLDER_KIND.get(change.folder)
    name = change.document if change.path.endswith((".yaml", ".yml")) else change.path
    text = ctx.link(CHANGELOG, kind, name) if kind else esc(name)
    return f"{text} ({label(CHANGE, change.status)})"


def pages(ctx: Ctx) -> dict[str, str]:
    history = ctx.history
    intro = (
        "Ændringsloggen viser alle commits, der har ændret håndbogens indhold (mappen qms/), med dato, "
        "kort commit-id, emne og de ændrede dokumenter. Den dannes automatisk fra git."
    )
    if not history.changes:
        return {CHANGELOG: page(h1("Ændringslog"), intro, history.note or "Der er endnu ingen ændringer.")}
    rows = [
        (esc(c.date), f"`{c.short}`", esc(c.subject), ", ".join(_document(ctx, f) for f in c.files) or "–")
        for c in history.changes
    ]
    return {CHANGELOG: page(h1("Ændringslog"), intro, table(("Dato", "Commit", "Emne", "Ændrede dokumenter"), rows))}
