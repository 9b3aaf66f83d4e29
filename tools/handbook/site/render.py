"""Render: the model in, a build folder of plain files out (docs/ + mkdocs.yml).

Every generated page comes from a template (`handbook/templates/`): each kind with pages gets
an index page and one page per document from the templates its registry entry names; the front
page, the RACI matrix, the traceability matrix and the change log have templates of their own.
The folder holds a copy of the hand-written docs/, the generated pages, the local assets, and a
small mkdocs.yml that INHERITs the repository's mkdocs.yml and adds only what is generated
(docs_dir, nav, site name, footer). Output is deterministic: same model and history, same bytes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Collection, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..constants import DOCS_DIR
from ..errors import SiteBuildError, UsageError
from ..files import walk
from ..kinds import with_pages
from ..model import Handbook
from ..progress import QUIET, Progress
from ..values import Conformity
from . import paths
from .context import Site
from .downloads import DOWNLOADS
from .edition import SiteEdition
from .municipal import MunicipalViews, day_of, municipal_pages
from .nav import build_nav
from .templating import render
from .views import CHANGE, RACI, RISK_CHANGE, Views

ASSETS = Path(__file__).parent / "assets"
THEME_HOOK = Path(__file__).parent / "theme_hook.py"
SERVE_HOOK = Path(__file__).parent / "serve_hook.py"
INTERNAL_HOOK = Path(__file__).parent / "internal_hook.py"
SEARCH_HOOK = Path(__file__).parent / "search_hook.py"
PROGRESS_HOOK = Path(__file__).parent / "progress_hook.py"
ASSET_DIR = "assets/handbook"  # inside docs/, referenced from the repository's mkdocs.yml
BASE_CONFIG = "mkdocs.yml"
HAND_WRITTEN = DOCS_DIR

# Generated pages that are not a kind's pages: (address, template, title).
SPECIAL = (
    (paths.RACI, "raci.md.j2", "Ansvarsfordeling (RACI)"),
    (paths.TRACEABILITY, "traceability.md.j2", "Sporbarhedsmatrix"),
    (paths.GAPS, "gaps.md.j2", "Huller og handlingsplaner"),
    (paths.CHANGES, "changes.md.j2", "Ændringer"),
    (paths.EDITIONS, "editions.md.j2", "Udgaver"),
    (paths.CITATION, "citation.md.j2", "Citering"),
    (paths.CONFORMITY_REPORT, "report_conformity.md.j2", "Overensstemmelsesrapport"),
)


def _common(hb: Handbook, edition: SiteEdition, today: date, downloads: bool = False) -> dict[str, Any]:
    """What every template reads besides its page. With `downloads` the pages link to the PDFs
    and spreadsheets the site carries (site/downloads.py)."""
    return {
        "hb": hb,
        "site_edition": edition,
        "edition": edition.id,
        "views": Views(hb, edition.id, today, edition.last_change),
        "municipal": MunicipalViews(hb, edition, today),
        "paths": paths,
        "RACI": RACI,
        "CHANGE": CHANGE,
        "RISK_CHANGE": RISK_CHANGE,
        "statuses": list(Conformity),
        "downloads": DOWNLOADS if downloads else None,
    }


def render_feet(hb: Handbook, edition: SiteEdition, today: date, handwritten: list[str]) -> dict[str, str]:
    """The foot each hand-written Markdown page gets appended: its source file and last change,
    and the line a printed page carries (the generated pages have it from their template)."""
    site = Site(hb, edition, today, frozenset(handwritten))
    common = _common(hb, edition, today)
    return {
        rel: render("handwritten_foot.md.j2", page=site.at(rel), source=f"{HAND_WRITTEN}/{rel}", **common)
        for rel in handwritten
        if rel.endswith(".md")
    }


def page_paths(hb: Handbook, edition: SiteEdition, today: date) -> list[str]:
    """The address of every generated page."""
    day = day_of(edition, today)
    return [path for path, _, _ in (*_pages(hb), *municipal_pages(hb, day))]


def render_pages(
    hb: Handbook,
    edition: SiteEdition,
    today: date,
    handwritten: list[str] | None = None,
    downloads: bool = False,
    progress: Progress = QUIET,
    only: Collection[str] | None = None,
) -> dict[str, str]:
    """Every generated page, or with `only` just those (the live preview re-renders what an edit
    can have changed, see incremental.py). With `downloads` the pages link to the PDFs and
    spreadsheets the site carries (site/downloads.py)."""
    site = Site(hb, edition, today, frozenset(handwritten or ()))
    common = _common(hb, edition, today, downloads)
    pages: dict[str, str] = {}
    day = common["municipal"].day
    todo = [page for page in (*_pages(hb), *municipal_pages(hb, day)) if only is None or page[0] in only]
    with progress.stage("rendering pages", total=len(todo), unit="page") as advance:
        for path, template, context in todo:
            if path in pages:
                raise AssertionError(f"two pages have the address {path}")  # a bug, not a content problem
            pages[path] = render(template, page=site.at(path), **common, **context)
            advance(1)
    return pages


def render_page(hb: Handbook, edition: SiteEdition, today: date, path: str, template: str, **context: Any) -> str:
    """One page rendered alone, as the site would render it at `path` (the reports print it)."""
    site = Site(hb, edition, today, frozenset())
    return render(template, page=site.at(path), **_common(hb, edition, today, False), **context)


def _pages(hb: Handbook) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every generated page: its address, its template and what the template needs besides."""
    yield paths.INDEX, "front.md.j2", {"title": hb.settings.title, "anchor": ""}
    for path, template, title in SPECIAL:
        yield path, template, {"title": title, "anchor": ""}
    for kind in with_pages():
        items = sorted(hb.of(kind.name).values(), key=lambda item: item.id)
        index = {"title": kind.index_heading, "anchor": "", "kind": kind, "items": items}
        yield paths.section_index(kind.name), kind.index_template, index
        for item in items:
            title = f"{item.id} {item.title}" if kind.id_in_title else item.title
            context = {"title": title, "anchor": item.id, "kind": kind, "doc": item}
            yield paths.page(kind.name, item.id), kind.template, context


