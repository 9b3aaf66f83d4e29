"""Escaping and sanitising: YAML text can never inject markup or script into a page."""

from __future__ import annotations

import markdown
import pytest

from handbook.site.text import attr, cell, esc, md_block, md_html


def render(md: str) -> str:
    return markdown.markdown(md, extensions=["tables", "attr_list"])


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</title><b>x</b>", "a & b < c > d"],
)
def test_plain_text_html_is_literal(text: str) -> None:
    html = render(esc(text))
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
    assert forbidden not in render(esc(text))


def test_plain_text_is_one_line() -> None:
    assert "\n" not in esc("line one\n\n# line two")


def test_cell_keeps_table_shape() -> None:
    html = render("| a | b |\n|---|---|\n| " + cell("x | y") + " | z |\n")
    assert html.count("<td>") == 2
    assert cell("") == "–"


def test_attr_escapes_quotes() -> None:
    assert attr('a "b" <c>') == "a &quot;b&quot; &lt;c&gt;"


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


def test_md_block_is_one_html_block() -> None:
    block = md_block("para 1\n\npara 2\n\n- x")
    assert block.startswith('<div class="kpro-md">\n') and block.endswith("</div>\n")
    assert "\n\n" not in block

