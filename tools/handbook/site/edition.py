"""What the site says about its edition: the one edition identifier (front page, footer, every
document page, citation box, citation page, print), the changes since the previous edition, the
editions released so far, and each document's approval log and pending revision.

A released edition is named `YYYY.N` and dated by its release; anything else is a draft
("udkast"), identified by its commit, and every page carries the draft banner.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..check import CheckResult
from ..constants import DOCS_DIR, QMS_DIR
from ..editions.archive import ARCHIVE_DIR, MANIFEST, EditionError, archived, read_manifest, tag_of
from ..editions.diff import Diff, diff
from ..history.gitlog import GitUnavailable
from ..model import ConformityEntry, Control
from ..references import controlled_documents
from ..suspect import stale_links
from ..values import DocStatus

# The files whose pages say when they last changed: the handbook and the hand-written pages.
PAGE_SOURCES = (f"{QMS_DIR}/", f"{DOCS_DIR}/")
BEFORE_BASELINE = "registreret før regelgrundlaget; FSA bekræfter"


@dataclass(frozen=True)
class EditionId:
    name: str = ""  # "2027.1" for a released edition, "" for a draft
    date: str = ""  # the release date, or the commit date of a draft
    commit: str = ""
    dirty: bool = False

    @property
    def known(self) -> bool:
        return bool(self.name or self.commit)

    @property
    def draft(self) -> bool:
        return not self.name

    @property
    def short(self) -> str:
        return self.commit[:7]

    @property
    def label(self) -> str:
        """The identifier in a citation: "udgave 2027.1" or "udkast af DATE (commit X)"."""
        if self.name:
            return f"udgave {self.name}"
        if not self.commit:
            return "udkast (ikke versionsstyret)"
        suffix = " med ikke-committede ændringer" if self.dirty else ""
        return f"udkast af {self.date} (commit {self.short}{suffix})"

    @property
    def text(self) -> str:
        return f"udgave {self.name} af {self.date}" if self.name else self.label


@dataclass(frozen=True)
class LastChange:
    """The newest commit that changed a file: only what a page shows, so two editions compare
    cheaply (a whole commit holds every file it changed)."""

    commit: str
    date: str  # committer date, YYYY-MM-DD

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class ApprovalRow:
    revision: int
    approved: str
    approver_role: str
    effective: str
    change_note: str
    note: str = ""  # e.g. recorded before the approval baseline


@dataclass(frozen=True)
class SiteEdition:
    id: EditionId
    changes: Diff | None = None
    previous: str = ""  # the edition the changes are counted from
    editions: tuple[tuple[str, str], ...] = ()  # (name, release date), oldest first, this one included
    approvals: Mapping[str, tuple[ApprovalRow, ...]] = field(default_factory=dict)
    pending: Mapping[str, Control] = field(default_factory=dict)  # id → the revision awaiting approval
    note: str = ""  # why the changes are not known
    suspect: Mapping[str, str] = field(default_factory=dict)  # requirement → what changed since its assessment
    # Earlier edition → what changed since it (the previous edition's is `changes`), for pages that
    # let the reader choose the edition to compare with (a municipality's page).
    since: Mapping[str, Diff] = field(default_factory=dict)
    # Repository path (relative to the handbook root) → the newest commit that changed it, for
    # every file under qms/ and docs/ that still exists (each page names its source's last change).
    last_change: Mapping[str, LastChange] = field(default_factory=dict)


DRAFT = SiteEdition(EditionId())


def released_editions(root: Path) -> list[tuple[str, str]]:
    found = []
    for name in archived(root):
        try:
            found.append((name, read_manifest(root / ARCHIVE_DIR / name / MANIFEST).released))
        except ValueError:
            found.append((name, ""))
    return found


def preview_id(result: CheckResult) -> EditionId:
    """The work tree as a draft, unless it is exactly a released edition's commit."""
    log = result.history.log
    if log is None or log.head is None:
        return EditionId()
    head = log.head
    dirty = any(not p.startswith(f"{ARCHIVE_DIR}/") for p in log.dirty)
    editions = dict(released_editions(result.root))
    for name, released in editions.items():
        if tag_of(name) in head.tags and not dirty:
            return EditionId(name, released, head.sha)
    return EditionId("", head.date, head.sha, dirty)


