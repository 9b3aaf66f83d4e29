"""The gap register's rows (`gaps.gap_rows`), read back against the model of the real handbook:
every requirement not fully met is there once, with the requirement's owner and the plan's owner
taken from its conformity entry, the plan's due date, and an overdue flag that follows the date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from handbook.check import CheckResult, check
from handbook.gaps import gap_rows, plan_due
from handbook.values import Conformity

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real() -> CheckResult:
    return check(REPO, date(2026, 12, 1))


def test_every_gap_once_in_catalogue_order(real: CheckResult) -> None:
    hb = real.handbook
    rows = gap_rows(hb, real.today)
    expected = [
        item.id
        for cat in hb.ordered_catalogues
        for item in cat.requirements
        if item.id in hb.requirements and hb.status_of(hb.requirements[item.id]).is_gap
    ]
    assert [r.requirement for r in rows] == expected
    assert len(rows) > 100  # the real handbook: most requirements are still partly met
    met = [r for r in hb.requirements.values() if hb.status_of(r) in (Conformity.MET, Conformity.NOT_APPLICABLE)]
    assert met and not {r.id for r in met} & {r.requirement for r in rows}


def test_owners_plan_and_due_come_from_the_entry(real: CheckResult) -> None:
    hb = real.handbook
    distinct = 0
    for row in gap_rows(hb, real.today):
        (entry,) = hb.entries_by_requirement[row.requirement]
        assert entry.plan is not None, row.requirement
        assert (row.responsible, row.plan_owner, row.action, row.due) == (
            entry.responsible,
            entry.plan.owner,
            entry.plan.action,
            entry.plan.due,
        )
        assert row.status is entry.status and row.catalogue == hb.requirements[row.requirement].catalogue
        assert plan_due(hb, row.requirement) == entry.plan.due
        distinct += row.responsible != row.plan_owner
    assert distinct > 0, "the register must tell the two owners apart; the real handbook has such rows"


def test_overdue_follows_the_date(real: CheckResult) -> None:
    hb = real.handbook
    rows = gap_rows(hb, real.today)
    assert not any(r.overdue for r in rows if r.due and r.due >= real.today)
    first_due = min(r.due for r in rows if r.due)
    later = gap_rows(hb, first_due + timedelta(days=1))
    assert {r.requirement for r in later if r.overdue} == {r.requirement for r in rows if r.due == first_due}
    assert all(r.overdue for r in gap_rows(hb, date(9999, 1, 1)))


def test_met_and_not_applicable_give_no_rows_and_a_draft_matrix_is_marked(minimal: Path) -> None:
    result = check(minimal, date(2026, 11, 26))
    assert not result.failed(), result.diagnostics
    assert gap_rows(result.handbook, result.today) == []  # CAT-1 met, CAT-2 not applicable
    matrix = minimal / "qms" / "conformity" / "CONF-CAT.yaml"
    text = matrix.read_text(encoding="utf-8").replace("status: met", "status: partly-met")
    plan = "    plan:\n      action: Gør det færdigt.\n      owner: FSA\n      due: 2026-11-01\n    assessed:"
    text = text.replace("entries:", "control:\n  revision: 1\n  status: draft\n  owner: FSA\nentries:")
    matrix.write_text(text.replace("    assessed:", plan), encoding="utf-8")
    result = check(minimal, date(2026, 11, 26))
    (row,) = gap_rows(result.handbook, result.today)
    assert (row.requirement, row.status, row.draft, row.overdue, row.due) == (
        "CAT-1",
        Conformity.PARTLY_MET,
        True,
        True,
        date(2026, 11, 1),
    )
