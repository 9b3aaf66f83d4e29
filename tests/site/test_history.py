"""The change log reads git once; repositories without commits or without git are handled."""

from __future__ import annotations

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


def test_history_is_one_git_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = git.Repo.init(tmp_path)
    for i in range(5):
        _commit(repo, tmp_path, {f"qms/procedures/PR-{i}.yaml": str(i)}, f"c{i}")
    calls: list[str] = []
    original = git.cmd.Git.execute

    def counting(self, command, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(command[1] if isinstance(command, list) and len(command) > 1 else str(command))
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(git.cmd.Git, "execute", counting)
    found = read_history(tmp_path)
    assert len(found.changes) == 5
    assert calls.count("log") == 1


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
    assert tagged.text == "udgave-2026-1 (commit bf685f9, 2026-11-26) med ikke-committede ændringer"
