"""Markdown fields: rendered once and sanitised, the only way author markup reaches a page.

The schemas mark a field as Markdown with `contentMediaType: text/markdown`. Such a field is
rendered, but raw HTML is stripped *before* Markdown runs and the resulting HTML is cleaned
again with an allow-list (tags, attributes, URL schemes), so `<script>`, `onerror=` and
`javascript:`/`data:` links never reach a page. Every other text is plain and is escaped by the
template environment (`templating.inert`). Only `http`, `https`, `mailto` and relative links
survive.
"""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "hr", "h4", "h5", "h6"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def _safe_url(element: str, attribute: str, value: str) -> str | None:
    """Second line of defence for hrefs: browsers ignore tabs/newlines/controls inside a URL, so
    judge the scheme with them removed and refuse anything but the allow-listed schemes."""
    if attribute != "href":
        return value
    squeezed = _IGNORED_IN_URL.sub("", html.unescape(value)).lower()
    match = _SCHEME.match(squeezed)
    if match and match.group(1) not in ALLOWED_SCHEMES:
        return None
    if squeezed != value.lower() and ":" in squeezed.split("/", 1)[0]:
        return None  # a scheme hidden behind whitespace: not a link we want to guess about
    return value


def _clean_html(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_safe_url,
    )


# One converter, reset between fields: building a Markdown parser costs more than converting
# a short field with it (half the render time of a 1,000-procedure handbook).
_MARKDOWN = markdown.Markdown(output_format="html")


@functools.lru_cache(maxsize=8192)
def md_html(text: str) -> str:
    """A Markdown field as sanitised HTML (block level)."""
    # Pass 1: strip every raw HTML tag (and the content of script/style) from the source.
    # nh3 returns text with &, <, > as entities, which Markdown leaves alone.
    source = nh3.clean(text, tags=set(), strip_comments=True)
    rendered = _MARKDOWN.reset().convert(source)
    # Pass 2: allow-list the HTML Markdown produced; drops javascript:/data: hrefs, images, etc.
    return _clean_html(rendered)
