"""Fixtures for the site tests: a small valid handbook copied to a temporary folder together
with the repository's real schemas, mkdocs.yml and hand-written docs/, so the tests build
exactly what production builds, but small and outside git (no edition, deterministic)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from handbook.check import CheckResult, check
from handbook.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "tests" / "examples" / "site"
TODAY = date(2026, 11, 26)


def make_handbook(target: Path) -> Path:
    shutil.copytree(EXAMPLE, target)
    shutil.copytree(REPO / "qms" / "schemas", target / "qms" / "schemas")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    return target


@pytest.fixture
def handbook_root(tmp_path: Path) -> Path:
    return make_handbook(tmp_path / "hb")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the example handbook, shared by the read-only build tests."""
    base = tmp_path_factory.mktemp("built")
    root = make_handbook(base / "hb")
    out = base / "site"
    assert main(["build", str(root), "--out", str(out), "--today", TODAY.isoformat()]) == 0
    return out


@pytest.fixture(scope="session")
def example_result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    root = make_handbook(tmp_path_factory.mktemp("model") / "hb")
    result = check(root, TODAY)
    assert not result.failed(), result.diagnostics
    return result
