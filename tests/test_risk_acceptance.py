"""Continued use with unaccepted high risks: what counts as accepted or covered, and the rules
ACCEPTANCE-RECORD, USE-UNACCEPTED-RISK and USE-STATUS-UNFOUNDED on the minimal handbook. The
acceptance example tests/examples/invalid/risk-acceptance shows all three firing."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.check import check

ACCEPTED = """acceptance:
  by: FSA
  decision: {decision}
  decided: {decided}
  record: REC-01-1
"""


@pytest.fixture
def level_6(minimal: Path) -> Path:
    settings = minimal / "qms" / "handbook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "risk_acceptance_level: 6\n", encoding="utf-8")
    return minimal


def set_risk(root: Path, extra: str) -> None:
    risk = root / "qms" / "risks" / "RISK-01.yaml"
    risk.write_text(risk.read_text(encoding="utf-8") + extra, encoding="utf-8")


def set_device_status(root: Path, status: str) -> None:
    device = root / "qms" / "devices" / "DEV-A.yaml"
    text = device.read_text(encoding="utf-8").replace("status: in-use\n", f"status: {status}\n")
    device.write_text(text, encoding="utf-8")


def rules(root: Path) -> list[str]:
    # Changing RISK-01 makes the conformity entry that rests on it suspect (LINK-SUSPECT), as it
    # should; that warning is not what these tests are about.
    return [d.rule for d in check(root).diagnostics if d.rule != "LINK-SUSPECT"]


def test_without_a_level_nothing_is_required(minimal: Path) -> None:
    assert rules(minimal) == []


def test_an_unaccepted_risk_at_the_level_on_a_device_in_use_is_an_error(level_6: Path) -> None:
    [diag] = check(level_6).diagnostics
    assert (diag.rule, diag.file, diag.line) == ("USE-UNACCEPTED-RISK", "qms/devices/DEV-A.yaml", 7)
    assert "RISK-01 (6)" in diag.message


def test_saying_so_in_the_device_status_is_honest_and_clean(level_6: Path) -> None:
    set_device_status(level_6, "in-use-unaccepted")
    result = check(level_6)
    assert result.diagnostics == ()
    assert [r.id for r in result.handbook.unaccepted("DEV-A", result.today)] == ["RISK-01"]


@pytest.mark.parametrize("decision", ["accepted", "interim"])
def test_a_recorded_acceptance_or_interim_decision_covers_continued_use(level_6: Path, decision: str) -> None:
    set_risk(level_6, ACCEPTED.format(decision=decision, decided="2026-11-20"))
    assert rules(level_6) == []
    set_device_status(level_6, "in-use-unaccepted")
    assert rules(level_6) == ["USE-STATUS-UNFOUNDED"]


def test_a_risk_below_the_level_needs_no_decision(minimal: Path) -> None:
    settings = minimal / "qms" / "handbook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "risk_acceptance_level: 7\n", encoding="utf-8")
    assert rules(minimal) == []


def test_a_rejected_or_pending_risk_does_not_cover_use(level_6: Path) -> None:
    set_risk(level_6, ACCEPTED.format(decision="rejected", decided="2026-11-20"))
    assert rules(level_6) == ["USE-UNACCEPTED-RISK"]


def test_a_pending_decision_has_no_date_and_a_decision_is_not_in_the_future(level_6: Path) -> None:
    set_device_status(level_6, "in-use-unaccepted")
    set_risk(level_6, ACCEPTED.format(decision="pending", decided="2026-11-20"))
    [diag] = [d for d in check(level_6).diagnostics if d.rule != "LINK-SUSPECT"]
    assert diag.rule == "ACCEPTANCE-RECORD" and "has a decision date" in diag.message
    risk = level_6 / "qms" / "risks" / "RISK-01.yaml"
    later = risk.read_text(encoding="utf-8").replace("pending", "accepted").replace("2026-11-20", "2027-02-01")
    risk.write_text(later, encoding="utf-8")
    # A decision dated after today is not taken yet: nothing covered.
    diags = [d for d in check(level_6).diagnostics if d.rule != "LINK-SUSPECT"]
    assert [d.rule for d in diags] == ["ACCEPTANCE-RECORD"] and "after today 2026-11-26" in diags[0].message


def test_a_risk_named_by_the_device_counts_too(level_6: Path) -> None:
    risk = level_6 / "qms" / "risks" / "RISK-01.yaml"
    risk.write_text(risk.read_text(encoding="utf-8").replace("devices: [DEV-A]\n", ""), encoding="utf-8")
    assert rules(level_6) == []
    device = level_6 / "qms" / "devices" / "DEV-A.yaml"
    device.write_text(device.read_text(encoding="utf-8") + "risks: [RISK-01]\n", encoding="utf-8")
    assert rules(level_6) == ["USE-UNACCEPTED-RISK"]
