"""Parallel loading gives exactly the serial result, failures included."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import loading
from handbook.check import check

from .conftest import EXAMPLES, assemble


@pytest.mark.parametrize("case", ["yaml-duplicate-key", "schema-typos-and-types", "ref-unknown"])
def test_parallel_equals_serial(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = assemble(EXAMPLES / "invalid" / case, tmp_path / "hb")
    serial = check(root)
    monkeypatch.setattr(loading, "PARALLEL_THRESHOLD", 1)
    parallel = check(root)
    assert parallel.diagnostics == serial.diagnostics
    assert parallel.handbook == serial.handbook
    assert serial.diagnostics
