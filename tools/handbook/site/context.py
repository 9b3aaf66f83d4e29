"""What every page renderer reads: the model, the git edition and history, and link helpers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..model import Handbook
from . import paths
from .history import History
from .text import attr, esc


@dataclass(frozen=True)
class Ctx:
    hb: Handbook
    history: History
    today: date
    handwritten: frozenset[str] = frozenset()  # pages from docs/, e.g. "citering.md"

    def page_link(self, here: str, target: str, text: str) -> str:
        """Link to a hand-written page, or just the text when the page does not exist."""
        if target not in self.handwritten:
            return esc(text)
        return f"[{esc(text)}]({paths.rel(here, target)})"

    def _collection(self, kind: str) -> Mapping[str, object]:
        return {
            "procedure": self.hb.procedures,
            "actor": self.hb.actors,
            "requirement": self.hb.requirements,
            "risk": self.hb.risks,
            "device": self.hb.devices,
            "record": self.hb.records,
        }[kind]

    def exists(self, kind: str, ident: str) -> bool:
        return ident in self._collection(kind)

    def link(self, here: str, kind: str, ident: str, text: str | None = None, anchor: str = "") -> str:
        """Markdown link to a document page; plain text if the target is not in the model."""
        shown = esc(text if text is not None else ident)
        if not self.exists(kind, ident):
            return shown
        return f"[{shown}]({paths.rel(here, paths.page(kind, ident), anchor)})"

    def link_html(self, here: str, kind: str, ident: str, text: str | None = None) -> str:
        """The same link for raw HTML blocks (tables the builder must not touch)."""
        shown = attr(text if text is not None else ident)
        if not self.exists(kind, ident):
            return shown
        return f'<a href="{attr(paths.rel_html(here, paths.page(kind, ident)))}">{shown}</a>'

    def actor(self, here: str, ident: str) -> str:
        found = self.hb.actors.get(ident)
        return self.link(here, "actor", ident, found.label if found else ident)

    def links(self, here: str, kind: str, idents: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.link(here, kind, i) for i in idents) or "–"

    def titled(self, here: str, kind: str, ident: str) -> str:
        """Link with 'ID title', the way documents are named throughout the site."""
        doc = self._collection(kind).get(ident)
        title = getattr(doc, "title", "") if doc is not None else ""
        return self.link(here, kind, ident, f"{ident} {title}".strip())
