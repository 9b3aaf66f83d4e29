"""Danish full-text search (mkdocs-material search with the offline plugin): a reader types a
word in the search box and gets links to handbook pages, both from the web server and from a
copy of the site folder opened with file:// (no server, no network)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from .browser_kit import Served, h1, search

pytestmark = pytest.mark.browser

QUERY = "risikovurdering"


def _assert_hits_in_site(hits: list[str], base: str) -> None:
    assert hits, f"no search results for {QUERY!r}"
    for hit in hits:
        assert hit.startswith(base + "/"), f"result {hit} points outside the site {base}"
        assert urlsplit(hit).path.endswith(".html"), f"result {hit} is not a page of the site"


def _open_first_hit(page: Page, base: str) -> None:
    first = page.locator(".md-search-result__item a").first
    with page.expect_navigation(wait_until="load"):
        first.click()
    assert page.url.startswith(base + "/")
    assert h1(page), f"{page.url} has no heading"
    assert "404" not in page.title()


def test_search_index_is_danish(site_dir: Path) -> None:
    config = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert "da" in config["lang"], config
    assert (site_dir / "search" / "search_index.js").is_file(), "offline plugin did not inline the index"


def test_search_over_http(page: Page, site: Served, screenshot) -> None:
    page.goto(site.http("index.html"))
    hits = search(page, QUERY)
    _assert_hits_in_site(hits, site.http_base)
    assert page.locator(".md-search-result__meta").inner_text().strip(), "no result count shown"
    screenshot(page, "search-results-http")
    _open_first_hit(page, site.http_base)
    assert not page.errors.uncaught, page.errors.uncaught


def test_search_from_copied_folder_over_file(page: Page, copied_site_dir: Path, screenshot) -> None:
    base = copied_site_dir.as_uri()
    page.goto(f"{base}/index.html")
    hits = search(page, QUERY)
    _assert_hits_in_site(hits, base)
    screenshot(page, "search-results-file")
    _open_first_hit(page, base)
    assert not page.errors.uncaught, page.errors.uncaught
    external = sorted({u for u in page.errors.requests if not u.startswith(("file:", "data:", "blob:", "about:"))})
    assert not external, f"the copied site fetched from outside its folder: {external}"


@pytest.mark.parametrize(("query", "code"), [("Læsø", "825"), ("Aalborg", "851"), ("825", "825")])
def test_a_municipality_name_or_code_finds_its_page_first(page: Page, site: Served, query: str, code: str) -> None:
    page.goto(site.http("index.html"))
    hits = search(page, query)
    assert urlsplit(hits[0]).path.endswith(f"/municipalities/{code}.html"), hits[:5]
