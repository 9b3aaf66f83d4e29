"""Stable addresses: every page path and anchor is derived from an id, never from a title, so a
citation or bookmark survives a retitled document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import functools
import posixpath

SECTIONS = {
    "procedure": "procedures",
    "actor": "actors",
    "requirement": "requirements",
    "risk": "risks",
    "device": "devices",
    "record": "records",
}
INDEX = "index.md"
RACI = "raci.md"
TRACEABILITY = "sporbarhed.md"
CHANGELOG = "aendringslog.md"


def page(kind: str, ident: str) -> str:
    return f"{SECTIONS[kind]}/{ident}.md"


def section_index(kind: str) -> str:
    return f"{SECTIONS[kind]}/index.md"


def activity_anchor(procedure: str, activity: str) -> str:
    return f"{procedure}-{activity}"


def rel(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative Markdown link target (the site builder turns .md into .html and checks it)."""
    target = _relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=65536)
def _relpath(to_page: str, from_dir: str) -> str:
    # Pages live in a handful of folders, so the same few thousand pairs recur; relpath is slow.
    return posixpath.relpath(to_page, from_dir)


def rel_html(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link for raw HTML blocks, which the builder does not rewrite."""
    return rel(from_page, to_page[:-3] + ".html" if to_page.endswith(".md") else to_page, anchor)


def section_pages(kind: str, index_text: str, items: Iterable[Any], render: Callable[[Any], str]) -> dict[str, str]:
    """A section's pages: its index page plus one page per item, each at its id's address."""
    out = {section_index(kind): index_text}
    out.update((page(kind, item.id), render(item)) for item in items)
    return out
