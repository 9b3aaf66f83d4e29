"""Rules on document control that need the repository's history (part 1 and 2 of the editions
issue), and the revisions in force that the other rules read.

Each rule compares the work tree (the linked model and the content fingerprint of every
document) with what git recorded: the approvals (`history.control`) and the controlled files at
the last released edition. Without a git repository these rules have nothing to compare with
and do not run; `check --format json` and `handbook status` say so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .construct import build
from .diagnostics import Diagnostic
from .history import RepoHistory
from .history.control import Approval, ControlHistory, DocumentHistory
from .history.gitlog import NO_COMMITS
from .kinds import SETTINGS_FILE
from .model import Control, Handbook, Settings, Where
from .references import controlled_documents
from .ruleset import diagnose
from .values import DocStatus


@dataclass(frozen=True)
class Working:
    """The work tree as the rules see it: the model and the content fingerprint of each document."""

    hb: Handbook
    content: Mapping[str, str]  # id → content fingerprint


def _at(where: Where, rule: str, message: str, suffix: str = "") -> Diagnostic:
    return diagnose(rule, message, file=where.file, pointer=where.pointer + suffix)


def in_force(hb: Handbook, control: ControlHistory | None) -> dict[str, Control]:
    """Id → the control data in force, for documents whose new revision is a draft or in review
    while an earlier revision was approved: that revision stays effective until the new one is."""
    if control is None:
        return {}
    found: dict[str, Control] = {}
    for ident, doc in controlled_documents(hb).items():
        history = control.of(ident)
        if doc.control.status in (DocStatus.DRAFT, DocStatus.REVIEW) and history and history.last:
            found[ident] = build(Control, history.last.version.control, doc.where.file, ("control",))
    return found


def in_force_approval(doc: Any, history: DocumentHistory | None) -> Approval | None:
    """The approval of the revision in force: the work tree's own when it is effective, else the last."""
    if history is None:
        return None
    if doc.control.status is DocStatus.EFFECTIVE:
        return history.approval_of(doc.control.revision)
    return history.last


def history_rules(work: Working, history: RepoHistory) -> Iterator[Diagnostic]:
    if history.log is None:
        # Outside git, or before the first commit (nothing can have been approved yet), the rules
        # have nothing to compare with; any other failure to read the history is reported.
        if history.in_git and history.note != NO_COMMITS:
            yield diagnose("HISTORY-INCOMPLETE", history.note, file=SETTINGS_FILE, line=1, column=1)
        return
    control = history.control
    assert control is not None  # read together with the log
    if history.log.shallow:
        message = "the repository is a shallow clone: approvals before its first commit cannot be traced"
        yield diagnose("HISTORY-INCOMPLETE", message, file=SETTINGS_FILE, line=1, column=1)
    if control.baseline_missing:
        message = f"approval_baseline {control.baseline_missing} is not a commit in this repository's history"
        yield diagnose("SETTINGS-BASELINE", message, file=SETTINGS_FILE, pointer="/approval_baseline")
    reported: set[str] = set()
    for ident, doc in controlled_documents(work.hb).items():
        doc_history = control.of(ident)
        if doc_history is not None:
            found = list(_revision_rules(ident, doc, work.content.get(ident, ""), doc_history))
            if not history.log.shallow:  # approvals cannot be traced: HISTORY-INCOMPLETE says so
                found += list(_approval_rules(ident, doc, doc_history, work.hb.settings))
            reported.update(ident for d in found if d.rule == "CONTROL-UNREVISED-CHANGE")
            yield from found
        yield from _change_note(ident, doc, doc_history)
    yield from _edition_rules(work, control, reported)


