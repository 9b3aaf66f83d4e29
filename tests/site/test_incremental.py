"""The live preview's incremental render: after typical edits it gives exactly the pages a full
render gives, while rendering only the pages the edit can have changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from handbook.check import check
from handbook.site.edition import site_edition
from handbook.site.incremental import IncrementalRenderer
from handbook.site.render import render_pages

from .conftest import TODAY, make_handbook

HAND = ["laesevejledning.md", "citering.md"]


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "qms" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_risk(root: Path) -> None:
    (root / "qms" / "risks" / "RISK-02.yaml").write_text(
        (root / "qms" / "risks" / "RISK-01.yaml")
        .read_text(encoding="utf-8")
        .replace("RISK-01", "RISK-02")
        .replace("title: Manglende underkrav", "title: Ny risiko for hændelser")
        .replace("procedures: [PR-01]", "procedures: [PR-02]"),
        encoding="utf-8",
    )


EDITS: dict[str, Callable[[Path], None]] = {
    "procedure text": lambda r: _replace(r, "procedures/PR-02.yaml", "Hændelser meldes og behandles.", "Hændelser meldes straks."),
    "procedure title": lambda r: _replace(r, "procedures/PR-02.yaml", "title: Hændelser", "title: Hændelser og fejl"),
    "actor label": lambda r: _replace(r, "actors/KOMMUNE.yaml", "short_name: Kommune", "short_name: Kommunerne"),
    "record status": lambda r: _replace(r, "records/REC-01.yaml", "status: available", "status: partial"),
    "matrix status": lambda r: _replace(r, "conformity/CONF-MDR5.yaml", "status: met\n    responsible: KOMMUNE", "status: partly-met\n    responsible: KOMMUNE\n    plan:\n      action: Mere.\n      owner: FSA\n      due: 2027-01-01"),
    "requirement title": lambda r: _replace(r, "catalogues/MDR5.yaml", "title: Underkrav til test", "title: Underkrav, omdøbt"),
    "new risk": _add_risk,
    "risk moved to another procedure": lambda r: _replace(r, "risks/RISK-01.yaml", "procedures: [PR-01]", "procedures: [PR-02]"),
    "record status and title": lambda r: _replace(r, "records/REC-01.yaml", "title: Ændringslog for håndbogen", "title: Log"),
    "comment only": lambda r: _replace(r, "records/REC-01.yaml", "status: available", "status: available  # uændret"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_incremental_render_equals_a_full_render(tmp_path: Path, edit: str) -> None:
    root = make_handbook(tmp_path / "hb")
    renderer = IncrementalRenderer()
    first = check(root, TODAY)
    assert not first.failed(), first.diagnostics
    start = renderer.render(first.handbook, site_edition(first), TODAY, HAND)
    assert start.full and start.pages == render_pages(first.handbook, site_edition(first), TODAY, HAND)

    EDITS[edit](root)
    after = check(root, TODAY)
    assert not after.failed(), after.diagnostics
    edition = site_edition(after)  # the edition's facts (approvals, suspect marks) follow the edit
    again = renderer.render(after.handbook, edition, TODAY, HAND)
    later = renderer.render_later()
    full = render_pages(after.handbook, edition, TODAY, HAND)
    assert not again.full
    assert sorted(later.pages) == sorted(full)
    wrong = [path for path in full if later.pages[path] != full[path]]
    assert not wrong, f"{edit}: stale pages after an incremental render: {wrong}"
    rendered = again.rendered | later.rendered
    assert len(rendered) < len(full), f"{edit}: every page was rendered again"
    assert not (again.rendered & later.rendered), "a page was rendered twice"
    if edit.startswith("procedure"):  # the edited document's page comes first
        assert "procedures/PR-02.md" in again.rendered and len(again.rendered) <= 2
    if edit == "comment only":
        assert not rendered


def test_what_every_page_shows_renders_everything(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb")
    renderer = IncrementalRenderer()
    first = check(root, TODAY)
    renderer.render(first.handbook, site_edition(first), TODAY, HAND)
    _replace(root, "handbook.yaml", "title: Eksempelhåndbog", "title: Eksempelhåndbogen")
    after = check(root, TODAY)
    again = renderer.render(after.handbook, site_edition(after), TODAY, HAND)
    assert again.full and all("Eksempelhåndbogen" in page for page in again.pages.values())


def test_a_check_with_the_load_cache_equals_a_fresh_check(tmp_path: Path) -> None:
    from handbook.check import load_schemas
    from handbook.loading import LoadCache

    root = make_handbook(tmp_path / "hb")
    cache, schemas = LoadCache(), load_schemas(root)
    check(root, TODAY, schemas=schemas, cache=cache)
    for edit in ("procedure text", "record status", "new risk"):
        EDITS[edit](root)
        cached, fresh = check(root, TODAY, schemas=schemas, cache=cache), check(root, TODAY)
        assert cached.handbook == fresh.handbook and cached.diagnostics == fresh.diagnostics, edit
    # A broken file is reported the same way, and the fix is seen.
    path = root / "qms" / "procedures" / "PR-02.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("status: effective", "status: gyldig", 1), encoding="utf-8")
    cached, fresh = check(root, TODAY, schemas=schemas, cache=cache), check(root, TODAY)
    assert cached.failed() and cached.diagnostics == fresh.diagnostics
    path.write_text(good, encoding="utf-8")
    assert not check(root, TODAY, schemas=schemas, cache=cache).failed()
