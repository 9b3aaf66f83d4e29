"""The files a site carries besides its pages when asked (`build --pdf`, always on `release`): the
PDFs and the spreadsheets, at fixed addresses the pages link to."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from ..model import Handbook
from ..site.downloads import DOWNLOADS
from ..site.edition import SiteEdition
from ..site.views import Views
from . import documents, sheets


def export_files(
    hb: Handbook, edition: SiteEdition, today: date, progress: Callable[[str], None] | None = None
) -> dict[str, bytes]:
    """Address in the site → bytes, for `hb` (the public view of the handbook in force)."""
    when = _moment(edition, today)
    views = Views(hb, edition.id, today)
    tables = sheets.matrix_tables(hb, views)
    out = {
        DOWNLOADS.matrix_xlsx: sheets.xlsx(tables, f"{hb.settings.title} – sporbarhedsmatrix", when),
        DOWNLOADS.matrix_csv: sheets.csv_bytes(sheets.joined(tables[1:], "Sporbarhed")),
    }
    out.update(documents.render_all(documents.pdf_jobs(hb, edition, today), progress))
    return dict(sorted(out.items()))


def _moment(edition: SiteEdition, today: date) -> datetime:
    """The edition's date as a fixed moment (document properties never hold the time of export)."""
    day = date.fromisoformat(edition.id.date) if edition.id.date else today
    return datetime(day.year, day.month, day.day, tzinfo=UTC).replace(tzinfo=None)
