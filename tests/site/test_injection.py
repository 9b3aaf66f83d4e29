"""Regression tests for two script-injection holes: a quote in the handbook title broke out of an
attribute in the theme's header, and a Markdown field rendered into a table cell was read as
Markdown a second time (attribute lists and links that the first pass left as text)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from handbook.cli import main

from ..html_scan import scan_html, scan_site
from .conftest import TODAY, make_handbook

MARKER = "__xss"
TITLE = f'Håndbog" onmouseover="window.{MARKER}=1" x="\'><script>window.{MARKER}=2</script></title><b>'
CHANGE_NOTE = (
    f"Tilføjet \\[klik\\](javascript:window.{MARKER}=3) og "
    f'&#91;link&#93;(javascript:window.{MARKER}=4) og tekst {{: onclick="window.{MARKER}=5" }}\n\n'
    f'Afsnit {{: onmouseover="window.{MARKER}=6" }}\n\n'
    f"\\<img src=x onerror=window.{MARKER}=7\\>"
)


def _poison(root: Path) -> None:
    settings = root / "qms" / "handbook.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^title: .*$", lambda _: "title: " + _quoted(TITLE), text), encoding="utf-8")
    proc = root / "qms" / "procedures" / "PR-01.yaml"
    text = proc.read_text(encoding="utf-8")
    proc.write_text(
        re.sub(r"(?m)^  change_note: .*$", lambda _: "  change_note: " + _quoted(CHANGE_NOTE), text), encoding="utf-8"
    )


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    root = make_handbook(base / "hb")
    _poison(root)
    out = base / "site"
    assert main(["build", str(root), "--out", str(out), "--today", TODAY.isoformat()]) == 0
    return out


def test_no_page_carries_runnable_markup(hostile_site: Path) -> None:
    assert scan_site(hostile_site, MARKER) == {}


def test_title_is_escaped_once_in_every_theme_context(hostile_site: Path) -> None:
    page = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Håndbog&#34; onmouseover=&#34;window.__xss=1&#34;' in page
    assert 'title="Håndbog&#34; onmouseover' in page  # `| e` in the theme does not escape it twice
    assert "&amp;#34;" not in page and "&amp;lt;" not in page
    assert "<script>window.__xss" not in page


def test_change_note_is_rendered_once_outside_the_table(hostile_site: Path) -> None:
    page = (hostile_site / "procedures" / "PR-01.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    assert scan_html(article, MARKER) == []
    text = html.unescape(article)
    assert "[klik](javascript:window.__xss=3)" in text  # shown as the text the author escaped
    assert '{: onclick="window.__xss=5" }' in text  # the attribute list stays text
