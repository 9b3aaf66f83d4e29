"""Document control from history: every committed version of every controlled document, and the
approvals among them.

An approval is the commit that sets a revision's `approved` date with status effective (part 1
of the editions issue): the commit whose new version of the file is effective with revision r
and approval date d, where its old version was not (r, d, effective). Versions are read from the
blobs the one log pass names, all in one `git cat-file --batch` process, and parsed with the
same strict loader as the work tree, so a fingerprint means the same thing on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..fingerprint import content_fingerprint
from ..kinds import KINDS
from ..yamlload import load_bytes, load_text
from .gitlog import Commit, GitLog, read_blobs

EFFECTIVE = "effective"


@dataclass(frozen=True)
class Version:
    """One committed version of a controlled document. Its control block is read on its own
    (a few lines); the whole file is parsed only where its content is needed (approved versions,
    the last edition, the content changes a post-baseline approval approves)."""

    blob: str
    raw: bytes = field(default=b"", repr=False, compare=False)

    @cached_property
    def data(self) -> Mapping[str, Any] | None:
        return load_bytes(self.raw, self.blob, max_bytes=len(self.raw) + 1).data if self.raw else None

    @cached_property
    def control(self) -> Mapping[str, Any]:
        """The `control` block as plain data ({} when absent or unreadable)."""
        match = _CONTROL_BLOCK.search(self.raw.decode("utf-8", "replace")) if self.raw else None
        block = load_text(match.group(0), self.blob).data if match else None
        found: Mapping[str, Any] = block if block is not None else (self.data or {})  # else: unusual layout
        control = found.get("control")
        return control if isinstance(control, dict) else {}

    @cached_property
    def content(self) -> str:
        """Content fingerprint (see fingerprint.py); "" when the blob does not parse."""
        return content_fingerprint(self.data) if self.data is not None else ""

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


# A top-level `control:` mapping in block style: the key line and its indented lines.
_CONTROL_BLOCK = re.compile(r"^control:[ \t]*\n(?:(?:[ \t]+[^\n]*)?\n)*", re.MULTILINE)


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
    versions = {blob: Version(blob, raw) for blob, raw in blobs.items()}
    base = log.resolve(baseline) if baseline else None
    before = log.ancestors(base.sha) if base is not None else set()
    documents = {}
    for path, items in touched.items():
        history = _document(path, list(reversed(items)), versions, log, before)
        documents[history.document] = history
    missing = baseline if baseline and base is None else ""
    snapshot = {path: versions[blob] for path, blob in at_tag.items() if blob in versions}
    return ControlHistory(documents, base, missing, edition, snapshot)


def _document(
    path: str, items: list[tuple[Commit, str, str]], versions: dict[str, Version], log: GitLog, before: set[str]
) -> DocumentHistory:
    """`items` oldest first: (commit, old blob, new blob) for every commit that touched the file."""
    ident = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    empty = Version("")
    approvals: list[Approval] = []
    changes: list[tuple[Commit, Version | None, Version]] = []  # every commit that wrote the file
    highest, notes = 0, {}
    previous = ""  # the commit of the previous approval
    for commit, old_blob, new_blob in items:
        old, new = versions.get(old_blob, empty), versions.get(new_blob, empty)
        if not new_blob:
            continue
        highest = max(highest, new.revision)
        if new.revision:
            notes[new.revision] = str(new.control.get("change_note", "") or "")
        changes.append((commit, old if old_blob else None, new))
        key = new.approval_key
        if key is not None and key != old.approval_key:
            recorded = commit.sha in before
            # Who wrote what an approval approves is asked only where the rules apply.
            approved = () if recorded else _approved_changes(changes, commit.sha, previous, log)
            approvals.append(Approval(ident, path, key[0], commit, new, recorded, approved))
            previous = commit.sha
    return DocumentHistory(ident, path, tuple(approvals), highest, notes)


def _approved_changes(
    changes: list[tuple[Commit, Version | None, Version]], approval: str, previous: str, log: GitLog
) -> tuple[Commit, ...]:
    """The commits that changed the content between the previous approval and this one."""
    ancestors = log.ancestors(approval)
    earlier = log.ancestors(previous) if previous else set()
    return tuple(
        c
        for c, old, new in changes
        if c.sha in ancestors and c.sha not in earlier and (old is None or old.content != new.content)
    )
