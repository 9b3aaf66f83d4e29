"""The generated reports (issue 13): one source of figures (report == site == `handbook status`),
the conformity report's order and stamp, the status report in a real git repository where a change
to the matrix and the risk log shows up, public by default, PDFs with header, edition and æøå, and
clear refusals."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pypdf
import pytest

from handbook.check import check
from handbook.cli import main
from handbook.editions import status
from handbook.publication import public_view
from handbook.reports import figures
from handbook.reports.conformity import conformity_report, to_json
from handbook.site.edition import EditionId
from handbook.site.inforce import effective_handbook
from handbook.site.views import Views

from .gitrepo import APPROVER, commit_all, edit, git
from .site.conftest import TODAY, make_handbook

CONF = "qms/conformity/CONF-MDR5.yaml"
RISK = "qms/risks/RISK-01.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | Path]:
    """The example handbook committed, then a change to the matrix and the risk log committed."""
    root = make_handbook(tmp_path_factory.mktemp("reports") / "hb")
    git(root, "init", "-q", "-b", "main")
    registered = commit_all(root, "Håndbogen som registreret")
    edit(
        root,
        "qms/handbook.yaml",
        "review_warning_days: 30",
        f"review_warning_days: 30\napproval_baseline: {registered}",
    )
    first = commit_all(root, "Regelgrundlag for godkendelser", who=APPROVER)
    plan = "    plan:\n      action: Spørg Lægemiddelstyrelsen.\n      owner: FSA\n      due: 2027-02-28\n"
    edit(root, CONF, "  - requirement: MDR5-A\n    status: met", "  - requirement: MDR5-A\n    status: open-question")
    edit(
        root,
        CONF,
        "    justification: Kommunen bruger udstyret selv.\n",
        "    justification: Kommunen bruger udstyret selv.\n" + plan,
    )
    edit(root, RISK, "probability: 2", "probability: 4")
    second = commit_all(root, "MDR5-A er uafklaret; RISK-01 vurderet højere")
    return {"root": root, "first": first, "second": second}


def test_coverage_counts_every_requirement_once_by_its_status(repo) -> None:  # type: ignore[no-untyped-def]
    hb = check(Path(repo["root"]), TODAY).handbook
    found = figures.coverage(hb)
    expected = Counter(hb.status_of(r) for r in hb.requirements.values())
    assert {s: n for s, n in found.total.counts.items() if n} == dict(expected)
    assert found.total.gaps == sum(n for s, n in expected.items() if s.is_gap) == len(figures.gaps(hb))


def test_report_site_and_status_show_the_same_figures(repo, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = repo["root"]
    result = check(Path(root), TODAY)
    shown = public_view(effective_handbook(result))
    site = Views(shown, EditionId(), TODAY).coverage_summary()
    report = to_json(conformity_report(shown, EditionId(), {}))
    assert report["summary"]["total"]["counts"] == {s.value: n for s, n in site.total.counts.items()}
    assert report["summary"]["total"]["gaps"] == site.total.gaps == report["summary"]["gaps"]
    assert [c["catalogue"] for c in report["summary"]["coverage"]] == [line.catalogue.id for line in site.catalogues]
    # The CLI's report and `handbook status` list the same items for the same dates.
    code, out, _ = run(capsys, "report", "conformity", "--path", str(root), "--today", str(TODAY), "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["total"] == report["summary"]["total"]
    found = status.status(result).to_json()
    code, out, _ = run(
        capsys,
        "report",
        "status",
        "--since",
        str(repo["first"]),
        "--path",
        str(root),
        "--today",
        str(TODAY),
        "--format",
        "json",
        "--internal",
    )
    made = json.loads(out)
    assert code == 0
    for key in ("reviews_overdue", "reviews_due", "suspect_links"):
        assert made[key] == found[key], key
    assert made["gaps_past_due"] == found["gaps_overdue"]
    assert made["waiting_approval"] == found["drafts"] + found["in_review"]
    assert made["summary"]["reviews_due"] == len(found["reviews_due"])
    assert made["summary"]["gaps"] == site.total.gaps and made["summary"]["met_percent"] == site.total.percent


def test_conformity_report_order_stamp_and_open_questions_first(repo, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = repo["root"]
    code, out, _ = run(capsys, "report", "conformity", "--path", str(root), "--today", str(TODAY), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["format_version"] == 1
    assert data["stamp"]["commit"] == repo["second"] and data["stamp"]["date"] and not data["stamp"]["internal"]
    assert [q["id"] for q in data["summary"]["open_questions"]] == ["MDR5-A"]
    assert [r["ident"] for r in data["summary"]["premise_risks"]] == ["RISK-01"]
    hb = check(Path(root), TODAY).handbook
    assert [r["id"] for c in data["catalogues"] for r in c["requirements"]] == [
        r.id for r in figures.requirements_in_order(hb)
    ]
    gap = next(r for c in data["catalogues"] for r in c["requirements"] if r["id"] == "MDR5-B.1")
    assert gap["gap"] and gap["assessments"][0]["plan_action"] == "Skriv en procedure."
    proc = next(r for c in data["catalogues"] for r in c["requirements"] if r["id"] == "MDR5-B")["assessments"][0]
    assert proc["procedures"][0]["ident"] == "PR-01" and proc["procedures"][0]["state"].startswith("rev. ")


def test_a_change_to_the_matrix_and_the_risk_log_shows_in_the_next_status_report(
    repo, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    root = repo["root"]
    code, out, _ = run(
        capsys,
        "report",
        "status",
        "--since",
        str(repo["first"]),
        "--path",
        str(root),
        "--today",
        str(TODAY),
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0 and data["since_commit"] == repo["first"]
    assert data["statuses"] == [
        {"requirement": "MDR5-A", "old": "Opfyldt", "new": "Uafklaret", "direction": "dårligere"}
    ]
    risk = next(r for r in data["risk_log"] if r["ident"] == "RISK-01")
    assert (risk["change"], risk["before"], risk["level"]) == ("Ændret", 6, 12)
    assert data["summary"]["risks_changed"] == 1 and data["summary"]["worse"] == 1
    assert {d["ident"] for d in data["documents"]} == {"CONF-MDR5", "RISK-01"}
    # Since the newest commit nothing has changed; a date means the last commit on or before it.
    code, out, _ = run(
        capsys, "report", "status", "--since", str(repo["second"]), "--path", str(root), "--format", "json"
    )
    assert json.loads(out)["statuses"] == [] and json.loads(out)["summary"]["risks_changed"] == 0
    day = git(Path(root), "show", "-s", "--format=%cs", "HEAD")
    code, out, _ = run(capsys, "report", "status", "--since", day, "--path", str(root), "--format", "json")
    assert code == 0 and json.loads(out)["since_commit"] == repo["second"]


def test_edition_reads_the_handbook_as_it_was_at_that_commit(repo, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        capsys, "report", "conformity", "--edition", str(repo["first"]), "--path", str(repo["root"]), "--format", "json"
    )
    data = json.loads(out)
    assert code == 0 and data["stamp"]["commit"] == repo["first"] and data["summary"]["open_questions"] == []
    # An edition name is read through its tag and stamped with its name.
    git(Path(repo["root"]), "tag", "edition/2026.1", str(repo["first"]))
    code, out, _ = run(
        capsys, "report", "conformity", "--edition", "2026.1", "--path", str(repo["root"]), "--format", "json"
    )
    stamp = json.loads(out)["stamp"]
    assert code == 0 and (stamp["name"], stamp["commit"]) == ("2026.1", repo["first"])
    assert stamp["edition"].startswith("udgave 2026.1 af ")
    git(Path(repo["root"]), "tag", "-d", "edition/2026.1")


def test_public_by_default_and_internal_marked(repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = make_handbook(tmp_path / "hb")
    edit(root, "qms/records/REC-01.yaml", "confidentiality: public", "confidentiality: internal")
    args = ("report", "conformity", "--path", str(root), "--today", str(TODAY), "--format", "json")
    code, public, _ = run(capsys, *args)
    assert code == 0 and "Ændringslog for håndbogen" not in public and '"state": "intern"' in public
    code, internal, _ = run(capsys, *args, "--internal")
    assert code == 0 and "Ændringslog for håndbogen" in internal and json.loads(internal)["stamp"]["internal"]


def test_pdfs_carry_header_edition_and_danish_letters(repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = str(repo["root"])
    conf, st = tmp_path / "konformitet.pdf", tmp_path / "status.pdf"
    assert (
        main(
            [
                "report",
                "conformity",
                "--path",
                root,
                "--today",
                str(TODAY),
                "--format",
                "pdf",
                "--out",
                str(conf),
                "--internal",
            ]
        )
        == 0
    )
    since = str(repo["first"])
    assert (
        main(
            [
                "report",
                "status",
                "--since",
                since,
                "--path",
                root,
                "--today",
                str(TODAY),
                "--format",
                "pdf",
                "--out",
                str(st),
            ]
        )
        == 0
    )
    for path, title in ((conf, "Overensstemmelsesrapport"), (st, "Statusrapport til styregruppen")):
        pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages]
        for number, text in enumerate(pages, 1):
            assert f"Side {number} af {len(pages)}" in text and title in text
            assert f"commit {str(repo['second'])[:7]}" in text  # the edition identifier from git
    first = pypdf.PdfReader(io.BytesIO(conf.read_bytes())).pages[0].extract_text()
    assert "INTERN" in first and "Uafklarede regulatoriske spørgsmål" in first and "Dækning pr. katalog" in first
    status_text = pypdf.PdfReader(io.BytesIO(st.read_bytes())).pages[0].extract_text()
    assert "Sammenfatning" in status_text and "Højeste åbne risikoniveau" in status_text
    capsys.readouterr()
    html = main(["report", "conformity", "--path", root, "--format", "html"])
    out = capsys.readouterr().out
    assert html == 0 and out.startswith("<!DOCTYPE html>") and '<html lang="da">' in out


def test_refusals_are_clear_and_never_a_traceback(repo, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = str(repo["root"])
    code, _, err = run(capsys, "report", "status", "--since", "nope", "--path", root)
    assert code == 1 and "'nope' is not an edition, tag or commit" in err
    code, _, err = run(capsys, "report", "status", "--since", "1999-01-01", "--path", root)
    assert code == 1 and "no commit on or before 1999-01-01" in err
    code, _, err = run(capsys, "report", "conformity", "--edition", "2030.1", "--path", root)
    assert code == 1 and "2030.1" in err
    code, _, err = run(capsys, "report", "conformity", "--format", "pdf", "--path", root)
    assert code == 2 and "--out" in err
    code, _, err = run(capsys, "report", "conformity", "--path", root, "--out", f"{root}/qms/x.html")
    assert code == 1 and "refusing to write" in err
