"""`handbook report conformity|status`: read the handbook (the work tree, or as it was at an
edition), make the report, and return its bytes in the format asked for. Refusals are
EditionError (the CLI prints them, exit 1); nothing is written here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..check import CheckResult, check
from ..editions.archive import EditionError
from ..editions.diff import diff
from ..history.gitlog import git
from ..publication import public_view
from ..site import paths
from ..site.edition import EditionId, SiteEdition, preview_id, suspect_marks
from ..site.inforce import NotInForce, effective_handbook
from . import conformity, status_report
from .render import STATUS_PAGE, as_bytes, json_bytes, print_document
from .source import checked_at, edition_id, since_commit


def conformity_bytes(root: Path, edition: str, fmt: str, internal: bool, today: date | None) -> bytes:
    """The conformity report of the handbook in force: in the work tree, or at `edition` (an
    edition, tag, commit or date)."""
    if not edition:
        result = check(root, today)
        return _conformity(result, preview_id(result), fmt, internal)
    commit = since_commit(root, edition)
    ident = edition_id(root, edition, commit)
    with checked_at(root, commit, today) as result:
        return _conformity(result, ident, fmt, internal)


def _conformity(result: CheckResult, ident: EditionId, fmt: str, internal: bool) -> bytes:
    _refuse_errors(result)
    try:
        in_force = effective_handbook(result)
    except NotInForce as exc:
        raise EditionError(str(exc)) from None
    hb = in_force if internal else public_view(in_force)
    report = conformity.conformity_report(hb, ident, suspect_marks(result), internal)
    if fmt == "json":
        return json_bytes(conformity.to_json(report))
    edition = SiteEdition(ident)
    doc = print_document(hb, edition, result.today, paths.CONFORMITY_REPORT, "report_conformity.md.j2", report)
    return as_bytes(doc, fmt)


def status_bytes(
    root: Path, since: str, next_meeting: date | None, fmt: str, internal: bool, today: date | None
) -> bytes:
    """The status report of the work tree, with the changes since `since`."""
    commit = since_commit(root, since)
    result = check(root, today)
    _refuse_errors(result)
    when = git(root, "show", "-s", "--format=%cs", commit).decode().strip()
    try:
        in_force = effective_handbook(result)
    except NotInForce as exc:
        raise EditionError(str(exc)) from None
    changes = diff(root, commit)
    report = status_report.status_report(result, changes, (since, commit, when), next_meeting, internal, in_force)
    if fmt == "json":
        return json_bytes(status_report.to_json(report))
    hb = result.handbook if internal else public_view(result.handbook)
    edition = SiteEdition(preview_id(result))
    return as_bytes(print_document(hb, edition, result.today, STATUS_PAGE, "report_status.md.j2", report), fmt)


def _refuse_errors(result: CheckResult) -> None:
    if result.errors:
        raise EditionError(
            f"the handbook has {result.errors} errors, so a report would show an incomplete model; "
            "run handbook check and fix them first"
        )
