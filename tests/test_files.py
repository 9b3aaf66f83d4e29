"""Nothing from outside the repository is read, only regular files are read, and an oversize file
is never parsed. These cases need links, FIFOs and devices, which example folders cannot hold."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from handbook.check import check
from handbook.cli import main


def rules(root: Path) -> list[tuple[str, str]]:
    return [(d.file, d.rule) for d in check(root).diagnostics]


def test_a_link_to_a_file_outside_is_reported_and_not_read(minimal: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: SECRET\nkind: record\n", encoding="utf-8")
    (minimal / "qms" / "records" / "SECRET.yaml").symlink_to(secret)
    assert rules(minimal) == [("qms/records/SECRET.yaml", "FILE-OUTSIDE")]


def test_a_linked_folder_outside_is_reported_and_a_linked_folder_inside_is_read(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (minimal / "qms" / "other").symlink_to(outside, target_is_directory=True)
    assert rules(minimal) == [("qms/other", "FILE-OUTSIDE")]
    (minimal / "qms" / "other").unlink()
    (minimal / "shelf").mkdir()
    (minimal / "qms" / "records" / "REC-01-1.yaml").rename(minimal / "shelf" / "REC-01-1.yaml")
    (minimal / "qms" / "more").symlink_to(minimal / "shelf", target_is_directory=True)
    result = check(minimal)
    assert result.diagnostics == () and "REC-01-1" in result.handbook.records


def test_a_link_cycle_is_walked_once(minimal: Path) -> None:
    (minimal / "qms" / "records" / "loop").symlink_to(minimal / "qms" / "records", target_is_directory=True)
    assert rules(minimal) == []


def test_a_fifo_does_not_hang_the_check(minimal: Path) -> None:
    os.mkfifo(minimal / "qms" / "records" / "REC-09.yaml")
    start = time.monotonic()
    assert rules(minimal) == [("qms/records/REC-09.yaml", "FILE-SPECIAL")]
    assert time.monotonic() - start < 60  # it would block forever if the FIFO were opened


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_an_endless_device_is_not_read(minimal: Path) -> None:
    (minimal / "qms" / "records" / "REC-09.yaml").symlink_to("/dev/zero")
    assert rules(minimal) == [("qms/records/REC-09.yaml", "FILE-OUTSIDE")]


def test_an_oversize_file_is_never_parsed(minimal: Path) -> None:
    big = minimal / "qms" / "records" / "REC-09.yaml"
    big.write_text("id: REC-09\nkind: record\n" + "# filler\n" * 4_000_000, encoding="utf-8")  # 36 MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = check(minimal)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    [diag] = result.diagnostics
    assert (diag.file, diag.rule, diag.line, diag.column) == ("qms/records/REC-09.yaml", "YAML-TOO-LARGE", 1, 1)
    assert grown_mb < 100, f"the check grew by {grown_mb:.0f} MB: the oversize file was read or parsed"


def test_the_members_file_must_be_inside_the_repository(minimal: Path, tmp_path: Path) -> None:
    data = minimal / "qms" / "data" / "kommuner.csv"
    outside = tmp_path / "kommuner.csv"
    outside.write_bytes(data.read_bytes())
    data.unlink()
    data.symlink_to(outside)
    result = check(minimal)
    [diag] = result.diagnostics
    assert diag.rule == "MEMBERS-CSV" and "outside the repository" in diag.message
    assert result.handbook.members.get("KOMMUNE", ()) == ()


def test_the_members_path_cannot_be_absolute(minimal: Path) -> None:
    actor = minimal / "qms" / "actors" / "KOMMUNE.yaml"
    actor.write_text(actor.read_text(encoding="utf-8").replace("data/kommuner.csv", "/etc/kommuner.csv"))
    assert rules(minimal) == [("qms/actors/KOMMUNE.yaml", "SCHEMA-PATTERN")]


def test_build_refuses_a_docs_link_to_outside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .site.conftest import make_handbook

    root = make_handbook(tmp_path / "hb")
    secret = tmp_path / "environ.md"
    secret.write_text("HEMMELIG_NØGLE=1234\n", encoding="utf-8")
    (root / "docs" / "env.md").symlink_to(secret)
    out = tmp_path / "site"
    assert main(["build", str(root), "--out", str(out)]) == 1
    assert "docs/env.md" in capsys.readouterr().err
    assert not out.exists()


def test_build_refuses_a_docs_folder_link_to_outside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .site.conftest import make_handbook

    root = make_handbook(tmp_path / "hb")
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "id_rsa.md").write_text("PRIVATE\n", encoding="utf-8")
    (root / "docs" / "keys").symlink_to(keys, target_is_directory=True)
    assert main(["build", str(root), "--out", str(tmp_path / "site")]) == 1
    assert "docs/keys" in capsys.readouterr().err
