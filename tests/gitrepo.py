"""Real git repositories for tests: a handbook from the examples, committed under named identities.

Each commit states its author and committer explicitly (environment variables for one git
process), so fixture repositories can have several identities without touching any git config.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from .conftest import assemble

AUTHOR = ("Forfatter", "forfatter@example.org")
APPROVER = ("Godkender", "godkender@example.org")


def git(root: Path, *args: str, who: tuple[str, str] = AUTHOR, check: bool = True) -> str:
    name, email = who
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout.strip()


def commit_all(root: Path, message: str, who: tuple[str, str] = AUTHOR) -> str:
    git(root, "add", "-A", who=who)
    git(root, "commit", "-q", "--allow-empty", "-m", message, who=who)
    return git(root, "rev-parse", "HEAD")


def handbook_repo(dest: Path) -> Path:
    """The minimal example handbook, committed once by AUTHOR with PR-01 rev. 1 as a draft."""
    root = assemble(None, dest)
    git(root, "init", "-q", "-b", "main")
    set_control(root, "PR-01", status="draft", approved=None, effective=None)
    commit_all(root, "Første udkast")
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_control(root: Path, ident: str, **fields: object) -> None:
    """Set (or with None remove) fields of a procedure's control block by line edit."""
    path = root / "qms" / "procedures" / f"{ident}.yaml"
    text = path.read_text(encoding="utf-8")
    for key, value in fields.items():
        pattern = re.compile(rf"^  {key}: .*\n", re.MULTILINE)
        line = "" if value is None else f"  {key}: {value}\n"
        if pattern.search(text):
            text = pattern.sub(line, text, count=1)
        elif value is not None:
            text = text.replace("control:\n", f"control:\n{line}", 1)
    path.write_text(text, encoding="utf-8")


def approve(root: Path, ident: str, revision: int, who: tuple[str, str] = APPROVER, day: str = "2026-11-20") -> str:
    set_control(root, ident, revision=revision, status="effective", approved=day, effective=day, status_reason=None)
    return commit_all(root, f"Godkend {ident} rev. {revision}", who=who)
