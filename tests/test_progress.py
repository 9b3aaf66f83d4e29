"""Progress on long work: drawn for a person at a terminal, never into a pipe, a log, CI or with
--quiet, so scripted and JSON output stay the same."""

from __future__ import annotations

import io
import os
import pty
import sys
from pathlib import Path

import pytest

from handbook.progress import Progress, wanted
from tests.site.conftest import TODAY, make_handbook


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_drawn_only_for_a_person_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(False, _Terminal())
    assert not wanted(True, _Terminal())  # --quiet
    assert not wanted(False, io.StringIO())  # a pipe or a file
    monkeypatch.setenv("CI", "true")
    assert not wanted(False, _Terminal())
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "dumb")
    assert not wanted(False, _Terminal())


def test_a_stage_shows_its_name_and_how_far_it_is() -> None:
    screen = _Terminal()
    progress = Progress(True, screen)
    with progress.stage("rendering pages", total=3, unit="page") as advance:
        for _ in range(3):
            advance(1)
    with progress.stage("checking the handbook"):
        pass
    drawn = screen.getvalue()
    assert "rendering pages" in drawn and "3/3" in drawn and "100%" in drawn
    assert "checking the handbook" in drawn


def test_a_quiet_stage_draws_nothing() -> None:
    screen = _Terminal()
    with Progress(False, screen).stage("rendering pages", total=3) as advance:
        advance(1)
    assert screen.getvalue() == ""


def _build_on_a_terminal(root: Path, out: Path, *extra: str) -> str:
    """`handbook build` with its output on a pseudo-terminal; what the person would see."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, as a person would run it
        env = {k: v for k, v in os.environ.items() if k != "CI"} | {"TERM": "xterm"}
        args = [sys.executable, "-m", "handbook.cli", "build", str(root), "--out", str(out), "--today", TODAY.isoformat()]
        os.execve(sys.executable, [*args, *extra], env)
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, seen.decode(errors="replace")[-2000:]
    return seen.decode(errors="replace")


def test_build_shows_its_stages_on_a_terminal_and_nothing_with_quiet(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb")
    shown = _build_on_a_terminal(root, tmp_path / "site")
    for stage in ("checking the handbook", "comparing with the last edition", "rendering pages", "building site"):
        assert stage in shown, shown[-1500:]
    assert "page" in shown and "100%" in shown
    quiet = _build_on_a_terminal(root, tmp_path / "site", "--quiet")
    assert "rendering pages" not in quiet and "built " in quiet
