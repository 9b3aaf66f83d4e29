"""The handbook's history, read once per command: the git log pass (`gitlog`), document control
from it (`control`), and the edition the work tree is (see `handbook.editions`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..constants import QMS_DIR
from ..model import Settings
from .control import ControlHistory, read_control
from .gitlog import GitLog, GitUnavailable, read_log, tree_blobs


@dataclass(frozen=True)
class RepoHistory:
    log: GitLog | None
    control: ControlHistory | None
    note: str = ""  # why there is no history, in Danish ("" when there is one)
    in_git: bool = True  # False: the handbook is not in a git repository at all

    @property
    def known(self) -> bool:
        return self.log is not None and self.log.head is not None


NO_HISTORY = RepoHistory(None, None, "Håndbogen ligger ikke i et git-repositorium.", in_git=False)


def read_history(root: Path, settings: Settings) -> RepoHistory:
    try:
        log = read_log(root, signatures=bool(settings.trusted_keys))
    except GitUnavailable as exc:
        note = str(exc)
        return RepoHistory(None, None, note, in_git=not note.startswith("Håndbogen ligger ikke"))
    edition, files = _last_edition(root, log)
    return RepoHistory(log, read_control(root, log, settings.approval_baseline, edition, files))


def _last_edition(root: Path, log: GitLog) -> tuple[str, dict[str, str]]:
    """The newest archived edition whose tag is in the history, and its files under qms/."""
    from ..editions.archive import archived, tag_of  # the archive reads no history: no cycle at run time

    tags = log.tags
    for name in reversed(archived(root)):
        if tag_of(name) in tags:
            return name, tree_blobs(root, log.prefix, tags[tag_of(name)], QMS_DIR)
    return "", {}


__all__ = ["NO_HISTORY", "ControlHistory", "GitLog", "GitUnavailable", "RepoHistory", "read_history"]
