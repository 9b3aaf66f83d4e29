"""What every page template reads: the model, the edition, and the link helper
of the page being rendered (relative addresses depend on where the page is)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from markupsafe import Markup, escape

from ..kinds import BY_NAME
from ..model import Handbook
from ..values import Confidentiality
from . import paths
from .edition import SiteEdition
from .templating import inert
from .views import Step

INTERNAL_LABEL = Confidentiality.INTERNAL.label.lower()  # "intern"


@dataclass(frozen=True)
class Site:
    hb: Handbook
    edition: SiteEdition
    today: date
    handwritten: frozenset[str] = frozenset()  # pages from docs/, e.g. "citering.md"

    def at(self, here: str) -> Page:
        return Page(self, here)

    @cached_property
    def municipal_codes(self) -> frozenset[str]:
        """Codes of the municipalities that have pages: the members an adoption overview covers."""
        return frozenset(m.code for doc in self.hb.adoptions.values() for m in self.hb.members.get(doc.actor, ()))


@dataclass(frozen=True)
class Page:
    """Links as seen from one page: addresses for ids, or "" when there is nothing to link to."""

    site: Site
    here: str

    def exists(self, kind: str, ident: str) -> bool:
        known = BY_NAME.get(kind)
        return known is not None and bool(known.section) and ident in self.site.hb.of(kind)

    def url(self, kind: str, ident: str, anchor: str = "") -> Markup:
        if not self.exists(kind, ident):
            return Markup("")
        return _href(paths.rel_html(self.here, paths.page(kind, ident), anchor))

    @property
    def root(self) -> str:
        """The relative address of the site's root folder from this page ("" or "../")."""
        return "../" * self.here.count("/")

    @property
    def html(self) -> str:
        """This page's own address in the built site, e.g. procedures/PR-05.html."""
        return self.here[:-3] + ".html" if self.here.endswith(".md") else self.here

    def page_url(self, target: str, anchor: str = "") -> Markup:
        """A generated or hand-written page by its Markdown path; "" when it does not exist."""
        if target not in paths.SPECIAL_PAGES and target not in self.site.handwritten and not _index(target):
            return Markup("")
        return _href(paths.rel_html(self.here, target, anchor))

    def municipal_url(self, code: str, use: str = "", anchor: str = "") -> Markup:
        """A municipality's page, or with `use` (a form's use) the document made for it; "" when
        the handbook has no page for the code."""
        if code not in self.site.municipal_codes:
            return Markup("")
        target = paths.municipal_document(code, use) if use else paths.municipality(code)
        return _href(paths.rel_html(self.here, target, anchor))

    # Links are made here rather than in template macros: a 1,000-procedure site makes 200,000 of
    # them, and a macro call costs ten times a method call. The shown text always goes through
    # `inert`, and the address is escaped, exactly as a template would do it.

    def link(self, kind: str, ident: str, text: object = None, anchor: str = "") -> Markup:
        """A link to a document's page showing `text` (default its id); just the text if the
        document has no page."""
        if ident in self.site.hb.withheld:  # internal: the id, marked, and nothing more
            return Markup(f"{inert(ident)} ({INTERNAL_LABEL})")
        shown = _ident(ident) if text is None else inert(text)
        url = self.url(kind, ident, anchor)
        return Markup(f'<a href="{url}">{shown}</a>') if url else shown

    def titled(self, kind: str, ident: str) -> Markup:
        """A link named 'ID title' (the id kept on one line)."""
        title = self.title(kind, ident)
        return self.link(kind, ident, Markup(f"{_ident(ident)} {inert(title)}") if title else _ident(ident))

    def step(self, step: Step, titled: bool = False) -> Markup:
        """A link to the activity that meets a requirement (PR-05.A2), or to the procedure when no
        single activity does; `titled` adds the activity's (or procedure's) title."""
        shown = _ident(step.label)
        if titled:
            proc = self.site.hb.procedures.get(step.procedure)
            act = next((a for a in proc.activities if a.id == step.activity), None) if proc else None
            title = act.title if act is not None else self.title("procedure", step.procedure)
            shown = Markup(f"{shown} {inert(title)}") if title else shown
        return self.link("procedure", step.procedure, shown, step.anchor)

    def records(self, idents: Iterable[str]) -> Markup:
        """Links to evidence records, each with its status next to it ("–" when there are none)."""
        parts = []
        for ident in idents:
            record = self.site.hb.records.get(ident)  # None for a withheld (internal) record
            link = self.link("record", ident)
            parts.append(Markup(f"{link} ({inert(record.status.label.lower())})") if record is not None else link)
        return Markup(", ").join(parts) or Markup("–")

    def actor(self, ident: str) -> Markup:
        return self.link("actor", ident, self.actor_label(ident))

    def linked(self, kind: str, idents: Iterable[str], titles: bool = False) -> Markup:
        """Links to several documents, separated by commas; "–" when there are none."""
        make = self.titled if titles else self.link
        return Markup(", ").join(make(kind, ident) for ident in idents) or Markup("–")

    def file_url(self, target: str) -> Markup:
        """A file the site carries (a PDF, a spreadsheet), by its address in the site."""
        return _href(paths.rel_html(self.here, target))

    def named(self, kind: str, ident: str) -> str:
        """'ID title', the way documents are named throughout the site."""
        return f"{ident} {self.title(kind, ident)}".strip()

    def title(self, kind: str, ident: str) -> str:
        """A document's title; "" for one without a title, an unknown or a withheld one."""
        if ident in self.site.hb.withheld:
            return ""
        doc = self.site.hb.of(kind).get(ident)
        return str(getattr(doc, "title", "")) if doc is not None else ""

    def actor_label(self, ident: str) -> str:
        actor = self.site.hb.actors.get(ident)
        return actor.label if actor else ident


def _ident(ident: str) -> Markup:
    """An id as shown on a page: on one line (it must never break at its hyphen or inside)."""
    return Markup(f'<span class="kpro-id">{inert(ident)}</span>')


def _href(url: str) -> Markup:
    """A relative address made from ids and fixed page names, escaped for an attribute. (It is
    never Markdown-escaped: `#` must stay `#`, and attributes are not read as Markdown.)"""
    return escape(url)


def _index(target: str) -> bool:
    """A kind's section index page, which always exists for kinds with pages."""
    folder, _, name = target.partition("/")
    return name == "index.md" and any(k.section == folder for k in BY_NAME.values() if k.section)
