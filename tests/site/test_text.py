"""Escaping and sanitising: YAML text can never inject markup or script into a page, whether it
lands in HTML, in an attribute, or in a line the Markdown processor reads."""

from __future__ import annotations

import html as html_lib
import re

import markdown
import pytest

from handbook.check import CheckResult
from handbook.site.templating import inert, markdown_field, render
from handbook.site.text import md_html


def to_html(md: str) -> str:
    """What the site builder makes of a line: the same Markdown extensions as mkdocs.yml."""
    return markdown.markdown(md, extensions=["tables", "attr_list", "admonition", "toc"])


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</title><b>x</b>", "a & b < c > d"],
)
def test_plain_text_html_is_literal(text: str) -> None:
    html = to_html(inert(text))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;" in html or "&amp;" in html


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("*bold* _x_", "<em>"),
        ("[link](https://example.org)", "<a"),
        ("# heading", "<h1"),
        ("- item", "<li"),
        ("1. item", "<ol"),
        ("`code`", "<code"),
        ("a | b", "<table"),
        ("Titel {#evil .cls}", 'id="evil"'),
        ("![img](x.png)", "<img"),
    ],
)
def test_plain_text_markdown_is_literal(text: str, forbidden: str) -> None:
    assert forbidden not in to_html(inert(text))
    assert forbidden not in to_html("## " + inert(text))  # in a heading, the Markdown processor reads it


def test_plain_text_shows_as_typed() -> None:
    shown = to_html("<p>" + str(inert("a *b* [c](d) {#e} & <f> 'g' \"h\" 2026-11-02")) + "</p>")
    assert html_lib.unescape(re.sub("<[^>]+>", "", shown)) == "a *b* [c](d) {#e} & <f> 'g' \"h\" 2026-11-02"


def test_plain_text_is_one_line_without_control_characters() -> None:
    assert "\n" not in inert("line one\n\n# line two")
    assert "\x07" not in inert("bell\x07") and "\ufffd" in inert("bell\x07")


def test_attribute_and_front_matter_contexts_are_closed() -> None:
    assert inert('a "b" <c>') == "a &#34;b&#34; &lt;c&gt;"
    assert "\\" not in inert("back\\slash")  # safe inside a double-quoted YAML scalar


def test_templates_escape_by_default(example_result: CheckResult) -> None:
    from jinja2 import Environment

    from handbook.site.context import Site
    from handbook.site.edition import DRAFT
    from handbook.site.render import _common

    common = _common(example_result.handbook, DRAFT, example_result.today)
    page = Site(example_result.handbook, DRAFT, example_result.today).at("x.md")
    out = render("_base.md.j2", title="<x>", anchor="", page=page, **common)
    assert out.count("&lt;x&gt;") == 2 and "<x>" not in out
    assert isinstance(Environment, type)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        '<div onmouseover="alert(1)">x</div>',
        "<iframe src=https://example.org></iframe>",
        "<style>body{}</style>",
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_markdown_field_is_sanitised(payload: str) -> None:
    html = md_html("Tekst " + payload).lower()
    for bad in (
        "<script",
        "onerror",
        "onload",
        "onmouseover",
        "javascript:",
        "data:",
        "<iframe",
        "<style",
        "<img",
        "<div",
    ):
        assert bad not in html, (payload, html)


def test_markdown_field_keeps_allowed_markdown() -> None:
    html = md_html("**fed** og *kursiv*\n\n- a\n- b\n\n[link](https://example.org) [mail](mailto:a@b.dk) [rel](x.html)")
    assert "<strong>fed</strong>" in html and "<em>kursiv</em>" in html and "<li>a</li>" in html
    assert 'href="https://example.org"' in html and 'href="mailto:a@b.dk"' in html and 'href="x.html"' in html


def test_text_angle_brackets_survive_as_text() -> None:
    assert "a &lt; b" in md_html("a < b")


def test_markdown_field_is_one_html_block() -> None:
    block = markdown_field("para 1\n\npara 2\n\n- x")
    assert "<p>para 1</p>" in block and "<li>x</li>" in block
    assert "\n\n" not in block

