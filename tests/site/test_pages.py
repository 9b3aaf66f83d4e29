"""Each page renderer on the example handbook: the Markdown it writes, before the site builder."""

from __future__ import annotations

from handbook.check import CheckResult
from handbook.site import (
    actors,
    changelog,
    devices,
    front,
    procedures,
    raci,
    records,
    requirements,
    risks,
    traceability,
)
from handbook.site.context import Ctx
from handbook.site.history import NO_EDITION, Change, Edition, FileChange, History
from handbook.site.nav import NAV_SECTION_LIMIT, build_nav
from handbook.site.render import render_pages

EDITION = Edition("v1", "a" * 40, "aaaaaaa", "2026-11-20", False)


def ctx(result: CheckResult, history: History | None = None) -> Ctx:
    hand = frozenset({"laesevejledning.md", "citering.md"})
    return Ctx(result.handbook, history or History(EDITION, ()), result.today, hand)


def test_front_page_has_edition_counts_and_citation(example_result: CheckResult) -> None:
    text = front.pages(ctx(example_result))["index.md"]
    assert 'title: "Eksempelhåndbog"' in text
    assert "v1 \\(commit aaaaaaa, 2026\\-11\\-20\\)" in text
    assert "> Eksempelhåndbog, PR\\-01 rev\\. 2, udgave v1 \\(2026\\-11\\-20\\)\\." in text
    assert "[2](procedures/index.md) (2 gældende)" in text
    assert "Sådan citeres håndbogen" in text and "[citering](citering.md)" in text


def test_procedure_page_header_and_sections(example_result: CheckResult) -> None:
    text = procedures.pages(ctx(example_result))["procedures/PR-01.md"]
    assert "| Revision | 2 |" in text
    assert "| Status | Gældende |" in text
    assert "| Ejer | [FSA](../actors/FSA.md) – Kvalitetskoordinator |" in text
    assert "| Sitet er bygget fra commit | aaaaaaa |" in text
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
        assert heading in text
    assert "{#PR-01-A1}" in text and "{#PR-01-A2}" in text
    assert "[MDR5\\-B](../requirements/MDR5-B.md)" in text
    assert "[PR\\-02 Hændelser](PR-02.md)" in text


def test_procedure_title_is_escaped(example_result: CheckResult) -> None:
    text = procedures.pages(ctx(example_result))["procedures/PR-01.md"]
    assert "<b>" not in text and "&lt;b&gt;" in text and "\\| \\*test\\*" in text


def test_procedure_markdown_is_sanitised(example_result: CheckResult) -> None:
    text = procedures.pages(ctx(example_result))["procedures/PR-01.md"].lower()
    assert "<script" not in text and "onerror" not in text and "javascript:" not in text


def test_actor_page_groups_tasks_and_members(example_result: CheckResult) -> None:
    text = actors.pages(ctx(example_result))["actors/KOMMUNE.md"]
    assert "## Hvad skal kommune gøre?" in text
    assert "{#KOMMUNE-PR-01}" in text and "{#KOMMUNE-PR-02}" in text
    assert "(../procedures/PR-01.md#PR-01-A2)" in text
    assert "### Region Hovedstaden (2)" in text and "- Aalborg (851)" in text
    fsa = actors.pages(ctx(example_result))["actors/FSA.md"]
    assert "## Opgaver i procedurerne" in fsa and "## Dokumenter, aktøren ejer" in fsa


def test_raci_matrix_has_every_activity(example_result: CheckResult) -> None:
    text = raci.pages(ctx(example_result))["raci.md"]
    for anchor in ("PR-01.md#PR-01-A1", "PR-01.md#PR-01-A2", "PR-02.md#PR-02-A1"):
        assert anchor in text
    assert "| RA | C |" in text


