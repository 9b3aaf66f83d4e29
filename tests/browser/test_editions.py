"""Published editions in a real browser: the version selector over http, the banners of a
superseded and a withdrawn edition (over http and file://), and the current edition without one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from handbook.cli import main

from ..gitrepo import APPROVER, commit_all, edit, git, set_control
from ..site.conftest import make_handbook
from .browser_kit import Served, serve


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three editions of the example handbook: 2026.1 withdrawn, 2026.2 superseded, 2026.3 current."""
    base = tmp_path_factory.mktemp("published")
    root = make_handbook(base / "hb")
    git(root, "init", "-q", "-b", "main")
    first = commit_all(root, "Første")
    edit(root, "qms/handbook.yaml", "review_warning_days: 30", f"review_warning_days: 30\napproval_baseline: {first}")
    commit_all(root, "Regelgrundlag", who=APPROVER)
    assert main(["release", "2026.1", "--path", str(root)]) == 0
    set_control(root, "PR-02", revision=2, status="review", approved=None, effective=None, change_note="Ny frist.")
    edit(root, "qms/procedures/PR-02.yaml", "inden for 24 timer", "inden for 12 timer")
    assert main(["review", "MDR5-A", "--path", str(root)]) == 0
    commit_all(root, "PR-02 rev. 2")
    assert main(["release", "2026.2", "--path", str(root)]) == 0  # a re-issue: PR-02 rev. 1 still in force
    assert main(["release", "2026.3", "--path", str(root)]) == 0
    assert main(["withdraw", "2026.1", "--reason", "Forkert <frist>.", "--path", str(root)]) == 0
    out = base / "pub"
    assert main(["publish", "--out", str(out), "--path", str(root)]) == 0
    return out


@pytest.fixture(scope="module")
def host(published: Path) -> Iterator[Served]:
    yield from serve(published)


def banner(page: Page) -> str:
    return page.locator("#kpro-edition-banner").inner_text(timeout=5000)


def test_withdrawn_and_superseded_banners_over_http(page: Page, host: Served) -> None:
    page.goto(host.http("2026.1/procedures/PR-02.html"))
    page.wait_for_selector(".kpro-edition-status")
    text = banner(page)
    assert "Tilbagetrukket" in text and "Forkert <frist>." in text and "2026.3" in text
    link = page.locator(".kpro-edition-status a")
    assert link.get_attribute("href") == "../../gaeldende/procedures/PR-02.html"
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/gaeldende/procedures/PR-02.html")
    page.goto(host.http("2026.2/index.html"))
    page.wait_for_selector(".kpro-edition-status")
    assert "Afløst af en nyere udgave" in banner(page)
    page.goto(host.http("gaeldende/index.html"))
    page.wait_for_timeout(500)
    assert page.locator(".kpro-edition-status").count() == 0
    assert page.locator("script", has_text="alert").count() == 0


def test_version_selector_lists_every_edition_over_http(page: Page, host: Served) -> None:
    page.goto(host.http("gaeldende/index.html"))
    selector = page.locator(".md-version")
    selector.wait_for(timeout=10_000)
    assert "2026.3" in page.locator(".md-version__current").inner_text()
    items = page.locator(".md-version__list .md-version__link").all_inner_texts()
    assert any("2026.1" in i and "tilbagetrukket" in i for i in items) and any("2026.2" in i for i in items)


def test_banner_and_editions_page_from_file(page: Page, published: Path) -> None:
    page.goto((published / "2026.2" / "index.html").as_uri())
    page.wait_for_selector(".kpro-edition-status")
    assert "2026.3" in banner(page)
    page.goto((published / "udgaver.html").as_uri())
    rows = page.locator("tbody tr").all_inner_texts()
    assert len(rows) == 3 and "Tilbagetrukket: Forkert <frist>." in rows[2]
