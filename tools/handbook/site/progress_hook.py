"""mkdocs hook: count each page the site builder writes, for the progress shown by `handbook
build` on a terminal (`handbook.progress`). Does nothing when no progress is drawn."""

from __future__ import annotations

from typing import Any

from handbook.progress import page_built


def on_post_page(output: str, page: Any, config: Any) -> str:
    page_built()
    return output
