"""Escaping and sanitising: the only way YAML text reaches a page.

Two kinds of text exist in the schemas:
- plain text (`defs/text`: titles, names, roles): shown literally, so HTML special characters
  become entities and Markdown control characters are backslash-escaped;
- Markdown (`contentMediaType: text/markdown`): rendered, but raw HTML is stripped *before*
  Markdown runs and the resulting HTML is cleaned again with an allow-list (tags, attributes,
  URL schemes), so `<script>`, `onerror=` and `javascript:`/`data:` links never reach a page.

Markdown fields are emitted as finished, sanitised HTML inside the generated page, so the site
builder never interprets author Markdown itself (whichever builder it is).
"""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3

# Characters Python-Markdown treats as syntax and accepts a backslash before (the tables
# extension adds "|"). "<", ">" and "&" are handled as HTML entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote", "hr", "h4", "h5", "h6"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


def esc(text: object) -> str:
    """Plain text for a Markdown page: one line, literal, safe in headings and table cells."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def attr(text: object) -> str:
    """Text for an HTML attribute value or raw HTML element content."""
    return html.escape(" ".join(str(text).split()), quote=True)


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


def md_block(text: str, css: str = "kpro-md") -> str:
    """A Markdown field as a raw HTML block that a Markdown page passes through untouched.

    Blank lines are removed so every Markdown implementation sees one single HTML block.
    """
    return f'<div class="{css}">\n{one_block(md_html(text))}\n</div>\n'


def one_block(html_text: str) -> str:
    """Drop blank lines, so a Markdown page passes the HTML through as one raw block."""
    return "\n".join(line for line in html_text.splitlines() if line.strip())


def cell(text: str) -> str:
    """Plain text for a Markdown table cell (esc already escapes the pipe)."""
    return esc(text) or "–"
