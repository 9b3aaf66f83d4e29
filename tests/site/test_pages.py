"""Each page template on the example handbook: the Markdown page it writes, before the site builder.

Pages are Markdown skeletons (front matter, headings) around HTML blocks, so the checks read the
HTML: a field's row, a table's cells, a link's address.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from handbook.check import CheckResult
from handbook.editions.diff import Diff, DocumentChange, FieldChange, StatusChange, Words
from handbook.site.edition import ApprovalRow, EditionId, LastChange, SiteEdition
from handbook.site.nav import NAV_SECTION_LIMIT, build_nav
from handbook.site.render import render_feet, render_pages

from .conftest import TODAY

EDITION = SiteEdition(
    EditionId("2026.1", "2026-11-20", "a" * 40),
    editions=(("2026.1", "2026-11-20"),),
    approvals={"PR-01": (ApprovalRow(2, "2026-11-02", "Leder", "2026-11-16", "Tilføjet A2.", "før"),)},
    note="Der er ingen tidligere udgave; dette er den første.",
)
HAND = ["laesevejledning.md"]


def pages(result: CheckResult, edition: SiteEdition | None = None) -> dict[str, str]:
    return render_pages(result.handbook, edition or EDITION, result.today, HAND)


@pytest.fixture(scope="module")
def site(example_result: CheckResult) -> dict[str, str]:
    return pages(example_result)


def text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def prose(fragment: str) -> str:
    """`text`, without the spaces that dropped inline tags leave before punctuation."""
    return re.sub(r" ([.,)])", r"\1", text(fragment))


def field(page: str, label: str) -> str:
    found = re.search(rf'<th scope="row">{re.escape(label)}</th> <td>(.*?)</td>', page)
    assert found, f"no field {label!r}"
    return found.group(1)


def rows(page: str) -> list[list[str]]:
    """Every table row's cells (header cells included) as text."""
    cells = r"<t[dh](?: [^>]*)?>(.*?)</t[dh]>"
    return [[text(c) for c in re.findall(cells, row)] for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page)]


def test_front_page_has_edition_counts_and_citation(site: dict[str, str]) -> None:
    front = site["index.md"]
    assert front.startswith('---\ntitle: "Eksempelhåndbog"\n---\n\n# Eksempelhåndbog\n')
    assert text(field(front, "Udgave")) == "udgave 2026.1 af 2026-11-20"
    assert "Eksempelhåndbog, udgave 2026.1, PR-01 rev. 2, gældende fra 2026-11-16." in text(front)
    assert ["Procedurer", "2 (2 gældende)"] in rows(front)
    assert '<a href="procedures/index.html">2</a>' in front
    assert "## Sådan citeres håndbogen" in front and '<a href="citering.html">Citering</a>' in front
    assert "Udkast" not in front  # a released edition carries no draft banner


def test_one_edition_identifier_everywhere(site: dict[str, str]) -> None:
    page = site["procedures/PR-01.md"]
    assert text(field(page, "Håndbogens udgave")) == "2026.1"
    cite = "Eksempelhåndbog, udgave 2026.1, PR-01 rev. 2, gældende fra 2026-11-16."
    assert "Citér denne side" in page and cite in text(page)
    assert '<p class="kpro-print-edition">Eksempelhåndbog, udgave 2026.1 af 2026-11-20</p>' in page
    # "2026." at the start of a value is written as a character reference (not a list item); the
    # browser reads the attribute as 2026.1.
    assert 'data-edition="2026&#46;1"' in page and 'data-page="procedures/PR-01.html"' in page
    assert ["2", "2026-11-02", "Leder", "2026-11-16", "Tilføjet A2.", "før"] in rows(page)  # approval log
    assert cite in text(site["citering.md"]) or "udgave 2026.1" in text(site["citering.md"])
    assert ["2026.1", "2026-11-20", "denne udgave"] in rows(site["udgaver.md"])


def test_a_draft_says_so_on_every_page(example_result: CheckResult) -> None:
    draft = pages(example_result, SiteEdition(EditionId("", "2026-11-21", "b" * 40, dirty=True)))
    for page in (draft["index.md"], draft["procedures/PR-01.md"]):
        assert "Udkast – ikke en udgivet udgave" in page
    assert "udkast af 2026-11-21 (commit bbbbbbb med ikke-committede ændringer)" in text(draft["procedures/PR-01.md"])


