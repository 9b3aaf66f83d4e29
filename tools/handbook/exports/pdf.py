"""PDFs made with WeasyPrint from the same page templates as the site (not by printing the web site).

A page template renders the Markdown skeleton the site builder gets (front matter, headings, HTML
blocks); here that skeleton becomes HTML with the same Markdown extensions the site uses, and
one print template (`templates/print/document.html.j2`) lays the pages out for A4: a running
header with the document, its revision and the edition, "Side X af Y", a footer saying that a
printed copy is not controlled, table headers repeated on every page and headings kept with what
follows. The fonts ship with the package (DejaVu Sans, `exports/fonts/`) and are embedded; the
machine's fonts are never used. The same input gives the same bytes.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import markdown
from markupsafe import Markup

from ..site.templating import environment

FONT_DIR = Path(__file__).parent / "fonts"
# The Markdown the site builder reads (mkdocs.yml `markdown_extensions`), so a page says the same
# in print as on the site.
MARKDOWN_EXTENSIONS = ("toc", "tables", "attr_list", "admonition")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HREF = re.compile(r'href="([^"#:]*)(#[^"]*)?"')


@dataclass(frozen=True)
class Section:
    """One page of the site in a PDF: where it lives on the site, and its HTML."""

    path: str  # the page's address on the site, e.g. "procedures/PR-01.md"
    running: str  # the running header while this section is printed, e.g. "PR-01 rev. 2"
    html: Markup

    @property
    def anchor(self) -> str:
        return anchor_of(self.path)


@dataclass(frozen=True)
class PrintDocument:
    title: str  # the PDF's title (metadata and first heading)
    edition: str  # the one edition identifier, e.g. "udgave 2027.1"
    date: str  # the edition's date, YYYY-MM-DD (metadata; never the time of printing)
    sections: tuple[Section, ...]
    language: str = "da"


def anchor_of(path: str) -> str:
    return "p-" + path.removesuffix(".md").replace("/", "-")


def page_html(path: str, skeleton: str) -> Markup:
    """A generated page's Markdown skeleton as HTML. The skeleton comes from the page templates,
    where every value is already escaped; Markdown adds only headings and their ids."""
    body = _FRONT_MATTER.sub("", skeleton, count=1)
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html")
    return Markup(converter.convert(body))  # template output, escaped at render time


def section(path: str, skeleton: str, running: str) -> Section:
    return Section(path, running, page_html(path, skeleton))


def _relinked(sections: Iterable[Section]) -> list[Markup]:
    """Links between pages that are in the PDF jump within it; links to pages that are not are
    kept as text (a printed copy cannot follow them)."""
    inside = {s.path.removesuffix(".md") + ".html" for s in sections}
    out = []
    for sec in sections:
        base = posixpath.dirname(sec.path)

        def target(match: re.Match[str], base: str = base) -> str:
            page, fragment = match.group(1), match.group(2) or ""
            if not page:
                return match.group(0)  # an anchor on the same page
            resolved = posixpath.normpath(posixpath.join(base, page))
            if resolved in inside:
                return f'href="{fragment or "#" + anchor_of(resolved.removesuffix(".html") + ".md")}"'
            return 'data-kpro-offline=""'

        out.append(Markup(_HREF.sub(target, str(sec.html))))
    return out


def document_html(doc: PrintDocument) -> str:
    template = environment().get_template("print/document.html.j2")
    bodies = _relinked(doc.sections)
    return template.render(doc=doc, sections=list(zip(doc.sections, bodies, strict=True)), font_dir=FONT_DIR)


def render_pdf(doc: PrintDocument) -> bytes:
    from weasyprint import HTML  # imported here: only exports pay for loading it

    html = document_html(doc)
    return HTML(string=html, base_url=str(FONT_DIR) + "/").write_pdf()  # type: ignore[no-any-return]  # WeasyPrint is untyped
