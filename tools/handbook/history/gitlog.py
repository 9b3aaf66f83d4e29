"""The one pass over git: every commit with its parents, identities and changed files (with blob
ids), the tags on it, and whether the work tree is clean, in a constant number of git processes
whatever the size of the history:

1. `git rev-parse`: where the repository is, and whether it is a shallow clone;
2. `git log --raw -z`: every commit reachable from HEAD with the files it changed (old and new
   blob id per file), parents, author and committer identity, signature status when asked for,
   and its tags;
3. `git status --porcelain`: uncommitted changes under the handbook root;
4. `git cat-file --batch` (only when blob contents are asked for, see `read_blobs`): every blob
   the caller needs, all in one process.

No git call is made per file or per commit. Text from git is data: it is parsed here into
values and never interpreted.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

NULL_BLOB = "0" * 40
NO_COMMITS = "Repositoriet har endnu ingen commits."
_HEADER = "\x01c"  # marks the first field of each commit in the log; never starts a raw entry
# Field order in the log's --format (joined with NULs).
_FIELDS = ("%H", "%P", "%an", "%ae", "%cn", "%ce", "%cs", "%D")
_SIGNED_FIELDS = ("%G?", "%GF")


class GitUnavailable(Exception):
    """History cannot be read; the message says why, in Danish, for the reader of a report."""


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    email: str

    def same(self, other: Identity) -> bool:
        """The same person as far as git can tell: the same e-mail address, case aside."""
        return self.email.strip().lower() == other.email.strip().lower()

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True, slots=True)
class FileChange:
    status: str  # git's letter: A added, M modified, D deleted, T type changed
    path: str  # relative to the handbook root, e.g. qms/procedures/PR-02.yaml
    old_blob: str  # "" when the file was added
    new_blob: str  # "" when the file was deleted

    @property
    def document(self) -> str:
        return self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author: Identity
    committer: Identity
    date: str  # committer date, YYYY-MM-DD
    tags: tuple[str, ...]
    files: tuple[FileChange, ...]
    signature: str = ""  # git's %G? letter when signatures were asked for (G good, N none, ...)
    signing_key: str = ""  # fingerprint of the key that made a good signature

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class GitLog:
    top: Path  # the repository's work tree
    prefix: str  # the handbook root relative to it ("" when they are the same)
    commits: tuple[Commit, ...]  # newest first, parents after their children (topological)
    dirty: tuple[str, ...]  # paths under the handbook root with uncommitted changes
    shallow: bool
    by_sha: Mapping[str, Commit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_sha", {c.sha: c for c in self.commits})

    @property
    def head(self) -> Commit | None:
        return self.commits[0] if self.commits else None

    @property
    def tags(self) -> dict[str, str]:
        """Tag name → commit, for the tags on commits reachable from HEAD."""
        return {tag: c.sha for c in self.commits for tag in c.tags}

    def resolve(self, ref: str) -> Commit | None:
        """A commit by full or abbreviated hash (at least 4 characters), or by tag name."""
        if ref in self.tags:
            return self.by_sha[self.tags[ref]]
        if len(ref) >= 4 and all(ch in "0123456789abcdef" for ch in ref.lower()):
            found = [c for sha, c in self.by_sha.items() if sha.startswith(ref.lower())]
            return found[0] if len(found) == 1 else None
        return None

    def ancestors(self, sha: str) -> set[str]:
        """`sha` and every commit it descends from (within the history read)."""
        seen: set[str] = set()
        stack = [sha]
        while stack:
            current = stack.pop()
            if current in seen or current not in self.by_sha:
                continue
            seen.add(current)
            stack.extend(self.by_sha[current].parents)
        return seen


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run one git command in `root`; GitUnavailable (with git's own words) when it fails."""
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise GitUnavailable("git er ikke tilgængelig på maskinen.") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitUnavailable(_explain(message[0] if message else f"git {args[0]} fejlede"))
    return done.stdout


def _explain(first_line: str) -> str:
    if "not a git repository" in first_line:
        return "Håndbogen ligger ikke i et git-repositorium."
    if "does not have any commits" in first_line or "unknown revision" in first_line:
        return NO_COMMITS
    if "dubious ownership" in first_line:
        return "git nægter at læse repositoriet, fordi det ejes af en anden bruger (safe.directory)."
    printable = "".join(ch if ch.isprintable() else "\ufffd" for ch in first_line)
    return f"git kunne ikke læse historikken: {printable}"


