"""Escaping by context, proven in the browser: the real handbook with hostile text in every string
field, the settings and the municipality CSV (tests/payloads.py), built once, and every page type
opened in Chromium with a trap that records any attempt of a payload to run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from ..payloads import poisoned_handbook
from .browser_kit import Served, search, serve
from .test_xss import FIND_DANGER

pytestmark = pytest.mark.browser

# Every payload assigns window.__xss; the trap records it (and alert, eval) instead.
TRAP = """
(() => {
    const runs = [];
    Object.defineProperty(window, '__xss_runs', {value: runs});
    Object.defineProperty(window, '__xss', {configurable: false, get() { return undefined; },
                                           set(v) { runs.push(String(v)); }});
    window.alert = (m) => runs.push('alert ' + m);
})();
"""
PAGE_TYPES = (
    "index.html",
    "procedures/index.html",
    "procedures/PR-01.html",
    "procedures/PR-08.html",
    "actors/index.html",
    "actors/KOMMUNE.html",
    "raci.html",
    "requirements/index.html",
    "requirements/MDR5-B.html",
    "sporbarhed.html",
    "risks/index.html",
    "risks/RISK-01.html",
    "devices/index.html",
    "devices/DEV-KPRO.html",
    "records/index.html",
    "records/REC-01-1.html",
    "hazards/index.html",
    "hazards/HAZ-01.html",
    "aendringer.html",
    "udgaver.html",
    "citering.html",
    "laesevejledning.html",
)


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory, handbook_builder) -> Iterator[Served]:  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("payload-site")
    root = poisoned_handbook(base / "hb")
    handbook_builder(root, base / "site")
    yield from serve(base / "site")


def _hover_everything(page: Page) -> None:
    """Fire mouse and focus events on every element of the page (header, navigation and content),
    so a planted handler, or a theme feature that renders an attribute as markup, would run."""
    page.evaluate(
        """() => { for (const el of document.querySelectorAll('body *')) {
            for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
                if (type === 'click' && el.closest('a[href]')) continue;  // do not navigate away
                el.dispatchEvent(new Event(type, {bubbles: true}));
            } } }"""
    )


@pytest.mark.parametrize("rel", PAGE_TYPES)
def test_no_payload_runs_on_any_page_type(page: Page, poisoned: Served, rel: str) -> None:
    assert (poisoned.root / rel).is_file(), f"{rel} was not built"
    page.add_init_script(TRAP)
    page.goto(poisoned.http(rel))
    page.wait_for_load_state("load")
    _hover_everything(page)
    page.wait_for_timeout(250)  # a failing <img> fires its error event after load
    assert page.evaluate("window.__xss_runs") == [], rel
    assert page.evaluate(FIND_DANGER) == [], rel
    assert page.errors.uncaught == [], rel  # type: ignore[attr-defined]


def test_no_payload_runs_from_the_search_results(page: Page, poisoned: Served) -> None:
    page.add_init_script(TRAP)
    page.goto(poisoned.http("index.html"))
    hits = search(page, "Tekst")
    assert hits, "the poisoned texts should be found"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss_runs") == []
    assert page.evaluate(FIND_DANGER) == []
