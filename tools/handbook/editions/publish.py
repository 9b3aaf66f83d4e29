"""`handbook publish --out DIR`: what goes on the web host, assembled from the archive only.

    DIR/<EDITION>/...      every archived edition, byte for byte
    DIR/gaeldende/...      the current edition again under a stable address (real files, no
                           symlinks, so copies and zips keep working)
    DIR/versions.json      mkdocs-material's version-selector data (read over http(s))
    DIR/versions.js        the same facts for the superseded/withdrawn banner (a script loads
                           from file:// too)
    DIR/index.html         opens the current edition
    DIR/udgaver.html       every edition, with withdrawn ones and their reasons

No draft and nothing internal is published: only files listed in an edition's manifest, after
the whole archive has been checked against the manifests. The output is replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from ..site.build import swap_in
from ..site.templating import render
from .archive import ARCHIVE_DIR, MANIFEST, SITE, EditionError, archived, check_archive, read_manifest, read_withdrawn

ALIAS = "gaeldende"  # the current edition's stable address
MARKER = ".handbook-publish"


def publish(root: Path, out: Path, title: str) -> list[str]:
    """Publish into `out`; returns the editions published, newest first."""
    problems = [f"{d.file}: {d.message}" for d in check_archive(root)]
    if problems:
        raise EditionError("the archive does not match its manifests; nothing was published:\n- " + "\n- ".join(problems))
    names = archived(root)
    if not names:
        raise EditionError(f"there is no released edition in {ARCHIVE_DIR}/ to publish; run handbook release first")
    withdrawn = read_withdrawn(root)
    live = [n for n in names if n not in withdrawn]
    if not live:
        raise EditionError("every edition is withdrawn; release a new one before publishing")
    current = live[-1]
    out = _checked(root, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        released, digests = {}, {}
        for name in names:
            manifest = read_manifest(root / ARCHIVE_DIR / name / MANIFEST)
            released[name] = manifest.released
            digests[name] = hashlib.sha256((root / ARCHIVE_DIR / name / MANIFEST).read_bytes()).hexdigest()
            _copy(root / ARCHIVE_DIR / name / SITE, sorted(manifest.files), staging / name)
            if name == current:
                _copy(root / ARCHIVE_DIR / name / SITE, sorted(manifest.files), staging / ALIAS)
        newest_first = list(reversed(names))
        (staging / "versions.json").write_text(_versions_json(newest_first, current, withdrawn), encoding="utf-8")
        (staging / "versions.js").write_text(_versions_js(current, withdrawn), encoding="utf-8")
        editions = [(n, released[n], withdrawn.get(n, {}).get("reason", ""), digests[n]) for n in newest_first]
        context = {"title": title, "current": current, "alias": ALIAS, "editions": editions}
        (staging / "index.html").write_text(render("publish_index.html.j2", **context), encoding="utf-8")
        (staging / "udgaver.html").write_text(render("publish_editions.html.j2", **context), encoding="utf-8")
        (staging / MARKER).write_text(current + "\n", encoding="utf-8")
        swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return newest_first


def _checked(root: Path, out: Path) -> Path:
    out = out.resolve()
    if root.resolve().is_relative_to(out) or out.is_relative_to(root.resolve() / "qms"):
        raise EditionError(f"refusing to publish into {out}: it is or contains the handbook's own files")
    if out.is_relative_to((root / ARCHIVE_DIR).resolve()):
        raise EditionError(f"refusing to publish into {out}: the archive is only ever added to by release")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise EditionError(f"refusing to replace {out}: it exists and is not a folder made by handbook publish")
    return out


def _copy(site: Path, files: list[str], target: Path) -> None:
    for rel in files:
        if rel.startswith("."):
            continue  # the build marker is internal
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / rel, dest)


def _versions_json(names: list[str], current: str, withdrawn: dict[str, dict[str, str]]) -> str:
    """mkdocs-material's (mike's) format: newest first, the alias on the current edition."""
    entries = [
        {
            "version": name,
            "title": f"{name} (tilbagetrukket)" if name in withdrawn else name,
            "aliases": [ALIAS] if name == current else [],
        }
        for name in names
    ]
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def _versions_js(current: str, withdrawn: dict[str, dict[str, str]]) -> str:
    data = {"current": current, "alias": ALIAS, "withdrawn": withdrawn}
    # JSON inside a script: "<" is escaped so no text can close the script element.
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f"window.kproEditions = {payload};\n"