def read_log(root: Path, *, signatures: bool = False) -> GitLog:
    """Everything `GitLog` holds, from three git processes (see the module docstring)."""
    info = git(root, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--is-bare-repository")
    lines = info.decode("utf-8", "replace").splitlines()
    if len(lines) < 4 or lines[3] == "true":
        raise GitUnavailable("Repositoriet har ingen arbejdskopi.")
    top, prefix, shallow = Path(lines[0]), lines[1].rstrip("/"), lines[2] == "true"
    fields = _FIELDS + (_SIGNED_FIELDS if signatures else ())
    raw = git(
        root,
        "log",
        "-z",
        "--raw",
        "--no-renames",  # a rename is a delete and an add: simple, and the same under any git config
        "--no-abbrev",
        "--topo-order",
        "--decorate=full",
        "--no-color",
        "--format=" + _HEADER + "%x00".join(fields),
        "HEAD",
    )
    commits = tuple(_parse(raw.decode("utf-8", "surrogateescape"), prefix, len(fields)))
    status = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    dirty = tuple(sorted(_status_paths(status.decode("utf-8", "surrogateescape"))))
    return GitLog(top, prefix, commits, dirty, shallow)


def _parse(raw: str, prefix: str, n_fields: int) -> Iterator[Commit]:
    strip = f"{prefix}/" if prefix else ""
    tokens = raw.split("\x00")
    i, header = 0, None
    files: list[FileChange] = []
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith(":") and header is not None:
            path = tokens[i + 1]
            if not strip or path.startswith(strip):
                files.append(_change(token, path.removeprefix(strip)))
            i += 2
        elif token.startswith(_HEADER):
            if header is not None:
                yield _commit(header, files)
            header, files = [token.removeprefix(_HEADER), *tokens[i + 1 : i + n_fields]], []
            i += n_fields
        else:
            i += 1
    if header is not None:
        yield _commit(header, files)


def _change(meta: str, path: str) -> FileChange:
    # ":100644 100644 <old> <new> M"
    parts = meta[1:].split()
    old, new, status = parts[2], parts[3], parts[4][:1]
    return FileChange(status, path, "" if old == NULL_BLOB else old, "" if new == NULL_BLOB else new)


def _commit(header: list[str], files: list[FileChange]) -> Commit:
    sha, parents, an, ae, cn, ce, date, refs, *signed = header
    tags = tuple(
        ref.removeprefix("tag: refs/tags/") for ref in refs.split(", ") if ref.startswith("tag: refs/tags/")
    )
    signature, key = [*signed, "", ""][:2]
    return Commit(
        sha=sha,
        parents=tuple(parents.split()),
        author=Identity(an, ae),
        committer=Identity(cn, ce),
        date=date,
        tags=tags,
        files=tuple(sorted(files, key=lambda f: f.path)),
        signature=signature,
        signing_key=key,
    )


def _status_paths(raw: str) -> Iterator[str]:
    entries = raw.split("\x00")
    i = 0
    while i < len(entries):
        entry = entries[i]
        if len(entry) > 3:
            yield entry[3:]
            if entry[0] in "RC":  # a rename's or copy's source path follows
                i += 1
        i += 1


def read_blobs(root: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """The contents of many blobs from one `git cat-file --batch` process."""
    wanted = sorted(set(b for b in blobs if b))
    if not wanted:
        return {}
    out = git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted).encode())
    found: dict[str, bytes] = {}
    pos = 0
    for blob in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[blob] = out[pos : pos + size]
        pos += size + 1  # the content is followed by a newline
    return found


def tree_blobs(root: Path, prefix: str, commit: str, folder: str) -> dict[str, str]:
    """Path (relative to the handbook root) → blob id of every file under `folder` at `commit`."""
    out = git(root, "ls-tree", "-r", "-z", "--full-name", commit, "--", folder)
    found: dict[str, str] = {}
    for entry in out.decode("utf-8", "surrogateescape").split("\x00"):
        if "\t" not in entry:
            continue
        meta, path = entry.split("\t", 1)
        parts = meta.split()
        if parts[1] == "blob":
            found[path.removeprefix(f"{prefix}/" if prefix else "")] = parts[2]
    return found
