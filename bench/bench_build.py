"""Benchmark `handbook build`.

    .venv/bin/python bench/bench_build.py [--procedures N] [--commits C]

Prints:
1. build time of the real handbook (check + render + mkdocs), whatever its check result;
2. for a generated handbook of N procedures (bench/generate.py): the time of `handbook build`
   against a plain `mkdocs build` of the same generated Markdown (target ratio <= 1.3);
3. the git-history step (one `git log --raw` pass and one cat-file batch) against one raw `git log --raw` pass,
   on a synthetic repository of C commits;
4. the navigation settings that keep a large build linear.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402  (bench/ is not a package)

from handbook.check import check  # noqa: E402
from handbook.history import read_history  # noqa: E402
from handbook.model import DEFAULT_SETTINGS  # noqa: E402
from handbook.site.build import build_site  # noqa: E402
from handbook.site.edition import site_edition  # noqa: E402
from handbook.site.nav import describe as describe_nav  # noqa: E402
from handbook.site.render import write_build  # noqa: E402

TODAY = date(2026, 11, 26)


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def real_handbook(work: Path) -> None:
    start = time.perf_counter()
    result = check(REPO, TODAY)
    t_check = time.perf_counter() - start
    outcome = build_site(result, work / "real-site")
    total = time.perf_counter() - start
    state = "passes" if not result.failed() else f"FAILS with {result.errors} errors (built anyway for timing)"
    print(f"real handbook: {outcome.pages} pages, check {t_check:.2f} s, full build {total:.2f} s; check {state}")


def generated(work: Path, n: int) -> None:
    root = work / "gen"
    generate(root, n)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # The authoring guide links to real procedures (PR-02...), which a synthetic handbook lacks.
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("forfatterguide.md"))
    # Both sides run as fresh processes, so neither profits from the other's warm imports
    # and template caches: the ratio is our whole overhead over the builder alone.
    cmd = [
        sys.executable,
        "-m",
        "handbook.cli",
        "build",
        str(root),
        "--out",
        str(work / "gen-site"),
        "--today",
        TODAY.isoformat(),
    ]
    t_hb, proc = timed(run, cmd)
    if proc.returncode != 0:
        print(f"generated handbook: handbook build exited {proc.returncode}; no ratio")
        return
    # The same Markdown, rendered once, then built by mkdocs alone.
    result = check(root, TODAY)
    render_dir = work / "gen-render"
    render_dir.mkdir()
    config = write_build(root, result.handbook, site_edition(result), TODAY, render_dir)
    plain = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "gen-plain-site")]
    t_mk, plain_proc = timed(run, plain)
    if plain_proc.returncode != 0:
        print(f"plain mkdocs build failed: {plain_proc.stderr[-500:]}")
        return
    pages = sum(1 for _ in (work / "gen-site").rglob("*.html"))
    t_check, _ = timed(check, root, TODAY)
    print(
        f"generated handbook: {n} procedures, {pages} pages: handbook build {t_hb:.2f} s "
        f"(check {t_check:.2f} s), plain mkdocs build {t_mk:.2f} s, ratio {t_hb / t_mk:.2f} (target <= 1.3)"
    )


def history(work: Path, commits: int) -> None:
    import git

    root = work / "git"
    repo = git.Repo.init(root)
    (root / "qms" / "procedures").mkdir(parents=True)
    actor = git.Actor("Bench", "bench@example.org")
    for i in range(commits):
        files = [f"qms/procedures/PR-{(i * 7 + k) % 1000}.yaml" for k in range(3)]
        for rel in files:
            (root / rel).write_text(f"id: {i}\n", encoding="utf-8")
        repo.index.add(files)
        repo.index.commit(f"Ændring {i}", author=actor, committer=actor)
    t_ours, found = timed(read_history, root, DEFAULT_SETTINGS)
    start = time.perf_counter()
    subprocess.run(["git", "log", "--raw", "--", "qms"], cwd=root, check=True, capture_output=True)
    t_raw = time.perf_counter() - start
    n_commits = len(found.log.commits) if found.log else 0
    print(
        f"git history: {n_commits} commits: read_history {t_ours * 1000:.0f} ms, "
        f"raw git log --raw {t_raw * 1000:.0f} ms, ratio {t_ours / t_raw:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=500)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp)
        real_handbook(work)
        generated(work, args.procedures)
        history(work, args.commits)
    print(describe_nav())


if __name__ == "__main__":
    main()
