"""Stable addresses: every page path and anchor is derived from an id, never from a title, so a
citation or bookmark survives a retitled document. A kind's pages live in the folder its
registry entry names (`Kind.section`)."""

from __future__ import annotations

import functools
import posixpath

from ..kinds import BY_NAME

INDEX = "index.md"
RACI = "raci.md"
TRACEABILITY = BY_NAME["requirement"].overview  # the traceability matrix
CHANGES = "aendringer.md"  # the changes since the previous edition, from `handbook diff`
EDITIONS = "udgaver.md"  # the editions released up to this one
CITATION = "citering.md"  # how to cite, with this edition's own identifier
CONFORMITY_REPORT = "rapporter/overensstemmelse.md"  # the conformity report (reports/conformity.py)
GAPS = "huller.md"  # the gap register: every requirement not fully met, with owners and plans
# Generated pages that are not a kind's pages.
SPECIAL_PAGES = (INDEX, RACI, TRACEABILITY, CHANGES, EDITIONS, CITATION, GAPS, CONFORMITY_REPORT)


# A page per municipality in the adoption overview's section, and the documents made for it from
# the forms, by the form's use: municipalities/825.md, municipalities/825/erklaering.md, ...
MUNICIPALITIES = BY_NAME["adoption"].section
MUNICIPAL_DOCUMENTS = {"declaration": "erklaering", "local-annex": "bilag", "inspection-folder": "tilsynsmappe"}


def municipality(code: str) -> str:
    return f"{MUNICIPALITIES}/{code}.md"


def municipal_document(code: str, use: str) -> str:
    return f"{MUNICIPALITIES}/{code}/{MUNICIPAL_DOCUMENTS[use]}.md"


def page(kind: str, ident: str) -> str:
    return f"{BY_NAME[kind].section}/{ident}.md"


def section_index(kind: str) -> str:
    return f"{BY_NAME[kind].section}/index.md"


def section_entry(kind: str) -> str:
    """The page a section opens with: its overview page if it has one, else its index."""
    return BY_NAME[kind].overview or section_index(kind)


def activity_anchor(procedure: str, activity: str) -> str:
    return f"{procedure}-{activity}"


def html(page_path: str) -> str:
    """A page's address in the built site, relative to its root: procedures/PR-01.html."""
    return page_path[:-3] + ".html" if page_path.endswith(".md") else page_path


def rel_html(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link from one page to another as the built site has them (.md becomes .html)."""
    url = _relpath(html(to_page), posixpath.dirname(from_page) or ".")
    return f"{url}#{anchor}" if anchor else url


@functools.lru_cache(maxsize=65536)
def _relpath(to_page: str, from_dir: str) -> str:
    # Pages live in a handful of folders, so the same few thousand pairs recur; relpath is slow.
    return posixpath.relpath(to_page, from_dir)