def test_procedure_page_header_and_sections(site: dict[str, str]) -> None:
    page = site["procedures/PR-01.md"]
    assert field(page, "Revision") == "2"
    assert field(page, "Status") == "Gældende"
    assert field(page, "Ejer") == '<a href="../actors/FSA.html">FSA</a> – Kvalitetskoordinator'
    assert text(field(page, "Håndbogens udgave")) == "2026.1"
    for heading in (
        "## Formål",
        "## Omfang",
        "## Definitioner",
        "## Ansvarsfordeling",
        "## Aktiviteter",
        "## Registreringer",
        "## Referencer",
        "## Krav, som proceduren opfylder",
        "## Risici",
    ):
        assert f"\n{heading}\n" in page
    assert "{#PR-01-A1}" in page and "{#PR-01-A2}" in page
    assert '<a href="../requirements/MDR5-B.html"><span class="kpro-id">MDR5-B</span></a>' in page
    assert '<a href="PR-02.html"><span class="kpro-id">PR-02</span> Hændelser</a>' in page
    assert "Ændringsnote (rev. 2)" in page and "Tilføjet aktivitet A2." in page


def test_dates_and_ids_need_no_markdown_escapes(site: dict[str, str]) -> None:
    for page in site.values():
        assert "\\-" not in page and "\\." not in page
    assert field(site["procedures/PR-01.md"], "Godkendt") == "2026-11-02"


def test_procedure_title_is_literal_everywhere(site: dict[str, str]) -> None:
    page = site["procedures/PR-01.md"]
    shown = "Styring af dokumenter &lt;b&gt;&amp; registreringer&lt;/b&gt; &#124; &#42;test&#42;"
    assert f'title: "PR-01 {shown}"' in page
    assert f"# PR-01 {shown} {{#PR-01}}" in page
    assert "<b>" not in page


def test_procedure_markdown_is_sanitised(site: dict[str, str]) -> None:
    page = site["procedures/PR-01.md"].lower()
    assert "<script" not in page and "onerror" not in page and "javascript:" not in page


def test_actor_page_groups_tasks_and_members(site: dict[str, str]) -> None:
    page = site["actors/KOMMUNE.md"]
    assert "## Hvad skal kommune gøre?" in page
    assert "{#KOMMUNE-PR-01}" in page and "{#KOMMUNE-PR-02}" in page
    assert 'href="../procedures/PR-01.html#PR-01-A2"' in page
    assert "### Region Hovedstaden (2) {#" not in page and "### Region Hovedstaden (2)\n" in page
    assert "<li>Aalborg (851)</li>" in page
    fsa = site["actors/FSA.md"]
    assert "## Opgaver i procedurerne" in fsa and "## Dokumenter, aktøren ejer" in fsa


def test_actor_page_groups_members_by_their_group_on_the_build_date(example_result: CheckResult) -> None:
    """Region Hovedstaden's municipalities are in Region Østdanmark from 2027-01-01."""
    later = render_pages(example_result.handbook, EDITION, date(2027, 1, 1), HAND)["actors/KOMMUNE.md"]
    assert "### Region Østdanmark (2)\n" in later and "Region Hovedstaden (" not in later
    assert "de hører til den 2027-01-01" in text(later)


def test_hazard_index_is_the_analysis_highest_risk_first(site: dict[str, str]) -> None:
    """Before and after control, controls in place, the level that holds now, and acceptance;
    HAZ-01 (15 now: a control is only planned) comes before HAZ-02 (16 before, 4 now)."""
    table = rows(site["hazards/index.md"])
    assert table[1] == [
        "HAZ-01 Et alarmerende svar <b>læses</b> for sent", "Forsinket hjælp; i værste fald død.",
        "5", "3", "15", "5", "15 (1 af 2 kontroller gennemført)", "Ikke besluttet ( FSA )",
    ]
    assert table[2][0] == "HAZ-02 En score er forkert"
    assert table[2][4:] == ["16", "4", "4 (1 af 1 kontroller gennemført)", "Accepteret ( FSA )"]
    assert "&lt;b&gt;læses&lt;/b&gt;" in site["hazards/index.md"]


