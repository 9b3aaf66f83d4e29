"""Each page's "last change" comes from the one git log the check read: the newest commit that
changed the file, nothing for a deleted file, and only the handbook's and docs/' files."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from handbook.history.gitlog import Commit, FileChange, GitLog, Identity
from handbook.site.edition import last_changes

WHO = Identity("FSA", "fsa@example.invalid")


def _commit(letter: str, day: str, *changes: tuple[str, str]) -> Commit:
    files = tuple(FileChange(status, path, "1" * 40, "2" * 40) for status, path in changes)
    return Commit(letter * 40, (), WHO, WHO, day, (), files)


def _result(*commits: Commit) -> Any:
    log = GitLog(Path("."), "", commits, (), False)
    return SimpleNamespace(history=SimpleNamespace(log=log))


def test_the_newest_commit_of_each_file_and_none_for_a_deleted_file() -> None:
    newest = _commit("c", "2026-11-22", ("M", "qms/procedures/PR-01.yaml"), ("D", "qms/procedures/PR-09.yaml"))
    middle = _commit("b", "2026-11-21", ("M", "docs/citering.md"), ("M", "tools/handbook/cli.py"))
    oldest = _commit("a", "2026-11-20", ("A", "qms/procedures/PR-01.yaml"), ("A", "qms/procedures/PR-09.yaml"))
    found = last_changes(_result(newest, middle, oldest))
    assert {path: c.date for path, c in found.items()} == {
        "qms/procedures/PR-01.yaml": "2026-11-22",
        "docs/citering.md": "2026-11-21",
    }


def test_no_history_no_last_changes() -> None:
    assert last_changes(SimpleNamespace(history=SimpleNamespace(log=None))) == {}  # type: ignore[arg-type]
