"""mkdocs hook: add alternative spellings and id variants to the search index (`search.py`),
after the theme's search plugin has written it and before the offline plugin inlines it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from handbook.site.search import rewrite

# The search plugin writes the index at the default priority (0); the offline plugin copies it
# into search_index.js at -100.
AFTER_SEARCH_BEFORE_OFFLINE = -50


@event_priority(AFTER_SEARCH_BEFORE_OFFLINE)
def on_post_build(config: Any) -> None:
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        rewrite(index)
