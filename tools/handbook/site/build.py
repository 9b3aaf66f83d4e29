"""`handbook build`: check → render → mkdocs build --strict → atomic swap of the output folder.

Fail closed: nothing is written to the output folder unless every step succeeded, and the
previous site stays byte-identical until the new one is complete.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import TextIO

from ..check import CheckResult
from ..constants import QMS_DIR
from ..errors import SiteBuildError, UsageError
from ..exports.files import export_files
from ..perf import no_cyclic_gc
from ..progress import QUIET, Progress, counting_pages
from ..publication import public_view
from .edition import EditionId, SiteEdition, site_edition
from .inforce import NotInForce, effective_handbook
from .render import HAND_WRITTEN, write_build

MARKER = ".handbook-site"  # proves a folder is a site we built, so we may replace it; says for whom
PUBLIC, INTERNAL = "public", "internal"


@dataclass(frozen=True)
class BuildOutcome:
    out: Path
    pages: int
    edition: SiteEdition


def build_site(
    result: CheckResult,
    out: Path,
    identity: EditionId | None = None,
    internal: bool = False,
    exports: bool = False,
    progress: Progress = QUIET,
) -> BuildOutcome:
    """Build the site of the handbook in force: the public site (internal documents left out),
    or with `internal` the complete one, marked internal on every page. `identity` names a
    release; without it the build is the work tree's preview (a draft unless the tree is exactly
    a released edition). With `exports` the site also carries its PDFs and spreadsheets."""
    root = result.root
    out = _checked_out(root, out, internal)
    with progress.stage("comparing with the last edition"):
        edition = site_edition(result, identity)
    try:
        handbook = effective_handbook(result)
    except NotInForce as exc:
        raise SiteBuildError(str(exc)) from None
    published = handbook if internal else public_view(handbook)
    with tempfile.TemporaryDirectory(prefix="handbook-render-") as work:
        with no_cyclic_gc():
            config = write_build(
                root, published, edition, result.today, Path(work), internal=internal, downloads=exports,
                progress=progress,
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        # The new site is built next to the output folder so the final rename stays on one filesystem.
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
        try:
            total = sum(1 for _ in (Path(work) / "docs").rglob("*.md"))
            with (
                _reproducible(edition.id),
                _model_out_of_gc(),
                progress.stage("building site", total=total, unit="page") as advance,
                counting_pages(advance),
            ):
                run_mkdocs(config, staging)
            if exports:
                with progress.stage("making PDFs", unit="PDF") as advance:
                    made = export_files(published, edition, result.today, lambda _name: advance(1))
                _write_exports(staging, made)
            audience = INTERNAL if internal else PUBLIC
            (staging / MARKER).write_text(f"{audience}\n{edition.id.text}\n", encoding="utf-8")
            staging.chmod(_folder_mode())  # mkdtemp made it private; a site is for reading
            pages = sum(1 for _ in staging.rglob("*.html"))
            swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return BuildOutcome(out, pages, edition)


def _write_exports(site: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def run_mkdocs(config_file: Path, site_dir: Path) -> None:
    """One in-process `mkdocs build --strict` (no second interpreter start-up)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # --strict counts warnings through the "mkdocs" logger: a caller that raised its level
    # would silently turn strict off, so the level is pinned for the build.
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        build(config)
    except MkDocsException as exc:
        raise SiteBuildError(str(exc) or type(exc).__name__) from None
    finally:
        logger.setLevel(level)


def swap_in(staging: Path, out: Path) -> None:
    """Rename the old site aside, rename the new one in, then delete the old one."""
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        if old.exists():
            old.rename(out)  # put the previous site back: never leave the output missing
        raise
    shutil.rmtree(old, ignore_errors=True)


def _checked_out(root: Path, out: Path, internal: bool) -> Path:
    out = out.resolve()
    inside = [root / name for name in (QMS_DIR, HAND_WRITTEN, "tools", "tests", ".git")]
    if root.is_relative_to(out) or any(out.is_relative_to(p) for p in inside):
        raise UsageError(f"refusing to build into {out}: it is or contains the handbook's own files")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise UsageError(f"refusing to replace {out}: it exists and is not a site built by handbook")
    if internal and (out / MARKER).is_file() and _audience(out) != INTERNAL:
        raise UsageError(f"refusing to put the internal site into {out}, which holds a public site; choose another folder")
    return out


def _audience(site: Path) -> str:
    first = (site / MARKER).read_text(encoding="utf-8").split("\n", 1)[0]
    return first if first in (PUBLIC, INTERNAL) else PUBLIC  # sites from before the marker said so are public


def _folder_mode() -> int:
    """The mode a new folder gets under the user's umask (os.umask only reads it by setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


@contextmanager
def _model_out_of_gc() -> Iterator[None]:
    """The site builder runs the cyclic garbage collector many times; the handbook model and the
    rendered pages, which live on until the build ends, need not be scanned every time (measured
    on 1,000 procedures: the mkdocs step 7 % faster)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _reproducible(edition: EditionId) -> Iterator[None]:
    """mkdocs stamps sitemap.xml(.gz) with the build date unless SOURCE_DATE_EPOCH is set; use the
    edition's date (release or commit date) so two builds of the same edition are byte-identical."""
    from datetime import datetime

    epoch = "0"
    if edition.date:
        when = datetime.fromisoformat(edition.date).replace(tzinfo=UTC)
        seconds = int(when.timestamp())
        if not 0 <= seconds < 2**32:  # the gzip header of sitemap.xml.gz holds 32 unsigned bits
            raise SiteBuildError(
                f"the edition is dated {edition.date} (commit {edition.short}), outside 1970-2106, "
                "which the site's sitemap cannot record; check the clock of the machine that made it"
            )
        epoch = str(seconds)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def mkdocs_warnings_to(stream: TextIO) -> Iterator[None]:
    """Show the site builder's warnings (they name the page) while keeping its chatter quiet."""
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