def test_hazard_page_device_page_and_requirement_link_the_analysis(site: dict[str, str]) -> None:
    page = site["hazards/HAZ-01.md"]
    assert text(field(page, "Gældende niveau")) == "15" and text(field(page, "Efter kontrol")) == "alvorlighed 5 × sandsynlighed 1 = niveau 5"
    assert 'href="../requirements/MDR5-B.html"' in field(page, "Krav, der bygger på analysen")
    assert ["2", "Kommunen fastlægger, hvem der læser svarene.", "Beskyttelsesforanstaltning", "Planlagt", "–", "–"] in rows(page)
    assert "<strong>brystsmerter</strong>" in page
    device = site["devices/DEV-KPRO.md"]
    assert "\n## Risikoanalyse\n" in device and 'href="../hazards/HAZ-01.html"' in device
    requirement = site["requirements/MDR5-B.md"]
    assert 'href="../hazards/HAZ-02.html"' in field(requirement, "Risikoanalyse for udstyret")
    assert "Risikoanalyse for udstyret" not in site["requirements/MDR5-A.md"]


def test_device_page_lists_the_high_risks_not_accepted(site: dict[str, str]) -> None:
    """Level 6 in the example settings: HAZ-01 (15 now) is undecided; RISK-01 (6) is covered by
    a recorded interim decision, so it is not listed, and its page shows the decision."""
    device = site["devices/DEV-KPRO.md"]
    assert text(field(device, "Status")) == "I brug, høje risici er ikke accepteret"
    section = device[device.index("## Høje risici, der ikke er accepteret") : device.index("## Tilsigtet formål")]
    assert [row[:4] for row in rows(section)[1:]] == [
        ["HAZ-01", "Et alarmerende svar <b>læses</b> for sent", "15", "Ikke besluttet"]
    ]
    risk = site["risks/RISK-01.md"]
    assert text(field(risk, "Accept")) == "Midlertidig beslutning om fortsat brug"
    assert text(field(risk, "Besluttet")) == "2026-11-20" and 'href="../records/REC-01.html"' in risk
    assert "\n## Accept\n" in risk and "<strong>underkravet</strong>" in risk
    assert rows(site["risks/index.md"])[1][7] == "Midlertidig beslutning om fortsat brug"


def test_raci_matrix_has_every_activity(site: dict[str, str]) -> None:
    page = site["raci.md"]
    for anchor in ("PR-01.html#PR-01-A1", "PR-01.html#PR-01-A2", "PR-02.html#PR-02-A1"):
        assert anchor in page
    assert any(row[2:] == ["RA", "C"] for row in rows(page))
    # The A stands out by more than colour: bold, in a cell marked for the outline.
    assert '<td class="kpro-a"><strong>RA</strong></td>' in page
    assert '<th scope="col" data-actor="FSA">' in page


def test_requirement_pages(site: dict[str, str]) -> None:
    page = site["requirements/MDR5-B.md"]
    assert field(page, "Status") == "Opfyldt"
    assert '<span class="kpro-id">PR-01</span> Styring' in page and "## Underkrav" in page
    gap = site["requirements/MDR5-B.1.md"]
    assert "Ikke opfyldt – hul" in gap and "### Handlingsplan" in gap and field(gap, "Frist") == "2027-06-01"
    assert "Begrundelse for, at kravet ikke er relevant" in site["requirements/MDR5-IND.md"]


def test_traceability_counts_and_gaps(site: dict[str, str]) -> None:
    page = site["sporbarhed.md"]
    # MDR5: 2 met, 1 not-met, 1 not applicable → 2 of 3 relevant = 67 %.
    assert ["MDR5", "2", "0", "1", "0", "0", "1", "67 % ⚠ 1 huller"] in rows(page)
    assert ["I alt", "2", "0", "1", "0", "0", "1", "67 %"] in rows(page)
    assert '<tr data-status="not-met" class="kpro-gap">' in page
    assert 'href="requirements/MDR5-A.html"' in page


def test_requirements_trace_to_the_activity_and_show_evidence_status(site: dict[str, str]) -> None:
    page = site["sporbarhed.md"]
    met = next(row for row in rows(page) if row[:1] == ["MDR5-B"])
    # REC-01 is made in PR-01's activity A1; MDR5-A cites PR-02 without evidence: the whole procedure.
    assert met[3:7] == ["PR-01.A1", "REC-01 (tilgængelig)", "FSA", "–"], met
    assert 'href="procedures/PR-01.html#PR-01-A1"' in page
    assert next(row for row in rows(page) if row[:1] == ["MDR5-A"])[3] == "PR-02"
    # The requirement's owner and the plan's owner under their own labels, both explained.
    gap = next(row for row in rows(page) if row[:1] == ["MDR5-B.1"])
    assert gap[5:7] == ["FSA", "Kommune"], gap
    assert "<dt>Kravansvarlig</dt>" in page and "<dt>Planens ejer</dt>" in page
    assert "et katalog, hvor alle krav er delvist opfyldt, har 0 % dækning" in text(page)
    req = site["requirements/MDR5-B.1.md"]
    assert text(field(req, "Kravansvarlig")) == "FSA" and text(field(req, "Planens ejer")) == "Kommune"
    assert "den kravansvarlige (FSA) står fortsat inde for vurderingen" in text(req)
    assert text(field(site["requirements/MDR5-B.md"], "Aktiviteter, der opfylder kravet")) == "PR-01.A1 Udarbejdelse"


