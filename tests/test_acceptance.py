"""Acceptance tests generated from example folders.

tests/examples/valid/<case>/     must check clean.
tests/examples/invalid/<case>/   overlay files on the valid `minimal` handbook, plus
                                 expected.txt: one `file:line:col: RULE-ID` per line, exactly
                                 the diagnostics `handbook check` must report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.cli import main

from .conftest import EXAMPLES, assemble

VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())


def run_json(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    code = main(["check", str(root), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_example_checks_clean(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(assemble(case, tmp_path / "hb"), capsys, "--strict")
    assert report["diagnostics"] == []
    assert code == 0


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_example_reports_expected(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(assemble(case, tmp_path / "hb"), capsys)
    got = [f"{d['file']}:{d['line']}:{d['column']}: {d['rule']}" for d in report["diagnostics"]]
    expected = [
        line.strip() for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert got == expected
    assert code == (1 if report["summary"]["errors"] else 0)
    for diag in report["diagnostics"]:
        assert diag["line"] > 0 and diag["column"] > 0, diag
        assert diag["message"] and diag["hint"], diag


def test_every_rule_is_exercised_by_an_invalid_example() -> None:
    """Each rule id has an example folder that proves it fires (loader rules have unit tests too)."""
    from handbook.ruleset import RULES

    covered = {
        line.split(": ")[1].strip()
        for case in INVALID
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        if ": " in line
    }
    unit_tested = {"YAML-DEPTH", "YAML-KEY", "YAML-ENCODING", "YAML-TOO-LARGE", "SETTINGS-MISSING", "SCHEMA-INVALID"}
    # Links and FIFOs cannot live in example folders: tests/test_files.py makes them.
    unit_tested |= {"FILE-OUTSIDE", "FILE-SPECIAL"}
    # Rules that need git history or an archive fire in tests/test_control_history.py (fixture
    # repositories with several commits, two identities and tags) and tests/test_editions.py.
    unit_tested |= {
        "CONTROL-UNREVISED-CHANGE",  # test_control_history.py::test_editing_approved_text_is_an_error
        "REVISION-DECREASED",  # test_control_history.py::test_revision_going_down
        "REVISION-EDITION",  # test_editions.py::test_content_changed_since_edition_with_same_revision
        "APPROVAL-FOUR-EYES",  # test_control_history.py::test_four_eyes
        "APPROVAL-UNSIGNED",  # test_control_history.py::test_unsigned_approval_with_trusted_keys
        "LIFECYCLE-TRANSITION",  # test_editions.py::test_lifecycle_transitions_between_editions
        "ARCHIVE-MODIFIED",  # test_editions.py::test_archive_tampering_is_an_error
        "HISTORY-INCOMPLETE",  # test_control_history.py::test_shallow_clone_is_reported
        "SETTINGS-BASELINE",  # test_control_history.py::test_baseline_not_in_history
    }
    missing = sorted(set(RULES) - covered - unit_tested)
    assert missing == []
