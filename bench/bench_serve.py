"""Benchmark `handbook serve`: the time from saving an edited YAML file to the preview serving
the changed page, on a copy of the real handbook and on a synthetic one of N procedures.

    python bench/bench_serve.py [--procedures 1000] [--edits 5]

Each run starts `handbook serve` as a fresh process on a free port, waits for the first page,
then edits one procedure's purpose (a new word each time; a revision in review, which the preview
shows as written) and polls the procedure's page over
HTTP every 20 ms until it shows the word. The figure printed is that wait, per edit, with the
median; the browser's reload after it (mkdocs livereload) is not included. The first edit is
reported apart (templates are compiled then).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

TODAY = "2026-11-26"
POLL = 0.02
TIMEOUT = 180.0  # one edit
READY_TIMEOUT = 1800.0  # the first full build of a large handbook


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        response = conn.getresponse()
        return response.read().decode("utf-8", "replace") if response.status == 200 else ""
    finally:
        conn.close()


def wait_for(port: int, path: str, word: str, proc: subprocess.Popen[bytes], timeout: float = TIMEOUT) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"serve exited with {proc.returncode}")
        try:
            if word in fetch(port, path):
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(POLL)
    raise SystemExit(f"{path} did not show {word!r} within {timeout:.0f} s")


def measure(root: Path, procedure: Path, page: str, edits: int, label: str) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "tools")}
    cmd = [sys.executable, "-m", "handbook.cli", "serve", str(root), "--port", str(port), "--today", TODAY]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.perf_counter()
        wait_for(port, "/index.html", "<html", proc, READY_TIMEOUT)
        ready = time.perf_counter() - started
        original = procedure.read_text(encoding="utf-8")
        times = []
        for n in range(edits + 1):
            word = f"Benchmarkord{n}x{int(time.time())}"
            text = original.replace("\npurpose: ", f"\npurpose: {word} ", 1)
            assert text != original, f"{procedure} has no purpose line to edit"
            time.sleep(0.5)  # let the watcher settle between edits
            procedure.write_text(text, encoding="utf-8")
            times.append(wait_for(port, page, word, proc))
        first, rest = times[0], times[1:]
        print(
            f"{label}: ready in {ready:.1f} s; first edit {first:.2f} s; next {len(rest)} edits "
            f"{', '.join(f'{t:.2f}' for t in rest)} s; median {statistics.median(rest):.2f} s (target < 2 s)"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def real(work: Path, edits: int) -> None:
    root = work / "real"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(root)], check=True)
    measure(root, root / "qms" / "procedures" / "PR-08.yaml", "/procedures/PR-08.html", edits, "real handbook")


def synthetic(work: Path, n: int, edits: int) -> None:
    root = work / "gen"
    generate(root, n)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("forfatterguide.md"))
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    git = ["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "synthetic handbook"], check=True)
    # The synthetic approvals predate the approval rules (one author made them all), as in
    # bench_editions.py; the procedure to edit is a new revision in review, as an author's would be.
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    settings = root / "qms" / "handbook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"approval_baseline: {head}\n", encoding="utf-8")
    target = n // 2
    path = root / "qms" / "procedures" / f"PR-{target}.yaml"
    text = path.read_text(encoding="utf-8").replace("status: effective", "status: review", 1)
    path.write_text(re.sub(r"revision: 1\n", "revision: 2\n  change_note: Revideret.\n", text, count=1), encoding="utf-8")
    for matrix in sorted((root / "qms" / "conformity").glob("*.yaml")):
        matrix.write_text(matrix.read_text(encoding="utf-8").replace(f"      PR-{target}: 1\n", f"      PR-{target}: 2\n"), encoding="utf-8")
    subprocess.run([*git, "commit", "-q", "-a", "-m", "approval baseline; a revision in review"], check=True)
    measure(root, root / "qms" / "procedures" / f"PR-{target}.yaml", f"/procedures/PR-{target}.html", edits, f"{n} procedures")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        work = Path(tmp)
        real(work, args.edits)
        if args.procedures:
            synthetic(work, args.procedures, args.edits)


if __name__ == "__main__":
    main()