def _commit(letter: str, day: str, path: str) -> LastChange:
    return LastChange(letter * 40, day)


def test_every_page_names_its_source_revision_and_last_change(example_result: CheckResult) -> None:
    change = _commit("c", "2026-11-21", "qms/procedures/PR-01.yaml")
    edition = replace(EDITION, last_change={"qms/procedures/PR-01.yaml": change})
    plain = pages(example_result, edition)
    about = prose(plain["procedures/PR-01.md"].split('data-search-exclude>')[-2].split("</aside>")[0])
    assert about == (
        "Om siden: dannet af filen qms/procedures/PR-01.yaml, revision 2. "
        "Filen er senest ændret 2026-11-21 (commit ccccccc)."
    )
    assert "Redigér kilden" not in plain["procedures/PR-01.md"]  # no edit address in the settings
    assert "dannet af filen qms/catalogues/MDR5.yaml" in text(plain["requirements/MDR5-B.md"])
    assert "dannet af hele håndbogen (mappen qms/)" in text(plain["raci.md"])
    # Every page carries the line a printed sheet shows: edition, address and date.
    footer = plain["procedures/PR-01.md"].split('<div class="kpro-print-footer"')[1]
    assert "udgave 2026.1 af 2026-11-20" in footer and "procedures/PR-01.html" in footer
    # With an edit address in the settings, each page links to its own file.
    hb = example_result.handbook
    settings = replace(hb.settings, edit_url="https://git.example.dk/fsa/kpro/-/edit/main/{path}")
    edited = render_pages(replace(hb, settings=settings), edition, example_result.today, HAND)
    link = '<a href="https://git.example.dk/fsa/kpro/-/edit/main/qms/procedures/PR-01.yaml">Redigér kilden</a>'
    assert link in edited["procedures/PR-01.md"]


def test_hand_written_pages_get_the_same_foot(example_result: CheckResult) -> None:
    edition = replace(EDITION, last_change={"docs/citering.md": _commit("d", "2026-11-22", "docs/citering.md")})
    feet = render_feet(example_result.handbook, edition, example_result.today, ["citering.md", "img/logo.png"])
    assert list(feet) == ["citering.md"]
    assert "dannet af filen docs/citering.md. Filen er senest ændret 2026-11-22 (commit ddddddd)." in prose(feet["citering.md"])


def test_risk_device_record_pages(site: dict[str, str]) -> None:
    risks = rows(site["risks/index.md"])
    assert risks[0][3:5] == ["Sandsynlighed", "Alvorlighed"]  # not "S" and "A", which RACI uses
    assert risks[1][:6] == ["RISK-01", "Manglende underkrav", "Regulatorisk", "2", "3", "6"]
    assert field(site["devices/DEV-KPRO.md"], "Klasse") == "IIa"
    rec = site["records/REC-01.md"]
    assert "PR-01" in field(rec, "Dannes af") and "MDR5-B" in field(rec, "Evidens for krav")


def test_changes_page_shows_the_diff(example_result: CheckResult) -> None:
    words = (Words("=", "Lederen"), Words("-", "godkender."), Words("+", "godkender <skriftligt>."))
    changes = Diff(
        "2026.1",
        "2026.2",
        "a" * 40,
        "b" * 40,
        (
            DocumentChange(
                "procedure", "PR-01", "Styring", "revised", 2, 3, "effective", "effective", "Ny note.",
                (FieldChange("/activities/0/steps/1", "Aktiviteter › A1 › Trin › nr. 2", "x", "y", words),),
            ),
        ),
        (StatusChange("MDR5-B", "partly-met", "met"),),
    )
    edition = SiteEdition(EditionId("2026.2", "2026-12-01", "b" * 40), changes, "2026.1")
    page = pages(example_result, edition)["aendringer.md"]
    assert "Revideret</strong>: rev. 2 → rev. 3" in page and "Ændringsnote: Ny note." in page
    assert "<del>godkender.</del> <ins>godkender &lt;skriftligt&gt;.</ins>" in page
    assert ["MDR5-B", "Delvist opfyldt", "Opfyldt"] in rows(page)


