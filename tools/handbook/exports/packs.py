"""Packs: one zip an auditor or a municipality takes away, and the check that it is unchanged.

    manifest.json   SHA-256 of every file below, with edition, commit, tag and tool version
    site/...        the files themselves

The edition pack is the archived edition as released (editions/<E>/): its offline site with the
PDFs and spreadsheets release made, and the archived manifest byte for byte, so the manifest's
hash is the one recorded in the edition's tag. A municipality's pack holds that municipality's
files from the same archive and a manifest of its own listing them.

`verify` compares every member with the manifest (changed, added, missing) and then the
manifest itself with a hash kept outside the zip, because a forger who changes a file can
rewrite the manifest to match: inside the repository the edition's tag and committed archive
manifest; elsewhere the SHA-256 that `export` printed and the Udgaver page publishes.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..editions.archive import (
    ARCHIVE_DIR,
    MANIFEST,
    MANIFEST_FORMAT,
    SITE,
    EditionError,
    Manifest,
    archived,
    read_manifest,
)
from .zips import deterministic_zip

PACK_MANIFEST = "manifest.json"
PREFIX = SITE + "/"
MAX_UNPACKED = 4 << 30  # a pack that claims more than 4 GB unpacked is refused before reading


@dataclass(frozen=True)
class Pack:
    data: bytes
    manifest_sha256: str
    files: int


def edition_pack(root: Path, edition: str) -> Pack:
    """The pack of an archived edition: its site and its manifest, exactly as archived."""
    manifest_file, manifest = _archived_manifest(root, edition)
    folder = root / ARCHIVE_DIR / edition / SITE
    files = {PACK_MANIFEST: manifest_file.read_bytes()}
    for rel, digest in manifest.files.items():
        data = _read_archived(folder, rel)
        if hashlib.sha256(data).hexdigest() != digest:
            raise EditionError(f"{ARCHIVE_DIR}/{edition}/{SITE}/{rel} no longer matches its manifest; run handbook verify --archive")
        files[PREFIX + rel] = data
    return Pack(deterministic_zip(files), _sha(files[PACK_MANIFEST]), len(manifest.files))


def subset_pack(root: Path, edition: str, wanted: Iterable[str], purpose: str) -> Pack:
    """A pack of some files of an archived edition (e.g. one municipality's), with its own manifest."""
    _, manifest = _archived_manifest(root, edition)
    chosen = sorted(set(wanted))
    missing = [rel for rel in chosen if rel not in manifest.files]
    if missing:
        raise EditionError(f"edition {edition} does not hold {', '.join(missing)}; it was released before these existed")
    folder = root / ARCHIVE_DIR / edition / SITE
    files = {PREFIX + rel: _read_archived(folder, rel) for rel in chosen}
    text = _manifest_json(manifest, {rel: manifest.files[rel] for rel in chosen}, purpose)
    files[PACK_MANIFEST] = text.encode("utf-8")
    return Pack(deterministic_zip(files), _sha(files[PACK_MANIFEST]), len(chosen))


def _manifest_json(edition: Manifest, files: dict[str, str], purpose: str) -> str:
    payload = {
        "format_version": MANIFEST_FORMAT,
        "edition": edition.edition,
        "released": edition.released,
        "commit": edition.commit,
        "tag": edition.tag,
        "tool_version": __version__,
        "contents": purpose,
        "files": dict(sorted(files.items())),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def _archived_manifest(root: Path, edition: str) -> tuple[Path, Manifest]:
    if edition not in archived(root):
        known = ", ".join(archived(root)) or "none yet; run handbook release first"
        raise EditionError(f"edition {edition} is not in the archive ({ARCHIVE_DIR}/); released editions: {known}")
    path = root / ARCHIVE_DIR / edition / MANIFEST
    try:
        return path, read_manifest(path)
    except ValueError as exc:
        raise EditionError(f"{ARCHIVE_DIR}/{edition}/{MANIFEST}: {exc}") from None


def _read_archived(folder: Path, rel: str) -> bytes:
    path = folder / rel
    if not path.resolve().is_relative_to(folder.resolve()) or not path.is_file():
        raise EditionError(f"{path}: listed in the manifest but not an archived file; run handbook verify --archive")
    return path.read_bytes()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Verdict:
    """What `verify` found: problems (empty: the pack is intact and authentic) and what it holds."""

    edition: str = ""
    files: int = 0
    manifest_sha256: str = ""
    checked_against: str = ""
    problems: list[str] = field(default_factory=list)


def verify_pack(pack: Path, root: Path | None, expected_sha256: str | None) -> Verdict:
    """Check a pack's members against its manifest, and its manifest against a hash from outside."""
    verdict = Verdict()
    try:
        with zipfile.ZipFile(pack) as archive:
            members = _members(archive, verdict)
            if PACK_MANIFEST not in members:
                verdict.problems.append(f"{pack.name}: holds no {PACK_MANIFEST}; it is not a pack made by handbook export")
                return verdict
            manifest_bytes = archive.read(PACK_MANIFEST)
            data = _parsed(manifest_bytes, verdict)
            if data is None:
                return verdict
            _compare_members(archive, members, data["files"], verdict)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        verdict.problems.append(f"{pack.name}: not a readable zip (truncated or damaged?): {exc}")
        return verdict
    verdict.edition = str(data["edition"])
    verdict.manifest_sha256 = _sha(manifest_bytes)
    _authenticate(verdict, data, root, expected_sha256)
    return verdict


def _members(archive: zipfile.ZipFile, verdict: Verdict) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ValueError(f"claims more than {MAX_UNPACKED >> 30} GB unpacked")
    found: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.filename in found:
            verdict.problems.append(f"{info.filename}: appears twice in the pack")
        found[info.filename] = info
    return found


def _parsed(manifest_bytes: bytes, verdict: Verdict) -> dict[str, Any] | None:
    try:
        data: Any = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        verdict.problems.append(f"{PACK_MANIFEST}: cannot be read: {exc}")
        return None
    ok = isinstance(data, dict) and isinstance(data.get("files"), dict) and "edition" in data
    if not ok or not all(isinstance(v, str) for v in data["files"].values()):
        verdict.problems.append(f"{PACK_MANIFEST}: lacks edition or files (path → SHA-256)")
        return None
    return dict(data)


def _compare_members(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], listed: dict[str, str], verdict: Verdict) -> None:
    verdict.files = len(listed)
    for rel, digest in sorted(listed.items()):
        name = PREFIX + rel
        if name not in members:
            verdict.problems.append(f"{name}: missing (listed in the manifest)")
        elif _member_sha(archive, name) != digest:
            verdict.problems.append(f"{name}: changed (its SHA-256 differs from the manifest)")
    expected = {PREFIX + rel for rel in listed} | {PACK_MANIFEST}
    for name in sorted(set(members) - expected):
        if not name.endswith("/"):
            verdict.problems.append(f"{name}: added (not in the manifest)")


def _member_sha(archive: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with archive.open(name) as handle:  # streamed: a large PDF is never held whole
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _authenticate(verdict: Verdict, data: dict[str, Any], root: Path | None, expected: str | None) -> None:
    """The manifest against a hash kept outside the pack."""
    if expected:
        verdict.checked_against = "the SHA-256 given with --sha256"
        if expected.strip().lower() != verdict.manifest_sha256:
            verdict.problems.append(f"{PACK_MANIFEST}: its SHA-256 {verdict.manifest_sha256} is not the one given ({expected.strip()})")
        return
    edition = verdict.edition
    if root is None or edition not in archived(root):
        verdict.problems.append(
            f"{PACK_MANIFEST}: cannot be checked against a hash kept outside the pack; give --sha256 "
            "(printed by handbook export and published on the Udgaver page), or run verify in the handbook's repository"
        )
        return
    _against_archive(verdict, data, root, edition)


def _against_archive(verdict: Verdict, data: dict[str, Any], root: Path, edition: str) -> None:
    from ..editions.release import TAG_FIELD, edition_tags  # git is only needed here
    from ..history.gitlog import GitUnavailable

    archive_file = root / ARCHIVE_DIR / edition / MANIFEST
    archive_sha = _sha(archive_file.read_bytes())
    verdict.checked_against = f"the archive manifest of edition {edition} and its tag"
    try:
        tag = edition_tags(root).get(edition, "")
    except GitUnavailable as exc:
        tag = ""
        verdict.problems.append(f"the tag of edition {edition} cannot be read: {exc}")
    if f"{TAG_FIELD}{archive_sha}" not in tag:
        verdict.problems.append(f"{ARCHIVE_DIR}/{edition}/{MANIFEST}: its SHA-256 is not the one in the edition's tag")
    if "contents" not in data:  # the edition pack carries the archived manifest itself
        if verdict.manifest_sha256 != archive_sha:
            verdict.problems.append(f"{PACK_MANIFEST}: differs from {ARCHIVE_DIR}/{edition}/{MANIFEST} (rewritten?)")
        return
    archived_files = read_manifest(archive_file).files
    for rel, digest in sorted(data["files"].items()):
        if archived_files.get(rel) != digest:
            verdict.problems.append(f"{PACK_MANIFEST}: lists {PREFIX}{rel} with a SHA-256 the edition never released (rewritten?)")
