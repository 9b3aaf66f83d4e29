"""mkdocs hook for the internal site (`handbook build --internal`): every page says, at its top,
that it must not be published, and asks search engines to stay away (a meta tag on every page and
a robots.txt), in case a copy ends up on a public server by mistake. Fixed text only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BANNER = (
    '<div class="admonition danger kpro-internal" role="note">'
    '<p class="admonition-title">Intern udgave – må ikke offentliggøres</p>'
    "<p>Denne udgave af håndbogen indeholder interne dokumenter. Den må ikke lægges på et "
    "offentligt websted eller sendes uden for organisationen.</p></div>\n"
)
NOINDEX = '<meta name="robots" content="noindex, nofollow">'


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return BANNER + html


def on_post_page(output: str, page: Any, config: Any) -> str:
    return output.replace("<head>", "<head>\n" + NOINDEX, 1)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Static pages (404.html) are not pages of the site's content, but they are served too."""
    return output_content.replace("<head>", "<head>\n" + NOINDEX, 1)


def on_post_build(config: Any) -> None:
    Path(config["site_dir"], "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
