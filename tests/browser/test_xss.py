"""Hostile text in the YAML must never run in a reader's browser. A copy of the handbook gets a
procedure whose title (plain text) and purpose (Markdown) carry script, event-handler and
javascript: link payloads; the built pages must show them inert."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from ..html_scan import scan_site
from .browser_kit import Served, h1, search, serve

pytestmark = pytest.mark.browser

PROCEDURE = "PR-01"
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
LINK = "[klik](javascript:window.__xss=3)"
TITLE = f"Farlig titel {SCRIPT} {IMG} {LINK}"
PURPOSE = f"""purpose: |-
  Formål med farligt indhold.

  {SCRIPT}

  {IMG}

  {LINK}

  Inline {SCRIPT} og {IMG} og {LINK} i et afsnit.

  <a href="javascript:window.__xss=4">rå html-link</a> og <svg onload="window.__xss=5"></svg>
"""
# Pages where the procedure's title or purpose is shown.
PAGES = ("procedures/PR-01.html", "procedures/index.html", "actors/KOMMUNE.html", "sporbarhed.html", "index.html")

FIND_DANGER = """() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            if (name.startsWith('on')) bad.push(`${el.tagName} ${name}="${attr.value}"`);
            if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name)
                && /^\\s*javascript:/i.test(attr.value)) bad.push(`${el.tagName} ${name}="${attr.value}"`);
        }
    }
    for (const s of document.querySelectorAll('script')) {
        if (s.textContent.includes('__xss')) bad.push('<script> ' + s.textContent.slice(0, 80));
    }
    return bad;
}"""


# The handbook title reaches the theme (header, <title>, aria-label); the change note is a
# Markdown field shown in the controlled-document header.
SETTINGS_TITLE = 'K-PRO" onmouseover="window.__xss=6" x="\'><script>window.__xss=7</script>'
CHANGE_NOTE = 'Ændret \\[klik\\](javascript:window.__xss=8) og tekst {: onclick="window.__xss=9" }'


def _replace_line(text: str, pattern: str, line: str) -> str:
    text, count = re.subn(pattern, lambda _: line, text, count=1)
    assert count == 1, f"nothing to poison: {pattern}"
    return text


def _hostile_procedure(text: str) -> str:
    # The change note (a block scalar) runs to the next key of `control:` or the next top-level key.
    text = _replace_line(text, r"(?ms)^  change_note:.*?(?=^  \S|^\S)", "  change_note: " + json.dumps(CHANGE_NOTE) + "\n")
    text, titles = re.subn(r"(?m)^title: .*$", "title: '" + TITLE.replace("'", "''") + "'", text, count=1)
    # The purpose block runs from `purpose:` to the next top-level key.
    text, purposes = re.subn(r"(?ms)^purpose:.*?(?=^\S)", PURPOSE, text, count=1)
    assert titles == 1 and purposes == 1, "PR-01 no longer has a top-level title and purpose to poison"
    return text


@pytest.fixture(scope="module")
def hostile_site(site_source: Path, tmp_path_factory: pytest.TempPathFactory, handbook_builder) -> Iterator[Served]:
    repo = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(site_source / "qms", repo / "qms")
    shutil.copy2(site_source / "mkdocs.yml", repo / "mkdocs.yml")
    if (site_source / "docs").is_dir():
        shutil.copytree(site_source / "docs", repo / "docs")
    proc = repo / "qms" / "procedures" / f"{PROCEDURE}.yaml"
    proc.write_text(_hostile_procedure(proc.read_text(encoding="utf-8")), encoding="utf-8")
    settings = repo / "qms" / "handbook.yaml"
    poisoned = _replace_line(settings.read_text(encoding="utf-8"), r"(?m)^title: .*$", "title: " + json.dumps(SETTINGS_TITLE))
    settings.write_text(poisoned, encoding="utf-8")
    out = repo.parent / "site"
    handbook_builder(repo, out)
    yield from serve(out)


def test_no_dangerous_markup_in_any_generated_file(hostile_site: Served) -> None:
    assert scan_site(hostile_site.root, "__xss") == {}


@pytest.mark.parametrize("rel", PAGES)
def test_payloads_do_not_run_in_the_browser(page: Page, hostile_site: Served, rel: str, screenshot) -> None:
    if not (hostile_site.root / rel).is_file():
        pytest.fail(f"{rel} was not built")
    page.goto(hostile_site.http(rel))
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)  # let a failing <img> fire its error event
    assert page.evaluate("typeof window.__xss") == "undefined", f"payload ran on {rel}"
    assert page.evaluate(FIND_DANGER) == [], rel
    if rel.startswith("procedures/PR-01"):
        heading = h1(page)
        assert heading.startswith(f"{PROCEDURE} "), heading
        assert "window.__xss=1" in heading, "the title should be shown as text, not dropped or run"
        # A click on the poisoned Markdown link must not run it either.
        klik = page.get_by_text("klik", exact=True)
        if klik.count():
            klik.first.click()
            page.wait_for_timeout(200)
            assert page.evaluate("typeof window.__xss") == "undefined"
        screenshot(page, "xss-procedure")


def test_payloads_do_not_run_in_search_results(page: Page, hostile_site: Served) -> None:
    page.goto(hostile_site.http("index.html"))
    hits = search(page, "farlig")
    assert any(f"procedures/{PROCEDURE}.html" in h for h in hits), hits
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined", "payload ran from the search results"
    assert page.evaluate(FIND_DANGER) == []
