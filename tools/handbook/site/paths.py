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
# Generated pages that are not a kind's pages.
SPECIAL_PAGES = (INDEX, RACI, TRACEABILITY, CHANGES, EDITIONS, CITATION, CONFORMITY_REPORT)


def page(kind: str, ident: str) -> str:
    return f"{BY_NAME[kind].section}/{ident}.md"


def section_index(kind: str) -> str:
    return f"{BY_NAME[kind].section}/index.md"


def section_entry(kind: str) -> str:
    """The page a section opens with: its overview page if it has one, else its index."""
    return BY_NAME[kind].overview or section_index(kind)


def activity_anchor(procedure: str, activity: str) -> str:
    return f"{procedure}-{activity}"


def rel_html(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link from one page to another as the built site has them (.md becomes .html)."""
    target = to_page[:-3] + ".html" if to_page.endswith(".md") else to_page
    url = _relpath(target, posixpath.dirname(from_page) or ".")
    return f"{url}#{anchor}" if anchor else url


@functools.lru_cache(maxsize=65536)
def _relpath(to_page: str, from_dir: str) -> str:
    # Pages live in a handful of folders, so the same few thousand pairs recur; relpath is slow.
    return posixpath.relpath(to_page, from_dir)
