"""Edition and change log from git, in a fixed handful of git calls whatever the history's size.

One `git log -z --name-status` over qms/ gives commits and changed files together (GitPython's
`iter_commits` cannot list paths; asking each commit would be one call per commit). The other
calls read HEAD and whether the clone is shallow, the tag description, and the work tree's
status. What cannot be read, or could mislead, is reported, never replaced by a false claim:
a shallow clone's oldest commit is marked as where the history stops, uncommitted changes to
anything that feeds the site mark the edition as a draft, and a repository git refuses to read
(e.g. owned by another user) says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..constants import DOCS_DIR, QMS_DIR

if TYPE_CHECKING:
    import git

# Everything the site is built from: a change to any of it makes the build a draft.
SITE_INPUTS = (QMS_DIR, DOCS_DIR, "mkdocs.yml", "tools", "pyproject.toml")
# The files whose pages say when they last changed: the handbook and the hand-written pages.
PAGE_SOURCES = (QMS_DIR, DOCS_DIR)
_HASH = re.compile(r"[0-9a-f]{40,64}")
_STATUS = re.compile(r"[A-Z][0-9]{0,3}")


@dataclass(frozen=True)
class Edition:
    describe: str  # `git describe --tags --always`: a tag name when the build is a release
    commit: str  # full hash of HEAD
    short: str
    date: str  # commit date of HEAD (never the build time, so builds are reproducible)
    dirty: bool  # uncommitted changes to anything the site is built from (SITE_INPUTS)

    @property
    def known(self) -> bool:
        return bool(self.commit)

    @property
    def text(self) -> str:
        if not self.known:
            return "ikke versionsstyret"
        suffix = " – udkast fra ikke-committede ændringer" if self.dirty else ""
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
    boundary: bool = False  # a shallow clone's oldest commit: what came before was not fetched


@dataclass(frozen=True)
class History:
    edition: Edition
    changes: tuple[Change, ...]
    note: str = ""  # why there is no history, shown on the change log page
    # Facts a reader must know about this build's history (Danish; shown on the site and
    # printed by the build): a shallow clone, uncommitted changes, a refusal by git.
    warnings: tuple[str, ...] = ()
    # Repository path (relative to the handbook root) → the newest commit that changed it, for
    # every file under qms/ and docs/ that still exists; read from the same one git log.
    last_change: Mapping[str, Change] = field(default_factory=dict)


def read_history(root: Path) -> History:
    try:
        import git  # imported here: a missing git binary must not break the build
    except ImportError:
        return _unreadable("git er ikke tilgængelig på byggemaskinen.")
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return History(NO_EDITION, (), "Håndbogen ligger ikke i et git-repositorium.")
    with repo:
        if repo.working_tree_dir is None:  # a bare repository has no files to publish
            return History(NO_EDITION, (), "Repositoriet har ingen arbejdskopi.")
        try:
            return _read(repo, root)
        except git.GitCommandError as exc:
            return _refused(exc)
        except OSError as exc:  # git could not be run at all
            return _unreadable(f"git kunne ikke køres ({exc.strerror}).")


def _refused(exc: Exception) -> History:
    stderr = str(getattr(exc, "stderr", "")).lower()
    if "dubious ownership" in stderr:
        return _unreadable(
            "git nægter at læse repositoriet, fordi mappen ejes af en anden bruger end den, der bygger. "
            "Byg som ejeren, eller tilføj mappen til git's safe.directory."
        )
    return _unreadable(f"git kunne ikke læse historikken (fejlkode {getattr(exc, 'status', '?')}).")


def _unreadable(why: str) -> History:
    return History(NO_EDITION, (), why, warnings=(why,))


def _read(repo: git.Repo, root: Path) -> History:
    import git

    top = Path(str(repo.working_tree_dir)).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    inside = "" if prefix == "." else prefix + "/"
    try:
        lines = repo.git.rev_parse("--is-shallow-repository", "--verify", "--quiet", "HEAD").splitlines()
    except git.GitCommandError as exc:
        if exc.status == 1 and not str(exc.stderr).strip():  # --verify --quiet: HEAD has no commit yet
            return History(NO_EDITION, (), "Repositoriet har endnu ingen commits.")
        raise
    if len(lines) < 2 or not _HASH.fullmatch(lines[1]):
        return _unreadable(f"git gav et uventet svar om HEAD: {lines!r}.")
    shallow = lines[0] == "true"
    head = repo.git.log("-1", "--format=%H%x00%cs", "HEAD").split("\0")
    dirty = bool(repo.git.status("--porcelain", "-z", "--", *(inside + p for p in SITE_INPUTS)))
    edition = Edition(
        describe=repo.git.describe("--tags", "--always"),
        commit=head[0],
        short=head[0][:7],
        date=head[1],
        dirty=dirty,
    )
    raw = repo.git.log(
        "-z",  # NUL between fields: a commit subject may hold any other character
        "--name-status",
        "--no-renames",  # a rename is shown as delete + add: simple and the same under any git config
        "--format=%H%x00%cs%x00%s%x00",
        "--",
        *(inside + folder for folder in PAGE_SOURCES),
    )
    boundary = _shallow_commits(repo) if shallow else frozenset()
    every = _parse(raw, inside, boundary)
    # The change log is the history of the handbook's content (qms/); pages also name their
    # hand-written sources' last change, so the one log reads docs/ too.
    changes = tuple(_within(c, QMS_DIR) for c in every if any(_inside(f.path, QMS_DIR) for f in c.files))
    warnings = []
    if shallow:
        warnings.append(
            "Historikken er afkortet (en shallow clone): ændringsloggen viser kun de hentede commits, "
            "og den ældste af dem er ikke en ændring, men stedet, hvor historikken stopper."
        )
    if dirty:
        warnings.append(
            "Sitet er bygget fra ikke-committede ændringer: det er et udkast, ikke en udgave af nogen commit."
        )
    return History(edition, changes, warnings=tuple(warnings), last_change=_last_changes(every))


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder + "/")


def _within(change: Change, folder: str) -> Change:
    """The change with only the files under `folder`."""
    return replace(change, files=tuple(f for f in change.files if _inside(f.path, folder)))


def _last_changes(changes: list[Change]) -> dict[str, Change]:
    """The newest change of each file (the log is newest first); deleted files have none."""
    found: dict[str, Change] = {}
    for change in changes:
        for f in change.files:
            found.setdefault(f.path, change)
    return {path: change for path, change in found.items() if not _deleted(change, path)}


def _deleted(change: Change, path: str) -> bool:
    return any(f.path == path and f.status == "D" for f in change.files)


def _shallow_commits(repo: git.Repo) -> frozenset[str]:
    """The commits where a shallow clone's history was cut (git lists them in .git/shallow)."""
    path = Path(repo.git.rev_parse("--git-path", "shallow"))
    if not path.is_absolute():
        path = Path(str(repo.working_tree_dir)) / path
    try:
        return frozenset(path.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


def _parse(raw: str, inside: str, boundary: frozenset[str]) -> list[Change]:
    """`git log -z --name-status` output: per commit `hash, date, subject, ""` and then pairs of
    status and path (the first status after a newline)."""
    tokens = raw.split("\0")
    changes: list[Change] = []
    i = 0
    while i + 2 < len(tokens) and _HASH.fullmatch(tokens[i].strip("\n")):
        commit, date, subject = tokens[i].strip("\n"), tokens[i + 1], tokens[i + 2]
        i += 4  # the three fields and the empty field that ends the header
        files = []
        while i + 1 < len(tokens) and _STATUS.fullmatch(tokens[i].strip("\n")):
            files.append(FileChange(tokens[i].strip("\n")[:1], tokens[i + 1].removeprefix(inside)))
            i += 2
        changes.append(
            Change(commit, commit[:7], date, subject, tuple(sorted(files, key=lambda f: f.path)), commit in boundary)
        )
    return changes
