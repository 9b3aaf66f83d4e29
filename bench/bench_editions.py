"""Benchmark the editions commands, each as a fresh process (start-up included).

    .venv/bin/python bench/bench_editions.py [--procedures N]

Prints, with ratios:
1. the real handbook (a scratch clone of this repository's HEAD): `handbook release` against
   `handbook build` of the same tree (target: release within 1.2x of build);
2. a generated handbook of N procedures (bench/generate.py) in a scratch git repository:
   release against build (target 1.2x), then a second edition with 10 % of the procedures
   revised, and `handbook diff` between the two editions (target: under 2 s);
3. `handbook status` on this repository's work tree (target: under 1 s).
Nothing is released in this repository: every release runs in a scratch clone.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402  (bench/ is not a package)

ENV_GIT = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org"]


def handbook(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "handbook.cli", *args], capture_output=True, text=True, check=False)
    return time.perf_counter() - start, proc


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *ENV_GIT, "-C", str(root), *args], check=True, capture_output=True)


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def release_vs_build(root: Path, name: str, label: str, work: Path) -> None:
    t_build, built = handbook("build", str(root), "--out", str(work / f"{name}-site"))
    t_release, released = handbook("release", name, "--path", str(root))
    if built.returncode or released.returncode:
        print(f"{label}: build exited {built.returncode}, release exited {released.returncode}; no ratio")
        print((built.stdout + built.stderr + released.stdout + released.stderr)[-1500:])
        return
    print(f"{label}: build {t_build:.2f} s, release {t_release:.2f} s, ratio {t_release / t_build:.2f} (target <= 1.2)")


def real(work: Path) -> None:
    root = work / "real"
    subprocess.run(["git", "clone", "-q", str(REPO), str(root)], check=True)
    release_vs_build(root, "2099.1", "real handbook (scratch clone)", work)


def generated(work: Path, n: int) -> None:
    root = work / "gen"
    generate(root, n)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("forfatterguide.md"))
    git(root.parent, "init", "-q", "-b", "main", str(root))
    commit(root, "Syntetisk håndbog")
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    settings = root / "qms" / "handbook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"approval_baseline: {head}\n", encoding="utf-8")
    commit(root, "Regelgrundlag")
    release_vs_build(root, "2099.1", f"generated handbook, {n} procedures", work)
    for i in range(1, n + 1, 10):  # 10 %: a new revision in review, with a change note
        path = root / "qms" / "procedures" / f"PR-{i}.yaml"
        text = path.read_text(encoding="utf-8").replace("status: effective", "status: review", 1)
        text = re.sub(r"revision: 1\n", "revision: 2\n  change_note: Revideret.\n", text, count=1)
        path.write_text(text.replace("Formål", "Formålet", 1), encoding="utf-8")
    for matrix in sorted((root / "qms" / "conformity").glob("*.yaml")):
        text = matrix.read_text(encoding="utf-8")
        for i in range(1, n + 1, 10):
            text = text.replace(f"      PR-{i}: 1\n", f"      PR-{i}: 2\n")
        matrix.write_text(text, encoding="utf-8")
    commit(root, "10 % revideret")
    _, proc = handbook("release", "2099.2", "--path", str(root))
    if proc.returncode:
        print(f"second release failed: {(proc.stdout + proc.stderr)[-1500:]}")
        return
    t_diff, proc = handbook("diff", "2099.1", "2099.2", "--path", str(root), "--format", "json")
    revised = proc.stdout.count('"change": "revised"')
    print(f"diff between two editions of {n} procedures: {t_diff:.2f} s ({revised} revised documents; target < 2 s)")


def status() -> None:
    t_status, proc = handbook("status", "--path", str(REPO))
    t_check, _ = handbook("check", str(REPO))
    state = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
    print(f"status on the real handbook: {t_status:.2f} s ({state}; target < 1 s); check alone {t_check:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-editions-") as tmp:
        work = Path(tmp)
        real(work)
        generated(work, args.procedures)
    status()


if __name__ == "__main__":
    main()
