"""Dated groups of members (a municipality's region on each date): the model answers "group of
member X on date D", and every problem in the data file is a diagnostic at its line and column.
The acceptance example tests/examples/invalid/members-groups covers the row and date problems;
these tests cover the model and the file-level problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from handbook.check import check

GROUPS = """  groups:
    csv: data/regioner.csv
    id_column: code
    group_column: region_name
    from_column: valid_from
    to_column: valid_to
    since: 2007-01-01
    source: Eksempel.
"""
DATED = """code,region_name,valid_from,valid_to
101,Region Hovedstaden,2007-01-01,2026-12-31
101,Region Østdanmark,2027-01-01,
851,Region Nordjylland,2007-01-01,
"""


@pytest.fixture
def dated(minimal: Path) -> Path:
    actor = minimal / "qms" / "actors" / "KOMMUNE.yaml"
    actor.write_text(actor.read_text(encoding="utf-8") + GROUPS, encoding="utf-8")
    (minimal / "qms" / "data" / "regioner.csv").write_text(DATED, encoding="utf-8")
    return minimal


def problems(root: Path) -> list[tuple[str, str, int, int]]:
    return [(d.rule, d.file, d.line, d.column) for d in check(root).diagnostics]


def test_the_model_gives_the_group_of_a_member_on_a_date(dated: Path) -> None:
    result = check(dated)
    assert result.diagnostics == ()
    hb = result.handbook
    assert hb.group_of("KOMMUNE", "101", date(2007, 1, 1)) == "Region Hovedstaden"
    assert hb.group_of("KOMMUNE", "101", date(2026, 12, 31)) == "Region Hovedstaden"
    assert hb.group_of("KOMMUNE", "101", date(2027, 1, 1)) == "Region Østdanmark"
    assert hb.group_of("KOMMUNE", "851", date(2040, 6, 1)) == "Region Nordjylland"
    assert hb.group_of("KOMMUNE", "101", date(2006, 12, 31)) == ""
    assert hb.group_of("KOMMUNE", "999", date(2027, 1, 1)) == ""
    assert hb.group_of("FSA", "101", date(2027, 1, 1)) == ""
    [kbh, _] = hb.members["KOMMUNE"]
    assert [(p.group, p.start, p.end) for p in kbh.periods] == [
        ("Region Hovedstaden", date(2007, 1, 1), date(2026, 12, 31)),
        ("Region Østdanmark", date(2027, 1, 1), None),
    ]


def test_rows_in_any_order_give_the_periods_in_date_order(dated: Path) -> None:
    lines = DATED.splitlines()
    reordered = "\n".join([lines[0], lines[3], lines[2], lines[1]]) + "\n"
    (dated / "qms" / "data" / "regioner.csv").write_text(reordered, encoding="utf-8")
    result = check(dated)
    assert result.diagnostics == ()
    assert [p.group for p in result.handbook.members["KOMMUNE"][0].periods] == [
        "Region Hovedstaden",
        "Region Østdanmark",
    ]


def test_a_missing_groups_file_is_reported_at_the_actor(dated: Path) -> None:
    (dated / "qms" / "data" / "regioner.csv").unlink()
    assert problems(dated) == [("MEMBERS-GROUP-ROW", "qms/actors/KOMMUNE.yaml", 13, 10)]


def test_a_groups_file_that_is_not_utf8_is_reported(dated: Path) -> None:
    (dated / "qms" / "data" / "regioner.csv").write_bytes(DATED.encode("latin-1"))
    [diag] = check(dated).diagnostics
    assert diag.rule == "MEMBERS-GROUP-ROW" and "not UTF-8" in diag.message


def test_missing_columns_are_reported_at_the_header(dated: Path) -> None:
    (dated / "qms" / "data" / "regioner.csv").write_text(DATED.replace("valid_to", "until"), encoding="utf-8")
    [diag] = check(dated).diagnostics
    assert (diag.rule, diag.file, diag.line, diag.column) == ("MEMBERS-GROUP-ROW", "qms/data/regioner.csv", 1, 1)
    assert "lacks column(s) valid_to" in diag.message


def test_an_empty_groups_file_is_reported(dated: Path) -> None:
    (dated / "qms" / "data" / "regioner.csv").write_text("\n", encoding="utf-8")
    assert problems(dated) == [("MEMBERS-GROUP-ROW", "qms/data/regioner.csv", 1, 1)]


def test_an_empty_group_and_an_impossible_date_are_reported_at_their_fields(dated: Path) -> None:
    broken = DATED.replace("851,Region Nordjylland,2007-01-01,", "851,,2007-02-30,")
    (dated / "qms" / "data" / "regioner.csv").write_text(broken, encoding="utf-8")
    assert problems(dated) == [
        ("MEMBERS-GROUP-ROW", "qms/data/regioner.csv", 4, 5),
        ("MEMBERS-GROUP-ROW", "qms/data/regioner.csv", 4, 6),
    ]


def test_a_failing_members_file_is_reported_once(dated: Path) -> None:
    (dated / "qms" / "data" / "kommuner.csv").write_text("code,name\n101,København\n", encoding="utf-8")
    assert [d.rule for d in check(dated).diagnostics] == ["MEMBERS-CSV"]


def test_the_rules_can_be_set_to_warnings(dated: Path) -> None:
    (dated / "qms" / "data" / "regioner.csv").write_text(DATED.replace("2027-01-01", "2027-01-02"), encoding="utf-8")
    settings = dated / "qms" / "handbook.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "rules:\n  MEMBERS-GROUP-DATES: warning\n", encoding="utf-8"
    )
    result = check(dated)
    assert [(d.rule, d.severity) for d in result.diagnostics] == [("MEMBERS-GROUP-DATES", "warning")]
    assert not result.failed() and result.failed(strict=True)
