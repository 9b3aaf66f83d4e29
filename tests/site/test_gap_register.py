"""The gap register page and the due-date column of the traceability matrix, on the example
handbook: rows, the two owners under their own labels, the plan, the due date and the overdue
flag as of the build date, and the attributes the register's script filters by."""

from __future__ import annotations

import re
from datetime import date

from handbook.check import CheckResult
from handbook.site.render import render_pages

from .test_pages import EDITION, HAND, field, text


def rows(page: str) -> list[list[str]]:
    """Every table row's cells as text (cells may carry attributes, e.g. the value to filter by)."""
    found = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.DOTALL)
    return [[text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)] for row in found]


def test_gap_register_lists_each_gap_with_both_owners(example_result: CheckResult) -> None:
    page = render_pages(example_result.handbook, EDITION, example_result.today, HAND)["huller.md"]
    head = re.search(r"<thead>(.*?)</thead>", page, re.DOTALL)
    assert head is not None
    headers = [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head.group(1))]
    assert headers == [
        "Krav",
        "Katalog",
        "Titel",
        "Status",
        "Kravansvarlig",
        "Planens ejer",
        "Handlingsplan",
        "Frist",
        "Forfalden",
    ]
    filtered = re.findall(r'<th scope="col" data-kpro-filter>(.*?)</th>', head.group(1))
    assert filtered == ["Katalog", "Status", "Kravansvarlig", "Planens ejer", "Forfalden"]
    assert rows(page)[-1] == [
        "MDR5-B.1",
        "MDR5",
        "Underkrav til test",
        "⚠ Ikke opfyldt",
        "FSA",
        "Kommune",
        "Skriv en procedure.",
        "2027-06-01",
        "Nej",
    ]
    assert field(page, "Krav, der ikke er fuldt opfyldt") == "1" and field(page, "Forfaldne handlingsplaner") == "0"
    assert 'class="kpro-filtered kpro-gaps"' in page and 'href="requirements/MDR5-B.1.html"' in page


def test_a_plan_past_its_due_date_is_flagged_in_text(example_result: CheckResult) -> None:
    later = date(2027, 6, 2)
    page = render_pages(example_result.handbook, EDITION, later, HAND)["huller.md"]
    assert rows(page)[-1][-1] == "⚠ Ja" and 'class="kpro-overdue"' in page
    assert field(page, "Forfaldne handlingsplaner") == "1" and field(page, "Opgjort pr.") == "2027-06-02"


def test_traceability_matrix_has_the_due_date_column(example_result: CheckResult) -> None:
    page = render_pages(example_result.handbook, EDITION, example_result.today, HAND)["sporbarhed.md"]
    by_id = {r[0]: r for r in rows(page) if r and r[0].startswith("MDR5-")}
    assert by_id["MDR5-B.1"][-1] == "2027-06-01"
    assert by_id["MDR5-A"][-1] == "–"  # met: no plan
    assert 'href="huller.html"' in page
