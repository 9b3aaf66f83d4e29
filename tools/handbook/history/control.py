"""Document control from history: every committed version of every controlled document, and the
approvals among them.

An approval is the commit that sets a revision's `approved` date with status effective (part 1
of the editions issue): the commit whose new version of the file is effective with revision r
and approval date d, where its old version was not (r, d, effective). Versions are read from the
blobs the one log pass names, all in one `git cat-file --batch` process, and parsed with the
same strict loader as the work tree, so a fingerprint means the same thing on both sides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fingerprint import content_fingerprint
from ..kinds import KINDS
from ..yamlload import load_bytes
from .gitlog import Commit, GitLog, read_blobs

EFFECTIVE = "effective"


@dataclass(frozen=True)
class Version:
    """One committed version of a controlled document (its control block and content)."""

    blob: str
    control: Mapping[str, Any]  # the `control` block as plain data ({} when absent or unreadable)
    content: str  # content fingerprint (see fingerprint.py); "" when the blob did not parse
    data: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def revision(self) -> int:
        value = self.control.get("revision")
        return value if isinstance(value, int) else 0

    @property
    def status(self) -> str:
        return str(self.control.get("status", ""))

    @property
    def approved(self) -> str:
        return str(self.control.get("approved", "") or "")

    @property
    def approval_key(self) -> tuple[int, str] | None:
        """(revision, approval date) when this version is an approved, effective revision."""
        if self.status == EFFECTIVE and self.approved and self.revision:
            return (self.revision, self.approved)
        return None


@dataclass(frozen=True)
class Approval:
    document: str
    path: str
    revision: int
    commit: Commit
    version: Version
    before_baseline: bool  # recorded before the approval rules applied (see settings)
    content_commits: tuple[Commit, ...]  # commits that changed the content this approval approves


@dataclass(frozen=True)
class DocumentHistory:
    document: str
    path: str
    approvals: tuple[Approval, ...]  # oldest first
    highest_revision: int  # the highest revision any committed version had
    change_notes: Mapping[int, str]  # revision → its change note as last committed

    @property
    def last(self) -> Approval | None:
        return self.approvals[-1] if self.approvals else None

    def approval_of(self, revision: int) -> Approval | None:
        return next((a for a in reversed(self.approvals) if a.revision == revision), None)


@dataclass(frozen=True)
class ControlHistory:
    documents: Mapping[str, DocumentHistory]  # by document id
    baseline: Commit | None
    baseline_missing: str = ""  # the configured baseline when it is not in the history
    edition: str = ""  # the last released edition, if any ...
    at_edition: Mapping[str, Version] = field(default_factory=dict)  # ... and its controlled files by path

    def of(self, ident: str) -> DocumentHistory | None:
        return self.documents.get(ident)


def controlled_folders() -> tuple[str, ...]:
    """Folders of kinds that carry document control (from the registry)."""
    return tuple(f"qms/{k.folder}/" for k in KINDS if k.folder and k.controlled)


def read_control(
    root: Path, log: GitLog, baseline: str = "", edition: str = "", edition_files: Mapping[str, str] | None = None
) -> ControlHistory:
    """`edition_files`: path → blob of the controlled files at the last edition's tag, if any."""
    at_tag = {p: b for p, b in (edition_files or {}).items() if p.startswith(controlled_folders())}
    folders = controlled_folders()
    touched: dict[str, list[tuple[Commit, str, str]]] = {}
    for commit in log.commits:
        for change in commit.files:
            if change.path.startswith(folders) and change.path.endswith((".yaml", ".yml")):
                touched.setdefault(change.path, []).append((commit, change.old_blob, change.new_blob))
    wanted = [b for items in touched.values() for _, old, new in items for b in (old, new)]
    blobs = read_blobs(root, [*wanted, *at_tag.values()])
    versions = {blob: _version(blob, raw) for blob, raw in blobs.items()}
    base = log.resolve(baseline) if baseline else None
    before = log.ancestors(base.sha) if base is not None else set()
    documents = {}
    for path, items in touched.items():
        history = _document(path, list(reversed(items)), versions, log, before)
        documents[history.document] = history
    missing = baseline if baseline and base is None else ""
    snapshot = {path: versions[blob] for path, blob in at_tag.items() if blob in versions}
    return ControlHistory(documents, base, missing, edition, snapshot)


def _version(blob: str, raw: bytes) -> Version:
    loaded = load_bytes(raw, blob, max_bytes=len(raw) + 1)
    if loaded.data is None:
        return Version(blob, {}, "")
    control = loaded.data.get("control")
    return Version(blob, control if isinstance(control, dict) else {}, content_fingerprint(loaded.data), loaded.data)


def _document(
    path: str, items: list[tuple[Commit, str, str]], versions: dict[str, Version], log: GitLog, before: set[str]
) -> DocumentHistory:
    """`items` oldest first: (commit, old blob, new blob) for every commit that touched the file."""
    ident = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    empty = Version("", {}, "")
    approvals: list[Approval] = []
    content_changes: list[Commit] = []  # content-changing commits since the previous approval
    highest, notes = 0, {}
    previous_ancestors: set[str] = set()
    for commit, old_blob, new_blob in items:
        old, new = versions.get(old_blob, empty), versions.get(new_blob, empty)
        if not new_blob:
            continue
        highest = max(highest, new.revision)
        if new.revision:
            notes[new.revision] = str(new.control.get("change_note", "") or "")
        if not old_blob or old.content != new.content:
            content_changes.append(commit)
        key = new.approval_key
        if key is not None and key != old.approval_key:
            ancestors = log.ancestors(commit.sha)
            approved = tuple(c for c in content_changes if c.sha in ancestors and c.sha not in previous_ancestors)
            approvals.append(Approval(ident, path, key[0], commit, new, commit.sha in before, approved))
            previous_ancestors = ancestors
            content_changes = [c for c in content_changes if c.sha not in ancestors]
    return DocumentHistory(ident, path, tuple(approvals), highest, notes)
