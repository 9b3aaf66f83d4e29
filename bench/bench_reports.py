"""Benchmark `handbook report`, each as a fresh process (start-up included), on this repository.

    .venv/bin/python bench/bench_reports.py [--since REF]

Prints the time of `handbook status` (the reference: the same check and figures), the
conformity report as JSON, HTML and PDF, the conformity report of HEAD through --edition (a
temporary shared clone), and the status report since REF (default HEAD~3) as JSON and PDF, each
with its ratio to `handbook status`. Outputs go to a temporary folder.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def handbook(*args: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "handbook.cli", *args], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"handbook {' '.join(args)} failed: {proc.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--since", default="HEAD~3")
    args = parser.parse_args()
    path = ("--path", str(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        base = handbook("status", *path, "--format", "json")
        runs = {
            "report conformity --format json": handbook("report", "conformity", *path, "--format", "json"),
            "report conformity --format html": handbook("report", "conformity", *path, "--format", "html"),
            "report conformity --format pdf": handbook(
                "report", "conformity", *path, "--format", "pdf", "--out", str(out / "c.pdf")
            ),
            "report conformity --edition HEAD (json)": handbook(
                "report", "conformity", *path, "--edition", "HEAD", "--format", "json"
            ),
            f"report status --since {args.since} (json)": handbook(
                "report", "status", *path, "--since", args.since, "--format", "json"
            ),
            f"report status --since {args.since} (pdf)": handbook(
                "report", "status", *path, "--since", args.since, "--format", "pdf", "--out", str(out / "s.pdf")
            ),
        }
    print(f"{'handbook status --format json':45} {base:7.2f} s   1.00x")
    for name, seconds in runs.items():
        print(f"{name:45} {seconds:7.2f} s {seconds / base:6.2f}x")


if __name__ == "__main__":
    main()
