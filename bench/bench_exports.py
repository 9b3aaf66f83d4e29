"""Benchmark the exports: PDFs, spreadsheets and packs of the real handbook.

    .venv/bin/python bench/bench_exports.py [--skip-release] [--skip-pdfs]

Prints:
1. the whole handbook as one PDF (pages, seconds, seconds per page);
2. the 98 declarations as PDF, laid out on one core and on all cores, with the ratio;
3. every PDF and spreadsheet the site carries (what `release` and `build --pdf` make) on all cores;
4. in a scratch clone of this repository: `handbook release` (check, site, every PDF, archive,
   tag), then `handbook export pack` of that edition and `handbook verify` of the pack
   (target: the full pack in under 120 s on this 2-core machine, release included).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]

from handbook.check import check  # noqa: E402
from handbook.exports import documents  # noqa: E402
from handbook.exports.files import export_files  # noqa: E402
from handbook.publication import public_view  # noqa: E402
from handbook.site.downloads import DOWNLOADS  # noqa: E402
from handbook.site.edition import site_edition  # noqa: E402
from handbook.site.inforce import effective_handbook  # noqa: E402

TODAY = date(2026, 12, 1)


def handbook(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "handbook.cli", *args], capture_output=True, text=True, check=False)
    return time.perf_counter() - start, proc


def pdfs() -> None:
    result = check(REPO, TODAY)
    hb = public_view(effective_handbook(result))
    edition = site_edition(result)
    jobs = documents.pdf_jobs(hb, edition, TODAY)
    whole = next(job for job in jobs if job.name == DOWNLOADS.handbook_pdf)
    start = time.perf_counter()
    data = documents.render_all([whole])[whole.name]
    t_whole = time.perf_counter() - start
    pages = len(PdfReader(_temp(data)).pages)
    print(f"whole handbook PDF: {pages} pages in {t_whole:.1f} s ({t_whole / pages:.2f} s per page)")
    cores = os.cpu_count() or 1
    declarations = [job for job in jobs if job.name.endswith("/erklaering.pdf")]
    start = time.perf_counter()
    for job in declarations:
        documents.render_all([job])  # one job at a time: one core
    t_serial = time.perf_counter() - start
    start = time.perf_counter()
    documents.render_all(declarations)
    t_parallel = time.perf_counter() - start
    print(
        f"{len(declarations)} declarations as PDF: one core {t_serial:.1f} s, {cores} cores {t_parallel:.1f} s "
        f"(ratio {t_serial / t_parallel:.2f}; {t_parallel / len(declarations):.2f} s each)"
    )
    start = time.perf_counter()
    files = export_files(hb, edition, TODAY)
    t_all = time.perf_counter() - start
    print(f"every export of the site ({len(jobs)} PDFs, {len(files) - len(jobs)} spreadsheets) on {cores} cores: {t_all:.1f} s")


def _temp(data: bytes) -> Path:
    handle, name = tempfile.mkstemp(suffix=".pdf")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    return Path(name)


def release_and_pack(work: Path) -> None:
    root = work / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(root)], check=True)
    t_release, proc = handbook("release", "2099.1", "--path", str(root))
    if proc.returncode:
        print(f"release refused: {(proc.stdout + proc.stderr)[-1500:]}")
        return
    pack = work / "pakke.zip"
    t_pack, proc = handbook("export", "pack", "2099.1", "--out", str(pack), "--path", str(root))
    t_verify, check_proc = handbook("verify", str(pack), "--path", str(root))
    state = "intact" if check_proc.returncode == 0 else f"FAILED: {check_proc.stderr[-500:]}"
    size = pack.stat().st_size / 1e6 if pack.exists() else 0.0
    total = t_release + t_pack
    print(f"release of the real handbook (site, every PDF, archive, tag): {t_release:.1f} s")
    print(f"export pack: {t_pack:.1f} s ({size:.1f} MB); verify {t_verify:.1f} s ({state})")
    print(f"full pack from a clean tree, release included: {total:.1f} s (target < 120 s)")
    one = work / "laesoe.zip"
    t_one, proc = handbook("export", "municipality", "825", "--out", str(one), "--path", str(root))
    t_check, check_one = handbook("verify", str(one), "--path", str(root))
    state = "intact" if proc.returncode == 0 and check_one.returncode == 0 else f"FAILED: {(proc.stderr + check_one.stderr)[-500:]}"
    print(f"one municipality's pack (Læsø): {t_one:.1f} s, verify {t_check:.1f} s ({state}; target < 10 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--skip-release", action="store_true", help="only the PDF figures")
    parser.add_argument("--skip-pdfs", action="store_true", help="only release, packs and verify")
    args = parser.parse_args()
    if not args.skip_pdfs:
        pdfs()
    if not args.skip_release:
        with tempfile.TemporaryDirectory(prefix="bench-exports-") as tmp:
            release_and_pack(Path(tmp))


if __name__ == "__main__":
    main()
