"""The editions workflow end to end, on a real git repository built here (two identities, tags):
release refusals, two releases, a proper change in between (new revision, change note, approval
by a second identity, re-assessed links), the archive unchanged byte for byte, publish (also from
a second clone), diff in text and JSON, withdraw, verify, and the rules that need an edition."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from handbook.check import check
from handbook.cli import main
from handbook.editions.archive import parse_name

from .gitrepo import APPROVER, AUTHOR, commit_all, edit, git, set_control
from .site.conftest import make_handbook

TODAY = "2026-11-26"
PR02 = "qms/procedures/PR-02.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The README's cycle in a scratch repository: release 2026.1, change PR-02 properly, release 2026.2."""
    base = tmp_path_factory.mktemp("editions")
    root = make_handbook(base / "hb")
    (root / ".gitignore").write_text("/site/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    first = commit_all(root, "Håndbogen som registreret")
    edit(root, "qms/handbook.yaml", "review_warning_days: 30", f"review_warning_days: 30\napproval_baseline: {first}")
    commit_all(root, "Regelgrundlag for godkendelser", who=APPROVER)
    assert main(["release", "2026.1", "--path", str(root)]) == 0
    snapshot = files(root / "editions" / "2026.1")
    # A proper change: the author writes rev. 2 in review, a second identity approves it.
    set_control(root, "PR-02", revision=2, status="review", approved=None, effective=None, change_note="Fristen er 12 timer.")
    edit(root, PR02, "inden for 24 timer", "inden for 12 timer")
    edit(root, "qms/risks/RISK-01.yaml", "probability: 2", "probability: 4")
    commit_all(root, "PR-02 rev. 2 til godkendelse", who=AUTHOR)
    set_control(root, "PR-02", status="effective", approved="2026-11-25", effective="2026-11-26")
    commit_all(root, "Godkend PR-02 rev. 2", who=APPROVER)
    refused = main(["release", "2026.2", "--path", str(root)])  # the entries resting on PR-02 are suspect
    for requirement in ("MDR5-A", "MDR5-B.1"):
        assert main(["review", requirement, "--path", str(root)]) == 0
    commit_all(root, "Overensstemmelse vurderet igen mod PR-02 rev. 2 og RISK-01", who=AUTHOR)
    assert main(["release", "2026.2", "--path", str(root)]) == 0
    return {"root": root, "snapshot": snapshot, "refused_suspect": refused, "base": base}


def test_release_refuses_with_clear_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_handbook(tmp_path / "hb")
    git(root, "init", "-q", "-b", "main")
    first = commit_all(root, "Første")
    edit(root, "qms/handbook.yaml", "review_warning_days: 30", f"review_warning_days: 30\napproval_baseline: {first}")
    code, _, err = run(capsys, "release", "2026.1", "--path", str(root))
    assert code == 1 and "uncommitted changes" in err
    commit_all(root, "Regelgrundlag", who=APPROVER)
    code, _, err = run(capsys, "release", "2026", "--path", str(root))
    assert code == 1 and "is not an edition name" in err
    edit(root, PR02, "inden for 24 timer", "inden for 12 timer")  # approved text edited, no new revision
    commit_all(root, "Ret PR-02 uden ny revision")
    code, _, err = run(capsys, "release", "2026.1", "--path", str(root))
    assert code == 1 and "CONTROL-UNREVISED-CHANGE" in err
    assert not (root / "editions").exists() or not any((root / "editions").iterdir())
    assert git(root, "tag", "-l") == ""


def test_two_releases_and_the_archive(workflow: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    root = workflow["root"]
    assert isinstance(root, Path)
    assert workflow["refused_suspect"] == 1
    assert files(root / "editions" / "2026.1") == workflow["snapshot"]  # unchanged by the later release
    tags = git(root, "tag", "-l").split()
    assert tags == ["edition/2026.1", "edition/2026.2"]
    manifest = json.loads((root / "editions" / "2026.2" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["edition"] == "2026.2" and manifest["tag"] == "edition/2026.2" and manifest["released"] == TODAY
    assert "manifest-sha256: " in git(root, "tag", "-l", "--format=%(contents)", "edition/2026.2")
    assert git(root, "status", "--porcelain") == ""
    assert run(capsys, "verify", "--archive", "--path", str(root))[0] == 0
    code, _, err = run(capsys, "release", "2026.2", "--path", str(root))
    assert code == 1 and "exists already" in err
    code, _, err = run(capsys, "release", "2026.1", "--path", str(root))
    assert code == 1 and "exists already" in err
    code, _, err = run(capsys, "release", "2025.9", "--path", str(root))
    assert code == 1 and "not newer" in err
    page = (root / "editions" / "2026.2" / "site" / "procedures" / "PR-02.html").read_text(encoding="utf-8")
    assert "Eksempelhåndbog, udgave 2026.2, PR-02 rev. 2, gældende fra 2026-11-26." in page
    assert "Udkast – ikke en udgivet udgave" not in page
    old = (root / "editions" / "2026.1" / "site" / "procedures" / "PR-02.html").read_text(encoding="utf-8")
    assert "inden for 24 timer" in old and "udgave 2026.1, PR-02 rev. 1" in old
    changes = (root / "editions" / "2026.2" / "site" / "aendringer.html").read_text(encoding="utf-8")
    assert "rev. 1 → rev. 2" in changes and "<del>24</del> <ins>12</ins>" in changes


def test_edition_names_compare_numerically() -> None:
    assert parse_name("2026.10") > parse_name("2026.9")  # type: ignore[operator]
    assert parse_name("2026.01") is None and parse_name("26.1") is None


def test_diff_text_and_json(workflow: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    root = str(workflow["root"])
    code, out, _ = run(capsys, "diff", "2026.1", "2026.2", "--path", root)
    assert code == 0
    assert "PR-02 Hændelser: revideret rev. 1 → 2" in out and "ændringsnote: Fristen er 12 timer." in out
    assert "[-24-] [+12+]" in out and "risiko RISK-01" in out and "score 6 → 12" in out
    code, out, _ = run(capsys, "diff", "2026.1", "2026.2", "--path", root, "--format", "json")
    data = json.loads(out)
    revised = next(d for d in data["documents"] if d["ident"] == "PR-02")
    assert revised["change"] == "revised" and (revised["old_revision"], revised["new_revision"]) == (1, 2)
    assert any(f["label"].startswith("Aktiviteter › A1") for f in revised["fields"])
    assert data["risks"] == [
        {"ident": "RISK-01", "title": "Manglende underkrav", "change": "rescored", "old_score": 6, "new_score": 12}
    ]
    code, out, _ = run(capsys, "diff", "2026.2", "--path", root)  # against the work tree: a re-issue
    assert code == 0 and "uændret" in out


def test_publish_from_the_archive_and_a_second_clone(
    workflow: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = workflow["root"]
    assert isinstance(root, Path)
    out = tmp_path / "pub"
    assert run(capsys, "publish", "--out", str(out), "--path", str(root))[0] == 0
    published = files(out)
    assert {p.split("/")[0] for p in published} == {
        "2026.1", "2026.2", "gaeldende", "versions.json", "versions.js", "index.html", "udgaver.html", ".handbook-publish"
    }
    site_2026_1 = {k: v for k, v in files(root / "editions" / "2026.1" / "site").items() if not k.startswith(".")}
    assert {k.removeprefix("2026.1/"): v for k, v in published.items() if k.startswith("2026.1/")} == site_2026_1
    versions = json.loads(published["versions.json"])
    assert versions[0] == {"version": "2026.2", "title": "2026.2", "aliases": ["gaeldende"]}
    assert b'"current": "2026.2"' in published["versions.js"]
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(root), str(clone))
    assert run(capsys, "publish", "--out", str(tmp_path / "pub2"), "--path", str(clone))[0] == 0
    assert files(tmp_path / "pub2") == published
    assert check(clone).diagnostics == ()


def test_withdraw_and_tampering(workflow: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "copy"
    git(tmp_path, "clone", "-q", str(workflow["root"]), str(root))
    code, _, _ = run(capsys, "withdraw", "2026.1", "--reason", "Forkert frist i PR-02.", "--path", str(root), "--today", TODAY)
    assert code == 0 and git(root, "status", "--porcelain") == ""
    assert run(capsys, "publish", "--out", str(tmp_path / "pub"), "--path", str(root))[0] == 0
    versions = json.loads((tmp_path / "pub" / "versions.json").read_text(encoding="utf-8"))
    assert versions[1]["title"] == "2026.1 (tilbagetrukket)"
    assert "Forkert frist i PR-02." in (tmp_path / "pub" / "udgaver.html").read_text(encoding="utf-8")
    target = root / "editions" / "2026.1" / "site" / "index.html"
    target.write_bytes(target.read_bytes() + b"<!-- changed -->")
    assert [d.rule for d in check(root).diagnostics] == ["ARCHIVE-MODIFIED"]
    code, _, err = run(capsys, "publish", "--out", str(tmp_path / "pub"), "--path", str(root))
    assert code == 1 and "nothing was published" in err
    assert run(capsys, "verify", "--archive", "--path", str(root))[0] == 1


def test_content_changed_since_edition_with_same_revision(workflow: dict[str, object], tmp_path: Path) -> None:
    root = tmp_path / "copy"
    git(tmp_path, "clone", "-q", str(workflow["root"]), str(root))
    # Re-approving the same revision with other content: the approval is new, the revision is not.
    edit(root, PR02, "inden for 12 timer", "inden for 6 timer")
    set_control(root, "PR-02", approved="2026-11-26")
    commit_all(root, "PR-02 ændret og godkendt igen som rev. 2", who=APPROVER)
    assert "REVISION-EDITION" in [d.rule for d in check(root).diagnostics]


def test_lifecycle_transitions_between_editions(workflow: dict[str, object], tmp_path: Path) -> None:
    root = tmp_path / "copy"
    git(tmp_path, "clone", "-q", str(workflow["root"]), str(root))
    (root / PR02).unlink()  # an effective document is withdrawn by marking it obsolete, never deleted
    assert "LIFECYCLE-TRANSITION" in [d.rule for d in check(root).diagnostics]


def test_new_and_review_edit_minimally(workflow: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "copy"
    git(tmp_path, "clone", "-q", str(workflow["root"]), str(root))
    code, out, _ = run(capsys, "new", "procedure", "Styring af <ændringer>", "--path", str(root))
    assert code == 0 and "PR-03.yaml" in out
    assert check(root).diagnostics == ()
    matrix = root / "qms" / "conformity" / "CONF-MDR5.yaml"
    before = matrix.read_text(encoding="utf-8")
    edit(root, "qms/risks/RISK-01.yaml", "probability: 4", "probability: 3")
    assert "LINK-SUSPECT" in [d.rule for d in check(root).diagnostics]
    assert run(capsys, "review", "MDR5-B.1", "--path", str(root))[0] == 0
    after = matrix.read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(changed) == 1 and changed[0].strip().startswith("RISK-01: '")  # one mark, nothing else touched
    assert check(root).diagnostics == ()
    shutil.rmtree(root)


def test_status_shows_baseline_and_releasability(workflow: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--path", str(workflow["root"]), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["releasable"] and data["baseline"]
    assert any("registreret før regelgrundlaget" in i["what"] for i in data["recorded_before_baseline"])


def test_check_json_names_the_edition(workflow: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    root = workflow["root"]
    assert isinstance(root, Path)
    code, out, _ = run(capsys, "check", str(root), "--format", "json")
    edition = json.loads(out)["edition"]
    assert code == 0 and edition["name"] == "2026.2" and not edition["draft"]  # HEAD is the released tag
    assert edition["text"] == f"udgave 2026.2 af {TODAY}"
    (root / "qms" / "procedures" / "PR-01.yaml").write_text(
        (root / "qms" / "procedures" / "PR-01.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    try:
        edition = json.loads(run(capsys, "check", str(root), "--format", "json")[1])["edition"]
        assert edition["draft"] and "ikke-committede" in edition["text"]
    finally:
        git(root, "checkout", "-q", "--", "qms/procedures/PR-01.yaml")