def _revision_rules(ident: str, doc: Any, content: str, history: DocumentHistory) -> Iterator[Diagnostic]:
    c: Control = doc.control
    base = Where(doc.where.file, "/control")
    approval = history.approval_of(c.revision)
    if approval is not None and content and approval.version.content != content:
        message = (
            f"{ident} rev. {c.revision} was approved in commit {approval.commit.short} "
            f"({approval.version.approved}); its content has changed since without a new revision"
        )
        yield _at(base, "CONTROL-UNREVISED-CHANGE", message, "/revision")
    if c.revision < history.highest_revision:
        message = f"{ident} is rev. {c.revision}, but the history already has rev. {history.highest_revision}"
        yield _at(base, "REVISION-DECREASED", message, "/revision")


def _change_note(ident: str, doc: Any, history: DocumentHistory | None) -> Iterator[Diagnostic]:
    """A new revision's note must be its own (a missing note is a rule without history, in rules.py)."""
    c: Control = doc.control
    last = history.last if history else None
    if last is None or history is None or c.revision <= last.revision or not c.change_note.strip():
        return
    if c.change_note.strip() == history.change_notes.get(last.revision, "").strip():
        message = f"{ident} rev. {c.revision} still has the change note of rev. {last.revision}"
        yield _at(Where(doc.where.file, "/control"), "CHANGE-NOTE-MISSING", message, "/change_note")


def _approval_rules(ident: str, doc: Any, history: DocumentHistory, settings: Settings) -> Iterator[Diagnostic]:
    approval = in_force_approval(doc, history)
    if approval is None or approval.before_baseline:
        return
    where = Where(doc.where.file, "/control/approved")
    committer = approval.commit.committer
    own = [c.short for c in approval.content_commits if c.author.same(committer)]
    if own:
        message = (
            f"{ident} rev. {approval.revision} was approved in commit {approval.commit.short} by {committer}, "
            f"who also authored content it approves (commits {', '.join(own)})"
        )
        yield _at(where, "APPROVAL-FOUR-EYES", message)
    if settings.trusted_keys and not _trusted(approval.commit.signature, approval.commit.signing_key, settings):
        state = "unsigned" if approval.commit.signature in ("", "N") else f"signature status {approval.commit.signature}"
        message = f"{ident} rev. {approval.revision} was approved in commit {approval.commit.short}, {state}"
        yield _at(where, "APPROVAL-UNSIGNED", message)


def _trusted(status: str, key: str, settings: Settings) -> bool:
    wanted = {k.replace(" ", "").upper() for k in settings.trusted_keys}
    return status == "G" and key.replace(" ", "").upper() in wanted


def _edition_rules(work: Working, control: ControlHistory, reported: set[str]) -> Iterator[Diagnostic]:
    """Transitions between the last edition and the work tree (part 2: the lifecycle)."""
    if not control.edition:
        return
    current = {doc.where.file: (ident, doc) for ident, doc in controlled_documents(work.hb).items()}
    for path, then in sorted(control.at_edition.items()):
        if then.status not in (DocStatus.EFFECTIVE, DocStatus.OBSOLETE):
            continue
        ident = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if path not in current:
            if then.status == DocStatus.EFFECTIVE:
                message = f"{ident} was effective in edition {control.edition} and its file is gone"
                yield diagnose("LIFECYCLE-TRANSITION", message, file=SETTINGS_FILE, line=1, column=1)
            continue
        _, doc = current[path]
        c: Control = doc.control
        base = Where(doc.where.file, "/control")
        if then.status == DocStatus.OBSOLETE and c.status is not DocStatus.OBSOLETE:
            message = f"{ident} was obsolete in edition {control.edition}; obsolete is final"
            yield _at(base, "LIFECYCLE-TRANSITION", message, "/status")
        elif c.revision < then.revision:
            message = f"{ident} is rev. {c.revision}; edition {control.edition} has rev. {then.revision}"
            yield _at(base, "REVISION-DECREASED", message, "/revision")
        elif c.revision == then.revision and ident not in reported and work.content.get(ident) != then.content:
            message = f"{ident} has changed since edition {control.edition} and is still rev. {c.revision}"
            yield _at(base, "REVISION-EDITION", message, "/revision")
