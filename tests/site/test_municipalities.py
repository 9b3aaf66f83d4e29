"""The municipalities on the real handbook: a page per municipality (98, at the address of its
code, with the region valid on the edition's date, including the 2027 change), the overview, the
declarations under Art. 5(5)(e) (each one a draft that must not be published while anything
blocks it, made from the conformity matrix so it cannot contradict it), the inspection folder
(internal records shown by id, place and holder only, marked "intern"; the edition stamped), the
procedure for inspections linking to it, the front page's entries and status box, and the search
boost that puts a municipality's page first for its name or code."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from handbook import municipal
from handbook.check import CheckResult, check
from handbook.editions.diff import Diff, DocumentChange, FieldChange, RiskChange, StatusChange
from handbook.model import AdoptionEntry, DeclarationRecord, Handbook, frozen_map
from handbook.publication import public_view
from handbook.site.edition import EditionId, SiteEdition
from handbook.site.render import render_pages
from handbook.values import Conformity, DeclarationStatus, DocStatus, FormUse

from .test_pages import field, text

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)
BEFORE_2027 = SiteEdition(EditionId("2026.9", "2026-12-15", "b" * 40))
AFTER_2027 = SiteEdition(EditionId("2027.1", "2027-01-05", "c" * 40))


def _names() -> dict[str, str]:
    with (REPO / "qms" / "data" / "kommuner.csv").open(encoding="utf-8") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


def _regions(day: date) -> dict[str, str]:
    found = {}
    with (REPO / "qms" / "data" / "kommuner-regioner.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            start = date.fromisoformat(row["valid_from"])
            end = date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
            if start <= day and (end is None or day <= end):
                found[row["code"]] = row["region_name"]
    return found


@pytest.fixture(scope="module")
def result() -> CheckResult:
    found = check(REPO, TODAY)
    assert not found.failed(), found.diagnostics
    return found


@pytest.fixture(scope="module")
def public(result: CheckResult) -> Handbook:
    return public_view(result.handbook)


@pytest.fixture(scope="module")
def site(public: Handbook) -> dict[str, str]:
    return render_pages(public, BEFORE_2027, TODAY, [])


@pytest.fixture(scope="module")
def site_2027(public: Handbook) -> dict[str, str]:
    return render_pages(public, AFTER_2027, TODAY, [])


def test_98_pages_with_name_code_and_documents(site: dict[str, str]) -> None:
    names = _names()
    assert len(names) == 98
    for code, name in names.items():
        page = site[f"municipalities/{code}.md"]
        assert page.startswith(f'---\ntitle: "{name} ({code})"\nsearch:\n  boost: 10\n---\n'), code
        assert field(page, "Kommune") == name and field(page, "Kommunekode") == code
        for doc in ("erklaering", "bilag", "tilsynsmappe"):
            assert f'href="{code}/{doc}.html"' in page, (code, doc)
            assert f"municipalities/{code}/{doc}.md" in site
    assert len([p for p in site if re.fullmatch(r"municipalities/[0-9]{3}\.md", p)]) == 98


def test_the_region_is_the_one_valid_on_the_editions_date(site: dict[str, str], site_2027: dict[str, str]) -> None:
    before, after = _regions(date(2026, 12, 15)), _regions(date(2027, 1, 5))
    assert before["101"] == "Region Hovedstaden" and after["101"] != "Region Hovedstaden"
    for code in _names():
        shown = text(field(site[f"municipalities/{code}.md"], "Region"))
        assert shown.startswith(before[code]), (code, shown)
        assert text(field(site_2027[f"municipalities/{code}.md"], "Region")) == after[code]
    # Before the change, the coming region is named with its date; Læsø's region does not change.
    assert (
        text(field(site["municipalities/101.md"], "Region")) == f"Region Hovedstaden (fra 2027-01-01: {after['101']})"
    )
    assert text(field(site["municipalities/825.md"], "Region")) == "Region Nordjylland"


def test_nothing_unrecorded_is_guessed(site: dict[str, str]) -> None:
    page = site["municipalities/825.md"]
    assert text(field(page, "Deltagelse i K-PRO")) == "Deltager i K-PRO"  # sourced for all 98
    for label in ("Model for kvalitetsstyringssystemet", "Adresse", "Lokal kontaktfunktion", "Offentlig erklæring"):
        assert text(field(page, label)) == "ikke registreret", label


def test_the_checklist_puts_local_adoption_first_and_holds_only_r_and_a(result: CheckResult) -> None:
    hb = result.handbook
    groups = municipal.checklist(hb, "KOMMUNE")
    assert groups[0][0].id == hb.forms["SKAB-BILAG"].procedure == "PR-19"
    listed = {(proc.id, act.id) for proc, tasks in groups for act, _ in tasks}
    expected = {(p.id, a.id) for p, a, letters in hb.activities_by_actor["KOMMUNE"] if set(letters) & {"R", "A"}}
    assert listed == expected
    assert municipal.informed_only(hb, "KOMMUNE") == len(hb.activities_by_actor["KOMMUNE"]) - len(expected)


def test_the_overview_lists_all_with_filters(site: dict[str, str]) -> None:
    page = site["municipalities/index.md"]
    assert page.count('<tr id="kommune-') == 98
    filtered = re.findall(r'<th scope="col" data-kpro-filter>(.*?)</th>', page)
    assert filtered == ["Region", "Tilslutning", "Erklæring"]
    assert '<a href="825.html">Læsø</a>' in page and '<a href="851.html">Aalborg</a>' in page


def test_every_declaration_is_a_draft_while_blocked_and_states_the_matrix(
    result: CheckResult, public: Handbook, site: dict[str, str]
) -> None:
    hb = result.handbook
    blocking = sorted(r.id for r in hb.risks.values() if r.blocks)
    assert blocking, "the real handbook has open questions that block the declarations"
    gaps = [i.id for i in hb.catalogues["GSPR"].requirements if hb.status_of(hb.requirements[i.id]).is_gap]
    for code, name in _names().items():
        page = site[f"municipalities/{code}/erklaering.md"]
        assert "Udkast – må ikke offentliggøres" in page, code
        assert text(field(page, "Institution")) == name and text(field(page, "Adresse")) == "ikke registreret"
        for ident in blocking:
            assert f"risks/{ident}.html" in page
        shown = re.findall(r'<td><a href="../../requirements/(GSPR-[^"]+)\.html">', page)
        assert shown == gaps, code
        x = municipal.municipality(public, code, date(2026, 12, 15))
        assert x is not None and not municipal.declaration(public, x).publishable


def test_a_declaration_without_blocks_is_not_marked_draft(result: CheckResult) -> None:
    """Unblock everything in the model (no blocking risk, an address, the form and matrix in
    force): the declaration has no blocks, so it is publishable once marked so."""
    hb = result.handbook
    risks = {i: replace(r, blocks_declaration="") for i, r in hb.risks.items()}
    form = hb.forms["SKAB-ERKLAERING"]
    forms = {**hb.forms, form.id: replace(form, control=replace(form.control, status=DocStatus.EFFECTIVE))}
    matrices = {
        i: replace(m, control=replace(m.control, status=DocStatus.EFFECTIVE)) if m.control else m
        for i, m in hb.matrices.items()
    }
    record = DeclarationRecord(status=DeclarationStatus.PUBLISHABLE)
    entry = AdoptionEntry(code="825", source="test", address="Doktorvejen 2, 9940 Læsø", declaration=record)
    adoption = replace(hb.adoptions["TILSL-KOMMUNE"], members=(entry,))
    docs = dict(hb.documents)
    docs.update(
        risk=frozen_map(risks),
        form=frozen_map(forms),
        conformity=frozen_map(matrices),
        adoption=frozen_map({adoption.id: adoption}),
    )
    open_hb = replace(hb, documents=frozen_map(docs))
    x = municipal.municipality(open_hb, "825", TODAY)
    assert x is not None
    d = municipal.declaration(open_hb, x)
    assert d.blocks == () and d.publishable
    other = municipal.municipality(open_hb, "851", TODAY)
    assert other is not None
    assert [b.reason for b in municipal.declaration(open_hb, other).blocks] == ["address"]


def test_the_inspection_folder_shows_internal_records_by_place_only(public: Handbook, site: dict[str, str]) -> None:
    page = site["municipalities/825/tilsynsmappe.md"]
    assert "REC-04-4" in public.shelved and "REC-04-4" not in public.records
    row = re.search(r"<tr> <td>REC-04-4 <strong class=\"kpro-internal\">\(intern\)</strong></td>(.*?)</tr>", page)
    assert row, "the internal record is listed by its id, marked intern"
    shelf = public.shelved["REC-04-4"]
    assert text(shelf.location) in text(row.group(1)) and "Intern" in text(row.group(1))
    full = check(REPO, TODAY).handbook.records["REC-04-4"]
    assert full.title not in page, "the title of an internal record stays out of the public folder"
    # The edition is stamped on it, and it links to each controlled document it names.
    assert text(field(page, "Håndbogens udgave")) == "udgave 2026.9 af 2026-12-15"
    assert 'href="../../procedures/PR-14.html"' in page


def test_the_procedure_for_inspections_links_to_the_folder(public: Handbook, site: dict[str, str]) -> None:
    form = public.form_for(FormUse.INSPECTION_FOLDER)
    assert form is not None
    page = site[f"procedures/{form.procedure}.md"]
    assert 'class="kpro-form-use"' in page and f'href="../forms/{form.id}.html"' in page
    assert 'href="../municipalities/index.html"' in page


def test_front_page_entries_and_status_box(result: CheckResult, site: dict[str, str]) -> None:
    front = site["index.md"]
    for entry in ("Jeg er kommune", "Jeg er auditor/tilsyn", "Jeg vedligeholder håndbogen"):
        assert f">{entry}</h3>" in front
    hb = result.handbook
    conditions = [hb.requirements[i.id] for i in hb.catalogues["MDR5"].requirements]
    met = sum(1 for r in conditions if hb.status_of(r) is Conformity.MET)
    relevant = sum(1 for r in conditions if hb.status_of(r) is not Conformity.NOT_APPLICABLE)
    found = re.search(r'<div class="admonition [a-z]+ kpro-status-box">(.*?)</div>', front, re.DOTALL)
    assert found, "the front page has the status box"
    box = text(found.group(1))
    assert f"{met} af {relevant} relevante betingelser" in box
    assert f"{sum(1 for r in hb.risks.values() if r.blocks)} åbne spørgsmål truer undtagelsen" in box
    assert "0 af 98 kommuner har offentliggjort den" in box


def test_only_the_municipality_page_is_boosted_and_its_copies_are_not_searched(site: dict[str, str]) -> None:
    assert "search:\n  exclude: true\n" in site["municipalities/825/erklaering.md"]
    page = site["municipalities/825.md"]
    assert "## Det skal kommunen selv gøre { data-search-exclude }" in page
    assert sum("boost: 10\n" in p for p in site.values()) == 98  # kinds have their own weights (procedures 5, ...)


def test_the_declaration_names_the_region_of_its_editions_date(site: dict[str, str], site_2027: dict[str, str]) -> None:
    before, after = _regions(date(2026, 12, 15)), _regions(date(2027, 1, 5))
    for code in _names():
        assert text(field(site[f"municipalities/{code}/erklaering.md"], "Region")).startswith(before[code])
        assert text(field(site_2027[f"municipalities/{code}/erklaering.md"], "Region")) == after[code]


def test_what_changed_for_a_municipality_since_an_earlier_edition(result: CheckResult, public: Handbook) -> None:
    hb = result.handbook
    owned = municipal.owned_entries(hb, "KOMMUNE")[0].requirement
    foreign = next(
        e.requirement
        for e in hb.entries
        if e.responsible == "FSA" and hb.requirements[e.requirement].catalogue == "ISO13485"
    )
    blocking = next(r.id for r in hb.risks.values() if r.blocks)
    quiet = next(r.id for r in hb.risks.values() if not r.blocks_declaration)
    adoption = "TILSL-KOMMUNE"
    found = Diff(
        "2026.1",
        "",
        "a" * 40,
        "",
        documents=(
            DocumentChange("procedure", "PR-19", "Kommunens lokale implementering", "revised", 1, 2),
            DocumentChange("procedure", "PR-06", "Leverandørstyring", "revised", 1, 2),
            DocumentChange(
                "adoption",
                adoption,
                "x",
                "changed",
                fields=(FieldChange("/members/0/address", "Kommuner › 825 › Adresse", "", "Vej 1"),),
            ),
            DocumentChange("form", "SKAB-ERKLAERING", "Skabelon", "changed"),
        ),
        statuses=(StatusChange(owned, "open-question", "partly-met"), StatusChange(foreign, "partly-met", "met")),
        risks=(RiskChange(blocking, "Blokerer", "closed", 12, 0), RiskChange(quiet, "Blokerer ikke", "rescored", 4, 6)),
    )
    laeso, aalborg = (municipal.municipality(hb, code, TODAY) for code in ("825", "851"))
    assert laeso is not None and aalborg is not None
    mine = municipal.changes_for(hb, found, laeso)
    assert [d.ident for d in mine.documents] == ["PR-19", adoption, "SKAB-ERKLAERING"]
    assert [s.requirement for s in mine.statuses] == [owned]
    assert [r.ident for r in mine.risks] == [blocking]
    assert adoption not in [d.ident for d in municipal.changes_for(hb, found, aalborg).documents]
    edition = SiteEdition(EditionId("2026.2", "2026-12-15", "d" * 40), since={"2026.1": found})
    page = render_pages(public, edition, TODAY, [])["municipalities/825.md"]
    since = text(page[page.index('<details class="kpro-since"') :])
    assert since.startswith("Siden udgave 2026.1 PR-19 Kommunens lokale implementering : revideret (rev. 1 → rev. 2)")
    assert "PR-06" not in since and f"{owned} : Uafklaret → Delvist opfyldt" in since and quiet not in since
