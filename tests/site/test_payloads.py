"""Escaping by context, proven on the real handbook: every string field of every kind, the
settings and the municipality CSV carry hostile text (tests/payloads.py), and no output file of
the built site holds anything that could run it."""

from __future__ import annotations

import gzip
import html
import json
from pathlib import Path

import pytest

from handbook.cli import main

from ..html_scan import scan_html, scan_site
from ..payloads import MARKER, VISIBLE, poisoned_handbook
from .conftest import TODAY


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("payloads")
    root = poisoned_handbook(base / "hb")
    out = base / "site"
    assert main(["build", str(root), "--out", str(out), "--today", TODAY.isoformat()]) == 0
    return out


def test_no_html_file_holds_runnable_markup(poisoned_site: Path) -> None:
    assert len(list(poisoned_site.rglob("*.html"))) > 250
    assert scan_site(poisoned_site, MARKER) == {}


def _json_strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _json_strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _json_strings(v)]
    return []


@pytest.mark.parametrize("name", ["search_index.js", "search_index.json"])
def test_the_search_index_holds_no_runnable_markup(poisoned_site: Path, name: str) -> None:
    """The theme shows search results as HTML: every string in the index must be safe HTML."""
    raw = (poisoned_site / "search" / name).read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("{") : raw.rindex("}") + 1])
    strings = _json_strings(index)
    assert any(MARKER in s for s in strings), "the payloads should be in the index, as text"
    problems = [found for s in strings for found in scan_html(s, MARKER)]
    assert problems == []


def test_the_sitemap_holds_addresses_only(poisoned_site: Path) -> None:
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        raw = (poisoned_site / name).read_bytes()
        text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
        assert MARKER not in text and "<script" not in text.lower(), name


def test_payloads_are_shown_as_typed(poisoned_site: Path) -> None:
    """Escaping keeps the text: a reader sees what the author typed, templates do not run it."""
    pages = [html.unescape(p.read_text(encoding="utf-8")) for p in poisoned_site.rglob("*.html")]
    assert any(VISIBLE in page for page in pages)
    assert any("<script>window.__xss=1</script>" in page for page in pages)  # as text, after unescaping