def site_edition(result: CheckResult, identity: EditionId | None = None) -> SiteEdition:
    ident = identity or preview_id(result)
    editions = [(n, d) for n, d in released_editions(result.root) if n != ident.name]
    previous = editions[-1][0] if editions else ""
    if ident.name:
        editions.append((ident.name, ident.date))
    changes, note = None, ""
    if not previous:
        note = "Der er ingen tidligere udgave; dette er den første."
    elif result.history.log is None:
        note = f"Ændringerne kan ikke vises: {result.history.note}"
    else:
        try:
            changes = diff(result.root, previous)
        except (GitUnavailable, EditionError) as exc:
            note = f"Ændringerne kan ikke vises: {exc}"
    suspect = suspect_marks(result)
    since = _since(result, [n for n, _ in editions if n not in (ident.name, previous)])
    if changes is not None:
        since[previous] = changes
    return SiteEdition(
        ident,
        changes,
        previous,
        tuple(editions),
        _approvals(result),
        _pending(result),
        note,
        suspect,
        since=since,
        last_change=last_changes(result),
    )


def _since(result: CheckResult, earlier: list[str]) -> dict[str, Diff]:
    """What changed since each of the earlier editions; an edition git cannot read is left out."""
    found: dict[str, Diff] = {}
    if result.history.log is None:
        return found
    for name in earlier:
        try:
            found[name] = diff(result.root, name)
        except (GitUnavailable, EditionError):
            continue
    return found


def last_changes(result: CheckResult) -> dict[str, LastChange]:
    """The newest commit of each file under qms/ and docs/, from the log the check read (newest
    first, so the first commit that names a file is its last change); deleted files have none."""
    log = result.history.log
    found: dict[str, LastChange] = {}
    if log is None:
        return found
    deleted: set[str] = set()
    for commit in log.commits:
        change = LastChange(commit.sha, commit.date)
        for file in commit.files:
            if file.path in found or file.path in deleted or not file.path.startswith(PAGE_SOURCES):
                continue
            if file.status == "D":
                deleted.add(file.path)
            else:
                found[file.path] = change
    return found


def suspect_marks(result: CheckResult) -> dict[str, str]:
    """Requirement → the documents its assessment rests on that changed since (pages, reports)."""
    return {e.requirement: _changed(result, e) for e in result.handbook.entries if _changed(result, e)}


def _changed(result: CheckResult, entry: ConformityEntry) -> str:
    """The documents an entry rests on that changed since it was assessed, in Danish ("" if none)."""
    stale = stale_links(result.handbook, result.fingerprints, entry)
    return ", ".join(f"{s.ident} (ny revision {s.now})" if isinstance(s.now, int) else s.ident for s in stale)


def _approvals(result: CheckResult) -> dict[str, tuple[ApprovalRow, ...]]:
    control = result.history.control
    if control is None:
        return {}
    rows: dict[str, tuple[ApprovalRow, ...]] = {}
    for ident, history in control.documents.items():
        found = []
        for a in history.approvals:
            c = a.version.control
            found.append(
                ApprovalRow(
                    a.revision,
                    a.version.approved,
                    str(c.get("approver_role", "") or ""),
                    str(c.get("effective", "") or ""),
                    str(c.get("change_note", "") or ""),
                    BEFORE_BASELINE if a.before_baseline else "",
                )
            )
        rows[ident] = tuple(found)
    return rows


def _pending(result: CheckResult) -> dict[str, Control]:
    """Documents shown at an earlier, approved revision: the revision waiting for approval."""
    return {
        ident: doc.control
        for ident, doc in controlled_documents(result.handbook).items()
        if ident in result.in_force and doc.control.status in (DocStatus.DRAFT, DocStatus.REVIEW)
    }
