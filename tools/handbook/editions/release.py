"""`handbook release`, `handbook verify --archive` and `handbook withdraw`: editions are made,
checked and withdrawn here, and only ever added to the archive (see archive.py).

Release refuses, each with a clear message and nothing written: a dirty work tree, a failing
`check --strict`, open suspect links (unless the settings allow them), an edition name that is
malformed, exists, or is not newer than the last one. Otherwise it builds the edition (the
handbook in force, with the edition's name and release date on every page), writes it with its
manifest to editions/<EDITION>/, commits that, and tags the commit with an annotated tag holding
the edition name and the SHA-256 of the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import __version__
from ..check import CheckResult
from ..history.gitlog import GitUnavailable, git
from ..progress import QUIET, Progress
from ..report import text_report
from ..suspect import stale_links
from .archive import (
    ARCHIVE_DIR,
    MANIFEST,
    SITE,
    WITHDRAWN,
    EditionError,
    Manifest,
    archived,
    check_archive,
    parse_name,
    read_manifest,
    read_withdrawn,
    site_files,
    tag_of,
)

TAG_FIELD = "manifest-sha256: "


@dataclass(frozen=True)
class Released:
    edition: str
    commit: str  # the archive commit the tag points at
    manifest_sha256: str
    files: int


def edition_tags(root: Path) -> dict[str, str]:
    """Edition name → the full message of its annotated tag."""
    out = git(root, "for-each-ref", "--format=%(refname:strip=2)%00%(contents)%00%00", f"refs/tags/{tag_of('')}")
    found = {}
    for record in out.decode("utf-8", "replace").split("\x00\x00"):
        name, _, message = record.strip("\n").partition("\x00")
        if name.startswith(tag_of("")):
            found[name.removeprefix(tag_of(""))] = message
    return found


def _refuse_name(root: Path, name: str) -> None:
    key = parse_name(name)
    if key is None:
        raise EditionError(f"'{name}' is not an edition name; write YYYY.N, e.g. 2027.1")
    known = set(archived(root)) | set(edition_tags(root))
    if name in known:
        raise EditionError(f"edition {name} exists already; an edition is never released twice")
    newer = [n for n in known if (parse_name(n) or (0, 0)) >= key]
    if newer:
        latest = max(newer, key=lambda n: parse_name(n) or (0, 0))
        raise EditionError(f"edition {name} is not newer than edition {latest}; choose a later name")


def refusals(result: CheckResult) -> list[str]:
    """Why the work tree cannot be released now (empty: it can)."""
    found = []
    log = result.history.log
    if log is None:
        found.append(f"no git history: {result.history.note}")
    elif log.dirty:
        found.append(f"the work tree has uncommitted changes ({', '.join(log.dirty[:5])}); commit them first")
    if result.failed(strict=True):
        found.append("handbook check --strict fails:\n" + text_report(result, True).rstrip())
    elif result.handbook.settings.suspect_links_block_release:
        suspect = [e.requirement for e in result.handbook.entries if stale_links(result.handbook, result.fingerprints, e)]
        if suspect:
            found.append(f"{len(suspect)} conformity entries are suspect ({', '.join(suspect[:5])}); re-assess them")
    return found


def release(result: CheckResult, name: str, progress: Progress = QUIET) -> Released:
    from ..errors import SiteBuildError
    from ..site.build import build_site
    from ..site.edition import EditionId

    root = result.root
    _refuse_name(root, name)
    problems = refusals(result)
    if problems:
        raise EditionError("the edition was not released:\n- " + "\n- ".join(problems))
    assert result.history.log is not None and result.history.log.head is not None
    content_commit = result.history.log.head.sha
    folder = root / ARCHIVE_DIR / name
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-new-", dir=_archive_dir(root)))
    try:
        try:
            identity = EditionId(name, result.today.isoformat(), content_commit)
            build_site(result, staging / SITE, identity, exports=True, progress=progress)
        except SiteBuildError as exc:
            raise EditionError(f"the edition was not built: {exc}") from None
        manifest = Manifest(name, result.today.isoformat(), content_commit, tag_of(name), __version__, site_files(staging / SITE))
        text = manifest.to_json()
        (staging / MANIFEST).write_text(text, encoding="utf-8", newline="\n")
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        git(root, "add", "--", f"{ARCHIVE_DIR}/{name}")
        git(root, "commit", "-q", "-m", f"Release edition {name}", "--", f"{ARCHIVE_DIR}/{name}")
        sign = ["-s"] if result.handbook.settings.trusted_keys else ["-a"]
        message = f"{result.handbook.settings.title}, udgave {name}\n\n{TAG_FIELD}{digest}\n"
        git(root, "tag", *sign, "-m", message, tag_of(name))
    except GitUnavailable as exc:
        _undo(root, name, content_commit)
        raise EditionError(f"the edition was not released: git refused: {exc}") from None
    commit = git(root, "rev-parse", "HEAD").decode().strip()
    return Released(name, commit, digest, len(manifest.files))


def _archive_dir(root: Path) -> Path:
    folder = root / ARCHIVE_DIR
    folder.mkdir(exist_ok=True)
    return folder


def _undo(root: Path, name: str, content_commit: str) -> None:
    """Leave nothing half-done: the archive commit (ours, just made) and folder go again."""
    head = git(root, "rev-parse", "HEAD").decode().strip()
    if head != content_commit:
        git(root, "reset", "-q", "--hard", content_commit)
    shutil.rmtree(root / ARCHIVE_DIR / name, ignore_errors=True)


def verify_archive(root: Path, trusted_keys: tuple[str, ...] = ()) -> list[str]:
    """Every archived edition against its manifest, and its manifest against its tag."""
    problems = [f"{d.file}: {d.message}" for d in check_archive(root)]
    try:
        tags = edition_tags(root)
    except GitUnavailable as exc:
        return [*problems, f"the tags cannot be read: {exc}"]
    for name in archived(root):
        manifest_file = root / ARCHIVE_DIR / name / MANIFEST
        if name not in tags:
            problems.append(f"edition {name} has no tag {tag_of(name)}")
            continue
        digest = hashlib.sha256(manifest_file.read_bytes()).hexdigest() if manifest_file.is_file() else ""
        if f"{TAG_FIELD}{digest}" not in tags[name]:
            problems.append(f"edition {name}: the manifest's SHA-256 is not the one in tag {tag_of(name)}")
        try:
            at_tag = git(root, "rev-parse", f"{tag_of(name)}^{{commit}}:{ARCHIVE_DIR}/{name}").decode().strip()
            now = git(root, "rev-parse", f"HEAD:{ARCHIVE_DIR}/{name}").decode().strip()
        except GitUnavailable:
            problems.append(f"edition {name} is not in the commit its tag points at, or not committed")
            continue
        if at_tag != now:
            problems.append(f"edition {name} differs from the commit its tag points at")
        if trusted_keys and not _tag_signed(root, name, trusted_keys):
            problems.append(f"tag {tag_of(name)} is not signed by a trusted key")
    for name in sorted(set(tags) - set(archived(root))):
        problems.append(f"tag {tag_of(name)} has no archived edition in {ARCHIVE_DIR}/{name}")
    return problems


def _tag_signed(root: Path, name: str, trusted_keys: tuple[str, ...]) -> bool:
    try:
        out = git(root, "verify-tag", "--raw", tag_of(name))
    except GitUnavailable:
        return False
    wanted = {k.replace(" ", "").upper() for k in trusted_keys}
    return any(line.split()[2].upper() in wanted for line in out.decode().splitlines() if "VALIDSIG" in line)


def withdraw(root: Path, name: str, reason: str, today: date) -> str:
    if name not in archived(root):
        raise EditionError(f"edition {name} is not in the archive ({ARCHIVE_DIR}/)")
    if not reason.strip():
        raise EditionError("give the reason with --reason; it is shown on the Udgaver page and the banner")
    withdrawn = read_withdrawn(root)
    if name in withdrawn:
        raise EditionError(f"edition {name} is withdrawn already ({withdrawn[name]['reason']})")
    status = git(root, "status", "--porcelain", "--untracked-files=all", "--", ".").decode().strip()
    if status:
        raise EditionError("the work tree has uncommitted changes; commit them first")
    read_manifest(root / ARCHIVE_DIR / name / MANIFEST)  # a broken archive is reported before anything is written
    withdrawn[name] = {"reason": " ".join(reason.split()), "date": today.isoformat()}
    target = root / ARCHIVE_DIR / WITHDRAWN
    before = target.read_bytes() if target.is_file() else None
    temp = target.with_name(f".{WITHDRAWN}.{os.getpid()}")
    temp.write_text(json.dumps(withdrawn, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temp, target)
    try:
        git(root, "add", "--", f"{ARCHIVE_DIR}/{WITHDRAWN}")
        git(root, "commit", "-q", "-m", f"Withdraw edition {name}", "--", f"{ARCHIVE_DIR}/{WITHDRAWN}")
    except GitUnavailable as exc:
        if before is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(before)
        raise EditionError(f"the withdrawal was not recorded: git refused: {exc}") from None
    return name
