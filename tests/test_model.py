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
    assert [m.name for m in hb.members["KOMMUNE"]] == ["København", "Aalborg"]
    assert hb.actors["KOMMUNE"].members.csv == "data/kommuner.csv"
    assert hb.requirements["CAT-2"].applicable is False
    assert hb.requirements["CAT-2"].catalogue == "CAT"
    assert hb.entries_by_requirement["CAT-1"][0].where.pointer == "/entries/0"


def test_catalogue_order_from_settings(minimal: Path) -> None:
    (minimal / "qms" / "catalogues" / "AAA.yaml").write_text(
        "id: AAA\nkind: catalogue\nconfidentiality: public\ntitle: Først alfabetisk\nsource: Eksempel\nrequirements:\n"
        "  - id: AAA-1\n    ref: Pkt. 1\n    title: Krav\n    applicable: false\n    justification: Ikke relevant her.\n",
        encoding="utf-8",
    )
    assert [c.id for c in check(minimal).handbook.ordered_catalogues] == ["AAA", "CAT"]
    settings = minimal / "qms" / "handbook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "catalogue_order: [CAT, NOPE]\n", encoding="utf-8")
    result = check(minimal)
    assert [c.id for c in result.handbook.ordered_catalogues] == ["CAT", "AAA"]
    assert [(d.rule, d.line) for d in result.diagnostics] == [("REF-UNKNOWN", 6)]
