"""The auditor's and the municipality's registers in Chromium: the gap register (filters by either
owner, catalogue, status and overdue; sorting) and the municipality pages (the overview filtered
by region, one municipality's page with its checklist and its documents), each axe-clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .browser_kit import CONTENT, Served, blocking, describe, run_axe, save_json, summarise

pytestmark = pytest.mark.browser


def _visible_column(page: Page, table: str, index: int) -> list[str]:
    return page.eval_on_selector_all(
        f"{table} tbody tr:not([hidden])",
        f"rows => rows.map(r => (r.cells[{index}].getAttribute('data-value') || r.cells[{index}].innerText).trim())",
    )


def _count(page: Page) -> str:
    return page.locator(f"{CONTENT} .kpro-count").first.inner_text()


def _axe_clean(page: Page, axe_js: Path, results_dir: Path, name: str) -> None:
    results = run_axe(page, axe_js)
    save_json(results_dir / f"{name}.json", results)
    print(summarise(name, results))
    bad = blocking(results)
    assert not bad, f"{name} has serious/critical WCAG 2.1 A/AA violations:\n{describe(bad)}"


GAPS = "table.kpro-gaps"


def test_gap_register_filters_by_each_owner_and_overdue(page: Page, site: Served, screenshot) -> None:
    page.goto(site.http("huller.html"))
    total = page.locator(f"{GAPS} tbody tr").count()
    assert total > 100
    assert _count(page) == f"{total} af {total} krav vist"
    for label in ("Katalog", "Status", "Kravansvarlig", "Planens ejer", "Forfalden"):
        assert page.get_by_label(label, exact=True).count() == 1, label

    page.get_by_label("Kravansvarlig", exact=True).select_option("Kommunen")
    owners = _visible_column(page, GAPS, 4)
    assert owners and set(owners) == {"Kommunen"}
    plan_owners = set(_visible_column(page, GAPS, 5))
    assert "FSA" in plan_owners, "the requirement's owner and the plan's owner are told apart"
    assert _count(page) == f"{len(owners)} af {total} krav vist"

    page.get_by_label("Kravansvarlig", exact=True).select_option("")
    page.get_by_label("Planens ejer", exact=True).select_option("Kommunen")
    assert set(_visible_column(page, GAPS, 5)) == {"Kommunen"}
    page.get_by_label("Katalog", exact=True).select_option("ISO13485")
    assert set(_visible_column(page, GAPS, 1)) == {"ISO13485"}
    page.get_by_label("Planens ejer", exact=True).select_option("")
    page.get_by_label("Katalog", exact=True).select_option("")

    page.get_by_label("Forfalden", exact=True).select_option("Nej")
    assert set(_visible_column(page, GAPS, 8)) == {"Nej"}
    page.get_by_label("Forfalden", exact=True).select_option("")
    page.get_by_label("Status", exact=True).select_option("Ikke opfyldt")
    assert set(_visible_column(page, GAPS, 3)) == {"Ikke opfyldt"}
    screenshot(page, "gap-register-filtered")


def test_gap_register_sorts_by_due_date(page: Page, site: Served) -> None:
    page.goto(site.http("huller.html"))
    page.locator(f"{GAPS} thead th button", has_text="Frist").click()
    dates = _visible_column(page, GAPS, 7)
    assert dates == sorted(dates)
    assert page.locator(f"{GAPS} thead th", has_text="Frist").get_attribute("aria-sort") == "ascending"
    page.locator(f"{GAPS} thead th button", has_text="Frist").click()
    assert _visible_column(page, GAPS, 7) == sorted(dates, reverse=True)


def test_gap_register_is_axe_clean(page: Page, site: Served, axe_js: Path, axe_results_dir: Path) -> None:
    page.goto(site.http("huller.html"))
    page.get_by_label("Forfalden", exact=True).wait_for()
    _axe_clean(page, axe_js, axe_results_dir, "gap-register")


MUNICIPALITIES = "table.kpro-municipalities"


def test_municipality_overview_filters_by_region_and_status(page: Page, site: Served, screenshot) -> None:
    page.goto(site.http("municipalities/index.html"))
    assert page.locator(f"{MUNICIPALITIES} tbody tr").count() == 98
    assert _count(page) == "98 af 98 kommuner vist"
    for label in ("Region", "Tilslutning", "Erklæring"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    page.get_by_label("Region", exact=True).select_option("Region Nordjylland")
    regions = _visible_column(page, MUNICIPALITIES, 2)
    assert regions and set(regions) == {"Region Nordjylland"}
    names = _visible_column(page, MUNICIPALITIES, 1)
    assert "Læsø" in names and "Aalborg" in names and "København" not in names
    assert _count(page) == f"{len(regions)} af 98 kommuner vist"
    page.get_by_label("Erklæring", exact=True).select_option("ikke registreret")
    assert len(_visible_column(page, MUNICIPALITIES, 1)) == len(regions), "nothing is recorded for any of them"
    screenshot(page, "municipalities-filtered")
    with page.expect_navigation(wait_until="load"):
        page.locator(f"{MUNICIPALITIES} a", has_text="Læsø").click()
    assert page.url.endswith("/municipalities/825.html")


def test_municipality_page_leads_to_its_declaration(page: Page, site: Served, screenshot) -> None:
    page.goto(site.http("municipalities/825.html"))
    assert page.locator("h1").inner_text().startswith("Læsø (825)")
    assert page.locator(f"{CONTENT} ul.kpro-checklist li").count() > 10
    screenshot(page, "municipality-825")
    with page.expect_navigation(wait_until="load"):
        page.locator(f"{CONTENT} a", has_text="Offentlig erklæring: Læsø").first.click()
    assert page.url.endswith("/municipalities/825/erklaering.html")
    warning = page.locator(f"{CONTENT} .kpro-declaration-draft .admonition-title")
    assert warning.inner_text().strip() == "Udkast – må ikke offentliggøres"
    assert not page.errors.uncaught, page.errors.uncaught


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("municipalities/825.html", "municipality-page"),
        ("municipalities/index.html", "municipality-overview"),
        ("municipalities/825/erklaering.html", "declaration"),
        ("municipalities/825/tilsynsmappe.html", "inspection-folder"),
    ],
)
def test_municipality_pages_are_axe_clean(
    page: Page, site: Served, axe_js: Path, axe_results_dir: Path, address: str, name: str
) -> None:
    page.goto(site.http(address))
    page.locator("h1").wait_for()
    _axe_clean(page, axe_js, axe_results_dir, name)
