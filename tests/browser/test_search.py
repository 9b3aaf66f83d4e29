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

# What readers type, and the page that must come first. Procedures and requirements come before
# records for the words in their titles; a record, risk or device comes first only where no
# procedure or requirement has the word in a title. Spellings without æ, ø, å and ids as people
# say them ("PR 8") find the same page as the exact form.
FIRST_HIT = {
    "hændelse": "procedures/PR-08.html",
    "haendelse": "procedures/PR-08.html",
    "klage": "procedures/PR-09.html",
    "risikovurdering": "records/REC-15-5.html",  # the only title with the word
    "kvalitetsaftale": "procedures/PR-05.html",
    "leverandør": "procedures/PR-05.html",
    "ændringsønske": "procedures/PR-07.html",
    "aendringsoenske": "procedures/PR-07.html",
    "udviklingspulje": "records/REC-07-3.html",  # the only title with the word
    "spørgeskema": "procedures/PR-15.html",
    "hjerterehabilitering": "devices/DEV-PRO-HJERTE.html",
    "MinLog": "risks/RISK-04.html",
    "OCES3": "records/REC-08-4.html",  # the incident report is titled by it
    "ledelsens evaluering": "procedures/PR-03.html",
    "intern audit": "procedures/PR-18.html",
    "tilsyn": "procedures/PR-14.html",  # its activity "Forbered og gennemfør tilsyn"
    "erklæring": "procedures/PR-12.html",
    "ækvivalens": "procedures/PR-11.html",
    "aekvivalens": "procedures/PR-11.html",
    "GSPR 17.2": "requirements/GSPR-17.2.html",
    "PR 8": "procedures/PR-08.html",
    "PR8": "procedures/PR-08.html",
    # Læsø comes first once municipality pages exist (another issue adds them); until then the
    # case is skipped, see test_first_hit.
    "Læsø": "municipalities/*",
}

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
def _page_of(hit: str, base: str) -> str:
    return urlsplit(hit).path.removeprefix(urlsplit(base).path).lstrip("/")


@pytest.mark.parametrize("query", list(FIRST_HIT))
def test_first_hit(page: Page, site: Served, site_dir: Path, query: str) -> None:
    expected = FIRST_HIT[query]
    if expected.endswith("/*") and not (site_dir / expected[:-2]).is_dir():
        pytest.skip(f"no {expected[:-2]}/ pages in this site yet")
    page.goto(site.http("index.html"))
    hits = search(page, query)
    first = _page_of(hits[0], site.http_base)
    ranked = list(dict.fromkeys(_page_of(h, site.http_base) for h in hits))
    if expected.endswith("/*"):
        assert first.startswith(expected[:-1]), f"{query!r}: first hit {first}, not a page under {expected[:-2]}/"
        with page.expect_navigation(wait_until="load"):
            page.locator(".md-search-result__item a").first.click()
        assert query in h1(page), f"{query!r} led to {h1(page)!r}"
    else:
        assert first == expected, f"{query!r}: first hit {first}, expected {expected}; ranking {ranked[:6]}"


def test_snippets_start_with_what_the_document_says(page: Page, site: Served) -> None:
    page.goto(site.http("index.html"))
    search(page, "hændelse")
    snippet = page.locator(".md-search-result__item").first.inner_text()
    for label in ("Dokument-id", "Revision", "Næste gennemgang", "Felt", "Værdi", "Om siden"):
        assert label not in snippet, f"search snippet shows the label {label!r}: {snippet[:300]}"
