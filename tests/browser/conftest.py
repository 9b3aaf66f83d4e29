"""Shared fixtures for the browser suite: build the handbook site once, serve it over http and
file://, drive Debian's headless Chromium with Playwright, and save screenshots and axe results
under test-artifacts/ (git-ignored).

Chromium is never downloaded (`playwright install` has no network here); the suite launches the
system browser. Without it the suite skips, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from .browser_kit import AXE_SUMMARY, Served, serve, slug

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_RESULTS = ARTIFACTS / "axe"
CHROMIUM = Path(os.environ.get("KPRO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IFRAME_WORKER_SHIM = REPO / "tools" / "handbook" / "site" / "assets" / "iframe-worker-shim.js"
HANDBOOK = [sys.executable, "-m", "handbook.cli"]
BUILD_TIMEOUT = 240


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/browser carries the `browser` marker (select with -m browser)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if AXE_SUMMARY:
        terminalreporter.section("axe-core (WCAG 2.1 A/AA) per page type")
        for line in AXE_SUMMARY:
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"JSON results: {AXE_RESULTS}")


# --------------------------------------------------------------------------- the site build


@functools.cache
def handbook_build_available() -> bool:
    """True once the CLI has a `build` subcommand (it is being written alongside this suite)."""
    try:
        done = subprocess.run([*HANDBOOK, "build", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and "--out" in done.stdout


def require_handbook_build() -> None:
    if not handbook_build_available():
        pytest.skip("`handbook build` does not exist yet (checked `handbook build --help`); nothing to test")


def build_handbook(repo: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run `handbook build REPO --out OUT`; fail the test with the tool's output if no site came out."""
    require_handbook_build()
    cmd = [*HANDBOOK, "build", str(repo), "--out", str(out), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT, cwd=repo)
    if done.returncode != 0 or not (out / "index.html").is_file():
        crash = re.search(r"details written to (\S+\.log)", done.stderr)
        log = (
            Path(crash.group(1)).read_text(encoding="utf-8")[-3000:] if crash and Path(crash.group(1)).is_file() else ""
        )
        pytest.fail(
            f"`{' '.join(cmd)}` exited {done.returncode} without a usable site\n"
            f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}"
            + (f"\n--- crash log\n{log}" if log else ""),
            pytrace=False,
        )
    return done


@pytest.fixture(scope="session")
def site_source() -> Path:
    """The handbook the suite builds: this repository. KPRO_BROWSER_SOURCE may name another
    handbook folder (mkdocs.yml, docs/, qms/) to point the suite at a fixture while developing."""
    return Path(os.environ.get("KPRO_BROWSER_SOURCE") or REPO).resolve()


@pytest.fixture(scope="session")
def site_title(site_source: Path) -> str:
    settings = yaml.safe_load((site_source / "qms" / "handbook.yaml").read_text(encoding="utf-8"))
    return str(settings["title"])


@pytest.fixture(scope="session")
def site_dir(site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built once per session with `handbook build`."""
    require_handbook_build()
    out = tmp_path_factory.mktemp("handbook-site") / "site"
    build_handbook(site_source, out)
    return out


@pytest.fixture(scope="session")
def copied_site_dir(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site copied to an unrelated folder, as a reader would unpack it from a zip."""
    target = tmp_path_factory.mktemp("copied") / "håndbog kopi"
    shutil.copytree(site_dir, target)
    return target


# --------------------------------------------------------------------------- serving


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[Served]:
    yield from serve(site_dir)


# --------------------------------------------------------------------------- the browser


def _require_chromium() -> None:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    message = f"Chromium not found at {CHROMIUM} (install the Debian package `chromium`)"
    if in_ci():
        pytest.fail(f"{message}; CI=true, so the browser suite must run", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _require_chromium()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class PageErrors:
    """Uncaught JavaScript errors, console errors and every requested URL seen by one page."""

    uncaught: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (own context) in Danish, desktop size, with JS errors collected on `page.errors`."""
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors = PageErrors()
    pg.on("pageerror", lambda exc: errors.uncaught.append(str(exc)))
    pg.on("console", lambda msg: errors.console.append(msg.text) if msg.type == "error" else None)
    context.on("request", lambda request: errors.requests.append(request.url))
    pg.errors = errors  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        context.close()


# --------------------------------------------------------------------------- artifacts


@pytest.fixture(scope="session")
def screenshot() -> Callable[[Page, str], Path]:
    """`screenshot(page, "procedure")` saves test-artifacts/screenshots/procedure.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(pg: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{slug(name)}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def axe_results_dir() -> Path:
    AXE_RESULTS.mkdir(parents=True, exist_ok=True)
    return AXE_RESULTS


@pytest.fixture(scope="session")
def handbook_builder() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`build_handbook` for tests that build their own fixture handbook."""
    return build_handbook


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """The axe-core bundle shipped inside axe-playwright-python (no network needed)."""
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert path.is_file(), f"axe-core bundle missing at {path}"
    return path


# --------------------------------------------------------------------------- harness self-test site

DEMO_MKDOCS = """\
site_name: Demo-håndbog
use_directory_urls: false
theme:
  name: material
  language: da
  font: false
  features: [search.highlight]
extra:
  polyfills: [assets/iframe-worker-shim.js]
plugins:
  - search:
      lang: da
  - offline
nav:
  - Forside: index.md
  - Aktører: actors/KOMMUNE.md
  - Procedurer: procedures/PR-01.md
  - Krav: requirements/MDR5-B.md
"""
DEMO_PAGES = {
    "index.md": "# Demo-håndbog\n\nSe [Kommunen](actors/KOMMUNE.md).\n",
    "actors/KOMMUNE.md": "# KOMMUNE Kommunen\n\nAnsvarlig i [PR-01](../procedures/PR-01.md).\n",
    "procedures/PR-01.md": (
        "# PR-01 Risikostyring\n\n| Felt | Værdi |\n|---|---|\n| Revision | 1 |\n| Status | Gældende |\n\n"
        "Proceduren beskriver risikovurdering af udstyret. Opfylder [MDR5-B](../requirements/MDR5-B.md).\n"
    ),
    "requirements/MDR5-B.md": "# MDR5-B Passende kvalitetsstyringssystem\n\nKravet om kvalitetsstyring.\n",
}


def build_demo_site(out: Path) -> Path:
    """A plain `mkdocs build` of a four-page material project: the harness's own proof, independent
    of `handbook build`."""
    project = out / "project"
    for rel, text in DEMO_PAGES.items():
        target = project / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(DEMO_MKDOCS, encoding="utf-8")
    # Material loads this shim from a CDN for file:// search; the handbook vendors it.
    (project / "docs" / "assets").mkdir()
    shutil.copy2(IFRAME_WORKER_SHIM, project / "docs" / "assets" / "iframe-worker-shim.js")
    site = out / "site"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    done = subprocess.run(mkdocs, cwd=project, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="session")
def demo_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_site(tmp_path_factory.mktemp("demo"))
