"""The device risk analysis (kind `hazard`): the levels it derives and the rules on it. The
acceptance example tests/examples/invalid/control-unsupported covers CONTROL-UNSUPPORTED."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.check import check

HAZARD = """id: HAZ-01
kind: hazard
title: Et alarmerende svar bliver ikke læst i tide
devices: [DEV-A]
situation: Ingen læser svaret.
causes:
  - Det er ikke fastlagt, hvem der læser svarene.
harm: Forsinket hjælp.
severity: 5
probability: 3
basis: Skøn uden data.
controls:
  - measure: Skemaet siger, at det ikke er en akut kanal.
    type: information
    status: implemented
    records: [REC-01-1]
  - measure: Kommunen fastlægger, hvem der læser svarene.
    type: protection
    status: planned
residual_severity: 5
residual_probability: 2
acceptance:
  by: FSA
  decision: pending
owner: FSA
identified: 2026-11-20
next_review: 2027-03-31
confidentiality: public
"""


@pytest.fixture
def with_hazard(minimal: Path) -> Path:
    (minimal / "qms" / "hazards").mkdir()
    (minimal / "qms" / "hazards" / "HAZ-01.yaml").write_text(HAZARD, encoding="utf-8")
    return minimal


def test_levels_before_after_and_now(with_hazard: Path) -> None:
    result = check(with_hazard)
    assert result.diagnostics == ()
    hazard = result.handbook.hazards["HAZ-01"]
    assert (hazard.level, hazard.residual_level) == (15, 10)
    assert not hazard.controlled and hazard.current_level == 15  # a planned control reduces nothing yet


def test_the_residual_level_holds_once_every_control_is_in_place(with_hazard: Path) -> None:
    path = with_hazard / "qms" / "hazards" / "HAZ-01.yaml"
    path.write_text(HAZARD.replace("status: planned", "status: implemented\n    records: [REC-01-1]"), encoding="utf-8")
    hazard = check(with_hazard).handbook.hazards["HAZ-01"]
    assert hazard.controlled and hazard.current_level == 10


def test_a_hazard_due_for_review_is_reported(with_hazard: Path) -> None:
    path = with_hazard / "qms" / "hazards" / "HAZ-01.yaml"
    path.write_text(HAZARD.replace("next_review: 2027-03-31", "next_review: 2026-11-01"), encoding="utf-8")
    assert [(d.rule, d.line) for d in check(with_hazard).diagnostics] == [("REVIEW-OVERDUE", 27)]


def test_references_from_a_hazard_are_checked(with_hazard: Path) -> None:
    path = with_hazard / "qms" / "hazards" / "HAZ-01.yaml"
    path.write_text(HAZARD.replace("devices: [DEV-A]", "devices: [DEV-NONE]").replace("by: FSA", "by: NOBODY"), encoding="utf-8")
    assert sorted((d.rule, d.line) for d in check(with_hazard).diagnostics) == [
        ("REF-UNKNOWN", 4),
        ("REF-UNKNOWN", 23),
    ]
