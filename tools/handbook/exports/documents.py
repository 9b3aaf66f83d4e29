"""Which PDFs the handbook has, made from its pages: one per procedure, the whole handbook, and
the traceability matrix (more kinds of document add themselves here as they get pages). All are
made from the public view of the handbook in force, rendered once, and laid out in parallel over
the machine's cores (WeasyPrint's layout is the slow part and each PDF is independent)."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import Handbook
from ..municipal import municipalities
from ..site import paths
from ..site.downloads import DOWNLOADS
from ..site.edition import SiteEdition
from ..site.render import render_pages
from .pdf import PrintDocument, Section, render_pdf, section

# The whole handbook on paper: the pages one reads through, in reading order. Requirement, record
# and actor pages are reference pages, reached from these; they have their own addresses online.
WHOLE_HANDBOOK_SECTIONS = ("procedure", "hazard", "risk", "device")


@dataclass(frozen=True)
class PdfJob:
    name: str  # path of the PDF in the output, e.g. "pdf/procedures/PR-01.pdf"
    document: PrintDocument


def pdf_jobs(hb: Handbook, edition: SiteEdition, today: date) -> list[PdfJob]:
    """Every PDF of the handbook `hb` (already the public view in force) as a job to render."""
    pages = render_pages(hb, edition, today, [])
    label, when = edition.id.text, edition.id.date or today.isoformat()

    def running(path: str) -> str:
        return _running(hb, path)

    def doc(title: str, paths_: Iterable[str]) -> PrintDocument:
        return PrintDocument(title, label, when, tuple(section(p, pages[p], running(p)) for p in paths_))

    jobs = [
        PdfJob(DOWNLOADS.procedure_pdf(p.id), doc(f"{p.id} {p.title}", [paths.page("procedure", p.id)]))
        for p in sorted(hb.procedures.values(), key=lambda p: p.id)
    ]
    jobs.append(PdfJob(DOWNLOADS.matrix_pdf, doc("Sporbarhedsmatrix", [paths.TRACEABILITY])))
    jobs.append(PdfJob(DOWNLOADS.gaps_pdf, doc("Register over huller", [paths.GAPS])))
    jobs.append(PdfJob(DOWNLOADS.conformity_pdf, doc("Overensstemmelsesrapport", [paths.CONFORMITY_REPORT])))
    jobs.append(PdfJob(DOWNLOADS.handbook_pdf, doc(hb.settings.title, _whole_handbook(hb, pages))))
    for m in municipalities(hb, date.fromisoformat(when)):
        for use, page in _municipal_pages(m.code):
            if page in pages:
                title = f"{MUNICIPAL_TITLES[use]} – {m.name} (kommunekode {m.code})"
                header = f"{MUNICIPAL_TITLES[use].split(' efter ')[0]} – {m.name} ({m.code})"
                document = PrintDocument(title, label, when, (section(page, pages[page], header),))
                jobs.append(PdfJob(DOWNLOADS.municipal_pdf(m.code, use), document))
    return jobs


# What each of a municipality's PDFs is called in its title and running header.
MUNICIPAL_TITLES = {
    "checklist": "Tjekliste og status",
    "declaration": "Erklæring efter MDR art. 5, stk. 5, litra e",
    "inspection-folder": "Tilsynsmappe",
    "local-annex": "Lokalt bilag",
}


def _municipal_pages(code: str) -> list[tuple[str, str]]:
    """(use, page) for a municipality's page and the documents made for it."""
    return [("checklist", paths.municipality(code))] + [
        (use, paths.municipal_document(code, use)) for use in sorted(paths.MUNICIPAL_DOCUMENTS)
    ]


def municipal_files(code: str) -> list[str]:
    """The addresses of one municipality's PDFs in a site (what its pack holds)."""
    return [DOWNLOADS.municipal_pdf(code, use) for use, _ in _municipal_pages(code)]


def _whole_handbook(hb: Handbook, pages: Mapping[str, str]) -> list[str]:
    order = [paths.INDEX, paths.RACI, paths.TRACEABILITY]
    for kind in WHOLE_HANDBOOK_SECTIONS:
        index = paths.section_index(kind)
        if index in pages:
            order.append(index)
            order += sorted(p for p in pages if p.startswith(index.removesuffix("index.md")) and p != index)
    return [p for p in order if p in pages]


def _running(hb: Handbook, path: str) -> str:
    """The running header of a page: a controlled document's id and revision, else its address."""
    ident = path.rsplit("/", 1)[-1].removesuffix(".md")
    for docs in hb.documents.values():
        doc: Any = docs.get(ident)
        control = getattr(doc, "control", None)
        if control is not None:
            return f"{ident} rev. {control.revision}"
    return ident if ident != "index" else path.removesuffix("/index.md").removesuffix(".md")


def render_all(jobs: list[PdfJob], progress: Callable[[str], None] | None = None) -> dict[str, bytes]:
    """Render every job, in parallel where there are several cores and several jobs."""
    workers = min(os.cpu_count() or 1, 8, len(jobs))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {job.name: _render(job, progress) for job in jobs}
    context = multiprocessing.get_context("fork")
    # The biggest documents first, so the pool does not wait for one long job at the end.
    ordered = sorted(jobs, key=lambda j: -sum(len(s.html) for s in j.document.sections))
    out: dict[str, bytes] = {}
    # Frozen objects are left alone by the collector: a forked worker would otherwise scan, and so
    # copy, the parent's whole heap (the model and every rendered page) on each collection.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            try:
                for job, pdf in zip(ordered, pool.map(_render_one, ordered), strict=True):
                    out[job.name] = pdf
                    if progress:
                        progress(job.name)
            except BaseException:  # Ctrl+C, SIGTERM, a failed job: stop now, not after every PDF
                pool.shutdown(wait=False, cancel_futures=True)
                for worker in multiprocessing.active_children():  # the pool's workers: nothing else forks here
                    worker.terminate()
                raise
    finally:
        gc.unfreeze()
    return dict(sorted(out.items()))


def _render(job: PdfJob, progress: Callable[[str], None] | None) -> bytes:
    pdf = render_pdf(job.document)
    if progress:
        progress(job.name)
    return pdf


def _render_one(job: PdfJob) -> bytes:
    return render_pdf(job.document)


__all__ = ["PdfJob", "Section", "pdf_jobs", "render_all"]