def test_changes_page_without_a_previous_edition(example_result: CheckResult) -> None:
    page = pages(example_result)["aendringer.md"]
    assert "Der er ingen tidligere udgave" in page


def test_render_is_deterministic_and_stable_paths(example_result: CheckResult, site: dict[str, str]) -> None:
    assert pages(example_result) == site
    for path in (
        "procedures/PR-01.md",
        "requirements/MDR5-B.1.md",
        "actors/KOMMUNE.md",
        "risks/RISK-01.md",
        "devices/DEV-KPRO.md",
        "records/REC-01.md",
        "raci.md",
        "sporbarhed.md",
        "aendringer.md",
        "udgaver.md",
        "citering.md",
    ):
        assert path in site


def test_nav_lists_small_sections_and_collapses_large_ones() -> None:
    small = ["procedures/index.md", "procedures/PR-01.md"]
    nav = build_nav(small, ["forfatterguide.md"])
    assert {"Procedurer": ["procedures/index.md", "procedures/PR-01.md"]} in nav
    assert {"Forfatterguide": "forfatterguide.md"} in nav
    large = ["procedures/index.md"] + [f"procedures/PR-{i:04}.md" for i in range(NAV_SECTION_LIMIT + 1)]
    assert {"Procedurer": ["procedures/index.md"]} in build_nav(large, [])
    assert {"Forfatterguide": "forfatterguide.md"} not in build_nav(small, [])


DRAFT_CONTROL = """control:
  revision: 1
  status: draft
  owner: FSA
entries:"""
SUCCESSOR = """id: PR-03
kind: procedure
confidentiality: public
title: Hændelser, ny udgave
control:
  revision: 1
  status: effective
  owner: FSA
  approver: FSA
  approved: 2026-11-02
  effective: 2026-11-16
  next_review: 2027-11-16
  supersedes: [PR-02]
purpose: Hændelser meldes og behandles.
scope: Alle hændelser.
activities:
  - id: A1
    title: Melding
    raci:
      FSA: RA
    steps:
      - Meld hændelsen.
"""


def test_nothing_is_shown_as_current_that_is_not(handbook_root: Path) -> None:
    """A document superseded by an effective one, one effective only from a later date, and
    statuses from a draft matrix are never shown as plain 'Gældende' or 'Opfyldt'."""
    from handbook.check import check

    qms = handbook_root / "qms"
    (qms / "procedures" / "PR-03.yaml").write_text(SUCCESSOR, encoding="utf-8")
    pr01 = qms / "procedures" / "PR-01.yaml"
    pr01.write_text(pr01.read_text(encoding="utf-8").replace("effective: 2026-11-16", "effective: 2027-02-01"))
    matrix = qms / "conformity" / "CONF-MDR5.yaml"
    matrix.write_text(matrix.read_text(encoding="utf-8").replace("entries:", DRAFT_CONTROL, 1), encoding="utf-8")
    result = check(handbook_root, TODAY)
    site = pages(result)
    assert text(field(site["procedures/PR-02.md"], "Status")) == "Erstattet af PR-03"
    assert "gælder ikke længere" in site["procedures/PR-02.md"]
    assert text(field(site["procedures/PR-01.md"], "Status")) == "Godkendt, gælder fra 2027-02-01"
    assert text(field(site["procedures/PR-03.md"], "Status")) == "Gældende"
    assert ["Procedurer", "3 (1 gældende, 1 erstattet af PR-03, 1 godkendt, gælder fra 2027-02-01)"] in [
        r[:2] for r in rows(site["index.md"])
    ]
    assert text(field(site["requirements/MDR5-B.md"], "Status")) == "Opfyldt (udkast, ikke godkendt)"
    assert "CONF-MDR5 er ikke godkendt" in site["sporbarhed.md"]


def test_a_suspect_entry_is_marked_on_its_requirement(example_result: CheckResult) -> None:
    edition = SiteEdition(EditionId("2026.1", "2026-11-20", "a" * 40), suspect={"MDR5-B": "PR-01 (ny revision 3)"})
    page = pages(example_result, edition)["requirements/MDR5-B.md"]
    assert "Mistænkt sammenhæng" in page and "PR-01 (ny revision 3)" in page
    assert "Mistænkt sammenhæng" not in pages(example_result)["requirements/MDR5-B.md"]
