"""Navigation: mkdocs-material renders the whole nav into every page, so listing every
document would make the build O(pages²). Large sections show only their index page (with
`navigation.indexes` the section title opens it); small ones list their pages too.

The sections are the kinds with pages, in the registry's order and under their Danish plural;
the matrices that belong with a kind stand next to it.
"""

from __future__ import annotations

from typing import Any

from ..kinds import Kind, with_pages
from . import paths

# Sections with more pages than this are represented by their index page alone.
NAV_SECTION_LIMIT = 30

# Hand-written pages, in reading order, where they exist in docs/.
BEFORE = (("Læsevejledning", "laesevejledning.md"),)
AFTER = (
    ("Forfatterguide", "forfatterguide.md"),
    ("Tilgængelighed", "tilgaengelighed.md"),
)
# The RACI matrix follows the actors; the gap register and the conformity report follow the
# requirements.
AFTER_KIND = {
    "actor": {"Ansvarsfordeling (RACI)": paths.RACI},
    "requirement": {"Huller og handlingsplaner": paths.GAPS, "Overensstemmelsesrapport": paths.CONFORMITY_REPORT},
}


def _section(kind: Kind, pages: list[str]) -> dict[str, Any]:
    index = paths.section_index(kind.name)
    if kind.overview:  # reached through its overview page and its index (e.g. the requirements)
        return {kind.nav_heading: [kind.overview, index]}
    prefix = kind.section + "/"
    children = sorted(p for p in pages if p.startswith(prefix) and p != index)
    entries: list[Any] = [index]
    if len(children) <= NAV_SECTION_LIMIT:
        entries += children
    return {kind.nav_heading: entries}


def build_nav(pages: list[str], handwritten: list[str]) -> list[Any]:
    hand = set(handwritten)
    nav: list[Any] = [{"Forside": paths.INDEX}]
    nav += [{t: p} for t, p in BEFORE if p in hand]
    for kind in with_pages():
        nav.append(_section(kind, pages))
        if kind.name in AFTER_KIND:
            nav += [{title: page} for title, page in AFTER_KIND[kind.name].items()]
    nav.append({"Ændringer": paths.CHANGES})
    nav.append({"Udgaver": paths.EDITIONS})
    nav.append({"Citering": paths.CITATION})
    nav += [{t: p} for t, p in AFTER if p in hand]
    listed = {p for t, p in BEFORE + AFTER}
    # Any other hand-written page is still reachable, after the known ones, in a stable order.
    nav += sorted(p for p in hand if p.endswith(".md") and p not in listed and "/" not in p and p != paths.INDEX)
    return nav


def describe() -> str:
    return (
        f"nav: sections with more than {NAV_SECTION_LIMIT} pages list only their index page; "
        "features navigation.indexes, no navigation.expand/sections/prune needed; requirements only via index pages"
    )
