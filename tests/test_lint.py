"""Style and types are part of the build: ruff is clean on every source folder, and mypy (strict)
on the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is a test dependency (pip install -e '.[test]')"
    return found


def test_ruff_is_clean_on_every_source_folder() -> None:
    proc = subprocess.run([_tool("ruff"), "check", "."], cwd=REPO, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_covers_the_package_site_module_and_site_tests() -> None:
    """The root's build outputs are excluded, not every folder that happens to be called site."""
    proc = subprocess.run(
        [_tool("ruff"), "check", "--show-files", "."], cwd=REPO, capture_output=True, text=True, check=False
    )
    listed = proc.stdout
    assert "tools/handbook/site/render.py" in listed and "tests/site/test_build.py" in listed


def test_mypy_is_clean_on_the_package() -> None:
    proc = subprocess.run([_tool("mypy")], cwd=REPO, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues found" in proc.stdout
