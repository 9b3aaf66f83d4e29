"""Render: the model in, a build folder of plain files out (docs/ + mkdocs.yml).

The folder holds a copy of the hand-written docs/, the generated pages, the local assets, and
a small mkdocs.yml that INHERITs the repository's mkdocs.yml and adds only what is generated
(docs_dir, nav, site name, footer). Output is deterministic: same model and history, same bytes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

from ..check import UsageError
from ..model import Handbook
from . import actors, changelog, devices, front, procedures, raci, records, requirements, risks, traceability
from .context import Ctx
from .history import History
from .nav import build_nav

RENDERERS: tuple[Callable[[Ctx], dict[str, str]], ...] = (
    front.pages,
    procedures.pages,
    actors.pages,
    raci.pages,
    requirements.pages,
    traceability.pages,
    risks.pages,
    devices.pages,
    records.pages,
    changelog.pages,
)
ASSETS = Path(__file__).parent / "assets"
THEME_HOOK = Path(__file__).parent / "theme_hook.py"
ASSET_DIR = "assets/handbook"  # inside docs/, referenced from the repository's mkdocs.yml
BASE_CONFIG = "mkdocs.yml"
HAND_WRITTEN = "docs"


def render_pages(hb: Handbook, history: History, today: date, handwritten: list[str] | None = None) -> dict[str, str]:
    ctx = Ctx(hb, history, today, frozenset(handwritten or ()))
    pages: dict[str, str] = {}
    for renderer in RENDERERS:
        for path, text in renderer(ctx).items():
            if path in pages:
                raise AssertionError(f"two renderers produced {path}")  # a bug, not a content problem
            pages[path] = text
    return pages


def handwritten_pages(root: Path) -> list[str]:
    docs = root / HAND_WRITTEN
    if not docs.is_dir():
        return []
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())


def write_build(root: Path, hb: Handbook, history: History, today: date, build_dir: Path) -> Path:
    """Write the build folder and return the path of its mkdocs.yml."""
    base = root / BASE_CONFIG
    if not base.is_file():
        raise UsageError(f"{base} is missing: the site's base configuration lives there")
    hand = handwritten_pages(root)
    pages = render_pages(hb, history, today, hand)
    clashes = sorted(set(hand) & set(pages))
    if clashes:
        raise UsageError(f"docs/{clashes[0]} has the address of a generated page; rename or remove it")
    docs = build_dir / "docs"
    if (root / HAND_WRITTEN).is_dir():
        shutil.copytree(root / HAND_WRITTEN, docs)
    for path in sorted(pages):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pages[path], encoding="utf-8", newline="\n")
    shutil.copytree(ASSETS, docs / ASSET_DIR, dirs_exist_ok=True)
    config_file = build_dir / "mkdocs.yml"
    config_file.write_text(_config(base, hb, history, list(pages), hand), encoding="utf-8")
    return config_file


def _config(base: Path, hb: Handbook, history: History, pages: list[str], hand: list[str]) -> str:
    edition = history.edition
    footer = (
        f"{hb.settings.title} · udgave: {edition.text}"
        if edition.known
        else hb.settings.title
    )
    config = {
        "INHERIT": str(base.resolve()),
        "docs_dir": "docs",
        # Plain text: the theme hook escapes these once for every context the theme prints them in.
        "site_name": hb.settings.title,
        "copyright": footer,
        "hooks": [str(THEME_HOOK)],
        "nav": build_nav(pages, [p for p in hand if p.endswith(".md")]),
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=True)

