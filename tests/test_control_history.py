"""Document control traced to git (part 1 of the editions issue), on real fixture repositories
with several commits and two identities."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handbook.check import check
from handbook.history import gitlog as gitlog_module
from handbook.history import read_history
from handbook.model import DEFAULT_SETTINGS

from .gitrepo import APPROVER, AUTHOR, approve, commit_all, edit, git, handbook_repo, set_control

PR01 = "qms/procedures/PR-01.yaml"


def rules(root: Path) -> list[str]:
    return [d.rule for d in check(root).diagnostics]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return handbook_repo(tmp_path / "hb")


def test_an_approval_by_a_second_identity_is_clean(repo: Path) -> None:
    sha = approve(repo, "PR-01", 1)
    assert rules(repo) == []
    history = read_history(repo, DEFAULT_SETTINGS)
    assert history.control is not None
    approval = history.control.documents["PR-01"].last
    assert approval is not None and approval.commit.sha == sha and approval.revision == 1
    assert [c.author.email for c in approval.content_commits] == [AUTHOR[1]]


def test_editing_approved_text_is_an_error(repo: Path) -> None:
    approve(repo, "PR-01", 1)
    edit(repo, PR01, "Lederen godkender.", "Lederen godkender skriftligt.")
    assert "CONTROL-UNREVISED-CHANGE" in rules(repo)  # uncommitted
    commit_all(repo, "Ret trin")
    assert "CONTROL-UNREVISED-CHANGE" in rules(repo)  # committed
    # The proper way: a new revision in review, with its own change note; rev. 1 stays in force.
    set_control(repo, "PR-01", revision=2, status="review", approved=None, effective=None, change_note="Skriftlig godkendelse.")
    commit_all(repo, "PR-01 rev. 2 til godkendelse")
    result = check(repo)
    assert [d.rule for d in result.diagnostics] == ["LINK-SUSPECT"]  # CONF-CAT was assessed against rev. 1
    assert result.in_force["PR-01"].revision == 1 and result.in_force["PR-01"].status == "effective"


def test_four_eyes(repo: Path) -> None:
    approve(repo, "PR-01", 1, who=AUTHOR)  # the author approves their own text
    found = [d for d in check(repo).diagnostics if d.rule == "APPROVAL-FOUR-EYES"]
    assert len(found) == 1 and AUTHOR[1] in found[0].message and found[0].pointer == "/control/approved"
    # Configurable severity: a handbook may make it a warning.
    edit(repo, "qms/handbook.yaml", "review_warning_days: 30", "review_warning_days: 30\nrules:\n  APPROVAL-FOUR-EYES: warning")
    commit_all(repo, "Fire øjne som advarsel", who=APPROVER)
    assert [d.severity.value for d in check(repo).diagnostics if d.rule == "APPROVAL-FOUR-EYES"] == ["warning"]


def test_baseline_accepts_earlier_approvals_as_recorded(repo: Path) -> None:
    sha = approve(repo, "PR-01", 1, who=AUTHOR)
    edit(repo, "qms/handbook.yaml", "review_warning_days: 30", f"review_warning_days: 30\napproval_baseline: {sha}")
    commit_all(repo, "Regelgrundlag", who=APPROVER)
    assert rules(repo) == []
    history = read_history(repo, check(repo).handbook.settings)
    assert history.control is not None
    approval = history.control.documents["PR-01"].last
    assert approval is not None and approval.before_baseline


def test_baseline_not_in_history(repo: Path) -> None:
    edit(repo, "qms/handbook.yaml", "review_warning_days: 30", "review_warning_days: 30\napproval_baseline: 0123456789abcdef")
    assert "SETTINGS-BASELINE" in rules(repo)


def test_revision_going_down(repo: Path) -> None:
    set_control(repo, "PR-01", revision=3, change_note="Tredje udkast.")
    commit_all(repo, "rev. 3")
    set_control(repo, "PR-01", revision=2, change_note="Andet udkast.")
    assert "REVISION-DECREASED" in rules(repo)


def test_new_revision_keeps_the_old_change_note(repo: Path) -> None:
    set_control(repo, "PR-01", change_note="Første udgave.")
    approve(repo, "PR-01", 1)
    set_control(repo, "PR-01", revision=2, status="review", approved=None, effective=None)
    edit(repo, PR01, "Lederen godkender.", "Lederen godkender skriftligt.")
    assert "CHANGE-NOTE-MISSING" in rules(repo)


def test_unsigned_approval_with_trusted_keys(repo: Path) -> None:
    edit(repo, "qms/handbook.yaml", "review_warning_days: 30", "review_warning_days: 30\ntrusted_keys: [0123456789ABCDEF0123]")
    approve(repo, "PR-01", 1)
    found = [d for d in check(repo).diagnostics if d.rule == "APPROVAL-UNSIGNED"]
    assert len(found) == 1 and "unsigned" in found[0].message


def test_shallow_clone_is_reported(repo: Path, tmp_path: Path) -> None:
    approve(repo, "PR-01", 1)
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    found = check(clone).diagnostics
    assert [d.rule for d in found] == ["HISTORY-INCOMPLETE"]


def test_history_is_a_constant_number_of_git_processes(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(6):
        edit(repo, PR01, "Lederen godkender", f"Lederen godkender ({i})")
        commit_all(repo, f"ændring {i}")
    approve(repo, "PR-01", 1)
    calls: list[str] = []
    original = gitlog_module.git

    def counting(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
        calls.append(args[0])
        return original(root, *args, stdin=stdin)

    monkeypatch.setattr(gitlog_module, "git", counting)
    history = read_history(repo, DEFAULT_SETTINGS)
    assert history.log is not None and len(history.log.commits) == 8
    assert sorted(calls) == ["cat-file", "log", "rev-parse", "status"]


def test_outside_git_the_history_rules_do_not_run(minimal: Path) -> None:
    result = check(minimal)
    assert not result.history.in_git and result.diagnostics == ()


def test_a_repository_without_commits_checks_clean(minimal: Path) -> None:
    git(minimal, "init", "-q", "-b", "main")
    result = check(minimal)
    assert result.diagnostics == () and result.history.in_git and "ingen commits" in result.history.note


def test_unreadable_history_is_reported_not_hidden(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = gitlog_module.git

    def failing(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
        if args[0] == "log":
            raise gitlog_module.GitUnavailable("git kunne ikke læse historikken: fatal: bad object")
        return original(root, *args, stdin=stdin)

    monkeypatch.setattr(gitlog_module, "git", failing)
    found = check(repo).diagnostics
    assert [d.rule for d in found] == ["HISTORY-INCOMPLETE"] and "bad object" in found[0].message


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the repository to another user")
def test_a_repository_owned_by_another_user_is_reported(repo: Path) -> None:
    """git refuses a repository owned by someone else; that is said, never 'no commits'."""
    for path in [repo, *repo.rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)
    history = read_history(repo, DEFAULT_SETTINGS)
    assert "ejes af en anden bruger" in history.note and "ingen commits" not in history.note
    found = check(repo).diagnostics
    assert [d.rule for d in found] == ["HISTORY-INCOMPLETE"] and "ejes af en anden bruger" in found[0].message


@pytest.mark.parametrize("path", ["docs/noter.md", "mkdocs.yml", "qms/procedures/PR-01.yaml"])
def test_uncommitted_changes_to_anything_the_site_is_built_from_make_a_draft(repo: Path, path: str) -> None:
    from handbook.site.edition import preview_id

    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((target.read_text(encoding="utf-8") if target.exists() else "") + "\n# ændret\n", encoding="utf-8")
    edition = preview_id(check(repo))
    assert edition.draft and edition.dirty and "ikke-committede ændringer" in edition.label


def test_the_classification_of_the_work_tree_governs_the_revision_in_force(repo: Path) -> None:
    """A document in force at an older approved revision is published, or withheld, by its
    current classification: the field is not content, and a schema change that added it
    migrated only the current version."""
    from handbook.publication import public_view
    from handbook.site.inforce import effective_handbook

    approve(repo, "PR-01", 1)
    edit(repo, PR01, "Lederen godkender", "Lederen godkender ændringen")
    set_control(repo, "PR-01", revision=2, status="review", change_note="Tydeligere trin.")
    edit(repo, PR01, "confidentiality: public", "confidentiality: internal")
    result = check(repo)
    in_force = effective_handbook(result)
    assert in_force.procedures["PR-01"].control.revision == 1
    assert "PR-01" not in public_view(in_force).procedures
