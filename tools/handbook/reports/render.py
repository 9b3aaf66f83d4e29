"""A report as a file: JSON (plain data with a `format_version`), or the report's page template
rendered once into a Markdown skeleton and laid out by `exports/pdf.py` as a standalone Danish
HTML document or an A4 PDF (running header, edition, "Side X af Y", embedded fonts)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..exports.pdf import PrintDocument, document_html, render_pdf, section
from ..model import Handbook
from ..site.edition import SiteEdition
from ..site.render import render_page
from .conformity import ConformityReport

FORMATS = ("html", "pdf", "json")
STATUS_PAGE = "rapporter/status.md"  # where the status report's links are made from (not a site page)
INTERNAL_RUNNING = "INTERN"


def json_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def print_document(
    hb: Handbook, edition: SiteEdition, today: date, path: str, template: str, report: Any
) -> PrintDocument:
    """The report's page as a print document: its template rendered as the site would at `path`."""
    skeleton = render_page(hb, edition, today, path, template, report=report, title=report.title, anchor="")
    st = report.stamp
    running = f"{report.title}{f' – {INTERNAL_RUNNING}' if st.internal else ''}"
    return PrintDocument(report.title, st.edition, st.date or today.isoformat(), (section(path, skeleton, running),))


def as_bytes(doc: PrintDocument, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(doc)
    return document_html(doc).encode("utf-8")


__all__ = ["FORMATS", "ConformityReport", "as_bytes", "json_bytes", "print_document"]
