"""`handbook serve`: live preview on 127.0.0.1 only, fast enough to follow an edit.

A thin door over the pipeline (check → render), in front of `mkdocs serve` in its dirty mode:

- a watchdog observer on qms/, docs/ and mkdocs.yml runs the check again after an edit; the
  check parses only files whose bytes changed (LoadCache) with schemas kept compiled;
- the preview shows the working tree being edited (a draft), not the handbook in force;
- the incremental renderer (incremental.py) renders the changed documents' own pages first and
  writes them at once, then the other pages the edit can have changed; only files whose bytes
  changed are written into the folder mkdocs serves from, so mkdocs rebuilds just those pages
  (it skips a page whose Markdown is older than its HTML);
- when the set of pages or a page title changes (the navigation shows them on every page), or
  mkdocs.yml or a hand-written page changes, the whole build folder is written again and every
  page is marked changed as needed, so mkdocs rebuilds them with the new navigation or settings;
  the search index is merged page by page (search_hook.py), never stale;
- when the check fails, the last good pages stay and a banner on every page lists the problems
  (preview.js reads them from preview-status.json); the problems are printed too.

mkdocs serve reloads the browser after each rebuild; the serve hook answers only requests for
the preview's own loopback address and keeps the theme's compiled templates between rebuilds.
"""

from __future__ import annotations

import filecmp
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from ..check import CheckResult, check, load_schemas
from ..constants import SCHEMA_DIR
from ..errors import SiteBuildError, UsageError
from ..loading import LoadCache
from ..publication import public_view
from ..report import text_report
from ..schemas import SchemaSet
from ..terminal import printable
from .edition import EditionId, SiteEdition, preview_id, site_edition
from .incremental import IncrementalRenderer, Rendered
from .render import ASSET_DIR, BASE_CONFIG, HAND_WRITTEN, handwritten_pages, write_build

HOST = "127.0.0.1"  # never another interface: the preview may show unapproved drafts
DEBOUNCE_SECONDS = 0.1
# Only changes count: watchdog also reports opened/closed events, and the check itself opens
# every file, so reacting to those would re-render forever.
CHANGE_EVENTS = frozenset({"created", "modified", "deleted", "moved"})
STATUS_FILE = "preview-status.json"  # in the assets folder; read by preview.js
MAX_SHOWN_PROBLEMS = 50


class Preview:
    """The preview's build folder (what mkdocs serves from) and how it is brought up to date."""

    def __init__(self, root: Path, today: date | None, target: Path, internal: bool = False) -> None:
        self.root, self.today, self.target, self.internal = root, today, target, internal
        self.renderer = IncrementalRenderer()
        self._titles: dict[str, str] = {}
        self._sources: tuple[tuple[str, int, int], ...] = ()
        self._base = self._base_config()
        # Compiling the schemas is half of a check of the real handbook; they are read again
        # only when a schema file changes.
        self._schemas: tuple[tuple[tuple[str, int, int], ...], SchemaSet] | None = None
        self._loaded = LoadCache()  # only files whose bytes changed are parsed again

    def _current_schemas(self) -> SchemaSet:
        folder = self.root / SCHEMA_DIR
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        signature = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        if self._schemas is None or self._schemas[0] != signature:
            self._schemas = (signature, load_schemas(self.root))
        return self._schemas[1]

    def refresh(self) -> bool:
        """Check and render; False (the last good pages kept, the problems shown) if the check
        or the render failed. The changed documents' own pages are written first; the other
        pages the edit can have changed follow at once (mkdocs rebuilds twice, the edited page
        shows after the first)."""
        started = time.perf_counter()
        try:
            result = check(self.root, self.today, schemas=self._current_schemas(), cache=self._loaded)
        except UsageError as exc:
            return self._failed([printable(exc)], f"handbook: error: {printable(exc)}\n")
        if result.failed():
            return self._failed(_problems(result), text_report(result))
        try:
            outcome = self._render(result)
        except (UsageError, SiteBuildError) as exc:
            return self._failed([printable(exc)], f"handbook: error: {printable(exc)}\n")
        _report(outcome, started)
        if outcome.later:
            started = time.perf_counter()
            later = self.renderer.render_later()
            self._write_pages(later)
            _report(later, started)
        return True

    def _render(self, result: CheckResult) -> Rendered:
        edition = preview_edition(result)
        # The working tree as it is being edited, not the handbook in force: an author previews
        # the revision being written (every page is marked as a draft of the working tree).
        published = result.handbook if self.internal else public_view(result.handbook)
        hand = handwritten_pages(result.root)
        outcome = self.renderer.render(published, edition, result.today, hand)
        base, sources = self._base_config(), _signature(result.root, hand)
        if outcome.full or base != self._base or sources != self._sources:
            # The whole build folder: hand-written pages, assets and mkdocs.yml too.
            with tempfile.TemporaryDirectory(prefix="handbook-serve-") as fresh:
                write_build(
                    result.root, published, edition, result.today, Path(fresh), preview=True,
                    internal=self.internal, rendered=lambda _: outcome.pages,
                )
                _write_status(Path(fresh), [])
                sync_tree(Path(fresh), self.target)
        else:
            self._write_pages(outcome)
            _write_status(self.target, [])
        titles = {path: page.split("\n", 2)[1] for path, page in outcome.pages.items()}
        if titles != self._titles or base != self._base:
            # The navigation (page set and titles) or the settings of every page changed.
            mark_all_changed(self.target)
        self._titles, self._base, self._sources = titles, base, sources
        return outcome

    def _write_pages(self, outcome: Rendered) -> None:
        """Write the pages rendered this time whose text changed, each replaced atomically."""
        for path in sorted(outcome.rendered):
            write_if_changed(self.target / "docs" / path, outcome.pages[path])

    def _failed(self, problems: list[str], report: str) -> bool:
        sys.stderr.write(report)
        if (self.target / "docs").is_dir():  # a first render that fails has nothing to show yet
            _write_status(self.target, problems)
        return False

    def _base_config(self) -> bytes:
        try:
            return (self.root / BASE_CONFIG).read_bytes()
        except OSError:
            return b""


