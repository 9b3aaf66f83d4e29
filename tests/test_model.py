"""The linked model: immutable, and its derived indexes (the back links) are right."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from handbook.check import check


@pytest.fixture
def hb(minimal: Path):  # type: ignore[no-untyped-def]
    return check(minimal).handbook


def test_model_is_immutable(hb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(dataclasses.FrozenInstanceError):
        hb.procedures["PR-01"].title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hb.procedures["X"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        hb.procedures["PR-01"].activities[0].raci["FSA"] = "I"  # type: ignore[index]


def test_back_links(hb) -> None:  # type: ignore[no-untyped-def]
    assert hb.requirements_by_procedure["PR-01"] == ("CAT-1",)
    assert hb.requirements_by_record["REC-01-1"] == ("CAT-1",)
    assert hb.procedures_by_record["REC-01-1"] == ("PR-01",)
    [(proc, act, letters)] = hb.activities_by_actor["KOMMUNE"]
    assert (proc.id, act.id, letters) == ("PR-01", "A1", "I")


def test_members_and_requirements(hb) -> None:  # type: ignore[no-untyped-def]
    assert [m.name for m in hb.actors["KOMMUNE"].members] == ["København", "Aalborg"]
    assert hb.requirements["CAT-2"].applicable is False
    assert hb.requirements["CAT-2"].catalogue == "CAT"
    assert hb.entries_by_requirement["CAT-1"][0].where.pointer == "/entries/0"
