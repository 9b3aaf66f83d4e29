"""Self-test of the browser harness on a plain `mkdocs build` of a four-page material project, so a
failure in the handbook tests can be told apart from a broken harness (Chromium, http server,
file:// access, the search shim, axe). Independent of `handbook build`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser_kit import Served, click_link, field_table, h1, run_axe, search, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(demo_site_dir: Path) -> Iterator[Served]:
    yield from serve(demo_site_dir)


def test_harness_clicks_through_demo_site_over_http(page, demo: Served, screenshot) -> None:
    page.goto(demo.http("index.html"))
    assert h1(page) == "Demo-håndbog"
    click_link(page, "actors/KOMMUNE.html")
    assert h1(page).startswith("KOMMUNE")
    click_link(page, "procedures/PR-01.html")
    assert h1(page).startswith("PR-01")
    assert field_table(page) == {"Felt": "Værdi", "Revision": "1", "Status": "Gældende"}
    click_link(page, "requirements/MDR5-B.html")
    assert page.url == demo.http("requirements/MDR5-B.html")
    screenshot(page, "harness-demo-requirement")
    assert not page.errors.uncaught


@pytest.mark.parametrize("access", ["http", "file"])
def test_harness_search_works_over_http_and_file(page, demo: Served, tmp_path: Path, access: str) -> None:
    if access == "http":
        start = demo.http("index.html")
    else:
        copy = tmp_path / "kopi"
        shutil.copytree(demo.root, copy)
        start = (copy / "index.html").as_uri()
    page.goto(start)
    hits = search(page, "risikovurdering")
    assert hits and hits[0].startswith(start.rsplit("/", 1)[0] + "/procedures/PR-01.html"), hits


def test_harness_axe_runs_offline(page, demo: Served, axe_js: Path) -> None:
    page.goto(demo.http("procedures/PR-01.html"))
    results = run_axe(page, axe_js)
    # Stock Material has known contrast findings; the harness only proves axe runs offline.
    assert results["testEngine"]["name"] == "axe-core"
    assert isinstance(results["violations"], list)
