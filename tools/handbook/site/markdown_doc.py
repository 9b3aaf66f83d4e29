"""Small builders for generated Markdown, so renderers say what, not how."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells must already be escaped (esc/cell/link)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(c or "–" for c in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def field_table(fields: Iterable[tuple[str, str]]) -> str:
    return table(("Felt", "Værdi"), fields)


def bullets(items: Iterable[str]) -> str:
    return "".join(f"- {item}\n" for item in items)


def page(*blocks: str) -> str:
    """Join blocks with one blank line; a page always ends with exactly one newline."""
    return "\n".join(b.rstrip("\n") + "\n" for b in blocks if b).rstrip("\n") + "\n"


def h1(title: str, anchor: str = "") -> str:
    """Front matter + level-1 heading for a generated page.

    The explicit `title` matters for safety: without it mkdocs takes the title from the
    heading and mkdocs-material prints it through `striptags`, which *unescapes* entities, so a
    YAML title like `</title><script>` would become live markup in <title>. The front-matter
    title is HTML-escaped here and printed as is.
    """
    from .text import attr, esc

    anchor_attr = f" {{#{anchor}}}" if anchor else ""
    return f"---\ntitle: {json.dumps(attr(title), ensure_ascii=False)}\n---\n\n# {esc(title)}{anchor_attr}"
