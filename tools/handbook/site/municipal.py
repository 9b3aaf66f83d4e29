"""The municipalities' pages: which exist (a page per municipality and a document per form for it,
at addresses derived from the municipality code), and what their templates read.

The values come from `handbook.municipal` (plain data the exports reuse); this module only adds
the edition, the date the region is given for, and the page list. The date is the release date of
a released edition; a preview shows the work tree as of the build date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cached_property
from typing import Any

from .. import municipal
from ..editions.archive import parse_name
from ..editions.diff import Diff
from ..gaps import gap_rows
from ..model import ConformityEntry, Form, FormSection, Handbook
from ..references import kind_of
from ..values import FormUse
from . import paths
from .edition import SiteEdition


def municipal_pages(hb: Handbook, day: date) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(address, template, context) of every municipality's page and of the documents made for
    it from the forms the handbook has."""
    forms = [form for use in FormUse if (form := hb.form_for(use)) is not None]
    for m in municipal.municipalities(hb, day):
        yield paths.municipality(m.code), "municipality.md.j2", {"title": m.title, "anchor": "", "x": m}
        for form in forms:
            title = f"{form.use.label}: {m.title}"
            context = {"title": title, "anchor": "", "x": m, "form": form}
            yield paths.municipal_document(m.code, form.use), "municipal_document.md.j2", context


def day_of(edition: SiteEdition, today: date) -> date:
    """The date a municipality's region is given for: a released edition's date, else the build's."""
    if edition.id.name and edition.id.date:
        return date.fromisoformat(edition.id.date)
    return today


class MunicipalViews:
    """What the municipality templates read, for one site build."""

    def __init__(self, hb: Handbook, edition: SiteEdition, today: date) -> None:
        self.hb = hb
        self.edition = edition
        self.today = today
        self.day = day_of(edition, today)
        self._declarations: dict[str, municipal.Declaration] = {}

    @cached_property
    def all(self) -> list[municipal.Municipality]:
        return municipal.municipalities(self.hb, self.day)

    def by_code(self, code: str) -> municipal.Municipality | None:
        return next((m for m in self.all if m.code == code), None)

    def declaration(self, m: municipal.Municipality) -> municipal.Declaration:
        """Made once per municipality and build (its page, its declaration and the folder read it)."""
        if m.code not in self._declarations:
            self._declarations[m.code] = municipal.declaration(self.hb, m)
        return self._declarations[m.code]

    @cached_property
    def gap_count(self) -> int:
        return len(gap_rows(self.hb, self.today))

    def fields(self, section: FormSection, m: municipal.Municipality | None) -> list[municipal.FilledField]:
        """A section's fields filled in for `m`; for the blank form (no municipality) as they are."""
        if m is None:
            return [municipal.FilledField(f.label, "", f.fill, f.hint) for f in section.fields]
        return municipal.fields_of(section, m, self.edition.id.label)

    @cached_property
    def checklist(self) -> dict[str, list[Any]]:
        """Actor → its checklist (the same for every member of a group actor)."""
        return {doc.actor: municipal.checklist(self.hb, doc.actor) for doc in self.hb.adoptions.values()}

    def informed_only(self, actor: str) -> int:
        return municipal.informed_only(self.hb, actor)

    def owned_entries(self, actor: str) -> list[ConformityEntry]:
        return municipal.owned_entries(self.hb, actor)

    def owned_plans(self, actor: str) -> list[ConformityEntry]:
        return municipal.owned_plans(self.hb, actor)

    def place(self, ident: str) -> municipal.Place | None:
        return municipal.place(self.hb, ident)

    @staticmethod
    def risk_class(device: Any) -> str:
        return municipal.risk_class(device)

    @cached_property
    def exemption(self) -> municipal.ExemptionStatus:
        return municipal.exemption_status(self.hb, self.day)

    def changes(self, m: municipal.Municipality) -> list[tuple[str, Diff]]:
        """What changed for `m` since each earlier edition, the latest edition first."""
        found = self.edition.since
        names = sorted(found, key=lambda n: parse_name(n) or (0, 0), reverse=True)
        return [(name, municipal.changes_for(self.hb, found[name], m)) for name in names]

    def forms(self) -> list[Form]:
        return [form for use in FormUse if (form := self.hb.form_for(use)) is not None]

    def forms_of(self, procedure: str) -> list[Form]:
        """The forms used in a procedure (its page shows them at their activity)."""
        return [f for f in self.forms() if f.procedure == procedure]

    @staticmethod
    def document_name(use: str) -> str:
        return paths.MUNICIPAL_DOCUMENTS[use]

    NOT_RECORDED = municipal.NOT_RECORDED

    @staticmethod
    def status(m: municipal.Municipality) -> list[tuple[str, str]]:
        return municipal.adoption_status(m)

    def kind_of(self, ident: str) -> str:
        """The kind of a document a form names (a procedure, a matrix, a form ...)."""
        return kind_of(self.hb, ident)

    def regions(self) -> list[str]:
        """The regions of the municipalities on the page's date, in name order."""
        return sorted({m.region for m in self.all if m.region})
