"""`handbook serve`: live preview on 127.0.0.1 only.

The pipeline renders into a build folder; `mkdocs serve` watches that folder and reloads the
browser. A watchdog observer on qms/, docs/ and mkdocs.yml re-runs check + render when a source
changes and copies only the files whose bytes changed into the served folder, so mkdocs
rebuilds once per edit. A failing check prints the diagnostics and keeps the last good pages.
"""

from __future__ import annotations

import filecmp
import shutil
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

from ..check import check
from ..publication import public_view
from ..report import text_report
from .edition import site_edition
from .inforce import NotInForce, effective_handbook
from .render import write_build

HOST = "127.0.0.1"  # never another interface: the preview may show unapproved drafts
DEBOUNCE_SECONDS = 0.3
# Only changes count: watchdog also reports opened/closed events, and the check itself opens
# every file, so reacting to those would re-render forever.
CHANGE_EVENTS = frozenset({"created", "modified", "deleted", "moved"})


def render_once(root: Path, today: date | None, target: Path, internal: bool = False) -> bool:
    """Check and render into `target` (synchronised in place); False if the check failed."""
    result = check(root, today)
    if result.failed():
        sys.stderr.write(text_report(result))
        return False
    with tempfile.TemporaryDirectory(prefix="handbook-serve-") as fresh:
        try:
            handbook = effective_handbook(result)
        except NotInForce as exc:
            print(f"handbook serve: {exc}", file=sys.stderr)
            return False
        published = handbook if internal else public_view(handbook)
        edition = site_edition(result)
        write_build(result.root, published, edition, result.today, Path(fresh), preview=True, internal=internal)
        sync_tree(Path(fresh), target)
    return True


def sync_tree(source: Path, target: Path) -> None:
    """Make `target` equal to `source`, touching only files that differ (fewer rebuilds)."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        if not dst.is_file() or not filecmp.cmp(src, dst, shallow=False):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target)
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def serve(root: Path, port: int, today: date | None, internal: bool = False) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    root = root.resolve()
    with tempfile.TemporaryDirectory(prefix="handbook-preview-") as work:
        target = Path(work)
        if not render_once(root, today, target, internal):
            return 1
        lock = threading.Lock()
        timer: list[threading.Timer] = []

        def rerender() -> None:
            with lock:
                if render_once(root, today, target, internal):
                    print("handbook: pages regenerated", file=sys.stderr)

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.is_directory or event.event_type not in CHANGE_EVENTS:
                    return
                changed = Path(str(event.src_path))
                if changed.parent == root and changed.name != "mkdocs.yml":
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
            mkdocs_serve(config_file=str(target / "mkdocs.yml"), dev_addr=f"{HOST}:{port}", livereload=True)
        finally:
            observer.stop()
            observer.join()
    return 0
