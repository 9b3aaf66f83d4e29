"""WCAG 2.1 A/AA with axe-core on every page type of the built handbook. Serious and critical
violations fail; every result is saved as JSON under test-artifacts/axe/ and summarised."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .browser_kit import Served, blocking, describe, find_page, html_pages, run_axe, save_json, search, summarise

pytestmark = pytest.mark.browser

# Page type → site-relative candidates (first existing wins); "search" is the front page with
# the search dialog open on results.
PAGE_TYPES: dict[str, tuple[str, ...]] = {
    "front": ("index.html",),
    "procedure": ("procedures/PR-01.html", "procedures/PR-*.html"),
    "actor": ("actors/KOMMUNE.html", "actors/[!i]*.html"),
    "requirement": ("requirements/MDR5-B.html", "requirements/[!i]*.html"),
    "matrix": ("sporbarhed.html",),
    "raci": ("raci.html",),
    "risks": ("risks/index.html",),
    "device": ("devices/DEV-KPRO.html", "devices/[!i]*.html"),
    "hazards": ("hazards/index.html",),
    "hazard": ("hazards/HAZ-01.html", "hazards/[!i]*.html"),
    "guide": ("laesevejledning.html",),
    "search": ("index.html",),
}


def _resolve(site_dir: Path, kind: str) -> str:
    found = find_page(site_dir, *PAGE_TYPES[kind])
    if found is None:
        section = PAGE_TYPES[kind][-1].split("/")[0]
        have = html_pages(site_dir, section) if (site_dir / section).is_dir() else []
        pytest.fail(f"no {kind} page in the built site (looked for {PAGE_TYPES[kind]}; found {have})")
    return found


# The reader's system setting picks the theme's scheme (the palette toggle changes it later).
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_type_has_no_serious_axe_violations(
    page: Page, site: Served, site_dir: Path, axe_js: Path, axe_results_dir: Path, kind: str, scheme: str, screenshot
) -> None:
    rel = _resolve(site_dir, kind)
    page.emulate_media(color_scheme=scheme)
    page.goto(site.http(rel))
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"{rel} opened in the {shown!r} scheme for a reader who prefers {scheme}"
    if kind == "search":
        assert search(page, "risikovurdering"), "no search results to check"
    results = run_axe(page, axe_js)
    results["kpro"] = {"page_type": kind, "page": rel, "scheme": scheme}
    save_json(axe_results_dir / f"{kind}-{scheme}.json", results)
    screenshot(page, f"axe-{kind}-{scheme}")
    print(summarise(f"{kind} ({rel}, {scheme})", results))
    bad = blocking(results)
    assert not bad, f"{kind} page {rel} ({scheme}) has serious/critical WCAG 2.1 A/AA violations:\n{describe(bad)}"


def test_palette_toggle_switches_the_scheme(page: Page, site: Served) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site.http("index.html"))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.locator("label[title='Skift til mørkt tema']").click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.reload()  # the choice is remembered
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