def handwritten_pages(root: Path) -> list[str]:
    """The files of docs/ (relative to it) that may be published: regular files, links only
    inside the repository. Anything else stops the build, naming the file."""
    if not (root / HAND_WRITTEN).is_dir():
        return []
    tree = walk(root, HAND_WRITTEN)
    if tree.problems:
        raise SiteBuildError("; ".join(p.message for p in tree.problems))
    return [rel.removeprefix(HAND_WRITTEN + "/") for rel in tree.files]


def write_build(
    root: Path,
    hb: Handbook,
    edition: SiteEdition,
    today: date,
    build_dir: Path,
    preview: bool = False,
    internal: bool = False,
    downloads: bool = False,
    progress: Progress = QUIET,
    rendered: Callable[[list[str]], dict[str, str]] | None = None,
) -> Path:
    """Write the build folder and return the path of its mkdocs.yml. `hb` is what is published
    (the public view, unless `internal`). A preview (`serve`) also gets the hook that answers only
    its own loopback address; the internal site the hook that marks every page internal.
    `rendered` gives the generated pages for the hand-written ones' list (the live preview's
    incremental renderer); by default every page is rendered."""
    base = root / BASE_CONFIG
    if not base.is_file():
        raise UsageError(f"{base} is missing: the site's base configuration lives there")
    hand = handwritten_pages(root)
    pages = rendered(hand) if rendered else render_pages(hb, edition, today, hand, downloads, progress=progress)
    clashes = sorted(set(hand) & set(pages))
    if clashes:
        raise UsageError(f"docs/{clashes[0]} has the address of a generated page; rename or remove it")
    docs = build_dir / "docs"
    feet = render_feet(hb, edition, today, hand)
    for rel in hand:  # only what handwritten_pages allowed, never a tree copy that follows any link
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / HAND_WRITTEN / rel, target)
        if rel in feet:
            with target.open("a", encoding="utf-8", newline="\n") as page:
                page.write("\n\n" + feet[rel])
    for path in sorted(pages):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pages[path], encoding="utf-8", newline="\n")
    shutil.copytree(ASSETS, docs / ASSET_DIR, dirs_exist_ok=True)
    config_file = build_dir / "mkdocs.yml"
    hooks = [
        THEME_HOOK,
        SEARCH_HOOK,
        PROGRESS_HOOK,
        *([SERVE_HOOK] if preview else []),
        *([INTERNAL_HOOK] if internal else []),
    ]
    config_file.write_text(_config(base, hb, edition, list(pages), hand, hooks, internal), encoding="utf-8")
    return config_file


INTERNAL_MARK = "Intern udgave – må ikke offentliggøres"


def _config(
    base: Path, hb: Handbook, edition: SiteEdition, pages: list[str], hand: list[str], hooks: list[Path], internal: bool
) -> str:
    footer = f"{hb.settings.title} · {edition.id.text}"
    if internal:
        footer = f"{INTERNAL_MARK} · {footer}"
    config: dict[str, Any] = {
        "INHERIT": str(base.resolve()),
        "docs_dir": "docs",
        # Plain text: the theme hook escapes these once for every context the theme prints them in.
        "site_name": hb.settings.title,
        "copyright": footer,
        "hooks": [str(hook) for hook in hooks],
        # Generated pages link to .html files; the site must be built with those addresses.
        "use_directory_urls": False,
        "nav": build_nav(pages, [p for p in hand if p.endswith(".md")]),
    }
    if edition.id.name:
        # A released edition: mkdocs-material's version selector reads ../versions.json, which
        # `handbook publish` writes next to the editions (it works over http(s), not file://).
        config["extra"] = {**_base_extra(base), "version": {"provider": "mike", "alias": True}}
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=True)


def _base_extra(base: Path) -> dict[str, Any]:
    """The base configuration's `extra` (INHERIT does not merge a key the child sets)."""
    try:
        data = yaml.load(base.read_text(encoding="utf-8"), Loader=_IgnoreTags)
    except (OSError, yaml.YAMLError):
        return {}
    extra = data.get("extra") if isinstance(data, dict) else None
    return dict(extra) if isinstance(extra, dict) else {}


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain values; its !!python tags (the slugify function) are left as None."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
