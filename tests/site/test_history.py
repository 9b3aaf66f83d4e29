"""The history is read in a fixed number of git calls; what git cannot tell truthfully (no
commits, a shallow clone, uncommitted changes, a repository it refuses) is said, not guessed."""

from __future__ import annotations

import os
from pathlib import Path

import git
import pytest

from handbook.site import history as history_module
from handbook.site.history import read_history


def _commit(repo: git.Repo, root: Path, files: dict[str, str | None], message: str) -> None:
    for rel, text in files.items():
        path = root / rel
        if text is None:
            repo.index.remove([rel], working_tree=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        repo.index.add([rel])
    actor = git.Actor("Test", "test@example.org")
    repo.index.commit(message, author=actor, committer=actor)


def test_history_lists_commits_touching_qms(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    _commit(repo, tmp_path, {"qms/procedures/PR-01.yaml": "a", "README.md": "r"}, "Første udgave")
    _commit(repo, tmp_path, {"README.md": "r2"}, "Kun README")
    _commit(repo, tmp_path, {"qms/procedures/PR-01.yaml": "b", "qms/risks/RISK-01.yaml": "c"}, "Ret PR-01")
    _commit(repo, tmp_path, {"qms/risks/RISK-01.yaml": None}, "Slet risiko")
    repo.create_tag("v1")
    found = read_history(tmp_path)
    assert found.edition.describe == "v1" and found.edition.short == repo.head.commit.hexsha[:7]
    assert [c.subject for c in found.changes] == ["Slet risiko", "Ret PR-01", "Første udgave"]
    assert [(f.status, f.path) for f in found.changes[1].files] == [
        ("M", "qms/procedures/PR-01.yaml"),
        ("A", "qms/risks/RISK-01.yaml"),
    ]
    assert found.changes[0].files[0].status == "D" and found.changes[0].files[0].document == "RISK-01"


def test_history_of_a_handbook_in_a_subfolder(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    _commit(repo, tmp_path, {"sub/qms/actors/FSA.yaml": "a", "qms/other.yaml": "x"}, "Tilføj FSA")
    found = read_history(tmp_path / "sub")
    assert [(f.path, f.folder) for c in found.changes for f in c.files] == [("qms/actors/FSA.yaml", "actors")]


@pytest.mark.parametrize("commits", [5, 40])
def test_git_calls_do_not_grow_with_the_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commits: int) -> None:
    repo = git.Repo.init(tmp_path)
    for i in range(commits):
        _commit(repo, tmp_path, {f"qms/procedures/PR-{i}.yaml": str(i)}, f"c{i}")
    calls: list[str] = []
    original = git.cmd.Git.execute

    def counting(self, command, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(command[1] if isinstance(command, list) and len(command) > 1 else str(command))
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(git.cmd.Git, "execute", counting)
    found = read_history(tmp_path)
    assert len(found.changes) == commits
    assert len(calls) == 5 and calls.count("log") == 2, calls


def test_a_commit_subject_may_hold_any_character(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    _commit(repo, tmp_path, {"qms/procedures/PR-01.yaml": "a"}, "Ret\x1e PR\x1f-01 \x07 <b>")
    [change] = read_history(tmp_path).changes
    assert change.subject == "Ret\x1e PR\x1f-01 \x07 <b>" and change.files[0].path == "qms/procedures/PR-01.yaml"


def test_a_shallow_clone_says_where_its_history_stops(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    repo = git.Repo.init(origin)
    for i in range(3):
        _commit(repo, origin, {f"qms/procedures/PR-0{i}.yaml": str(i)}, f"c{i}")
    git.Repo.clone_from(f"file://{origin}", tmp_path / "clone", depth=1)
    found = read_history(tmp_path / "clone")
    assert [(c.subject, c.boundary) for c in found.changes] == [("c2", True)]
    assert any("shallow" in w for w in found.warnings)


@pytest.mark.parametrize("path", ["docs/index.md", "mkdocs.yml", "qms/procedures/PR-01.yaml"])
def test_uncommitted_changes_to_any_site_input_make_a_draft(tmp_path: Path, path: str) -> None:
    repo = git.Repo.init(tmp_path)
    _commit(repo, tmp_path, {"qms/procedures/PR-01.yaml": "a", "docs/index.md": "d", "mkdocs.yml": "m"}, "c")
    assert not read_history(tmp_path).edition.dirty
    (tmp_path / path).write_text("changed", encoding="utf-8")
    found = read_history(tmp_path)
    assert found.edition.dirty and "udkast" in found.edition.text and found.warnings


def test_a_repository_owned_by_someone_else_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = git.Repo.init(tmp_path)
    _commit(repo, tmp_path, {"qms/procedures/PR-01.yaml": "a"}, "c")

    def refuse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise git.GitCommandError(["git", "rev-parse"], 128, b"fatal: detected dubious ownership in repository")

    monkeypatch.setattr(git.cmd.Git, "execute", refuse)
    found = read_history(tmp_path)
    assert not found.edition.known and "ejes af en anden bruger" in found.note
    assert found.warnings and "ingen commits" not in found.note


def test_no_commits_and_no_repository(tmp_path: Path) -> None:
    assert read_history(tmp_path).note.startswith("Håndbogen ligger ikke")
    git.Repo.init(tmp_path)
    empty = read_history(tmp_path)
    assert not empty.edition.known and empty.changes == () and "ingen commits" in empty.note
    assert history_module.NO_EDITION.text == "ikke versionsstyret"


def test_edition_text_without_a_release_tag() -> None:
    untagged = history_module.Edition("bf685f9", "bf685f9" + "0" * 33, "bf685f9", "2026-11-26", False)
    assert untagged.text == "commit bf685f9 af 2026-11-26"
    tagged = history_module.Edition("udgave-2026-1", "bf685f9" + "0" * 33, "bf685f9", "2026-11-26", True)
    assert tagged.text == "udgave-2026-1 (commit bf685f9, 2026-11-26) – udkast fra ikke-committede ændringer"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the repository to another user")
def test_a_repository_really_owned_by_another_user(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path / "repo")
    _commit(repo, tmp_path / "repo", {"qms/procedures/PR-01.yaml": "a"}, "c")
    for path in [tmp_path / "repo", *(tmp_path / "repo").rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)
    found = read_history(tmp_path / "repo")
    assert "ejes af en anden bruger" in found.note and not found.changes
