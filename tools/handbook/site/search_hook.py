"""mkdocs hook: add alternative spellings and id variants to the search index (`search.py`),
after the theme's search plugin has written it and before the offline plugin inlines it.

The live preview rebuilds only the pages that changed (mkdocs's dirty build); the theme's search
plugin then indexes only those. The index is merged here page by page with the one the last build
wrote: the rebuilt pages' entries are new, all others are kept. (The theme's own merge handles one
changed page per build only, so it is switched off.) A full build starts from an empty folder and
has nothing to merge.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from handbook.site.search import read_entries, rewrite

# The search plugin writes the index at the default priority (0); the offline plugin copies it
# into search_index.js at -100.
AFTER_SEARCH_BEFORE_OFFLINE = -50

# This build's state: mkdocs loads the hook afresh with each configuration it loads.
_previous: list[dict[str, Any]] = []
_built: set[str] = set()


def _index(config: Any) -> Path:
    return Path(config["site_dir"]) / "search" / "search_index.json"


def on_config(config: Any) -> Any:
    for name, plugin in config.plugins.items():
        if name.endswith("search") and hasattr(plugin, "is_dirty"):
            plugin.is_dirty = False  # merged page by page below instead
    return config


def on_pre_build(config: Any) -> None:
    _previous[:] = read_entries(_index(config))
    _built.clear()


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    _built.add(page.url)
    return context


@event_priority(AFTER_SEARCH_BEFORE_OFFLINE)
def on_post_build(config: Any) -> None:
    index = _index(config)
    if index.is_file():
        rewrite(index, _previous, _built)
