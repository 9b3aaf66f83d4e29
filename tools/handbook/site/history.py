"""Edition and change log from git, read in ONE pass.

GitPython's `iter_commits` runs `git rev-list`, which cannot list changed paths; asking each
commit for its stats would be one git call per commit. A single `git log --name-status` over
qms/ (run through GitPython) gives commits and changed files together, so the cost is one
process whatever the size of the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..constants import QMS_DIR

if TYPE_CHECKING:
    import git

# Separators that cannot occur in a commit subject or a path.
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Edition:
    describe: str  # `git describe --tags --always`: a tag name when the build is a release
    commit: str  # full hash of HEAD
    short: str
    date: str  # commit date of HEAD (never the build time, so builds are reproducible)
    dirty: bool  # uncommitted changes under qms/

    @property
    def known(self) -> bool:
        return bool(self.commit)

    @property
    def text(self) -> str:
        if not self.known:
            return "ikke versionsstyret"
        suffix = " med ikke-committede ændringer" if self.dirty else ""
        if self.describe in ("", self.short) or self.commit.startswith(self.describe):
            return f"commit {self.short} af {self.date}{suffix}"  # no release tag yet
        return f"{self.describe} (commit {self.short}, {self.date}){suffix}"


NO_EDITION = Edition("", "", "", "", False)


@dataclass(frozen=True)
class FileChange:
    status: str  # A, M, D, R, ...
    path: str  # repository path relative to the handbook root, e.g. qms/procedures/PR-02.yaml

    @property
    def document(self) -> str:
        return PurePosixPath(self.path).stem

    @property
    def folder(self) -> str:
        parts = PurePosixPath(self.path).parts
        return parts[1] if len(parts) > 2 else ""


@dataclass(frozen=True)
class Change:
    commit: str
    short: str
    date: str
    subject: str
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class History:
    edition: Edition
    changes: tuple[Change, ...]
    note: str = ""  # why there is no history, shown on the change log page


def read_history(root: Path) -> History:
    try:
        import git  # imported here: a missing git binary must not break `handbook check`
    except ImportError:
        return History(NO_EDITION, (), "git er ikke tilgængelig på byggemaskinen.")
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return History(NO_EDITION, (), "Håndbogen ligger ikke i et git-repositorium.")
    try:
        with repo:
            return _read(repo, root)
    except ValueError:  # HEAD points at an unborn branch: a repository with no commits
        return History(NO_EDITION, (), "Repositoriet har endnu ingen commits.")
    except git.GitCommandError as exc:
        return History(NO_EDITION, (), f"git kunne ikke læse historikken ({exc.status}).")


def _read(repo: git.Repo, root: Path) -> History:
    head = repo.head.commit  # raises ValueError when there are no commits
    if repo.working_tree_dir is None:  # a bare repository has no files to publish
        return History(NO_EDITION, (), "Repositoriet har ingen arbejdskopi.")
    top = Path(repo.working_tree_dir).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    qms = QMS_DIR if prefix == "." else f"{prefix}/{QMS_DIR}"
    edition = Edition(
        describe=repo.git.describe("--tags", "--always"),
        commit=head.hexsha,
        short=head.hexsha[:7],
        date=head.committed_datetime.date().isoformat(),
        dirty=repo.is_dirty(index=True, working_tree=True, untracked_files=True, path=qms),
    )
    # Paths are ids (ASCII by schema), so git's path quoting never applies.
    raw = repo.git.log(
        "--name-status",
        "--no-renames",  # a rename is shown as delete + add: simple and the same under any git config
        f"--format={_RECORD}%H{_FIELD}%cs{_FIELD}%s",
        "--",
        qms,
    )
    return History(edition, tuple(_parse(raw, prefix)))


def _parse(raw: str, prefix: str) -> list[Change]:
    changes = []
    strip = "" if prefix == "." else prefix + "/"
    for block in raw.split(_RECORD)[1:]:
        header, _, body = block.partition("\n")
        commit, date, subject = header.split(_FIELD, 2)
        files = []
        for line in body.splitlines():
            status, _, path = line.partition("\t")
            if path:
                files.append(FileChange(status[:1], path.removeprefix(strip)))
        changes.append(Change(commit, commit[:7], date, subject, tuple(sorted(files, key=lambda f: f.path))))
    return changes
