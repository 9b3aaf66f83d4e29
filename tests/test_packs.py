"""The auditor's pack: one archived edition as a deterministic zip, and `verify` catching a
changed, added or missing file, a truncated zip, and a manifest rewritten to match."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from handbook.cli import main

from .gitrepo import APPROVER, commit_all, edit, git
from .site.conftest import make_handbook


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_handbook(tmp_path_factory.mktemp("packs") / "hb")
    (root / ".gitignore").write_text("/site/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    first = commit_all(root, "Håndbogen")
    edit(root, "qms/handbook.yaml", "review_warning_days: 30", f"review_warning_days: 30\napproval_baseline: {first}")
    commit_all(root, "Regelgrundlag", who=APPROVER)
    assert main(["release", "2026.1", "--path", str(root)]) == 0
    return root


@pytest.fixture(scope="module")
def pack(released: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("out") / "pakke.zip"
    assert main(["export", "pack", "2026.1", "--out", str(out), "--path", str(released)]) == 0
    digest = hashlib.sha256(zipfile.ZipFile(out).read("manifest.json")).hexdigest()
    return out, digest


def rewrite(source: Path, target: Path, change: dict[str, bytes | None], fix_manifest: bool = False) -> Path:
    """A copy of the pack with members replaced, added (new name) or removed (None)."""
    with zipfile.ZipFile(source) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    for name, data in change.items():
        if data is None:
            files.pop(name)
        else:
            files[name] = data
    if fix_manifest:
        manifest = json.loads(files["manifest.json"])
        manifest["files"] = {
            n.removeprefix("site/"): hashlib.sha256(d).hexdigest() for n, d in files.items() if n.startswith("site/")
        }
        files["manifest.json"] = json.dumps(manifest, indent=1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def test_the_pack_holds_the_archived_edition(released: Path, pack: tuple[Path, str]) -> None:
    path, digest = pack
    archive = zipfile.ZipFile(path)
    manifest_bytes = (released / "editions/2026.1/manifest.json").read_bytes()
    assert archive.read("manifest.json") == manifest_bytes
    assert hashlib.sha256(manifest_bytes).hexdigest() == digest
    names = archive.namelist()
    assert names == sorted(names)
    assert {"site/index.html", "site/pdf/kvalitetshaandbog.pdf", "site/regneark/sporbarhedsmatrix.xlsx"} <= set(names)
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    tag = git(released, "tag", "-l", "--format=%(contents)", "edition/2026.1")
    assert f"manifest-sha256: {digest}" in tag


def test_two_exports_are_the_same_bytes(released: Path, pack: tuple[Path, str], tmp_path: Path) -> None:
    again = tmp_path / "igen.zip"
    assert main(["export", "pack", "2026.1", "--out", str(again), "--path", str(released)]) == 0
    assert again.read_bytes() == pack[0].read_bytes()


def test_verify_accepts_the_pack_in_the_repository_and_with_the_hash(
    released: Path, pack: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, digest = pack
    code, out, err = run(capsys, "verify", str(path), "--path", str(released))
    assert code == 0 and "intact" in out and "tag" in out, err
    elsewhere = tmp_path / "andetsteds"
    elsewhere.mkdir()
    code, out, err = run(capsys, "verify", str(path), "--path", str(elsewhere), "--sha256", digest)
    assert code == 0 and "--sha256" in out, err
    code, _, err = run(capsys, "verify", str(path), "--path", str(elsewhere))
    assert code == 1 and "cannot be checked against a hash kept outside" in err


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("tampered", "site/index.html: changed"),
        ("extended", "site/ekstra.html: added"),
        ("shortened", "site/index.html: missing"),
        ("truncated", "not a readable zip"),
        ("manifest rewritten", "manifest.json: differs from editions/2026.1/manifest.json"),
    ],
)
def test_verify_rejects_and_names_the_file(
    case: str, expected: str, released: Path, pack: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, digest = pack
    bad = tmp_path / "bad.zip"
    if case == "tampered":
        rewrite(path, bad, {"site/index.html": b"<p>forfalsket</p>"})
    elif case == "extended":
        rewrite(path, bad, {"site/ekstra.html": b"<p>ny</p>"})
    elif case == "shortened":
        rewrite(path, bad, {"site/index.html": None})
    elif case == "truncated":
        bad.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        rewrite(path, bad, {"site/index.html": b"<p>forfalsket</p>"}, fix_manifest=True)
    code, _, err = run(capsys, "verify", str(bad), "--path", str(released))
    assert code == 1 and expected in err, err
    assert "Traceback" not in err
    if case == "manifest rewritten":  # outside the repository, the published hash catches it too
        code, _, err = run(capsys, "verify", str(bad), "--path", str(tmp_path), "--sha256", digest)
        assert code == 1 and "is not the one given" in err


def test_export_refuses_clearly(released: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "pack", "2031.4", "--out", str(tmp_path / "x.zip"), "--path", str(released))
    assert code == 1 and "edition 2031.4 is not in the archive" in err and "2026.1" in err
    target = released / "editions" / "x.zip"
    code, _, err = run(capsys, "export", "pack", "2026.1", "--out", str(target), "--path", str(released))
    assert code == 1 and "refusing to write" in err and not target.exists()
    code, _, err = run(capsys, "verify", "--path", str(released))
    assert code == 2 and "name a pack" in err


def test_the_udgaver_page_publishes_the_manifest_hash(released: Path, pack: tuple[Path, str], tmp_path: Path) -> None:
    assert main(["publish", "--out", str(tmp_path / "pub"), "--path", str(released)]) == 0
    assert pack[1] in (tmp_path / "pub" / "udgaver.html").read_text(encoding="utf-8")