def test_requirement_pages(example_result: CheckResult) -> None:
    pages = requirements.pages(ctx(example_result))
    assert "| Status | Opfyldt |" in pages["requirements/MDR5-B.md"]
    assert "[PR\\-01" in pages["requirements/MDR5-B.md"] and "## Underkrav" in pages["requirements/MDR5-B.md"]
    gap = pages["requirements/MDR5-B.1.md"]
    assert "Ikke opfyldt – hul" in gap and "### Handlingsplan" in gap and "2027\\-06\\-01" in gap
    assert "Begrundelse for, at kravet ikke er relevant" in pages["requirements/MDR5-IND.md"]


def test_traceability_counts_and_gaps(example_result: CheckResult) -> None:
    text = traceability.pages(ctx(example_result))["sporbarhed.md"]
    # MDR5: 2 met, 1 not-met, 1 not applicable → 2 of 3 relevant = 67 %.
    assert "| [MDR5](#MDR5) | 2 | 0 | 1 | 0 | 0 | 1 | 67 % ⚠ 1 huller |" in text
    assert '<tr data-status="not-met" class="kpro-gap">' in text
    assert 'href="requirements/MDR5-A.html"' in text


def test_risk_device_record_pages(example_result: CheckResult) -> None:
    c = ctx(example_result)
    assert (
        "| [RISK\\-01](RISK-01.md) | Manglende underkrav | Regulatorisk | 2 | 3 | 6 |"
        in risks.pages(c)["risks/index.md"]
    )
    assert "| Klasse | IIa |" in devices.pages(c)["devices/DEV-KPRO.md"]
    rec = records.pages(c)["records/REC-01.md"]
    assert "PR\\-01" in rec and "MDR5\\-B" in rec


def test_changelog_lists_commits_and_documents(example_result: CheckResult) -> None:
    history = History(
        EDITION,
        (
            Change(
                "b" * 40,
                "bbbbbbb",
                "2026-11-20",
                "Ret PR-01 <x>",
                (FileChange("M", "qms/procedures/PR-01.yaml"), FileChange("D", "qms/procedures/PR-09.yaml")),
            ),
        ),
    )
    text = changelog.pages(ctx(example_result, history))["aendringslog.md"]
    assert "| 2026\\-11\\-20 | `bbbbbbb` | Ret PR\\-01 &lt;x&gt; |" in text
    assert "[PR\\-01](procedures/PR-01.md) (ændret)" in text and "PR\\-09 (slettet)" in text


def test_changelog_without_git(example_result: CheckResult) -> None:
    text = changelog.pages(ctx(example_result, History(NO_EDITION, (), "Ingen git.")))["aendringslog.md"]
    assert "Ingen git." in text


def test_render_is_deterministic_and_stable_paths(example_result: CheckResult) -> None:
    history = History(EDITION, ())
    first = render_pages(example_result.handbook, history, example_result.today)
    assert first == render_pages(example_result.handbook, history, example_result.today)
    for path in (
        "procedures/PR-01.md",
        "requirements/MDR5-B.1.md",
        "actors/KOMMUNE.md",
        "risks/RISK-01.md",
        "devices/DEV-KPRO.md",
        "records/REC-01.md",
        "raci.md",
        "sporbarhed.md",
        "aendringslog.md",
    ):
        assert path in first


def test_nav_lists_small_sections_and_collapses_large_ones() -> None:
    small = ["procedures/index.md", "procedures/PR-01.md"]
    nav = build_nav(small, ["citering.md", "forfatterguide.md"])
    assert {"Procedurer": ["procedures/index.md", "procedures/PR-01.md"]} in nav
    assert {"Forfatterguide": "forfatterguide.md"} in nav
    large = ["procedures/index.md"] + [f"procedures/PR-{i:04}.md" for i in range(NAV_SECTION_LIMIT + 1)]
    assert {"Procedurer": ["procedures/index.md"]} in build_nav(large, [])
    assert {"Forfatterguide": "forfatterguide.md"} not in build_nav(small, [])
