"""Benchmark `handbook check`: time and peak memory on synthetic handbooks and the real one.

    .venv/bin/python bench/bench_check.py [--sizes 100,1000,10000]

Each figure is a fresh `handbook check` process (start-up included), best of 3 runs.
Peak memory is the check process's maximum resident set size plus that of its largest
worker process (a conservative upper bound, as if both peaked at once). Targets (2-core machine): 10,000
procedures in under 5 s and 500 MB; the real handbook in under 1 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

REPO = Path(__file__).resolve().parents[1]
HANDBOOK = [sys.executable, "-m", "handbook.cli", "check"]


def run_once(root: Path) -> tuple[float, float, str]:
    """Wall time (s), peak RSS (MB) and summary line of one `handbook check` process."""
    script = (
        "import resource, runpy, sys; sys.argv=['handbook']+sys.argv[1:]\n"
        "try:\n    runpy.run_module('handbook.cli', run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    rss = [resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]\n"
        "    print('RSS', *rss, file=sys.stderr); raise\n"
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", script, "check", str(root)], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    # Parent and (largest) worker process: with parallel loading both hold data at once.
    parent_kb, child_kb = next(
        map(int, line.split()[1:]) for line in proc.stderr.splitlines() if line.startswith("RSS ")
    )
    rss_kb = parent_kb + child_kb
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    return elapsed, rss_kb / 1024, summary


def best_of(root: Path, runs: int = 3) -> tuple[float, float, str]:
    results = [run_once(root) for _ in range(runs)]
    best = min(results, key=lambda r: r[0])
    return best[0], max(r[1] for r in results), best[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    print(f"{'handbook':>22} {'files':>7} {'time s':>8} {'peak MB':>8} {'s/1k files':>10}  summary")
    real_t, real_m, real_s = best_of(REPO)
    files = len(list((REPO / "qms").rglob("*.yaml")))
    print(f"{'real (this repo)':>22} {files:>7} {real_t:>8.2f} {real_m:>8.0f} {real_t / files * 1000:>10.2f}  {real_s}")
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            root = Path(tmp) / f"hb{n}"
            generate(root, n)
            files = len(list((root / "qms").rglob("*.yaml")))
            t, m, s = best_of(root, 3 if n < 10000 else 2)
            ratio = f"  x{t / previous[1]:.1f} time for x{n / previous[0]:.0f} size" if previous else ""
            print(f"{f'{n:,} procedures':>22} {files:>7} {t:>8.2f} {m:>8.0f} {t / files * 1000:>10.2f}  {s}{ratio}")
            previous = (n, t)


if __name__ == "__main__":
    main()
