"""The one template environment for every page (and, later, every PDF and report).

Safety is the default, not a choice per call:
- autoescaping is on, and every `{{ value }}` first goes through `inert`: HTML-escaped, its
  whitespace collapsed to one line, control characters replaced, and the few characters that
  mean something to Markdown (`* _ [ ] { } # ! | ~ ^ \\ backtick`) written as numeric character
  references. So text from YAML, CSV, git or settings is literal wherever it lands: in HTML, in
  an attribute, in a heading that the Markdown processor reads, or in the front matter;
- the only thing marked safe is the output of `markdown` (the `md` filter): the fields the
  schema marks as Markdown, rendered once and sanitised with an allow-list (`text.md_html`).

Pages are Markdown skeletons (front matter and headings, so the site builder still makes the
table of contents and search sections) whose content is HTML blocks the Markdown processor
passes through untouched.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .text import md_html

# One pass over the text: HTML's special characters become entities, and the characters that
# Markdown (with the tables and attr_list extensions) reads as syntax inside a line become
# numeric character references, which display the same and mean nothing to Markdown.
_INERT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
    | {c: f"&#{ord(c)};" for c in "\\`*_[]{}#!|~^"}
)
_WHITESPACE = re.compile(r"\s+")
# At the start of a line these begin a list, a setext heading underline or a numbered item; a
# value is never placed there by the templates, but if it were, it must still be text.
_LINE_START = re.compile(r"^(\s*)([-+=])|^(\s*[0-9]+)([.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def inert(value: Any) -> Markup:
    """Any value as literal HTML text that no Markdown pass can change (see module docstring)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, int | float | date):
        return _markup(str(value))  # digits, a sign, a dot, an exponent or dashes only
    flat = _WHITESPACE.sub(" ", _CONTROL.sub("\ufffd", str(value))).translate(_INERT)
    return _markup(_LINE_START.sub(_neutral_start, flat, count=1))


def _markup(escaped: str) -> Markup:
    """Wrap text that is already escaped. (Markup's own constructor first asks every value for an
    `__html__` method; half a million values per large site make that measurable.)"""
    return str.__new__(Markup, escaped)


def _neutral_start(match: re.Match[str]) -> str:
    prefix, char = (match.group(1), match.group(2)) if match.group(2) else (match.group(3), match.group(4))
    return f"{prefix}&#{ord(char)};"


def markdown_field(text: str | None) -> Markup:
    """A Markdown field rendered once and sanitised: the one place text becomes markup."""
    return Markup(one_block(md_html(text))) if text else Markup("")


def one_block(html_text: str) -> str:
    """Drop blank lines, so a Markdown page passes the HTML through as one raw block."""
    return "\n".join(line for line in html_text.splitlines() if line.strip())


def html_block(content: Markup) -> Markup:
    """A template's HTML as one raw block: no blank lines inside, blank lines around."""
    body = one_block(str(content))
    return Markup(f"\n{body}\n") if body else Markup("")


_ANCHOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def heading_id(anchor: str) -> Markup:
    """The attribute list that gives a Markdown heading a stable id, e.g. ` {#PR-01}`. Anchors are
    made from ids, which the schemas and the registry restrict; anything else is a bug."""
    if not anchor:
        return Markup("")
    if not _ANCHOR.fullmatch(anchor):
        raise ValueError(f"not an anchor: {anchor!r}")
    return Markup(f" {{#{anchor}}}")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("handbook", "templates"),
        extensions=["jinja2.ext.do"],
        autoescape=True,
        finalize=inert,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=markdown_field, block=html_block)
    env.globals.update(heading_id=heading_id)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)

