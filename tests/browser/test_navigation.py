"""A reader's path through the built handbook, by clicking links only: front page → the
municipality (KOMMUNE) → a procedure it carries out → a requirement that procedure fulfils; and
the traceability matrix with its coverage figures, filter and sort."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from .browser_kit import CONTENT, Served, click_link, content_text, field_table, h1, section_links, visible_links

pytestmark = pytest.mark.browser

CONTROLLED_FIELDS = ("Dokument-id", "Titel", "Revision", "Status", "Ejer", "Godkender", "Næste gennemgang")
ID = r"[A-Z0-9][A-Z0-9]*(?:[.-][A-Z0-9]+)*"


def _page_id(url: str, section: str) -> str:
    match = re.search(rf"/{section}/({ID})\.html", url)
    assert match, f"{url} is not a {section} page"
    return match.group(1)


def _procedures_where_responsible(page: Page) -> list[str]:
    """Absolute addresses of the procedure links in the actor's task tables on rows whose RACI letters hold R."""
    return page.evaluate(
        """(scope) => {
            const out = [];
            for (const row of document.querySelectorAll(scope + ' tr')) {
                const link = row.querySelector('a[href*="procedures/"]');
                const letters = [...row.cells].map(c => c.innerText.trim()).find(t => /^[RACI]+$/.test(t));
                if (link && letters && letters.includes('R')) out.push(link.href);
            }
            return [...new Set(out)];
        }""",
        CONTENT,
    )


def test_front_to_actor_to_procedure_to_requirement(page: Page, site: Served, site_title: str, screenshot) -> None:
    page.goto(site.http("index.html"))
    assert h1(page) == site_title
    assert site_title in page.title()
    screenshot(page, "front")

    # Front page → actor KOMMUNE (directly if linked, otherwise through the actor index).
    if visible_links(page, "actors/KOMMUNE.html", "body").count() == 0:
        click_link(page, "actors/index.html")
        assert h1(page) == "Aktører"
    click_link(page, "actors/KOMMUNE.html")
    assert page.url.endswith("/actors/KOMMUNE.html")
    fields = field_table(page)
    assert fields.get("Id") == "KOMMUNE", fields
    assert h1(page) == fields["Navn"], "an actor's page is titled by its name, without the id in front"
    assert fields.get("Type") == "Sundhedsinstitution", fields
    actor_url = page.url
    screenshot(page, "actor")

    candidates = _procedures_where_responsible(page)
    assert candidates, "the KOMMUNE page lists no procedure activity where the municipality is R (Udfører)"

    # Actor → a procedure where KOMMUNE is R that has requirements to follow.
    tried = []
    for href in candidates:
        if page.url != actor_url:
            page.go_back(wait_until="load")  # the reader's Back button, not a typed address
        click_link(page, href)
        proc_id = _page_id(page.url, "procedures")
        tried.append(proc_id)
        if section_links(page, "Krav, som proceduren opfylder", "requirements/"):
            break
    else:
        pytest.fail(f"none of the procedures where KOMMUNE is R links to a requirement it fulfils: {tried}")

    assert h1(page).startswith(f"{proc_id} "), h1(page)
    header = field_table(page)
    missing = [name for name in CONTROLLED_FIELDS if name not in header]
    assert not missing, f"{proc_id}: controlled-document header lacks {missing}; has {sorted(header)}"
    assert header["Dokument-id"] == proc_id
    assert re.fullmatch(r"\d+", header["Revision"]), header["Revision"]
    assert header["Status"] in {"Kladde", "Til godkendelse", "Gældende", "Udgået"}, header["Status"]
    text = content_text(page)
    for section in ("Formål", "Omfang", "Ansvarsfordeling", "Aktiviteter", "Krav, som proceduren opfylder"):
        assert section in text, f"{proc_id}: section {section!r} missing"
    assert page.locator(f"{CONTENT} a[href*='actors/KOMMUNE.html']").count(), f"{proc_id} does not link to KOMMUNE"
    screenshot(page, "procedure")

    # Procedure → a requirement it fulfils (from the procedure's own requirement section).
    req_hrefs = section_links(page, "Krav, som proceduren opfylder", "requirements/")
    assert req_hrefs, f"{proc_id}: no requirement links under 'Krav, som proceduren opfylder'"
    href = req_hrefs[0]
    click_link(page, href)
    req_id = _page_id(page.url, "requirements")
    assert h1(page).startswith(f"{req_id} "), h1(page)
    req_text = content_text(page)
    assert "Kravet" in req_text
    assert proc_id in req_text, f"{req_id} does not trace back to {proc_id}"
    screenshot(page, "requirement")
    print(f"clicked: front page → KOMMUNE → {proc_id} (tried {tried}) → {req_id}")
    assert not page.errors.uncaught, page.errors.uncaught


def test_traceability_matrix_coverage_filter_and_sort(page: Page, site: Served, screenshot) -> None:
    page.goto(site.http("index.html"))
    click_link(page, "sporbarhed.html")
    assert page.url.endswith("/sporbarhed.html")
    assert h1(page).startswith("Sporbarhedsmatrix")

    summary = page.locator(f"{CONTENT} table", has=page.locator("th", has_text="Dækning")).first
    assert summary.is_visible(), "coverage summary table not visible"
    summary_text = summary.inner_text()
    assert re.search(r"\d+ %", summary_text), f"no coverage percentage in the summary:\n{summary_text}"
    assert "I alt" in summary_text
    screenshot(page, "matrix")

    tables = page.locator(f"{CONTENT} table.kpro-trace")
    assert tables.count() >= 1, "no per-catalogue traceability table"
    table = tables.first
    rows = table.locator("tbody tr")
    total = rows.count()
    assert total > 0

    # Filter by status: "Kun huller" (gaps) shows exactly the rows marked as gaps.
    box = page.locator(".kpro-filter").first
    assert box.is_visible(), "filter controls were not added (traceability.js not loaded?)"
    box.locator("select").select_option("gap")
    gaps = table.locator("tbody tr.kpro-gap").count()
    shown = table.locator("tbody tr:visible")
    assert shown.count() == gaps
    assert box.locator(".kpro-count").inner_text() == f"{gaps} af {total} krav vist"
    box.locator("select").select_option("")
    assert table.locator("tbody tr:visible").count() == total

    # Text filter: the first requirement id narrows the table to rows that mention it.
    first_id = rows.first.locator("td").first.inner_text().strip()
    box.locator("input").fill(first_id)
    visible = table.locator("tbody tr:visible")
    assert 1 <= visible.count() <= total
    assert all(first_id.lower() in t.lower() for t in visible.all_inner_texts())
    box.locator("input").fill("")

    # Sort by requirement id: ascending then descending.
    header = table.locator("thead th").first
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = [t.strip() for t in table.locator("tbody tr td:first-child").all_inner_texts()]
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    descending = [t.strip() for t in table.locator("tbody tr td:first-child").all_inner_texts()]
    assert descending == ascending[::-1]
    assert not page.errors.uncaught, page.errors.uncaught
