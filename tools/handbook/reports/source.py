"""Which handbook a report reads: the work tree, or the repository as it was at an edition, tag,
commit or date. A past state is checked out into a temporary clone that shares the repository's
objects (two git calls, nothing copied file by file), so the history rules, the revisions in
force and the suspect-link marks are computed exactly as they were at that commit.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ..check import CheckResult, check
from ..editions.archive import ARCHIVE_DIR, MANIFEST, EditionError, parse_name, read_manifest
from ..editions.diff import resolve
from ..history.gitlog import GitUnavailable, git
from ..site.edition import EditionId


def since_commit(root: Path, ref: str) -> str:
    """An edition, tag or commit, or a date YYYY-MM-DD (the last commit on or before that day),
    as the full commit id; EditionError with a clear message when there is none."""
    try:
        day = date.fromisoformat(ref)
    except ValueError:
        return resolve(root, ref)
    try:
        found = git(root, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59", "HEAD").decode().strip()
    except GitUnavailable as exc:
        raise EditionError(f"cannot read the history for {ref}: {exc}") from None
    if not found:
        raise EditionError(f"there is no commit on or before {ref}")
    return found


def edition_id(root: Path, ref: str, commit: str) -> EditionId:
    """The edition identifier of `ref` at `commit`: a released edition by its name and release
    date, anything else by its commit and commit date (both from git, never the clock)."""
    name = ref if parse_name(ref) else ""
    manifest = root / ARCHIVE_DIR / name / MANIFEST
    if name and manifest.is_file():
        try:
            return EditionId(name, read_manifest(manifest).released, commit)
        except ValueError:
            pass
    when = git(root, "show", "-s", "--format=%cs", commit).decode().strip()
    return EditionId(name, when, commit)


@contextmanager
def checked_at(root: Path, commit: str, today: date | None) -> Iterator[CheckResult]:
    """The check result of the repository as it was at `commit` (a temporary clone, removed after)."""
    with tempfile.TemporaryDirectory(prefix="handbook-report-") as tmp:
        clone = Path(tmp) / "hb"
        try:
            git(root, "clone", "-q", "--shared", "--no-checkout", str(root), str(clone))
            git(clone, "checkout", "-q", "--detach", commit)
        except GitUnavailable as exc:
            raise EditionError(f"cannot read the handbook at {commit[:7]}: {exc}") from None
        yield check(clone, today)
