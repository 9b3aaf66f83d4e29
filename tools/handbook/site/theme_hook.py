"""mkdocs hook: every text value the handbook hands the theme is escaped here, once.

mkdocs-material prints `config.site_name` raw in some places (`aria-label="{{ config.site_name }}"`,
`<title>`) and through `| e` in others, and `config.copyright` raw. Handing the theme a
`markupsafe.Markup` made from the escaped text is right in every one of those contexts: printed
raw it is escaped text (quotes included, so it cannot leave an attribute), and `| e` leaves a
Markup alone instead of escaping it a second time.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

# The settings that reach the theme's templates as text. Nothing else is taken from handbook data.
THEME_TEXT_SETTINGS = ("site_name", "site_description", "site_author", "copyright")


def on_config(config: Any) -> Any:
    for key in THEME_TEXT_SETTINGS:
        value = config.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            config[key] = escape(value)
    return config