def _report(outcome: Rendered, started: float) -> None:
    took = time.perf_counter() - started
    print(f"handbook: {len(outcome.rendered)} of {len(outcome.pages)} pages rendered in {took:.2f} s", file=sys.stderr)


def _signature(root: Path, hand: list[str]) -> tuple[tuple[str, int, int], ...]:
    """The hand-written pages as they are on disk (a change copies the whole build folder)."""
    found = []
    for rel in hand:
        try:
            stat = (root / HAND_WRITTEN / rel).stat()
        except OSError:
            continue
        found.append((rel, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def write_if_changed(path: Path, text: str) -> None:
    """Replace a page atomically, and only when its text changed (mkdocs rebuilds what changed)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temporary, path)


def preview_edition(result: CheckResult) -> SiteEdition:
    """The preview shows the working tree as it is being edited, so it is a draft with
    uncommitted changes from the start (and the first edit does not change every page's edition
    line), even when the tree is a released edition's commit."""
    ident = preview_id(result)
    log = result.history.log
    if log is not None and log.head is not None and (ident.name or not ident.dirty):
        ident = EditionId("", log.head.date, log.head.sha, True)
    return site_edition(result, ident)


def _problems(result: CheckResult) -> list[str]:
    lines = [
        printable(f"{d.file}:{d.line}:{d.column}: {d.message}" if d.line else f"{d.file}: {d.message}")
        for d in result.diagnostics
        if d.severity.value == "error"
    ]
    if len(lines) > MAX_SHOWN_PROBLEMS:
        lines = [*lines[:MAX_SHOWN_PROBLEMS], f"... og {len(lines) - MAX_SHOWN_PROBLEMS} problemer mere"]
    return lines


def _write_status(build_dir: Path, problems: list[str]) -> None:
    """What preview.js shows: the problems of the last check (none when it passed). Replaced
    atomically, and only when it changes, so an unchanged status triggers no rebuild."""
    path = build_dir / "docs" / ASSET_DIR / STATUS_FILE
    text = json.dumps({"problems": problems}, ensure_ascii=False)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def mark_all_changed(target: Path) -> None:
    """Make every page newer than its HTML, so mkdocs's dirty build rebuilds all of them."""
    now = time.time() + 1
    for page in (target / "docs").rglob("*.md"):
        os.utime(page, (now, now))
    config = target / "mkdocs.yml"
    if config.is_file():
        os.utime(config, (now, now))


# The serve hook's cache of compiled theme templates, in the build folder but not part of it.
THEME_CACHE = ".theme-bytecode"


def sync_tree(source: Path, target: Path) -> None:
    """Make `target` equal to `source`, touching only files that differ (fewer rebuilds); the
    theme's template cache stays."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        if not dst.is_file() or not filecmp.cmp(src, dst, shallow=False):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target)
        if rel.parts[0] == THEME_CACHE:
            continue
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def render_once(root: Path, today: date | None, target: Path, internal: bool = False) -> bool:
    """Check and render into `target` once (synchronised in place); False if the check failed."""
    return Preview(root, today, target, internal).refresh()


class _NoDirtyWarning(logging.Filter):
    """mkdocs warns on every dirty build that navigation may be stale; the preview keeps it
    fresh (every page is rebuilt when it changes), and in strict mode the warning would stop
    the build. Every other warning still counts."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def serve(root: Path, port: int, today: date | None, internal: bool = False) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    root = root.resolve()
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    with tempfile.TemporaryDirectory(prefix="handbook-preview-") as work:
        preview = Preview(root, today, Path(work), internal)
        if not preview.refresh():
            return 1
        lock = threading.Lock()
        timer: list[threading.Timer] = []

        def rerender() -> None:
            with lock:
                preview.refresh()

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.is_directory or event.event_type not in CHANGE_EVENTS:
                    return
                changed = Path(str(event.src_path))
                if changed.parent == root and changed.name != BASE_CONFIG:
                    return  # the root is watched only for mkdocs.yml
                # Editors save in bursts (temp file, rename, chmod): wait for the burst to end.
                for old in timer:
                    old.cancel()
                timer[:] = [threading.Timer(DEBOUNCE_SECONDS, rerender)]
                timer[0].start()

        observer = Observer()
        for watched in (root / "qms", root / "docs"):
            if watched.is_dir():
                observer.schedule(Handler(), str(watched), recursive=True)
        observer.schedule(Handler(), str(root), recursive=False)  # mkdocs.yml
        observer.start()
        try:
            print(f"handbook: preview on http://{HOST}:{port}/ (Ctrl+C stops)", file=sys.stderr)
            mkdocs_serve(
                config_file=str(Path(work) / "mkdocs.yml"),
                dev_addr=f"{HOST}:{port}",
                livereload=True,
                # Rebuild only pages whose Markdown changed; the preview marks them all changed
                # when the navigation or the settings change.
                build_type="dirty",
            )
        finally:
            observer.stop()
            observer.join()
    return 0
