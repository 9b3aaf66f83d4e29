"""Faults of the environment end in one clear line and exit 1 or 2, never "internal error";
text printed to a terminal cannot forge report lines or drive the terminal."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handbook.cli import main

from .site.conftest import TODAY, make_handbook


def _build(root: Path, out: Path) -> int:
    return main(["build", str(root), "--out", str(out), "--today", TODAY.isoformat()])


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "no permission")],
)
def test_output_faults_are_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: int, words: str
) -> None:
    from handbook.site import build

    root = make_handbook(tmp_path / "hb")

    def refuse(config: Path, site_dir: Path) -> None:
        raise OSError(code, os.strerror(code), str(site_dir / "index.html"))

    monkeypatch.setattr(build, "run_mkdocs", refuse)
    assert _build(root, tmp_path / "site") == 1
    err = capsys.readouterr().err
    assert words in err and "index.html" in err and "internal error" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "site").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]


def test_a_real_read_only_place_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_handbook(tmp_path / "hb")
    assert _build(root, Path("/proc/handbook-site")) in (1, 2)
    err = capsys.readouterr().err
    assert err.startswith("handbook: error:") and "internal error" not in err


def test_a_broken_schema_reference_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_handbook(tmp_path / "hb")
    schema = root / "qms" / "schemas" / "risk.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace("$defs/markdown", "$defs/nowhere", 1))
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "qms/schemas/risk.schema.json" in err and "nowhere" in err


def test_review_window_at_the_end_of_the_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_handbook(tmp_path / "hb")
    assert main(["check", str(root), "--today", "9999-12-31"]) == 1
    assert "internal error" not in capsys.readouterr().err


def test_file_names_and_keys_cannot_forge_report_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_handbook(tmp_path / "hb")
    (root / "qms" / "records" / "x\nqms:1:1: FORGED everything is fine.yaml").write_text("id: X\n")
    proc = root / "qms" / "procedures" / "PR-02.yaml"
    proc.write_text(proc.read_text(encoding="utf-8") + '"\\e[2J\\e[31mrød": 1\n', encoding="utf-8")
    main(["check", str(root)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out
    assert not any(line.startswith("qms:1:1") for line in out.splitlines())
    assert "x\\nqms:1:1: FORGED" in out
    main(["check", str(root), "--format", "json"])
    report = json.loads(capsys.readouterr().out)  # JSON escapes control characters by itself
    assert any("\x1b" in d["message"] for d in report["diagnostics"])


def test_the_site_folder_gets_normal_permissions(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb")
    out = tmp_path / "site"
    mask = os.umask(0o022)
    try:
        assert _build(root, out) == 0
    finally:
        os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o755
    assert (out / "index.html").stat().st_mode & 0o777 == 0o644


def test_sigterm_during_a_build_leaves_no_temporary_folders(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    cmd = [sys.executable, "-m", "handbook.cli", "build", str(root), "--out", str(tmp_path / "site")]
    proc = subprocess.Popen(cmd, env={**os.environ, "TMPDIR": str(scratch)}, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(scratch.iterdir()) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if proc.poll() is not None:
        pytest.skip("the build finished before it could be interrupted")
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "site").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]
