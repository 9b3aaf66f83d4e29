"""Small helpers the browser tests share: following links by clicking, the Material search box,
page discovery in a built site and axe-core runs. Kept out of conftest.py so tests can import them."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page

# The WCAG 2.1 A/AA rule set the handbook promises in its accessibility statement.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
CONTENT = "article.md-content__inner"


# --------------------------------------------------------------------------- serving


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Served:
    """One built site, reachable over http and over file://."""

    root: Path
    http_base: str

    def http(self, rel: str = "") -> str:
        return f"{self.http_base}/{rel.lstrip('/')}"

    def file(self, rel: str = "index.html") -> str:
        return (self.root / rel).as_uri()


def serve(root: Path) -> Iterator[Served]:
    """Serve ROOT with http.server on 127.0.0.1 and a free port chosen by the OS."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-http", daemon=True)
    thread.start()
    try:
        yield Served(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- reading pages


def h1(page: Page) -> str:
    """The page heading without the permalink anchor (¶)."""
    return page.locator(f"{CONTENT} h1").first.evaluate(
        """h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
                  return c.textContent.trim(); }"""
    )


def content_text(page: Page) -> str:
    return page.locator(CONTENT).inner_text()


def visible_links(page: Page, target: str, scope: str = CONTENT) -> Locator:
    """Visible links under SCOPE whose resolved address (without #fragment) is TARGET (an absolute
    URL) or ends with the site path TARGET, e.g. "actors/KOMMUNE.html". Relative hrefs such as
    "KOMMUNE.html" or "../actors/KOMMUNE.html" match as the browser resolves them."""
    page.evaluate(
        """([scope, target]) => {
            const bare = (u) => u.split('#')[0].split('?')[0];
            const wanted = bare(target.replace(/^(\\.\\.?\\/)+/, ''));
            document.querySelectorAll('[data-kpro-match]').forEach(a => a.removeAttribute('data-kpro-match'));
            for (const a of document.querySelectorAll(scope + ' a[href]')) {
                const url = bare(a.href);
                // Collapsed Material nav sections keep a box but use visibility: collapse.
                const shown = a.checkVisibility({opacityProperty: true, visibilityProperty: true});
                if (shown && (url === wanted || url.endsWith('/' + wanted))) a.setAttribute('data-kpro-match', '');
            }
        }""",
        [scope, target],
    )
    return page.locator(f"{scope} a[data-kpro-match]").filter(visible=True)


def click_link(page: Page, target: str, *, scope: str = CONTENT) -> str:
    """Click the first visible link to TARGET (see visible_links), in the content first, then
    anywhere on the page (navigation); wait for the new page and return its URL."""
    links = visible_links(page, target, scope)
    if links.count() == 0:
        links = visible_links(page, target, "body")
    assert links.count() > 0, f"no visible link to {target!r} on {page.url}"
    with page.expect_navigation(wait_until="load"):
        links.first.click()
    return page.url


def section_links(page: Page, heading: str, href_part: str) -> list[str]:
    """Absolute addresses of the links (href containing HREF_PART) between the h2 that contains HEADING and the next h2."""
    return page.evaluate(
        """([scope, heading, part]) => {
            const out = [];
            let inside = false;
            for (const el of document.querySelector(scope).children) {
                if (el.tagName === 'H2') { inside = el.textContent.includes(heading); continue; }
                if (!inside) continue;
                for (const a of el.querySelectorAll('a[href]')) {
                    if (a.getAttribute('href').includes(part)) out.push(a.href);
                }
            }
            return out;
        }""",
        [CONTENT, heading, href_part],
    )


def field_table(page: Page) -> dict[str, str]:
    """The first two-column field table of the page (controlled-document header), label → value."""
    return page.evaluate(
        """(scope) => {
            const root = document.querySelector(scope);
            for (const table of root.querySelectorAll('table')) {
                const out = {};
                for (const row of table.querySelectorAll('tr')) {
                    const cells = row.querySelectorAll('th, td');
                    if (cells.length === 2) out[cells[0].innerText.trim()] = cells[1].innerText.trim();
                }
                if (Object.keys(out).length >= 3) return out;
            }
            return {};
        }""",
        CONTENT,
    )


def search(page: Page, query: str, timeout: float = 15_000) -> list[str]:
    """Type QUERY into Material's search box like a reader and return the result links (absolute)."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow layouts hide the box behind the magnifier button
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    box.press_sequentially(query, delay=15)
    page.locator(".md-search-result__item a").first.wait_for(state="visible", timeout=timeout)
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


# --------------------------------------------------------------------------- site discovery


def html_pages(site: Path, folder: str) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / folder).glob("*.html") if p.name != "index.html")


def find_page(site: Path, *candidates: str) -> str | None:
    """The first candidate (site-relative, or a glob) that exists in the built site."""
    for pattern in candidates:
        found = sorted(site.glob(pattern))
        if found:
            return found[0].relative_to(site).as_posix()
    return None


# --------------------------------------------------------------------------- axe-core


def run_axe(page: Page, axe_js: Path) -> dict[str, Any]:
    page.add_script_tag(path=str(axe_js))
    return page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )


def blocking(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


# One line per axe run in this session; conftest prints them in the terminal summary.
AXE_SUMMARY: list[str] = []


def summarise(name: str, results: dict[str, Any]) -> str:
    violations = results["violations"]
    if not violations:
        line = f"{name}: no WCAG 2.1 A/AA violations"
    else:
        parts = [f"{v['id']} ({v.get('impact')}, {len(v['nodes'])} nodes)" for v in violations]
        line = f"{name}: {len(violations)} violation(s): " + "; ".join(parts)
    AXE_SUMMARY.append(line)
    return line


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} [{v.get('impact')}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target']) if node['target'] else '?'}: {node['html'][:160]}")
    return "\n".join(lines)


def save_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "page"
